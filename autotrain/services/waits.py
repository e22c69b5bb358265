"""How many plain POST /auto-train requests of one user may wait for their runs at once.

Each waiting request holds a web server thread for up to ZEGA_SYNC_WAIT_SECONDS. The limit is shared by
every web process through Django's cache (the database cache table, or Redis with REDIS_URL): a user
has ZEGA_MAX_SYNC_WAITS slots, each a cache key taken with `add` (atomic on both backends: an INSERT
that fails on the unique key, or SET NX) and given back when the wait ends. A slot expires on its own a
minute after the longest wait, so a process killed while waiting does not keep it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache

# Past the longest wait: long enough never to expire under a live wait, short enough to heal after a kill.
SLOT_EXPIRY_MARGIN_SECONDS = 60


def _slot_key(user_id: int, slot: int) -> str:
    return f"zega:sync-wait:{user_id}:{slot}"


@contextmanager
def sync_wait_slot(*, user_id: int) -> Iterator[bool]:
    """Yields True when this request may wait (a slot was free and is held until the block ends),
    False when the user already has ZEGA_MAX_SYNC_WAITS requests waiting."""
    token = secrets.token_hex(8)
    timeout = settings.ZEGA_SYNC_WAIT_SECONDS + SLOT_EXPIRY_MARGIN_SECONDS
    held = None
    for slot in range(settings.ZEGA_MAX_SYNC_WAITS):
        if cache.add(_slot_key(user_id, slot), token, timeout=timeout):
            held = _slot_key(user_id, slot)
            break
    try:
        yield held is not None
    finally:
        # Only our own token: a slot that expired under a very late wait may belong to another by now.
        if held is not None and cache.get(held) == token:
            cache.delete(held)
