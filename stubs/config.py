"""What the OpenAI-compatible stub is told (StubConfig) and what it saw (RequestRecord, StubStats)."""

from __future__ import annotations

import collections
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# (model, messages) -> the assistant's text. Lets a test decide exactly what a model "writes".
TextSource = Callable[[str, list[dict]], str]
# (judge model, {label: candidate text}) -> the judge's raw answer (any string: JSON or not).
JudgeReply = Callable[[str, dict[str, str]], str]


@dataclass
class StubConfig:
    """How the stub behaves. Every field may be changed while the server runs."""

    latency: float = 0.0  # seconds each request spends "generating"
    max_in_flight: int | None = None  # requests in service at once; the rest wait their turn
    # The same per model, as a provider's per-model concurrency limit (a vLLM/Ollama server per model).
    max_in_flight_per_model: int | None = None
    rpm_limit: int | None = None  # accepted requests per rolling minute; beyond it: 429 + Retry-After
    # Fault probabilities per request (one seeded draw decides which, if any, applies).
    rate_429: float = 0.0
    rate_500: float = 0.0
    rate_503: float = 0.0
    rate_hang: float = 0.0  # sleep `hang_seconds` (past any sane client timeout), then answer anyway
    rate_malformed: float = 0.0  # 200 with a truncated, invalid JSON body
    rate_empty_choice: float = 0.0  # 200 with "choices": []
    retry_after: float = 1.0  # seconds sent in Retry-After on fault 429s (fractions allowed)
    hang_seconds: float = 30.0
    failing_models: dict[str, float] = field(default_factory=dict)  # model -> probability of a 500
    # Faults for the next requests, in arrival order, before any random draw: an HTTP status (429, 500,
    # 404, ...) or "hang" / "malformed" / "empty_choice" / "quota" (429 insufficient_quota) / "ok".
    # Makes "fail twice, then succeed" exact.
    script: list[int | str] = field(default_factory=list)
    known_models: set[str] | None = None  # when set, other models answer 404 model_not_found
    api_key: str | None = None  # when set, any other bearer token answers 401
    seed: int = 0
    text_source: TextSource | None = None
    # Chatter around every story answer (not judge answers), as chat models write it: e.g.
    # "Sure! Here's a story:" and "I hope you enjoy it!", each set off by a blank line.
    story_preamble: str = ""
    story_postamble: str = ""
    # Judge model -> its answers to judge requests: a JudgeReply callable or a behaviour name (see
    # stubs/replies.py); models not named answer the default (valid JSON, every label kept).
    judge_replies: dict[str, JudgeReply | str] = field(default_factory=dict)
    # Judge model -> its answers to comparison requests: a JudgeReply callable or a behaviour name.
    compare_replies: dict[str, JudgeReply | str] = field(default_factory=dict)
    # The fine-tuning API (stubs/finetuning.py): the statuses a new job walks through, one per
    # retrieve; the error a job scripted to fail reports; HTTP statuses for the next fine-tuning requests.
    finetune_statuses: list[str] = field(
        default_factory=lambda: ["validating_files", "queued", "running", "succeeded"]
    )
    finetune_error: dict | None = None
    finetune_faults: list[int | str] = field(default_factory=list)


@dataclass
class RequestRecord:
    """One request as the stub saw it."""

    path: str
    model: str | None = None
    run_id: str | None = None
    index: int | None = None
    status: int | None = None  # None while still being answered
    fault: str | None = None  # which injected fault applied, if any
    kind: str | None = None  # chat requests: "judge" (a jury's request), "compare" or "story"
    received: float = 0.0  # time.monotonic()
    answered: float | None = None


class StubStats:
    """Thread-safe counters: written on the server's loop thread, read from tests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.total = 0
            self.by_model: collections.Counter[str] = collections.Counter()
            self.by_status: collections.Counter[int] = collections.Counter()
            self.by_path: collections.Counter[str] = collections.Counter()
            self.in_flight = 0
            self.max_in_flight = 0
            self.requests: list[RequestRecord] = []
            self.embedding_batches: list[int] = []
            self.judge_requests = 0
            self.judge_by_model: collections.Counter[str] = collections.Counter()
            self.compare_requests = 0

    def received(self, path: str) -> RequestRecord:
        record = RequestRecord(path=path, received=time.monotonic())
        with self._lock:
            self.total += 1
            self.by_path[path] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.requests.append(record)
        return record

    def identified(self, record: RequestRecord, model: str) -> None:
        with self._lock:
            record.model = model
            self.by_model[model] += 1

    def judged(self, record: RequestRecord) -> None:
        with self._lock:
            record.kind = "judge"
            self.judge_requests += 1
            self.judge_by_model[record.model or ""] += 1

    def compared(self, record: RequestRecord) -> None:
        with self._lock:
            record.kind = "compare"
            self.compare_requests += 1

    def answered(self, record: RequestRecord, status: int) -> None:
        with self._lock:
            record.status = status
            record.answered = time.monotonic()
            self.by_status[status] += 1
            self.in_flight -= 1

    def embedding_batch(self, size: int) -> None:
        with self._lock:
            self.embedding_batches.append(size)

    def snapshot(self) -> dict[str, Any]:
        """A consistent copy, safe to inspect while the server keeps running."""
        with self._lock:
            return {
                "total": self.total,
                "by_model": dict(self.by_model),
                "by_status": dict(self.by_status),
                "by_path": dict(self.by_path),
                "in_flight": self.in_flight,
                "max_in_flight": self.max_in_flight,
                "requests": [RequestRecord(**vars(r)) for r in self.requests],
                "embedding_batches": list(self.embedding_batches),
                "judge_requests": self.judge_requests,
                "judge_by_model": dict(self.judge_by_model),
                "compare_requests": self.compare_requests,
            }
