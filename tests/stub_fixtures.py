"""Fixtures for the loopback OpenAI-compatible stub (bench/stub_server.py).

Registered in tests/conftest.py with `pytest_plugins = ["tests.stub_fixtures"]`.

    def test_something(stub_server):
        stub_server.config.latency = 0.1       # change behaviour at any time
        ...                                    # point a client at stub_server.base_url
        assert stub_server.stats.by_status[200] == 3
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bench.stub_server import StubConfig, StubServer


@pytest.fixture
def stub_server() -> Iterator[StubServer]:
    """A started stub with the default config (no latency, no faults), stopped after the test."""
    with StubServer(StubConfig()) as stub:
        yield stub


@pytest.fixture
def stub_server_factory() -> Iterator[Callable[..., StubServer]]:
    """Start more stubs (e.g. one per endpoint): `stub_server_factory(latency=0.1)`; all stop afterwards."""
    started: list[StubServer] = []

    def start(**config: Any) -> StubServer:
        stub = StubServer(StubConfig(**config)).start()
        started.append(stub)
        return stub

    yield start
    for stub in started:
        stub.stop()
