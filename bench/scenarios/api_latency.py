"""Scenario 8: the API stays quick while a run is in progress.

A 2,000-example run against the stub (1 s per request, so it lasts the whole measurement) keeps the
cluster busy. Meanwhile 50 clients poll that run's status once a second each (what the page does while
a run is shown), and 50 other users each start a small run with `Prefer: respond-async` at a random
moment. gunicorn serves as in the Procfile (2 processes x 16 threads). Latency is measured by the
clients, from sending a request to its whole answer, over keep-alive connections. Five 8-second
windows one after the other (the machine is shared and noisy; a p95 of 50 POSTs is their third
slowest), each reported, the targets on their median.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from urllib.parse import urlsplit

import httpx

from bench.scenarios.common import Options, Result, spread, stack, stub, stub_env
from bench.stack import cpu_seconds, process_tree

CLIENTS = 50


class _Connection:
    """A keep-alive HTTP/1.1 connection with the standard library's client: a light client, so the
    100 client threads of this process do not slow each other down and inflate what they measure."""

    def __init__(self, base_url: str, token: str) -> None:
        parts = urlsplit(base_url)
        if parts.hostname is None:
            raise ValueError(f"no host in {base_url!r}")
        self._connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self._headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}

    def request(
        self, method: str, path: str, body: dict | None = None, headers: dict | None = None
    ) -> tuple[int, float]:
        """(status, seconds from sending to the whole answer read)."""
        payload = json.dumps(body).encode() if body is not None else None
        started = time.perf_counter()
        try:
            self._connection.request(method, path, body=payload, headers={**self._headers, **(headers or {})})
            response = self._connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self._connection.close()  # reconnects on the next request
            return -1, time.perf_counter() - started
        return response.status, time.perf_counter() - started

    def close(self) -> None:
        self._connection.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _latencies(name: str, seconds: list[float]) -> dict:
    """How many requests, and their p50, p95 and slowest in milliseconds."""
    return {
        f"{name}s": len(seconds),
        **{
            f"{name}_{label}_ms": round(value * 1000.0, 1)
            for label, value in (
                ("p50", _percentile(seconds, 0.5)),
                ("p95", _percentile(seconds, 0.95)),
                ("max", max(seconds)),
            )
        },
    }


def _window(deployed, tokens: dict[str, str], location: str, window: float, seed: int) -> dict:
    """One measurement: for `window` seconds, 50 clients poll the run once a second each and 50 users
    each start a run at a random moment. The clients' latencies and the cores each part used."""
    gets: list[float] = []
    posts: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + window

    def poller(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        client = _Connection(deployed.base_url, tokens["bench-8-owner"])
        time.sleep(rng.uniform(0, 1.0))
        while time.monotonic() < deadline:
            status, elapsed = client.request("GET", location)
            with lock:
                if status == 200:
                    gets.append(elapsed)
                else:
                    errors.append(f"GET {status}")
            time.sleep(max(0.0, 1.0 - elapsed))
        client.close()

    def starter(index: int) -> None:
        rng = random.Random(seed * 1000 + 500 + index)
        time.sleep(rng.uniform(0, window - 1.0))
        # A new connection, as a browser's after a while (gunicorn closes idle ones after 2 s).
        client = _Connection(deployed.base_url, tokens[f"bench-8-user-{index}"])
        status, elapsed = client.request(
            "POST", "/auto-train", {"num_examples": 5}, {"Prefer": "respond-async"}
        )
        with lock:
            if status == 202:
                posts.append(elapsed)
            else:
                errors.append(f"POST {status}")
        client.close()

    def cpu() -> dict[str, float]:
        return {
            "web": cpu_seconds(process_tree(deployed.web.pid)),
            "cluster": deployed.cluster_cpu(),
            "clients": time.process_time(),
        }

    cpu_before, started = cpu(), time.monotonic()
    threads = [threading.Thread(target=poller, args=(i,)) for i in range(CLIENTS)]
    threads += [threading.Thread(target=starter, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        **_latencies("get", gets),
        **_latencies("post", posts),
        "errors": errors,
        # Cores each part used during the window: how busy the 2-core machine was.
        "cores_used": {name: round((value - cpu_before[name]) / elapsed, 2) for name, value in cpu().items()},
    }


def api_latency(options: Options) -> Result:
    window = options.pick(8.0, 4.0)
    windows = options.pick(options.repeats + 2, 1)
    # The polled run must outlast every window: at 1 s per request and 32 in flight per model, the
    # stub serves ~32 examples a second.
    polled_examples = options.pick(2000, 300)
    result = Result()
    with stub(latency=1.0, max_in_flight_per_model=32, seed=8) as stub_:
        with stack(env=stub_env(stub_)) as deployed:
            deployed.start_web()
            deployed.start_cluster(workers=2)
            tokens = deployed.tokens(["bench-8-owner"] + [f"bench-8-user-{i}" for i in range(CLIENTS)])
            owner = httpx.Client(
                base_url=deployed.base_url,
                timeout=30,
                headers={"Authorization": f"Token {tokens['bench-8-owner']}"},
            )
            location, _ = deployed.start_run(owner, polled_examples)
            time.sleep(1.0)  # let the run get going on the cluster
            measured = [_window(deployed, tokens, location, window, seed) for seed in range(windows)]
            status = owner.get(location).json()["status"]
            owner.close()
    errors = [error for each in measured for error in each.pop("errors")]

    def figure(name: str) -> dict:
        return spread([each[name] for each in measured], digits=1)

    result.figures.update(
        clients_polling=CLIENTS,
        clients_starting_runs=CLIENTS,
        window_seconds=window,
        windows=windows,
        polled_run_examples=polled_examples,
        run_status_after=status,
        get_p50_ms=figure("get_p50_ms"),
        get_p95_ms=figure("get_p95_ms"),
        post_p50_ms=figure("post_p50_ms"),
        post_p95_ms=figure("post_p95_ms"),
        each_window=measured,
        errors=errors[:10],
        error_count=len(errors),
    )
    result.notes.append(
        f"the polled run was still in progress after the last window: {status in ('queued', 'running')}; "
        "targets on the median over the windows of each window's p95"
    )
    result.target("GET /auto-train/runs/<id> p95 (ms)", result.figures["get_p95_ms"]["median"], 50.0)
    result.target("POST /auto-train respond-async p95 (ms)", result.figures["post_p95_ms"]["median"], 100.0)
    result.target("errors", len(errors), 0)
    return result
