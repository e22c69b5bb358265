"""A client-side requests-per-minute limiter for one ensemble member.

Where the limit comes from, first match wins:
1. the member's configured `rpm` (`ZEGA_LLM_RPM`, or `rpm` in a `ZEGA_ENSEMBLE` entry);
2. the server's `x-ratelimit-limit-requests` header (OpenAI and most gateways send it), read from
   every answer;
3. a 429 that told us neither: the requests that succeeded in the last minute are taken as the limit.
While none is known nothing is paced (a local server has no limit).

Requests are paced evenly, one every 60/rpm seconds, instead of going out in a burst that then waits out
a minute-long Retry-After: the same throughput, without 429s and a stalled member. The budget of a key
is shared by everyone using it (two cluster workers, several members on one key, another service), so
the server's `x-ratelimit-remaining-requests` steers the pace: while the remaining budget is above a
reserve (a tenth of the limit) the pace is the limit; below it the pace slows in proportion. Several
clients then settle at the limit between them instead of each taking all of it, and a lone client runs
at about 90% of it with no 429 at all.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Mapping

# Below this share of the limit left, the pace slows in proportion to what is left.
RESERVE_SHARE = 0.1
# Never slower than this share of the limit: a stale "0 remaining" must not stop the member for good.
FLOOR_SHARE = 0.02
# A remaining-budget reading older than this (seconds) says nothing about now.
REMAINING_TTL = 10.0
# A limit is learned from a 429 only when the answers seen cover at least this many seconds.
LEARN_MIN_SPAN = 30.0
# Pacing sleeps in steps of at most this long, so a changed limit takes effect soon.
MAX_STEP = 1.0


def _int_header(headers: Mapping[str, str], name: str) -> int | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


class RateLimiter:
    """Paces one member's requests. `acquire()` before each request; `observe()` each answer's headers."""

    def __init__(self, rpm: float | None = None) -> None:
        if rpm is not None and rpm <= 0:
            raise ValueError("rpm must be positive")
        self.configured = rpm
        self.learned: float | None = None
        self._remaining: int | None = None
        self._remaining_at = 0.0
        self._next = 0.0
        self._lock: asyncio.Lock | None = None
        self._lock_loop: asyncio.AbstractEventLoop | None = None
        # Times of the answers of the last minute: what the server accepted, for learning from a 429.
        self._answered: collections.deque[float] = collections.deque()

    @property
    def rpm(self) -> float | None:
        """The limit in force: configured, else learned; None while unknown."""
        return self.configured or self.learned

    def rate(self, now: float) -> float | None:
        """Requests per second to send at `now` (loop time); None: no pacing."""
        rpm = self.rpm
        if rpm is None:
            return None
        rate = rpm / 60.0
        if self._remaining is not None and now - self._remaining_at <= REMAINING_TTL:
            reserve = max(1.0, rpm * RESERVE_SHARE)
            rate *= min(1.0, max(FLOOR_SHARE, self._remaining / reserve))
        return rate

    async def acquire(self) -> None:
        """Wait for this request's turn (at once while no limit is known)."""
        if self.rpm is None:
            return
        loop = asyncio.get_running_loop()
        if self._lock is None or self._lock_loop is not loop:
            # A lock belongs to one event loop; a member reused from a new loop gets a new one.
            self._lock, self._lock_loop = asyncio.Lock(), loop
        async with self._lock:  # FIFO: one request waits for the next slot, the rest queue behind it
            while True:
                now = loop.time()
                rate = self.rate(now)
                if rate is None:
                    return
                wait = self._next - now
                if wait <= 0:
                    break
                await asyncio.sleep(min(wait, MAX_STEP))
            # No credit for idle time: after a pause the next request goes now, the one after 1/rate later.
            self._next = max(self._next, now) + 1.0 / rate

    def observe(self, headers: Mapping[str, str] | None, now: float) -> None:
        """Learn from an answer's `x-ratelimit-*` headers (any status)."""
        if headers is None:
            return
        limit = _int_header(headers, "x-ratelimit-limit-requests")
        if limit:
            self.learned = float(limit)
        remaining = _int_header(headers, "x-ratelimit-remaining-requests")
        if remaining is not None:
            self._remaining, self._remaining_at = remaining, now

    def answered(self, now: float) -> None:
        """Count a successful request (for learning a limit from a later 429)."""
        self._answered.append(now)
        while self._answered and now - self._answered[0] > 60.0:
            self._answered.popleft()

    def rate_limited(self, now: float) -> None:
        """A 429 (not out-of-quota): with no limit known, what got through in the last minute is it."""
        while self._answered and now - self._answered[0] > 60.0:
            self._answered.popleft()
        # Only a window long enough to say something: one early 429 after a handful of answers (a
        # transient fault, a busy moment) must not pace the member at a handful a minute from then on.
        span = now - self._answered[0] if self._answered else 0.0
        if self.rpm is None and span >= LEARN_MIN_SPAN:
            self.learned = float(len(self._answered))
        self._remaining, self._remaining_at = 0, now
