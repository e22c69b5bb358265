"""Memory writes: store a run's kept examples, delete entries, re-embed after the embedder changed.

Storing is idempotent (an example has at most one entry; a second store of it does nothing) and happens
outside the run's write transaction, since embedding may be an HTTP call. Only kept examples of runs
created with `store_in_memory=True` are ever stored. `TrainingRun.stored_in_memory_count` is recounted
from the rows after every change here, so it tells how many of the run's examples are in memory.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q

from autotrain import embeddings, selectors
from autotrain.models import MemoryEntry, TrainingExample, TrainingRun

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Example = TrainingExample
# Examples embedded per call: bounds memory and the size of one HTTP batch series.
STORE_BATCH = 256


def memory_store_examples(*, example_ids: Iterable[int], embedder: embeddings.Embedder | None = None) -> int:
    """Store these examples in memory where they qualify and are not stored yet. Returns how many.

    Examples that are not kept, or whose run did not ask for memory, are skipped: callers may pass any
    ids. Raises embeddings.EmbeddingError when the embedder fails (nothing is half-stored: a batch's
    entries are written only once all of them are embedded).
    """
    ids = sorted(set(example_ids))
    if not ids:
        return 0
    embedder = embedder or embeddings.get_embedder()
    stored = 0
    runs: set = set()
    for start in range(0, len(ids), STORE_BATCH):
        chunk = ids[start : start + STORE_BATCH]
        pending = list(
            selectors.storable_examples()
            .filter(id__in=chunk, memory_entry__isnull=True)
            .order_by("id")
            .values_list("id", "user_id", "run_id", "text")
        )
        if not pending:
            continue
        vectors = embedder.embed([text for _, _, _, text in pending])
        entries = [
            MemoryEntry(
                user_id=user_id,
                example_id=pk,
                text=text,
                embedder=embedder.name,
                dimension=int(vectors.shape[1]),
                embedding=embeddings.to_bytes(vectors[row]),
            )
            for row, (pk, user_id, _, text) in enumerate(pending)
        ]
        # A concurrent store of the same example (a re-delivered chunk, a backfill) wins quietly.
        MemoryEntry.objects.bulk_create(entries, ignore_conflicts=True)
        stored += len(entries)
        runs.update(run_id for _, _, run_id, _ in pending)
    _recount_runs(runs)
    return stored


def memory_store_run(*, run: TrainingRun, embedder: embeddings.Embedder | None = None) -> int:
    """Store every kept example of the run that is not stored yet (a no-op unless store_in_memory)."""
    if not run.store_in_memory:
        return 0
    ids = selectors.storable_examples().filter(run=run, memory_entry__isnull=True).values_list("id", flat=True)
    return memory_store_examples(example_ids=list(ids), embedder=embedder)


def memory_entries_delete(*, user: User, entry_ids: Sequence[int] | None = None) -> int:
    """Delete the user's memory entries (these, or all of them). Their examples stay. Returns how many."""
    entries = MemoryEntry.objects.filter(user=user)
    if entry_ids is not None:
        entries = entries.filter(id__in=list(entry_ids))
    with transaction.atomic():
        runs = set(entries.values_list("example__run_id", flat=True))
        deleted, _ = entries.delete()
        _recount_runs(runs)
    return deleted


@dataclass(frozen=True)
class ReembedReport:
    embedder: str
    reembedded: int
    backfilled: int
    remaining_other: int  # entries still made by another embedder (only when a batch failed)


def memory_reembed(
    *,
    user: User | None = None,
    embedder: embeddings.Embedder | None = None,
    everything: bool = False,
    backfill: bool = True,
    batch_size: int = STORE_BATCH,
) -> ReembedReport:
    """Bring memory onto the current embedder: re-embed entries made by another one (or every entry,
    with `everything`), and store kept examples of store_in_memory runs that have no entry yet (a
    storage that failed while the run was going).

    Entries are rewritten batch by batch; each batch is embedded first and written in one
    transaction, so an interruption leaves every entry whole, on one embedder or the other.
    """
    embedder = embedder or embeddings.get_embedder()
    entries = MemoryEntry.objects.all()
    if user is not None:
        entries = entries.filter(user=user)
    probe_dimension = _dimension_of(embedder)
    if not everything:
        entries = entries.exclude(Q(embedder=embedder.name) & Q(dimension=probe_dimension))
    reembedded = 0
    last_id = 0
    while True:
        batch = list(entries.filter(id__gt=last_id).order_by("id").values_list("id", "text")[:batch_size])
        if not batch:
            break
        last_id = batch[-1][0]
        vectors = embedder.embed([text for _, text in batch])
        updates = [
            MemoryEntry(
                id=pk,
                embedder=embedder.name,
                dimension=int(vectors.shape[1]),
                embedding=embeddings.to_bytes(vectors[row]),
            )
            for row, (pk, _) in enumerate(batch)
        ]
        with transaction.atomic():
            MemoryEntry.objects.bulk_update(updates, ["embedder", "dimension", "embedding"])
        reembedded += len(updates)
    backfilled = 0
    if backfill:
        missing = selectors.storable_examples().filter(memory_entry__isnull=True)
        if user is not None:
            missing = missing.filter(user=user)
        backfilled = memory_store_examples(
            example_ids=list(missing.values_list("id", flat=True)), embedder=embedder
        )
    remaining = MemoryEntry.objects.exclude(embedder=embedder.name, dimension=probe_dimension)
    if user is not None:
        remaining = remaining.filter(user=user)
    return ReembedReport(
        embedder=embedder.name,
        reembedded=reembedded,
        backfilled=backfilled,
        remaining_other=remaining.count(),
    )


def _dimension_of(embedder: embeddings.Embedder) -> int:
    dimension = getattr(embedder, "dimension", None)
    if isinstance(dimension, int):
        return dimension
    # Remote embedders learn their dimension from an answer.
    return int(embedder.embed(["dimension probe"]).shape[1])


def _recount_runs(run_ids: Iterable) -> None:
    for run_id in {r for r in run_ids if r is not None}:
        # Counted under the run's row lock: two workers storing batches of one run at once must not
        # write their counts in the wrong order and leave the smaller one.
        with transaction.atomic():
            locked = TrainingRun.objects.select_for_update().filter(id=run_id).values_list("id", flat=True)
            if locked.first() is not None:
                count = MemoryEntry.objects.filter(example__run_id=run_id).count()
                TrainingRun.objects.filter(id=run_id).update(stored_in_memory_count=count)


__all__ = [
    "ReembedReport",
    "memory_entries_delete",
    "memory_reembed",
    "memory_store_examples",
    "memory_store_run",
]
