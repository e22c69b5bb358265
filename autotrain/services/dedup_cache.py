"""The per-process cache of each user's dedup index (autotrain.dedup), kept current across concurrent
writers.

The user's kept examples as a MinHash index, kept from one chunk to the next in the worker process
(`UserDedup.checkout` / `checkin`): loading all of the user's signatures at every chunk made each chunk
cost more the more the user had kept (a run of 5,000 spent 40% of its time there). A cached index is
brought up to date incrementally like within a chunk, then checked against the database once per chunk
(count and highest id of the user's kept examples, one indexed query); anything it cannot explain (a
deleted example, another database after a test's rollback) makes it load everything again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import timedelta

from django.db.models import Count, Max

from autotrain import dedup
from autotrain.models import TrainingExample

Example = TrainingExample


class UserDedup:
    """One user's kept examples as a MinHash index (see the module's docstring)."""

    # Clock differences between worker machines; rows this much older than the last refresh are
    # loaded again (already-known ids are skipped).
    SKEW = timedelta(seconds=5)
    # The process keeps the indexes of its most recent users, up to this many signatures in all.
    CACHE_SIGNATURES = 20_000
    _cache: OrderedDict[tuple[int, float], UserDedup] = OrderedDict()
    _cache_lock = threading.Lock()

    def __init__(self, *, user_id: int, threshold: float) -> None:
        self.user_id = user_id
        self.threshold = threshold
        self.index = dedup.DedupIndex(threshold=threshold)
        self.known: set[int] = set()
        self.top = 0  # highest known id
        self.refreshed_at = None
        self.verify = False  # check completeness at the next refresh (set when reused from the cache)

    @classmethod
    def checkout(cls, *, user_id: int, threshold: float) -> UserDedup:
        """The process's cached index of the user (to be verified at its first refresh), or a new one.

        Taken out of the cache while in use, so two chunks of one user in one process (inline tasks on
        a threaded web server) never share one.
        """
        with cls._cache_lock:
            cached = cls._cache.pop((user_id, threshold), None)
        if cached is None:
            return cls(user_id=user_id, threshold=threshold)
        cached.verify = True
        return cached

    def checkin(self) -> None:
        with self._cache_lock:
            cache = self._cache
            cache[(self.user_id, self.threshold)] = self
            cache.move_to_end((self.user_id, self.threshold))
            while len(cache) > 1 and sum(len(i.known) for i in cache.values()) > self.CACHE_SIGNATURES:
                cache.popitem(last=False)

    def _kept_rows(self):
        # No ordering: the model's (run, index) would join the runs table to sort rows nobody needs sorted.
        return Example.objects.filter(
            user_id=self.user_id, status=Example.Status.KEPT, minhash__isnull=False
        ).order_by()

    def refresh(self, now) -> None:
        rows = self._kept_rows()
        if self.refreshed_at is not None:
            # Ids first: most rows of the skew window are known already, their signatures need no reading.
            recent = rows.filter(finished_at__gte=self.refreshed_at - self.SKEW).values_list("id", flat=True)
            rows = rows.filter(id__in=[pk for pk in recent if pk not in self.known])
        for pk, signature in rows.values_list("id", "minhash"):
            if pk not in self.known:
                self.add(pk, bytes(signature))
        if self.verify:
            self.verify = False
            found = self._kept_rows().aggregate(n=Count("id"), top=Max("id"))
            if found["n"] != len(self.known) or (found["top"] or 0) != self.top:
                # Not exactly the user's kept examples: start over from the database.
                self.forget()
                self.refresh(now)
                return
        self.refreshed_at = now

    def forget(self) -> None:
        """Drop everything: the next refresh loads the user's kept examples from the database."""
        self.index = dedup.DedupIndex(threshold=self.threshold)
        self.known, self.top, self.refreshed_at = set(), 0, None

    def add(self, pk: int, signature: bytes) -> None:
        self.known.add(pk)
        self.top = max(self.top, pk)
        self.index.add(pk, signature)
