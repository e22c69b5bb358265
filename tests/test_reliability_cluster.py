"""Faults survived on real processes: a faulty LLM endpoint, killed workers, a lost broker, concurrent replays."""

from __future__ import annotations

import collections
import threading
import time

import pytest

from stubs.openai import StubServer
from tests.cluster_stack import record_figures, running_stack, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.reliability]

# Watchdog settings short enough for a test: a claim not renewed for 4 s belongs to a dead worker.
RECOVERY_ENV = {"ZEGA_STALL_SECONDS": "2", "ZEGA_CLAIM_TIMEOUT_SECONDS": "4"}


def assert_complete(stack, body: dict, total: int) -> list[tuple]:
    assert body["status"] == "succeeded", body
    assert body["successful"] + body["failed"] == total
    assert body["failed"] == sum(body["failures"].values())
    rows = stack.items(body["id"])
    assert sorted(r[0] for r in rows) == list(range(total)), "an index is missing or repeated"
    assert all(status in {"kept", "rejected"} for _, status, _ in rows)
    assert all(reason for _, status, reason in rows if status == "rejected"), "a failure without its reason"
    return rows


def test_a_run_survives_an_endpoint_that_throttles_fails_hangs_and_talks_nonsense(tmp_path):
    stub = StubServer(
        latency=0.01, rate_429=0.20, retry_after=0.2, rate_500=0.05, rate_503=0.05, rate_hang=0.05,
        hang_seconds=3.0, rate_malformed=0.025, rate_empty_choice=0.025, seed=11,
    ).start()
    env = {"ZEGA_LLM_TIMEOUT": "1", "ZEGA_LLM_MAX_RETRIES": "3"}
    try:
        with running_stack(tmp_path, stub_url=stub.base_url, models="m-a,m-b,m-c", env=env) as stack:
            started = stack.client.post("/auto-train", json={"num_examples": 200}, headers={"Prefer": "respond-async"})
            assert started.status_code == 202
            body = stack.wait_finished(started.headers["Location"], timeout=300)
            assert_complete(stack, body, 200)
            # Three members and retries: faults at these rates cost very few examples.
            assert body["successful"] >= 190, body["failures"]
            seen = stub.stats.snapshot()
            for status in (429, 500, 503):
                assert seen["by_status"].get(status, 0) > 0, f"the stub never answered {status}"
            faults = collections.Counter(r.fault for r in seen["requests"] if r.fault)
            assert {"hang", "malformed", "empty_choice"} <= set(faults), faults
            record_figures("endpoint faults", examples=200, kept=body["successful"], failures=body["failures"],
                           requests=seen["total"], faults=dict(faults), wall_seconds=body["total_time"])
    finally:
        stub.stop()


def _kill_mid_run_and_recover(tmp_path, *, redis: bool) -> None:
    stub = StubServer(latency=0.25, seed=3).start()
    try:
        with running_stack(tmp_path, stub_url=stub.base_url, models="m-a", redis=redis, env=RECOVERY_ENV) as stack:
            started = stack.client.post("/auto-train", json={"num_examples": 150}, headers={"Prefer": "respond-async"})
            location = started.headers["Location"]
            run_id = started.json()["id"]
            wait_until(lambda: stack.client.get(location).json()["progress"]["completed"] >= 30,
                       timeout=120, what="the run to get going")
            stack.kill_clusters()
            killed_at = time.monotonic()
            at_kill = stack.client.get(location).json()
            assert at_kill["status"] == "running" and at_kill["progress"]["completed"] < 150
            in_flight_at_kill = stub.stats.snapshot()["in_flight"]

            # A new cluster, and the watchdog's next look (normally within a minute), once the dead workers'
            # claims have expired (a look before that finds them still claimed and waits for the next minute).
            stack.start_cluster()
            wait_until(stack.healthy, timeout=60, what="the new cluster")
            time.sleep(max(0.0, killed_at + float(RECOVERY_ENV["ZEGA_CLAIM_TIMEOUT_SECONDS"]) + 1 - time.monotonic()))
            stack.fire_watchdog_now()
            body = stack.wait_finished(location, timeout=240)
            assert_complete(stack, body, 150)
            assert body["successful"] >= 145, (body["failures"], stack.run_sql(
                "SELECT reject_reason, reject_detail FROM autotrain_trainingexample WHERE reject_reason != '' LIMIT 3"))

            answered = collections.Counter(
                r.index for r in stub.stats.snapshot()["requests"] if r.run_id == run_id and r.status == 200
            )
            assert set(answered) == set(range(150))
            repeated = [index for index, n in answered.items() if n > 1]
            # Only what the killed workers had in flight (sent, never written) is asked for again: at
            # most the chunks they held; nothing that had been written is ever generated twice.
            assert len(repeated) <= 2 * 25, repeated
            assert all(answered[i] == 2 for i in repeated)
            assert in_flight_at_kill <= 2 * 25
            record_figures(f"SIGKILL mid-run, {'redis' if redis else 'orm'} broker", examples=150,
                           done_at_kill=at_kill["progress"]["completed"], in_flight_at_kill=in_flight_at_kill,
                           asked_again=len(repeated), kept=body["successful"], failures=body["failures"])
    finally:
        stub.stop()


def test_killed_workers_orm_broker_the_watchdog_finishes_the_run(tmp_path):
    _kill_mid_run_and_recover(tmp_path, redis=False)


@pytest.mark.redis
def test_killed_workers_redis_broker_the_watchdog_finishes_the_run(tmp_path):
    # Redis does not redeliver a task its worker took: only the watchdog brings the chunks back.
    _kill_mid_run_and_recover(tmp_path, redis=True)


def test_the_same_idempotency_key_at_the_same_moment_makes_one_run(tmp_path):
    with running_stack(tmp_path, stub_url=None) as stack:
        answers = []
        barrier = threading.Barrier(4)

        def post():
            barrier.wait()
            answers.append(stack.client.post("/auto-train", json={"num_examples": 5},
                                             headers={"Idempotency-Key": "same-moment", "Prefer": "respond-async"}))

        threads = [threading.Thread(target=post) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [a.status_code for a in answers] == [202] * 4, [a.text for a in answers]
        assert len({a.json()["id"] for a in answers}) == 1
        assert stack.run_sql("SELECT COUNT(*) FROM autotrain_trainingrun") == [(1,)]
        assert stack.run_sql("SELECT COUNT(*) FROM autotrain_trainingexample") == [(5,)]
        record_figures("4 concurrent POSTs, one Idempotency-Key", runs_created=1, statuses=[a.status_code for a in answers])


def _pg_version() -> str:
    import os

    return sorted(os.listdir("/etc/postgresql"))[-1]


@pytest.mark.postgres
def test_postgresql_restarting_mid_run_loses_nothing(tmp_path):
    import subprocess

    stub = StubServer(latency=0.2, seed=5).start()
    try:
        with running_stack(tmp_path, stub_url=stub.base_url, models="m-a", env=RECOVERY_ENV, postgres=True) as stack:
            started = stack.client.post("/auto-train", json={"num_examples": 150}, headers={"Prefer": "respond-async"})
            location = started.headers["Location"]
            wait_until(lambda: stack.client.get(location).json()["progress"]["completed"] >= 25,
                       timeout=120, what="the run to get going")
            # The database goes away for a few seconds: every connection of web and cluster is cut.
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", _pg_version(), "main", "stop", "-m", "fast"],
                           check=True, timeout=60)
            time.sleep(3)
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", _pg_version(), "main", "start"],
                           check=True, timeout=60)
            wait_until(lambda: stack.healthy(cluster=False), timeout=60, what="the database to answer again")
            stack.fire_watchdog_now()
            body = stack.wait_finished(location, timeout=240)
            rows = assert_complete(stack, body, 150)
            # No half-written rows: every written row has its outcome and, when kept, its text and score.
            kept = stack.run_sql(
                "SELECT COUNT(*) FROM autotrain_trainingexample WHERE run_id = ? AND status = 'kept' "
                "AND (text = '' OR quality_score IS NULL)", (body["id"],))
            assert kept == [(0,)]
            assert len(rows) == 150
            record_figures("PostgreSQL stopped 3 s mid-run", examples=150, kept=body["successful"],
                           failures=body["failures"], wall_seconds=body["total_time"])
    finally:
        stub.stop()
