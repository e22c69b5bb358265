"""What a worker does between the batches of a chunk it claimed (a run's items, an evaluation's pairs).

Two duties, each on its own clock: stop generating once the owner was cancelled (looked at once a
second: a cancel takes effect within about a second without a query per batch), and renew the claim well
within the claim timeout, so a live worker's claim never looks abandoned to the stall watchdog.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from django.conf import settings

CANCEL_CHECK_SECONDS = 1.0


class Cancellable(Protocol):
    def cancel(self) -> None: ...


class ClaimWatch:
    def __init__(self, *, cancelled: Callable[[], bool], renew: Callable[[], object]) -> None:
        self._cancelled = cancelled
        self._renew = renew
        self._renew_every = min(30.0, settings.ZEGA_CLAIM_TIMEOUT_SECONDS / 3)
        self._last_check = self._last_renew = time.monotonic()

    def tick(self, stream: Cancellable) -> None:
        """Called after each batch: cancel `stream` if the owner was cancelled; renew the claim when due."""
        clock = time.monotonic()
        if clock - self._last_check >= CANCEL_CHECK_SECONDS:
            self._last_check = clock
            if self._cancelled():
                stream.cancel()
        if clock - self._last_renew >= self._renew_every:
            self._last_renew = clock
            self._renew()
