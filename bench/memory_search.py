"""How fast is `GET /memory/search` for a user with 10,000 memory entries? (Target: under 50 ms.)

Builds a throw-away SQLite database (never the project's), fills one user's memory with N stored
examples of the offline writer, embedded by the configured embedder (the offline `hashing` one by
default), plus a second user's (smaller) memory that must stay out of the results. Then it
times the endpoint through Django's full request stack (authentication, validation, embedding the
query, numpy over the user's vectors, serialisation), and the search function alone.

Prints one JSON line: timings in milliseconds for the first (cold: loads the matrix) and the following
(warm) requests, and whether the p95 met the target.

    .venv/bin/python -m bench.memory_search [--entries 10000] [--requests 200] [--k 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TARGET_MS = 50.0
QUERIES = (
    "a dragon circling the wizard's tower",
    "a detective finds a clue in the locked room",
    "starship crew hears a signal from a dead planet",
    "lovers meet again at the harbour in the rain",
    "something is scratching behind the cellar door",
    "the heist goes wrong in the parking garage",
)


def _setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zega.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Production settings (debug off) on a throw-away database: they require a key, any will do.
    os.environ.setdefault("DJANGO_SECRET_KEY", "memory-search-bench-only-" + "x" * 30)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _fill(*, username: str, entries: int, seed: int) -> User:
    from django.contrib.auth import get_user_model

    from autotrain import catalog, embeddings
    from autotrain.llm.offline import write_story
    from autotrain.models import MemoryEntry, TrainingExample, TrainingRun

    user = get_user_model().objects.create(username=username)
    run = TrainingRun.objects.create(
        user=user, num_examples=entries, seed=seed, chunk_size=50, quality_threshold=7.0, store_in_memory=True
    )
    items = catalog.plan_items(seed=seed, num_examples=entries, genres=[])
    examples = [
        TrainingExample(
            run=run,
            user=user,
            index=item.index,
            genre=item.genre,
            prompt=item.prompt,
            style_modifier=item.style_modifier,
            seed=item.seed,
            status=TrainingExample.Status.KEPT,
            text=write_story(
                genre=item.genre, prompt=item.prompt, style_modifier=item.style_modifier, seed=item.seed
            ),
            quality_score=8.0,
        )
        for item in items
    ]
    TrainingExample.objects.bulk_create(examples, batch_size=500)
    embedder = embeddings.get_embedder()
    rows = list(TrainingExample.objects.filter(run=run).order_by("id").values_list("id", "text"))
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        vectors = embedder.embed([text for _, text in chunk])
        MemoryEntry.objects.bulk_create(
            [
                MemoryEntry(
                    user=user,
                    example_id=pk,
                    text=text,
                    embedder=embedder.name,
                    dimension=int(vectors.shape[1]),
                    embedding=embeddings.to_bytes(vectors[i]),
                )
                for i, (pk, text) in enumerate(chunk)
            ]
        )
    TrainingRun.objects.filter(id=run.id).update(stored_in_memory_count=len(rows), status="succeeded")
    return user


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _summary(samples: list[float]) -> dict:
    return {
        "mean": round(statistics.fmean(samples), 2),
        "p50": round(_percentile(samples, 0.50), 2),
        "p95": round(_percentile(samples, 0.95), 2),
        "max": round(max(samples), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--other-entries", type=int, default=1_000, help="the second user's memory")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="zega-bench-memory-") as folder:
        _setup_django(Path(folder) / "bench.sqlite3")
        from django.conf import settings
        from rest_framework.authtoken.models import Token
        from rest_framework.test import APIClient

        from autotrain import embeddings, selectors
        from autotrain.models import MemoryEntry

        started = time.perf_counter()
        user = _fill(username="bench-reader", entries=args.entries, seed=1)
        _fill(username="bench-other", entries=args.other_entries, seed=2)
        fill_seconds = time.perf_counter() - started

        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

        def request(query: str) -> tuple[float, dict]:
            began = time.perf_counter()
            response = client.get("/memory/search", {"q": query, "k": args.k})
            elapsed = (time.perf_counter() - began) * 1000
            if response.status_code != 200:
                raise SystemExit(
                    f"/memory/search answered {response.status_code}: {response.content[:300]!r}"
                )
            return elapsed, response.json()

        cold, body = request(QUERIES[0])
        warm: list[float] = []
        for i in range(args.requests):
            elapsed, body = request(QUERIES[i % len(QUERIES)])
            warm.append(elapsed)
            assert len(body["results"]) == min(args.k, args.entries), body
        own = set(MemoryEntry.objects.filter(user=user).values_list("example_id", flat=True))
        assert all(r["example_id"] in own for r in body["results"]), "another user's entry came back"

        direct: list[float] = []
        for i in range(args.requests):
            began = time.perf_counter()
            selectors.memory_search(user_id=user.pk, query=QUERIES[i % len(QUERIES)], k=args.k)
            direct.append((time.perf_counter() - began) * 1000)

        report = {
            "bench": "memory_search",
            "embedder": embeddings.get_embedder().name,
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "entries_per_user": args.entries,
            "other_user_entries": args.other_entries,
            "k": args.k,
            "requests": args.requests,
            "fill_seconds": round(fill_seconds, 1),
            "http_cold_ms": round(cold, 2),
            "http_warm_ms": _summary(warm),
            "search_function_ms": _summary(direct),
            "target_ms": TARGET_MS,
            "meets_target": _percentile(warm, 0.95) < TARGET_MS,
        }
    print(json.dumps(report), flush=True)
    return 0 if report["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
