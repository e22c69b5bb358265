"""How a failed call to an OpenAI-compatible server is read, in one place for every caller: generation
and the judges (autotrain.llm.openai_compat), embeddings (autotrain.embeddings.openai) and fine-tuning
(autotrain.finetune.openai).

- permanent: any 4xx but the ones below, and a 429 `insufficient_quota` (out of credit: no amount of
  waiting pays the bill). Repeating the same request cannot help.
- retryable: 408 (timeout), 409 (OpenAI's transient lock contention), 429 (rate limit), every 5xx,
  timeouts, connection and transport errors, malformed answers.
- a server that says so explicitly (`x-should-retry: true|false`, which OpenAI sends and its own client
  honours) overrides the status.

Each caller raises its own error type (LLMError, EmbeddingError, FineTuneError) from a `Failure`, and
waits between attempts with `backoff` or `retry_after_delay`.
"""

from __future__ import annotations

import email.utils
import json
import random
import time
from dataclasses import dataclass

import httpx
import openai

# Beyond these, every status >= 500 is retryable too.
RETRYABLE_STATUSES = frozenset({408, 409, 429})

# What a call through the openai client can fail with besides a bug of ours: the client's own errors, a
# body that does not decode, and a transport error raised while reading a body the client returned raw.
CALL_ERRORS: tuple[type[BaseException], ...] = (
    openai.OpenAIError,
    json.JSONDecodeError,
    UnicodeDecodeError,
    httpx.TransportError,
)


@dataclass(frozen=True)
class Failure:
    """One failed call: what to say, and whether another attempt may succeed."""

    message: str
    permanent: bool
    status: int | None = None
    # Seconds the server asked us to wait (uncapped; callers cap it), when it said.
    retry_after: float | None = None

    def __str__(self) -> str:
        return self.message


def retryable_status(status: int) -> bool:
    return status >= 500 or status in RETRYABLE_STATUSES


def classify(exc: BaseException, *, server: str | None = None, timeout: float | None = None) -> Failure:
    """`exc`, raised by a call to `server` (named in messages that do not say it otherwise), read as a
    Failure. Anything that is not an HTTP status counts as retryable: it says nothing against the
    request itself."""
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        message = f"HTTP {status}: {exc.message}"
        if exc.code == "insufficient_quota":
            return Failure(message, permanent=True, status=status)
        should_retry = exc.response.headers.get("x-should-retry")
        if should_retry == "false" or (should_retry != "true" and not retryable_status(status)):
            return Failure(message, permanent=True, status=status)
        return Failure(message, permanent=False, status=status, retry_after=parse_retry_after(exc.response.headers))
    # Before APIConnectionError: a timeout is one.
    if isinstance(exc, openai.APITimeoutError):
        after = f" after {timeout:g}s" if timeout is not None else ""
        return Failure(f"{server + ' ' if server else ''}timed out{after}", permanent=False)
    if isinstance(exc, openai.APIConnectionError):
        return Failure(f"cannot reach {server or 'the server'}: {exc.__cause__ or exc}", permanent=False)
    if isinstance(exc, httpx.TransportError):
        return Failure(f"transport error: {exc!r}", permanent=False)
    source = f" from {server}" if server else ""
    if isinstance(exc, (openai.APIResponseValidationError, ValueError)):
        return Failure(f"malformed answer{source}: {exc}", permanent=False)
    return Failure(f"unexpected answer{source}: {exc}", permanent=False)


def parse_retry_after(headers: httpx.Headers | None) -> float | None:
    """Seconds the server asked us to wait: `retry-after-ms`, else `Retry-After` (seconds or a date)."""
    if headers is None:
        return None
    try:
        return max(0.0, float(headers["retry-after-ms"]) / 1000)
    except (KeyError, TypeError, ValueError):
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))  # the spec says integer seconds; fractions are common in practice
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def backoff_step(attempt: int, *, base: float, cap: float) -> float:
    """The exponential step after `attempt` failed attempts (0 for the first), capped."""
    return min(cap, base * 2 ** min(attempt, 32))


def backoff(attempt: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Seconds to wait before the next attempt when the server named no time. "Equal jitter": at least
    half the exponential step, so retries spread out but never bunch at 0."""
    return backoff_step(attempt, base=base, cap=cap) * rng.uniform(0.5, 1.0)


def retry_after_delay(seconds: float, *, rng: random.Random) -> float:
    """Seconds to wait when the server named a time: that, plus a little spread so a burst of 429s does
    not come back as one."""
    return seconds * rng.uniform(1.0, 1.1)
