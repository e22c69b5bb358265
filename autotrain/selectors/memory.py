"""Per-user memory search over the stored vectors (MemoryEntry), and the context `/generate` takes
from it.

A search only ever compares vectors of the embedder configured now (same name and dimension): entries
made by another one are invisible until `manage.py reembed_memory` re-embeds them. Cosine similarity is
a dot product, since every vector is normalised when it is made.

Search is numpy over the user's matrix. The matrix is cached per process and per (user, embedder),
and checked against a cheap fingerprint of the rows (count, sum and max of ids: ids are never reused,
so any insert or delete changes it) before each use, so a cached matrix is never stale.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max, Sum

from autotrain.embeddings import Embedder, EmbeddingError, get_embedder
from autotrain.models import MemoryEntry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Match:
    entry_id: int
    example_id: int
    text: str
    genre: str
    quality_score: float | None
    score: float


class _MatrixCache:
    """Per-process LRU of (user, embedder name, dimension) -> (fingerprint, ids, matrix), bounded by
    bytes: 10,000 entries of 512 floats are 20 MB, and a web worker must not hoard every user's."""

    def __init__(self, max_bytes: int = 256 * 2**20) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, tuple[tuple, np.ndarray, np.ndarray]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, fingerprint: tuple) -> tuple[np.ndarray, np.ndarray] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != fingerprint:
                return None
            self._items.move_to_end(key)
            return item[1], item[2]

    def put(self, key: tuple, fingerprint: tuple, ids: np.ndarray, matrix: np.ndarray) -> None:
        size = ids.nbytes + matrix.nbytes
        with self._lock:
            self._discard(key)
            if size > self.max_bytes:
                return  # searched straight from the database every time; still correct
            self._items[key] = (fingerprint, ids, matrix)
            self._bytes += size
            while self._bytes > self.max_bytes:
                self._discard(next(iter(self._items)))

    def _discard(self, key: tuple) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._bytes -= item[1].nbytes + item[2].nbytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


_matrices = _MatrixCache()


def _user_matrix(*, user_id: int, embedder_name: str, dimension: int) -> tuple[np.ndarray, np.ndarray]:
    """The ids and the (n, dimension) matrix of the user's entries made by this embedder."""
    rows = MemoryEntry.objects.filter(user_id=user_id, embedder=embedder_name)
    # Answered from the (user, embedder) index alone; a filter on dimension too would read every row.
    stats = rows.aggregate(n=Count("id"), total=Sum("id"), last=Max("id"))
    fingerprint = (stats["n"], stats["total"], stats["last"])
    key = (user_id, embedder_name, dimension)
    cached = _matrices.get(key, fingerprint)
    if cached is not None:
        return cached
    pairs = list(rows.filter(dimension=dimension).order_by("id").values_list("id", "embedding"))
    ids = np.fromiter((pk for pk, _ in pairs), dtype=np.int64, count=len(pairs))
    if pairs:
        blob = b"".join(bytes(vector) for _, vector in pairs)
        # A native, owned copy: BLAS runs measurably faster on it than on a view of the bytes.
        matrix = np.frombuffer(blob, dtype="<f4").reshape(len(pairs), dimension).astype(np.float32)
    else:
        matrix = np.zeros((0, dimension), dtype=np.float32)
    _matrices.put(key, fingerprint, ids, matrix)
    return ids, matrix


def memory_search(*, user_id: int, query: str, k: int = 5, embedder: Embedder | None = None) -> list[Match]:
    """The user's `k` entries nearest to `query` by cosine similarity, best first.

    Only entries of the current embedder (same name and dimension) take part, and none of an example
    excluded from training. Raises EmbeddingError
    when the query cannot be embedded.
    """
    if k < 1 or not query.strip():
        return []
    embedder = embedder or get_embedder()
    vector = embedder.embed_query(query)
    dimension = int(vector.shape[0])
    ids, matrix = _user_matrix(user_id=user_id, embedder_name=embedder.name, dimension=dimension)
    if not len(ids) or not np.any(vector):
        return []
    # einsum's own single-threaded loop, not `matrix @ vector`: OpenBLAS splits a matrix-vector product
    # over threads, which on a busy machine (web workers, the cluster) wait for each other and turn a
    # 1 ms product into 15 ms or more.
    scores = np.einsum("ij,j->i", matrix, vector)
    found = _top_entries(ids, scores, k, user_id=user_id, embedder_name=embedder.name, dimension=dimension)
    if len(found) < min(k, len(ids)):
        # Some of the best belong to examples excluded from training, which memory search leaves out
        # (the entries stay, for when the example is included again): drop all of the user's, pick again.
        excluded = MemoryEntry.objects.filter(
            user_id=user_id, embedder=embedder.name, example__excluded=True
        ).values_list("id", flat=True)
        keep = ~np.isin(ids, np.fromiter(excluded, dtype=np.int64))
        found = _top_entries(
            ids[keep], scores[keep], k, user_id=user_id, embedder_name=embedder.name, dimension=dimension
        )
    return [
        Match(
            entry_id=pk,
            example_id=row[1],
            text=row[2],
            genre=row[3],
            quality_score=row[4],
            score=round(score, 6),
        )
        for pk, (score, row) in found.items()
    ]


def _top_entries(
    ids: np.ndarray, scores: np.ndarray, k: int, *, user_id: int, embedder_name: str, dimension: int
) -> dict[int, tuple[float, tuple]]:
    """The rows of the `k` best-scoring entries, best first, less those of excluded examples."""
    if not len(ids):
        return {}
    top = min(k, len(ids))
    # Partial selection first: O(n) instead of sorting all 10,000 scores.
    best = np.argpartition(-scores, top - 1)[:top]
    best = best[np.lexsort((ids[best], -scores[best]))]
    wanted = {int(ids[i]): float(scores[i]) for i in best}
    # Filtered again by user and embedder: the cache is an optimisation, never the authority.
    rows = MemoryEntry.objects.filter(
        id__in=list(wanted),
        user_id=user_id,
        embedder=embedder_name,
        dimension=dimension,
        example__excluded=False,
    ).values_list("id", "example_id", "text", "example__genre", "example__quality_score")
    found = {row[0]: row for row in rows}
    return {pk: (score, found[pk]) for pk, score in wanted.items() if pk in found}


def memory_context_for(*, user, prompt: str, k: int = 3, embedder: Embedder | None = None) -> list[Match]:
    """What `/generate` gives the writer as context: the user's best matches for the prompt.

    Matches with nothing in common with the prompt (cosine <= 0) are left out. Context is an
    enrichment, so an embeddings endpoint that does not answer means no context, not a failed story
    (the answer's `memory_used` then says so).
    """
    try:
        matches = memory_search(user_id=user.pk, query=prompt, k=k, embedder=embedder)
    except EmbeddingError as exc:
        logger.warning("no memory context for %s: %s", user, exc)
        return []
    return [m for m in matches if m.score > 0]
