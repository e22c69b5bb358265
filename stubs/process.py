"""The OpenAI-compatible stub in a process of its own, driven from the benchmark through a pipe.

A process, not a thread of the benchmark: the stub's event loop must not share a GIL with the code that
polls the API or with a peer's pipeline, or the backend itself would look slow. The pipe lets the
benchmark change the stub's behaviour between runs and fetch its per-request records afterwards.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import asdict
from typing import Any

from stubs.config import RequestRecord, StubConfig
from stubs.openai import StubServer


def _serve(connection, config: dict[str, Any]) -> None:
    stub = StubServer(StubConfig(**config)).start()
    connection.send(stub.port)
    try:
        while True:
            command, argument = connection.recv()
            if command == "stop":
                break
            if command == "configure":
                for name, value in argument.items():
                    setattr(stub.config, name, value)
                connection.send(None)
            elif command == "reset":
                stub.reset_stats()
                connection.send(None)
            elif command == "snapshot":
                snapshot = stub.stats.snapshot()
                snapshot["requests"] = [asdict(record) for record in snapshot["requests"]]
                connection.send(snapshot)
    finally:
        stub.stop()
        connection.send("stopped")


class StubProcess:
    """`with StubProcess(latency=0.25, max_in_flight_per_model=32) as stub: stub.base_url ...`"""

    def __init__(self, **config: Any) -> None:
        self._config = config
        context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited threads or loops
        self._connection, child = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(child, config), name="zega-bench-stub", daemon=True
        )
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def pid(self) -> int:
        pid = self._process.pid
        if pid is None:
            raise RuntimeError("the stub process has not started")
        return pid

    def start(self) -> StubProcess:
        self._process.start()
        self.port = self._connection.recv()
        return self

    def _call(self, command: str, argument: Any = None) -> Any:
        self._connection.send((command, argument))
        return self._connection.recv()

    def configure(self, **changes: Any) -> None:
        self._call("configure", changes)

    def reset(self) -> None:
        self._call("reset")

    def snapshot(self) -> dict[str, Any]:
        snapshot = self._call("snapshot")
        snapshot["requests"] = [RequestRecord(**record) for record in snapshot["requests"]]
        return snapshot

    def stop(self) -> None:
        if self._process.is_alive():
            try:
                self._call("stop")
            except (EOFError, OSError):
                pass
            self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout=5)

    def __enter__(self) -> StubProcess:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
