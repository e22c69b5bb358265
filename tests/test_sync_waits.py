"""A plain POST /auto-train waits for at most ZEGA_MAX_SYNC_WAITS of a user's runs at once (CONTRACT
section 8): each wait holds a server thread, and one user must not be able to hold them all."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import threading
import time
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from autotrain.models import TrainingRun
from autotrain.services.waits import sync_wait_slot
from tests.cluster_stack import postgres_url


@pytest.fixture
def queued_runs(settings):
    """Runs stay queued (no cluster, nothing inline), so a plain POST waits its whole time."""
    settings.ZEGA_RUN_TASKS_INLINE = False
    settings.ZEGA_SYNC_WAIT_SECONDS = 1.0
    settings.ZEGA_MAX_SYNC_WAITS = 2
    settings.ZEGA_MAX_ACTIVE_RUNS = 10


def _timed_post(client, **headers) -> tuple[int, float]:
    started = time.monotonic()
    response = client.post("/auto-train", {"num_examples": 1}, format="json", headers=headers)
    return response.status_code, time.monotonic() - started


@pytest.mark.django_db
def test_a_plain_post_waits_while_the_user_has_a_free_slot(api, queued_runs):
    code, took = _timed_post(api)
    assert code == 202 and took >= 0.9  # waited its ZEGA_SYNC_WAIT_SECONDS for a run that never moved


# While the slots are full, the wait a post would take is made long: one that waited would take LONG_WAIT, one that
# answered at once takes a small part of it however slow the machine (a bound of 0.5 s against a 1 s wait failed once
# in CI at 0.51 s).
LONG_WAIT = 20.0


@pytest.mark.django_db
def test_past_the_limit_a_plain_post_answers_202_at_once(api, user, queued_runs, settings):
    settings.ZEGA_SYNC_WAIT_SECONDS = LONG_WAIT
    with sync_wait_slot(user_id=user.pk) as first, sync_wait_slot(user_id=user.pk) as second:
        assert first and second
        code, took = _timed_post(api)
        assert code == 202 and took < LONG_WAIT / 4
        assert TrainingRun.objects.filter(user=user).count() == 1  # the run still started
    settings.ZEGA_SYNC_WAIT_SECONDS = 1.0
    code, took = _timed_post(api)  # slots given back: waits again
    assert code == 202 and took >= 0.9


@pytest.mark.django_db
def test_a_replayed_idempotency_key_does_not_wait_beyond_the_limit(api, user, queued_runs, settings):
    key = {"Idempotency-Key": "replay-" + uuid.uuid4().hex}
    code, _took = _timed_post(api, **key)
    assert code == 202
    settings.ZEGA_SYNC_WAIT_SECONDS = LONG_WAIT
    with sync_wait_slot(user_id=user.pk), sync_wait_slot(user_id=user.pk):
        replays = [_timed_post(api, **key) for _ in range(5)]
    assert all(code == 202 and took < LONG_WAIT / 4 for code, took in replays)
    assert TrainingRun.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_one_users_waits_do_not_take_another_users_slots(api, user, client_for, other_user, queued_runs):
    with sync_wait_slot(user_id=user.pk), sync_wait_slot(user_id=user.pk):
        code, took = _timed_post(client_for(other_user))
    assert code == 202 and took >= 0.9


@pytest.mark.django_db
def test_a_slot_is_given_back_when_the_wait_fails(user, queued_runs):
    with pytest.raises(RuntimeError), sync_wait_slot(user_id=user.pk):
        raise RuntimeError("the database went away mid-wait")
    with sync_wait_slot(user_id=user.pk) as first, sync_wait_slot(user_id=user.pk) as second:
        assert first and second
        with sync_wait_slot(user_id=user.pk) as third:
            assert not third


# --- under load, on a real gunicorn --------------------------------------------------------------

# The waits the burst makes, and so the time the other user's reads are measured over: twice the burst's
# own CPU (50 answers at once on 2 cores, about a second) is still a short slice of it, as it is of the
# default ZEGA_SYNC_WAIT_SECONDS (120 s).
SYNC_WAIT = 8.0
POSTS = 50
ACTIVE_RUNS = 4
REPLAYED = "burst-" + uuid.uuid4().hex
# The other user's reads, from a process of their own (so the 50 posting threads of this process do not
# add their GIL contention to the figures), one after another for `duration` seconds.
READER = """
import json, sys, time, httpx
base_url, token, duration = sys.argv[1], sys.argv[2], float(sys.argv[3])

def reads(client, seconds):
    latencies, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        started = time.monotonic()
        assert client.get("/auto-train/runs").status_code == 200
        latencies.append(time.monotonic() - started)
        time.sleep(0.02)
    return latencies

with httpx.Client(base_url=base_url, headers={"Authorization": "Token " + token}, timeout=60) as client:
    baseline = reads(client, 1.5)
    print("ready", flush=True)
    sys.stdin.readline()
    during = reads(client, duration)
print(json.dumps({"baseline": baseline, "during": during}))
"""


def _burst(stack, token: str, *, replay: bool, posts: int = POSTS) -> list[tuple[int, float]]:
    """`posts` concurrent plain POST /auto-train of one user: all replays of one Idempotency-Key (its
    run stays queued), or each without a key."""
    headers = {"Authorization": f"Token {token}", **({"Idempotency-Key": REPLAYED} if replay else {})}
    gate = threading.Barrier(posts)

    def post(_index: int) -> tuple[int, float]:
        with httpx.Client(base_url=stack.base_url, headers=headers, timeout=SYNC_WAIT * 4) as client:
            gate.wait()  # every connection made, then all at once
            started = time.monotonic()
            response = client.post("/auto-train", json={"num_examples": 1})
            return response.status_code, time.monotonic() - started

    with ThreadPoolExecutor(posts) as pool:
        return list(pool.map(post, range(posts)))


def _reads_during(stack, token: str, burst) -> tuple[dict[str, list[float]], list[tuple[int, float]]]:
    """The other user's GET latencies for 1.5 s before the burst ("baseline") and over the whole time the
    burst's waits last ("during")."""
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, stack.base_url, token, str(SYNC_WAIT)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert reader.stdin is not None and reader.stdout is not None
    try:
        assert reader.stdout.readline().strip() == "ready"
        reader.stdin.write("go\n")
        reader.stdin.flush()
        results = burst()
        out, _ = reader.communicate(timeout=SYNC_WAIT * 5)
    finally:
        if reader.poll() is None:
            reader.kill()
    return json.loads(out.strip().splitlines()[-1]), results


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.skipif(postgres_url() is None, reason="runs once, in the suite's PostgreSQL pass (DATABASE_URL=postgres://...)")
def test_one_user_cannot_starve_another_on_a_real_server(tmp_path):
    """The production shape (PostgreSQL, Redis, the Procfile's gunicorn: 2 processes x 16 threads), no
    cluster, so runs stay queued and every plain POST would wait its whole ZEGA_SYNC_WAIT_SECONDS.

    With ZEGA_MAX_SYNC_WAITS=2 two of the greedy user's 50 concurrent POSTs wait and 48 answer 202 at
    once; the patient user's reads stay fast. With the limit lifted, waiting POSTs hold every thread and
    the patient user's reads queue behind them: the measurement can tell the two apart. ~70 s.
    """
    from bench.stack import Stack, _stop

    env = {
        "ZEGA_SYNC_WAIT_SECONDS": str(SYNC_WAIT),
        "ZEGA_MAX_SYNC_WAITS": "2",
        # Connections kept between requests, as README's deploying section advises.
        "DATABASE_CONN_MAX_AGE": "60",
        # Without a key, POSTs start runs up to this many unfinished, more than may wait; the rest are 429.
        "ZEGA_MAX_ACTIVE_RUNS": str(ACTIVE_RUNS),
    }
    with Stack(tmp_path, env=env, postgres=True, redis=True) as stack:
        tokens = stack.tokens(["greedy", "patient"])
        stack.start_web()
        figures = {}
        for replay in (True, False):
            reads, results = _reads_during(
                stack, tokens["patient"], lambda replay=replay: _burst(stack, tokens["greedy"], replay=replay)
            )
            baseline, during = _p95(reads["baseline"]), _p95(reads["during"])
            waited = sorted(took for code, took in results if took >= SYNC_WAIT * 0.9)
            figures["replays" if replay else "new runs"] = {
                "reads": len(reads["during"]), "read_p95": round(during, 3), "quiet_p95": round(baseline, 3),
                "waited": len(waited),
                "slowest_not_waiting": round(max(took for _, took in results if took < SYNC_WAIT * 0.9), 3),
            }
            assert {code for code, _ in results} == ({202} if replay else {202, 429}), results
            # Two waited their whole time, counted across both gunicorn processes; the rest did not wait.
            assert len(waited) == 2, figures
            # Under 100 ms while the machine is quiet. When it is not (the reads alone slower than 30 ms:
            # other processes share its cores), the 50 answers still cost the CPU they cost, and the bar
            # is what the reads took just before the burst plus a quarter second: far from the seconds
            # of a starved read (the unlimited run below). With the quiet reads themselves over 100 ms
            # the machine is too busy for a latency to mean anything: the figures are reported instead.
            if baseline < 0.1:
                assert len(reads["during"]) >= 20, figures
                assert during < (0.1 if baseline < 0.03 else baseline + 0.25), figures
                # No read waited for a thread: a starved one waits for a waiting POST to end, more than
                # half the wait (the unlimited run below asserts it does). The burst's own CPU, what any
                # read may queue behind, took up to 1.4 s on this machine.
                assert max(reads["during"]) < SYNC_WAIT / 2, figures
            else:
                warnings.warn(f"too busy to judge read latencies: {figures}", stacklevel=1)
        assert stack.sql("SELECT COUNT(*) FROM autotrain_trainingrun")[0][0] == ACTIVE_RUNS

        # Without the limit the measurement sees starvation. One gunicorn process of 16 threads and 20
        # waiting POSTs: with two processes, which one accepts a connection is up to the kernel, and the
        # reader's process may be left with free threads.
        _stop(stack.web)
        stack.env["ZEGA_MAX_SYNC_WAITS"] = "100"
        stack.start_web(workers=1, threads=16)
        reads, results = _reads_during(
            stack, tokens["patient"], lambda: _burst(stack, tokens["greedy"], replay=True, posts=20)
        )
        figures["unlimited"] = {"reads": len(reads["during"]), "slowest_read": round(max(reads["during"]), 3)}
        assert sum(took >= SYNC_WAIT * 0.9 for _, took in results) == 20, figures
        assert max(reads["during"]) > SYNC_WAIT / 2, figures
