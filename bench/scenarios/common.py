"""What every scenario shares: options, repeats and medians, targets, stacks with the loopback stub."""

from __future__ import annotations

import contextlib
import math
import statistics
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.stack import Stack
from stubs.process import StubProcess

MODELS = ("stub-a", "stub-b", "stub-c")
# Every stack of the benchmark: no auto fine-tune (not what is measured), runs up to 5,000 examples,
# many unfinished runs per user (scenario 8 starts runs while one is in progress).
BASE_ENV = {"ZEGA_MAX_EXAMPLES": "5000", "ZEGA_MAX_ACTIVE_RUNS": "1000"}


@dataclass
class Options:
    quick: bool = False  # smaller runs and a single repeat: a smoke test of the harness, not figures
    repeats: int = 3

    @property
    def scale_repeats(self) -> int:
        """Repeats for the longest scenarios (a run of minutes, or of 5,000 examples): fewer, to fit the
        whole benchmark in 10 minutes on 2 cores. BENCHMARKS.md says which scenarios use it."""
        return max(1, self.repeats - 2)

    def pick(self, full: Any, quick: Any) -> Any:
        return quick if self.quick else full


@dataclass
class Result:
    """One scenario's figures. `targets` maps a name to (measured, limit, met)."""

    figures: dict[str, Any] = field(default_factory=dict)
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def target(self, name: str, value: float, limit: float, *, at_most: bool = True, unit: str = "") -> bool:
        met = value <= limit if at_most else value >= limit
        self.targets[name] = {
            "value": round(value, 4),
            "limit": limit,
            "rule": f"{'<=' if at_most else '>='} {limit:g}{unit}",
            "met": met,
        }
        return met


def median(values: list[float]) -> float:
    return statistics.median(values) if values else math.nan


def spread(values: list[float], digits: int = 3) -> dict[str, Any]:
    """The median and every repeat, so a reader sees the noise."""
    return {"median": round(median(values), digits), "runs": [round(v, digits) for v in values]}


@contextlib.contextmanager
def stack(
    *, env: dict[str, str] | None = None, postgres: bool = False, redis: bool = False
) -> Iterator[Stack]:
    with (
        tempfile.TemporaryDirectory(prefix="zega-bench-") as workdir,
        Stack(Path(workdir), env={**BASE_ENV, **(env or {})}, postgres=postgres, redis=redis) as deployed,
    ):
        yield deployed


@contextlib.contextmanager
def stub(**config: Any) -> Iterator[StubProcess]:
    with StubProcess(**config) as running:
        yield running


def stub_env(
    stub_: StubProcess, *, models: tuple[str, ...] = MODELS, concurrency: int = 32, **extra: str
) -> dict[str, str]:
    return {
        "ZEGA_LLM_BASE_URL": stub_.base_url,
        "ZEGA_LLM_MODELS": ",".join(models),
        "ZEGA_LLM_CONCURRENCY": str(concurrency),
        **extra,
    }


def repeat(times: int, measure: Callable[[int], float]) -> list[float]:
    return [measure(attempt) for attempt in range(times)]


def chat_requests(snapshot: dict[str, Any], run_id: str | None = None) -> list:
    return [
        r
        for r in snapshot["requests"]
        if r.path.rstrip("/").endswith("/chat/completions") and (run_id is None or r.run_id == run_id)
    ]
