"""The stub's provider-style limits: a concurrency gate and a rolling requests-per-minute window."""

from __future__ import annotations

import asyncio
import collections
import math
import time
from collections.abc import Callable


class Gate:
    """A FIFO concurrency limit whose size is read at every acquire (so tests may change it live).

    Wakes exactly one waiter per freed slot: a Condition with notify_all would wake every waiter on every
    release, which is quadratic with a few thousand queued requests.
    """

    def __init__(self, limit: Callable[[], int | None]) -> None:
        self._limit = limit
        self.busy = 0
        self._waiters: collections.deque[asyncio.Future] = collections.deque()

    def _full(self) -> bool:
        limit = self._limit()
        return limit is not None and limit > 0 and self.busy >= limit

    async def acquire(self) -> None:
        if self._waiters or self._full():
            future = asyncio.get_running_loop().create_future()
            self._waiters.append(future)
            try:
                await future  # a releaser counted us in (busy += 1) before waking us
                return
            except asyncio.CancelledError:
                if future.done() and not future.cancelled():
                    self.release()  # woken and cancelled at once: hand the slot on
                else:
                    self._waiters.remove(future)
                raise
        self.busy += 1

    def release(self) -> None:
        self.busy -= 1
        while self._waiters and not self._full():
            future = self._waiters.popleft()
            if not future.done():
                self.busy += 1
                future.set_result(None)


class RollingWindow:
    """Requests accepted in the last minute, against a limit read at every call."""

    def __init__(self, limit: Callable[[], int | None]) -> None:
        self._limit = limit
        self._accepted: collections.deque[float] = collections.deque()

    def _expire(self, now: float) -> None:
        while self._accepted and now - self._accepted[0] >= 60.0:
            self._accepted.popleft()

    def admit(self) -> int | None:
        """None when the request is accepted (and counted); else the seconds until one more may come."""
        limit = self._limit()
        if not limit:
            return None
        now = time.monotonic()
        self._expire(now)
        if len(self._accepted) >= limit:
            return max(1, math.ceil(60.0 - (now - self._accepted[0])))
        self._accepted.append(now)
        return None

    def headers(self) -> dict[str, str]:
        """OpenAI's `x-ratelimit-*-requests` headers for the window, so clients can pace themselves."""
        limit = self._limit() or 0
        now = time.monotonic()
        self._expire(now)
        remaining = max(0, limit - len(self._accepted))
        # When the oldest accepted request leaves the window, one more may come in.
        reset = 60.0 - (now - self._accepted[0]) if self._accepted else 0.0
        return {
            "x-ratelimit-limit-requests": str(limit),
            "x-ratelimit-remaining-requests": str(remaining),
            "x-ratelimit-reset-requests": f"{max(0.0, reset):.3f}s",
        }
