"""End to end on real processes: a web server, a django-q2 cluster, a file database, a loopback LLM stub."""

from __future__ import annotations

import collections
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bench.stub_server import StubServer

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEED_FIELDS = [
    "total_requested",
    "successful",
    "failed",
    "genre_distribution",
    "average_quality",
    "total_time",
    "stored_in_memory",
    "training_stats",
    "ready_for_finetuning",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def wait_until(check, *, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def stack(tmp_path):
    """Migrated file database, the stub with three models (one failing 30% of the time), web + cluster."""
    stub = StubServer(latency=0.02, failing_models={"flaky-c": 0.3}, seed=7).start()
    db_path = tmp_path / "e2e.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "ZEGA_LLM_BASE_URL": stub.base_url,
        "ZEGA_LLM_MODELS": "model-a,model-b,flaky-c",
        "ZEGA_LLM_MAX_RETRIES": "1",
        "ZEGA_CHUNK_SIZE": "25",
        "ZEGA_CLUSTER_WORKERS": "2",
        "ZEGA_RUN_TASKS_INLINE": "false",
        "DJANGO_DEBUG": "true",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    token = manage(env, "create_api_token", "e2e-writer").strip().splitlines()[-1]
    port = free_port()
    logs = tmp_path / "logs"
    logs.mkdir()
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=open(logs / "web.log", "w"),
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=open(logs / "cluster.log", "w"),
            stderr=subprocess.STDOUT,
        ),
    ]
    client = httpx.Client(
        base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Token {token}"}, timeout=60
    )

    def healthy():
        try:
            body = client.get("/healthz").json()
        except httpx.HTTPError:
            return None
        return body if body.get("cluster") == "ok" else None

    try:
        wait_until(healthy, timeout=60, what="web server and cluster")
        yield {"client": client, "stub": stub, "db": db_path, "logs": logs}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        client.close()
        stub.stop()


def test_a_100_example_run_on_the_cluster_loses_nothing_and_repeats_nothing(stack):
    client, stub = stack["client"], stack["stub"]
    started = client.post(
        "/auto-train",
        json={"user_id": "e2e-writer", "num_examples": 100, "genres": ["fantasy", "sci_fi", "horror"]},
        headers={"Prefer": "respond-async"},
    )
    assert started.status_code == 202, started.text
    location = started.headers["Location"]
    assert started.json()["status"] in {"queued", "running"}

    seen_progress = []

    def finished():
        body = client.get(location).json()
        seen_progress.append(body["progress"]["completed"])
        return body if body["status"] in {"succeeded", "failed", "cancelled"} else None

    body = wait_until(finished, timeout=180, what="the run to finish")
    assert body["status"] == "succeeded", body
    for field in SEED_FIELDS:
        assert field in body
    assert body["total_requested"] == 100
    assert body["successful"] + body["failed"] == 100
    assert body["failed"] == sum(body["failures"].values())
    assert sum(body["genre_distribution"].values()) == body["successful"]
    assert set(body["genre_distribution"]) <= {"fantasy", "sci_fi", "horror"}
    assert sum(m["wins"] for m in body["model_performance"].values()) == body["successful"]
    assert set(body["model_performance"]) <= {"model-a", "model-b", "flaky-c"}
    assert body["training_stats"]["training_examples"] == body["successful"]
    assert body["ready_for_finetuning"] == (body["successful"] >= 50)
    assert body["total_time"] > 0
    assert body["successful"] >= 90  # two healthy members out of three: failures are rare
    assert seen_progress == sorted(seen_progress)  # progress never goes backwards

    with sqlite3.connect(stack["db"]) as db:
        rows = db.execute(
            'SELECT "index", status, reject_reason, candidates FROM autotrain_trainingexample WHERE run_id = ?',
            (body["id"].replace("-", ""),),
        ).fetchall()
    assert sorted(r[0] for r in rows) == list(range(100))  # every index exactly once
    assert all(r[1] in {"kept", "rejected"} for r in rows)
    assert all(r[2] for r in rows if r[1] == "rejected")
    # The flaky member's failures are recorded as its candidates' errors, not lost.
    assert any('"error": "' in r[3] or '"error":"' in r[3] for r in rows)

    requests = stub.stats.snapshot()["requests"]
    per_item = collections.Counter((r.model, r.index) for r in requests if r.run_id == body["id"])
    for model in ("model-a", "model-b"):
        counts = [per_item[(model, index)] for index in range(100)]
        assert counts == [1] * 100, f"{model} generated some index more than once"


def test_a_plain_post_waits_for_the_finished_summary(stack):
    response = stack["client"].post("/auto-train", json={"num_examples": 5, "genres": ["mystery"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "succeeded"
    assert body["successful"] + body["failed"] == 5
    assert body["finished_at"] is not None
