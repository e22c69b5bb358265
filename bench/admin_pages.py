"""How fast are the admin's list pages and the Training quality page with 100,000 examples?

Builds a throw-away SQLite database (never the project's) in a temporary directory, fills it with N
examples (bulk_create) spread over runs, users, genres, outcomes, winning models and two months, each
with a quality breakdown and three ensemble candidates like the pipeline writes. Then it times each page
through Django's full request stack as a logged-in staff member: the example list (plain, filtered,
searched), the run list, the quality page (all, one user and a date range), and one example's page.

Prints one JSON line: per page the median and worst wall time in milliseconds over the repeats, the
number of SQL queries of one request, and the response size.

    .venv/bin/python -m bench.admin_pages [--examples 100000] [--repeats 5] [--users 200]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TypedDict

GENRES = ("fantasy", "dark_fantasy", "sci_fi", "mystery", "horror", "romance", "adventure", "thriller")
MODELS = ("llama3.1", "qwen2.5", "mistral-nemo")
# (status, reject_reason, share): roughly what a run against real models ends with.
OUTCOMES = (
    ("kept", "", 0.80),
    ("rejected", "low_quality", 0.12),
    ("rejected", "duplicate", 0.05),
    ("rejected", "generation_error", 0.02),
    ("rejected", "cancelled", 0.01),
)
PASSAGE = (
    "The lantern swung in the wind as she crossed the old bridge, its light catching the silver edge of "
    'the river below. "You came back," a voice said from the dark, soft and familiar. She stopped, her '
    "heart racing, and for a long moment neither of them moved. Somewhere in the valley a bell began to "
    "ring, slow and heavy, as if counting the years she had been gone. "
)


def _setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zega.settings")
    # Timed as production runs: no debug cursor recording every query, no debug templates.
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "admin-pages-bench-only")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _outcome(rng: random.Random) -> tuple[str, str]:
    x = rng.random()
    for status, reason, share in OUTCOMES:
        if x < share:
            return status, reason
        x -= share
    return OUTCOMES[0][0], OUTCOMES[0][1]


class Filled(TypedDict):
    staff_id: int
    fill_seconds: float


def _fill(*, examples: int, users: int, per_run: int, seed: int) -> Filled:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from autotrain.models import TrainingExample, TrainingRun

    rng = random.Random(seed)
    User = get_user_model()
    started = time.perf_counter()
    with transaction.atomic():
        User.objects.bulk_create([User(username=f"writer{i:04d}", password="!") for i in range(users)])
        user_ids = list(User.objects.values_list("id", flat=True))
        staff = User.objects.create(username="reviewer", is_staff=True, password="!")
        runs = [
            TrainingRun(
                user_id=user_ids[i % len(user_ids)],
                status=TrainingRun.Status.SUCCEEDED,
                num_examples=per_run,
                seed=i,
                chunk_size=25,
                quality_threshold=7.0,
            )
            for i in range(-(-examples // per_run))
        ]
        TrainingRun.objects.bulk_create(runs, batch_size=1000)
        batch: list[TrainingExample] = []
        for n in range(examples):
            run = runs[n // per_run]
            status, reason = _outcome(rng)
            scored = reason not in ("generation_error", "cancelled")
            score = round(rng.uniform(7.0, 9.3), 2) if status == "kept" else round(rng.uniform(0.0, 6.9), 2)
            if reason == "duplicate":
                score = round(rng.uniform(7.0, 9.3), 2)
            text = (PASSAGE * rng.randint(1, 2)).strip() if scored else ""
            winner = rng.choice(MODELS) if scored else ""
            batch.append(
                TrainingExample(
                    run=run,
                    user_id=run.user_id,
                    index=n % per_run,
                    genre=rng.choice(GENRES),
                    prompt="A traveller returns to the village she fled as a child",
                    style_modifier="Use vivid sensory details",
                    seed=n,
                    status=status,
                    reject_reason=reason,
                    reject_detail="refusal or meta-talk" if reason == "low_quality" else "",
                    text=text,
                    quality_score=score if scored else None,
                    quality_breakdown={"base": 7.0, "length": 1.0, "sentences": 0.5, "dialogue": 0.3}
                    if scored
                    else {},
                    candidates=[
                        {"model": m, "text": text, "score": score, "error": None, "latency": 0.8}
                        for m in MODELS
                    ]
                    if scored
                    else [],
                    votes={m: score for m in MODELS} if scored else {},
                    winning_model=winner,
                    char_count=len(text),
                    sentence_count=4,
                    has_dialogue=True,
                )
            )
            if len(batch) >= 5000:
                TrainingExample.objects.bulk_create(batch)
                batch.clear()
        TrainingExample.objects.bulk_create(batch)
        # Spread the examples over two months (auto_now_add stamped them all "now").
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE autotrain_trainingexample SET created_at = "
                "strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || (id % 60) || ' days')"
            )
    return {"staff_id": staff.pk, "fill_seconds": round(time.perf_counter() - started, 2)}


def _time_pages(*, staff_id: int, repeats: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from autotrain.models import TrainingExample, TrainingRun

    client = Client()
    client.force_login(get_user_model().objects.get(pk=staff_id))
    examples = reverse("admin:autotrain_trainingexample_changelist")
    quality = reverse("admin:autotrain_training_quality")
    some_example = TrainingExample.objects.filter(status="kept").order_by("-id").first()
    some_run = TrainingRun.objects.order_by("-created_at").first()
    if some_example is None or some_run is None:
        raise SystemExit("the database has no kept example or no run to open")
    pages = {
        "example_list": examples,
        "example_list_filtered": f"{examples}?genre=fantasy&outcome=training&quality=8-9&user=writer0007",
        "example_list_search": f"{examples}?q=lantern+swung",
        "example_list_page_50": f"{examples}?p=50",
        "example_detail": reverse("admin:autotrain_trainingexample_change", args=[some_example.pk]),
        "run_list": reverse("admin:autotrain_trainingrun_changelist"),
        "run_detail": reverse("admin:autotrain_trainingrun_change", args=[some_run.pk]),
        "quality_page": quality,
        "quality_page_filtered": f"{quality}?user=writer0007&date_from=2000-01-01&date_to=2100-01-01",
    }
    results = {}
    for name, url in pages.items():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        # Read now: the next request's start clears the connection's query log.
        query_count = len(queries.captured_queries)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "median_ms": round(statistics.median(timings), 1),
            "max_ms": round(max(timings), 1),
            "queries": query_count,
            "bytes": len(response.content),
        }
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--per-run", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--keep", type=Path, help="a database file to fill once and reuse on later runs (default: a temp one)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zega-admin-bench-") as tmp:
        database = args.keep or Path(tmp) / "bench.sqlite3"
        reuse = database.exists()
        _setup_django(database)
        if reuse:
            from django.contrib.auth import get_user_model

            filled: Filled = {
                "staff_id": get_user_model().objects.get(username="reviewer").pk,
                "fill_seconds": 0.0,
            }
        else:
            filled = _fill(examples=args.examples, users=args.users, per_run=args.per_run, seed=args.seed)
        pages = _time_pages(staff_id=filled["staff_id"], repeats=args.repeats)
        from autotrain.models import TrainingExample

        examples = TrainingExample.objects.count()
    print(
        json.dumps(
            {
                "bench": "admin_pages",
                "examples": examples,
                "users": args.users,
                "runs": -(-examples // args.per_run),
                "fill_seconds": filled["fill_seconds"],
                "pages": pages,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
