"""`openai:<model>`: the `/v1/embeddings` endpoint of the configured OpenAI-compatible server
(`ZEGA_LLM_BASE_URL`), batched, with retries that honour Retry-After."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from autotrain.embeddings.base import Embedder, EmbeddingError, normalize_rows

logger = logging.getLogger(__name__)


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

        failures: tuple[type[BaseException], ...] = (*openai_errors.CALL_ERRORS, ValueError)
        try:
            # Floats, not the client's default base64: every compatible server speaks floats.
            return self._get_client().embeddings.create(
                model=self.model, input=inputs, encoding_format="float"
            )
        except failures as exc:
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
