"""Which embedder `ZEGA_EMBEDDINGS` names. The OpenAI one is imported only when it is chosen: the
offline default never imports `openai`."""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from autotrain.embeddings.base import Embedder
from autotrain.embeddings.hashing import HashingEmbedder


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
        from autotrain.embeddings.openai import OpenAIEmbedder

        return OpenAIEmbedder(
            model=model.strip(),
            base_url=base_url,
            api_key=api_key,
            batch_size=batch_size,
            timeout=timeout,
            max_retries=max_retries,
        )
    raise ImproperlyConfigured(f"ZEGA_EMBEDDINGS must be 'hashing' or 'openai:<model>', not {spec!r}")
