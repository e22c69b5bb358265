"""Scenarios 1-3: limited by the LLM backend, not by ourselves.

The backend is the loopback stub with a fixed latency and a cap of requests in service per model (a
provider's per-model concurrency). Our side is the real path: `POST /auto-train` to gunicorn, chunks on
a django-q cluster of two workers, the database; a run's wall time runs from sending the POST to the
run's `finished_at`.
"""

from __future__ import annotations

import hashlib
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.scenarios.common import MODELS, Options, Result, chat_requests, spread, stack, stub, stub_env

LATENCY = 0.25
IN_FLIGHT = 32
ROOT = Path(__file__).resolve().parents[2]
PEER_VENV = ROOT / "bench" / ".venv-peer"
PEER_REQUIREMENTS = ROOT / "bench" / "requirements-peer.txt"


def ideal_wall(num: int, in_flight: int, latency: float = LATENCY) -> float:
    """Each member answers `num` requests, `in_flight` at a time, each taking `latency`."""
    return math.ceil(num / in_flight) * latency


def _measured_run(deployed, stub_, num: int, username: str) -> dict:
    client = deployed.client(username)
    stub_.reset()
    cpu_before = deployed.cluster_cpu()
    summary = deployed.run(client, num, timeout=900)
    requests = chat_requests(stub_.snapshot(), summary["id"])
    busy: dict[str, float] = {}
    for record in requests:
        if record.answered is not None:
            busy[record.model] = busy.get(record.model, 0.0) + record.answered - record.received
    span = (max(r.answered for r in requests) - min(r.received for r in requests)) if requests else math.nan
    return {
        "wall": summary["wall"],
        "successful": summary["successful"],
        "failed": summary["failed"],
        "requests": len(requests),
        # Requests at the stub per member (in service or queued for a slot), averaged over the run.
        "at_stub_per_member": round(sum(busy.values()) / len(busy) / span, 1) if busy else 0.0,
        "cluster_cpu_ms_per_example": round((deployed.cluster_cpu() - cpu_before) / num * 1000, 2),
    }


def _warm_up(deployed, stub_) -> None:
    """One small run first: a long-lived worker has imported its backends and opened its connections;
    a freshly forked one pays that once (about a second), which is not what these scenarios measure.
    Two chunks of the default size (2 x the in-flight count), so that each of the two workers takes one."""
    deployed.run(deployed.client("bench-warm-up"), 4 * IN_FLIGHT, timeout=300)
    stub_.reset()


def backend_bound(options: Options) -> Result:
    """1. 500 examples, 3-member vote, 0.25 s per request, 32 in flight per member, via API + cluster."""
    num = options.pick(500, 100)
    result = Result()
    with stub(latency=LATENCY, max_in_flight_per_model=IN_FLIGHT, seed=1) as stub_:
        with stack(env=stub_env(stub_, concurrency=IN_FLIGHT)) as deployed:
            deployed.start_web()
            deployed.start_cluster(workers=2)
            _warm_up(deployed, stub_)
            runs = [_measured_run(deployed, stub_, num, f"bench-1-{i}") for i in range(options.repeats)]
    walls = [r["wall"] for r in runs]
    ideal = ideal_wall(num, IN_FLIGHT)
    ratio = spread([w / ideal for w in walls])
    result.figures.update(
        examples=num,
        members=len(MODELS),
        latency=LATENCY,
        in_flight_per_member=IN_FLIGHT,
        wall=spread(walls),
        ideal=ideal,
        ratio=ratio,
        failed=[r["failed"] for r in runs],
        requests=[r["requests"] for r in runs],
        requests_at_stub_per_member=spread([r["at_stub_per_member"] for r in runs], 1),
        cluster_cpu_ms_per_example=spread([r["cluster_cpu_ms_per_example"] for r in runs], 2),
    )
    result.target("wall / ideal", ratio["median"], 1.3)
    return result


def against_sequential(options: Options) -> Result:
    """2. The same run with 1 request in flight per member (the prototype's way), side by side."""
    num = options.pick(500, 100)
    result = Result()
    with stub(latency=LATENCY, max_in_flight_per_model=IN_FLIGHT, seed=2) as stub_:
        with stack(env=stub_env(stub_, concurrency=IN_FLIGHT)) as deployed:
            deployed.start_web()
            deployed.start_cluster(workers=2)
            _warm_up(deployed, stub_)
            # Five (~5 s each): the speed-up divides by their median, and one slow moment of the shared
            # machine should not decide it.
            concurrent = [
                _measured_run(deployed, stub_, num, f"bench-2-{i}")["wall"]
                for i in range(options.repeats + 2)
            ]
            deployed.stop_clusters()
            stub_.configure(max_in_flight_per_model=1)
            deployed.start_cluster(workers=2, env={"ZEGA_LLM_CONCURRENCY": "1"})
            # Once: it takes num x 0.25 s (two minutes at 500), and a sleep-bound run hardly varies.
            sequential = _measured_run(deployed, stub_, num, "bench-2-sequential")
    speedup = sequential["wall"] / spread(concurrent)["median"]
    result.figures.update(
        examples=num,
        latency=LATENCY,
        concurrency=IN_FLIGHT,
        concurrent_wall=spread(concurrent),
        sequential_wall=round(sequential["wall"], 3),
        sequential_ideal=ideal_wall(num, 1),
        speedup=round(speedup, 2),
    )
    result.notes.append("the sequential run is measured once: it lasts num x 0.25 s and is bound by sleeps")
    result.target("speed-up", speedup, 0.75 * IN_FLIGHT, at_most=False)
    return result


# --- 3. the peer ------------------------------------------------------------------------------------


def ensure_peer_venv() -> Path:
    """bench/.venv-peer with bench/requirements-peer.txt, (re)installed when the pins change."""
    python = PEER_VENV / "bin" / "python"
    stamp = PEER_VENV / ".requirements.sha256"
    wanted = hashlib.sha256(PEER_REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    print("bench: installing the peer (distilabel) into bench/.venv-peer, once", file=sys.stderr, flush=True)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(PEER_REQUIREMENTS),
        ],
        check=True,
    )
    stamp.write_text(wanted)
    return python


def _peer_job(base_url: str, num: int) -> dict:
    """The same 500 requests our run sends: the same planned items, the same messages and settings."""
    from autotrain import catalog
    from autotrain.llm.base import GenerationRequest
    from autotrain.llm.openai_compat import DEFAULT_SYSTEM_PROMPT, build_messages

    items = catalog.plan_items(seed=7, num_examples=num, genres=None)
    instructions = [
        build_messages(GenerationRequest(genre=i.genre, prompt=i.prompt, style_modifier=i.style_modifier))[1][
            "content"
        ]
        for i in items
    ]
    return {
        "base_url": base_url,
        "models": list(MODELS),
        "system": DEFAULT_SYSTEM_PROMPT,
        "instructions": instructions,
        "input_batch_size": IN_FLIGHT,
        "max_tokens": 400,
        "temperature": 0.9,
    }


def _peer_run(python: Path, job_file: Path, stub_) -> dict:
    stub_.reset()
    done = subprocess.run(
        [str(python), str(ROOT / "bench" / "peer" / "distilabel_run.py"), str(job_file)],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tempfile.gettempdir(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"the peer failed:\n{done.stderr[-3000:]}")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    answer["requests"] = len(chat_requests(stub_.snapshot()))
    return answer


def against_peer(options: Options) -> Result:
    """3. The same generations through distilabel (TextGeneration + OpenAILLM on the same stub)."""
    num = options.pick(500, 100)
    result = Result()
    python = ensure_peer_venv()
    with (
        stub(latency=LATENCY, max_in_flight_per_model=IN_FLIGHT, seed=3) as stub_,
        tempfile.TemporaryDirectory(prefix="zega-peer-") as scratch,
    ):
        job_file = Path(scratch) / "job.json"
        job_file.write_text(json.dumps(_peer_job(stub_.base_url, num)))
        with stack(env=stub_env(stub_, concurrency=IN_FLIGHT)) as deployed:
            deployed.start_web()
            deployed.start_cluster(workers=2)
            _warm_up(deployed, stub_)
            ours, peer = [], []
            # Two pairs (a peer run is ~20 s), alternated so that drifting machine load hits both.
            for attempt in range(max(1, options.repeats - 1)):
                ours.append(_measured_run(deployed, stub_, num, f"bench-3-{attempt}"))
                peer.append(_peer_run(python, job_file, stub_))
    ours_wall = spread([r["wall"] for r in ours])
    peer_wall = spread([r["wall"] for r in peer])
    ratio = peer_wall["median"] / ours_wall["median"]
    result.figures.update(
        examples=num,
        members=len(MODELS),
        in_flight_per_member=IN_FLIGHT,
        latency=LATENCY,
        ours_wall=ours_wall,
        peer_wall=peer_wall,
        peer_over_ours=round(ratio, 2),
        ours_requests=[r["requests"] for r in ours],
        peer_requests=[r["requests"] for r in peer],
        peer_generated=peer[-1]["generated"],
        peer="distilabel 1.5.3 (bench/requirements-peer.txt), wall of pipeline.run()",
    )
    result.notes.append("ours: POST -> run finished (scored, deduplicated, written); peer: generation only")
    result.target("peer wall / ours", ratio, 1.0, at_most=False)
    return result
