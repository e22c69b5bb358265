"""Memory: embedders behind one small interface, and per-user search over the stored vectors.

Two embedders, chosen by `ZEGA_EMBEDDINGS`:
- `hashing` (default, offline): feature hashing of word unigrams, word bigrams and character n-grams
  into a fixed number of signed buckets, sub-linear term weights, L2-normalised. Purely lexical, but
  real: texts that share words and word pieces ("dragon" / "dragons") end up close.
- `openai:<model>`: the `/v1/embeddings` endpoint of the configured OpenAI-compatible server
  (`ZEGA_LLM_BASE_URL`), batched, with retries that honour Retry-After.

Every vector is stored with its embedder's `name` and `dimension`, and a search only ever compares
vectors of the embedder configured now: entries made by another one are invisible until
`manage.py reembed_memory` re-embeds them. Cosine similarity is a dot product, since every vector is
normalised when it is made.

Search is numpy over the user's matrix. The matrix is cached per process and per (user, embedder),
and checked against a cheap fingerprint of the rows (count, sum and max of ids: ids are never reused,
so any insert or delete changes it) before each use, so a cached matrix is never stale.
"""

from __future__ import annotations

import abc
import functools
import logging
import math
import random
import re
import threading
import time
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Max, Sum

from autotrain.models import MemoryEntry

logger = logging.getLogger(__name__)


class EmbeddingError(Exception):
    """Embedding failed. `permanent=True` means retrying the same request cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Embedder(abc.ABC):
    """Texts in, one L2-normalised float32 row per text out."""

    # Stored with every entry; entries are comparable only when name and dimension both match.
    name: str

    @abc.abstractmethod
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), dimension) float32 array of unit rows (a zero text gives a zero row)."""

    def embed_query(self, text: str) -> np.ndarray:
        """One vector for a search, made while someone waits for the answer."""
        return self.embed([text])[0]


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0).astype(np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    """The stored form: little-endian float32."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f4")


# --- hashing ---------------------------------------------------------------------------------------

# Words that say nothing about what a passage is about; without an IDF table they would dominate.
_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours story stories tale write about""".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _stem(word: str) -> str:
    """English plurals folded to the singular ("dragons" -> "dragon", "stories" -> "story"), nothing
    more: the character n-grams already relate the other forms of a word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class HashingEmbedder(Embedder):
    """Feature hashing of words, word bigrams and character n-grams (offline, deterministic).

    Weights: a word (its plural folded) counts 1.0, a bigram 0.5, and the n-grams of a word share about
    1.0 between them, so a long word is not worth more than a short one. Term frequency is damped
    (1 + log tf). The bucket and the sign of a feature come from CRC-32, which (unlike `hash()`) is the
    same in every process, so vectors stored by one worker are comparable with a query embedded by
    another.
    """

    # Bump when the features change: the name is stored with every vector.
    VERSION = 1

    def __init__(self, *, dimension: int = 512, ngram_range: tuple[int, int] = (3, 5)) -> None:
        if dimension < 16:
            raise ValueError("dimension must be at least 16")
        self.dimension = dimension
        self.ngram_range = ngram_range
        self.name = f"hashing-v{self.VERSION}"

    def __repr__(self) -> str:
        return f"HashingEmbedder(dimension={self.dimension})"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            matrix[row] = self._vector(text)
        return matrix

    def features(self, text: str) -> dict[str, float]:
        """Feature -> weight, before hashing (exposed for tests and debugging)."""
        words = [w for w in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()) if w]
        content = [w for w in words if w not in _STOPWORDS and not w.isdigit()]
        counts: dict[str, float] = {}

        def add(feature: str, weight: float) -> None:
            counts[feature] = counts.get(feature, 0.0) + weight

        low, high = self.ngram_range
        for word in content:
            add(f"w:{_stem(word)}", 1.0)
            padded = f"<{word}>"
            grams = [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]
            for gram in grams:
                add(f"c:{gram}", 1.0 / math.sqrt(len(grams)))
        stems = [_stem(word) for word in content]
        for first, second in zip(stems, stems[1:], strict=False):
            add(f"b:{first} {second}", 0.5)
        return counts

    def _vector(self, text: str) -> np.ndarray:
        features = self.features(text)
        if not features:
            return np.zeros(self.dimension, dtype=np.float32)
        buckets = np.empty(len(features), dtype=np.int64)
        weights = np.empty(len(features), dtype=np.float64)
        for i, (feature, weight) in enumerate(features.items()):
            digest = zlib.crc32(feature.encode("utf-8"))
            buckets[i] = digest % self.dimension
            # The top bit picks the sign, so collisions cancel out on average instead of piling up.
            sign = -1.0 if digest & 0x80000000 else 1.0
            # Damped: a word said ten times is not ten times as telling.
            weights[i] = sign * (1.0 + math.log(weight)) if weight >= 1.0 else sign * weight
        vector = np.bincount(buckets, weights=weights, minlength=self.dimension)
        norm = np.linalg.norm(vector)
        return (vector / norm if norm > 0 else vector).astype(np.float32)


# --- openai ----------------------------------------------------------------------------------------


class OpenAIEmbedder(Embedder):
    """`embeddings.create` on an OpenAI-compatible server (OpenAI, Ollama, vLLM, the loopback stub).

    Retries (the client's own are off, as in autotrain.llm.openai_compat): what autotrain.llm.openai_errors
    calls retryable (429/408/409/5xx, timeouts, connection errors, malformed answers) waits Retry-After
    when the server sends it (capped), else an exponential back-off, up to `max_retries` retries; what it
    calls permanent (any other 4xx, no quota left) fails at once.
    """

    # Stories are far shorter; the cap keeps a stray huge text inside every model's context window.
    MAX_INPUT_CHARS = 8000
    # A search waits at most this long for a rate limit to pass, and retries once: a web request
    # should fail fast (503) rather than hold a worker for minutes. Storing is patient.
    QUERY_RETRIES = 1
    QUERY_WAIT_CAP = 2.0

    def __init__(
        self,
        *,
        model: str,
        base_url: str,
        api_key: str | None,
        batch_size: int = 64,
        timeout: float = 60.0,
        max_retries: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        retry_after_cap: float = 30.0,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.model = model
        self.base_url = base_url
        self.name = f"openai:{model}"
        self.batch_size = batch_size
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.retry_after_cap = retry_after_cap
        self._api_key = api_key or "not-needed"  # local servers want no key, the client wants a string
        self._client: Any = None
        self._jitter = random.Random()

    def __repr__(self) -> str:
        return f"OpenAIEmbedder(model={self.model!r}, base_url={self.base_url!r})"

    def _get_client(self) -> Any:
        if self._client is None:
            import openai  # imported on first use: the offline default never needs it

            self._client = openai.OpenAI(
                base_url=self.base_url, api_key=self._api_key, timeout=self.timeout, max_retries=0
            )
        return self._client

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        rows: list[np.ndarray] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            rows.append(self._embed_batch(batch, retries=self.max_retries, wait_cap=self.retry_after_cap))
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        dimensions = {r.shape[1] for r in rows}
        if len(dimensions) != 1:
            raise EmbeddingError(
                f"{self.name}: batches came back with dimensions {sorted(dimensions)}", permanent=True
            )
        return np.vstack(rows)

    def embed_query(self, text: str) -> np.ndarray:
        retries = min(self.max_retries, self.QUERY_RETRIES)
        return self._embed_batch([text], retries=retries, wait_cap=self.QUERY_WAIT_CAP)[0]

    def _embed_batch(self, texts: list[str], *, retries: int, wait_cap: float) -> np.ndarray:
        from autotrain.llm import openai_errors

        # OpenAI refuses empty strings; a space embeds as "nothing" everywhere.
        inputs = [t[: self.MAX_INPUT_CHARS] if t.strip() else " " for t in texts]
        attempt = 0
        while True:
            try:
                response = self._send(inputs)
                return self._matrix_of(response, len(inputs))
            except _Retryable as exc:
                if attempt >= retries:
                    raise EmbeddingError(
                        f"{self.name}: {exc} (gave up after {attempt + 1} attempts)", permanent=False
                    ) from exc
                if exc.retry_after is not None:
                    delay = openai_errors.retry_after_delay(min(exc.retry_after, wait_cap), rng=self._jitter)
                else:
                    cap = min(self.backoff_cap, wait_cap)
                    delay = openai_errors.backoff(attempt, base=self.backoff_base, cap=cap, rng=self._jitter)
                logger.debug("%s: %s; retry %d/%d in %.2fs", self.name, exc, attempt + 1, retries, delay)
                attempt += 1
                time.sleep(delay)

    def _send(self, inputs: list[str]) -> Any:
        from autotrain.llm import openai_errors  # imports openai: only when this embedder is used

        try:
            # Floats, not the client's default base64: every compatible server speaks floats.
            return self._get_client().embeddings.create(
                model=self.model, input=inputs, encoding_format="float"
            )
        except (*openai_errors.CALL_ERRORS, ValueError) as exc:
            failure = openai_errors.classify(exc, timeout=self.timeout)
            if failure.permanent:
                raise EmbeddingError(f"{self.name}: {failure}", permanent=True) from exc
            raise _Retryable(failure.message, retry_after=failure.retry_after) from exc

    def _matrix_of(self, response: Any, expected: int) -> np.ndarray:
        data = getattr(response, "data", None)
        if not isinstance(data, list) or len(data) != expected:
            got = len(data) if isinstance(data, list) else "no"
            raise _Retryable(f"expected {expected} embeddings, got {got}")
        try:
            # The server may answer out of order; `index` says which input each vector belongs to.
            ordered = sorted(data, key=lambda item: item.index)
            matrix = np.array([item.embedding for item in ordered], dtype=np.float32)
        except (TypeError, ValueError, AttributeError) as exc:
            raise _Retryable(f"malformed embeddings: {exc}") from exc
        if matrix.ndim != 2 or matrix.shape[1] == 0:
            raise _Retryable(f"malformed embeddings of shape {matrix.shape}")
        return normalize_rows(matrix)


class _Retryable(Exception):
    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# --- choosing one ----------------------------------------------------------------------------------


def get_embedder() -> Embedder:
    """The embedder `ZEGA_EMBEDDINGS` names (one instance per configuration, reused)."""
    return _embedder_for(
        settings.ZEGA_EMBEDDINGS,
        settings.ZEGA_LLM_BASE_URL,
        settings.ZEGA_LLM_API_KEY,
        settings.ZEGA_EMBEDDINGS_BATCH_SIZE,
        settings.ZEGA_LLM_TIMEOUT,
        settings.ZEGA_LLM_MAX_RETRIES,
    )


@functools.lru_cache(maxsize=8)
def _embedder_for(
    spec: str, base_url: str | None, api_key: str | None, batch_size: int, timeout: float, max_retries: int
) -> Embedder:
    spec = (spec or "hashing").strip()
    if spec == "hashing":
        return HashingEmbedder()
    kind, _, model = spec.partition(":")
    if kind == "openai":
        if not model.strip():
            raise ImproperlyConfigured(
                "ZEGA_EMBEDDINGS=openai:<model> needs a model, e.g. openai:nomic-embed-text"
            )
        if not base_url:
            raise ImproperlyConfigured(
                f"ZEGA_EMBEDDINGS={spec} uses the LLM endpoint, but ZEGA_LLM_BASE_URL is not set"
            )
        return OpenAIEmbedder(
            model=model.strip(),
            base_url=base_url,
            api_key=api_key,
            batch_size=batch_size,
            timeout=timeout,
            max_retries=max_retries,
        )
    raise ImproperlyConfigured(f"ZEGA_EMBEDDINGS must be 'hashing' or 'openai:<model>', not {spec!r}")


# --- search ----------------------------------------------------------------------------------------


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


def search(*, user_id: int, query: str, k: int = 5, embedder: Embedder | None = None) -> list[Match]:
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
        matches = search(user_id=user.pk, query=prompt, k=k, embedder=embedder)
    except EmbeddingError as exc:
        logger.warning("no memory context for %s: %s", user, exc)
        return []
    return [m for m in matches if m.score > 0]
