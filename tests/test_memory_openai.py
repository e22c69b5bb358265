"""The OpenAI-compatible embedder against the loopback stub (stubs/openai.py): real HTTP, no mocks."""

from __future__ import annotations

import time

import numpy as np
import pytest

from autotrain import embeddings, selectors, services
from autotrain.embeddings.openai import OpenAIEmbedder
from autotrain.models import MemoryEntry
from stubs.embeddings import EMBEDDING_DIMENSIONS, hashed_embedding
from tests.factories import ExampleFactory, RunFactory

TEXTS = [
    f"passage number {i} about {word}" for i, word in enumerate("dragons ships rain harbours ghosts".split())
]


def embedder_for(stub, **kwargs) -> OpenAIEmbedder:
    options = {"model": "stub-embed", "base_url": stub.base_url, "api_key": "k", "backoff_base": 0.01}
    return OpenAIEmbedder(**{**options, **kwargs})


def test_texts_are_sent_in_batches_and_come_back_in_order_as_unit_rows(stub_server):
    embedder = embedder_for(stub_server, batch_size=2)
    matrix = embedder.embed(TEXTS)
    assert stub_server.stats.embedding_batches == [2, 2, 1]
    assert stub_server.stats.by_path == {"/v1/embeddings": 3}
    assert matrix.dtype == np.float32 and matrix.shape == (5, EMBEDDING_DIMENSIONS)
    expected = np.array([hashed_embedding(t) for t in TEXTS], dtype=np.float32)
    np.testing.assert_allclose(matrix, expected, atol=1e-6)
    assert embedder.name == "openai:stub-embed"


def test_a_429_is_waited_out_as_its_retry_after_says_then_the_batch_succeeds(stub_server):
    stub_server.config.script = [429]
    stub_server.config.retry_after = 0.3
    began = time.monotonic()
    matrix = embedder_for(stub_server, batch_size=10).embed(TEXTS)
    elapsed = time.monotonic() - began
    assert matrix.shape == (5, EMBEDDING_DIMENSIONS)
    assert stub_server.stats.by_status == {429: 1, 200: 1}
    assert stub_server.stats.embedding_batches == [5, 5]  # the same batch, sent again
    assert elapsed >= 0.3  # the server's Retry-After, not the (tiny) back-off


def test_server_errors_are_retried_then_given_up_as_not_permanent(stub_server):
    stub_server.config.script = [500, 503]
    assert embedder_for(stub_server, max_retries=2).embed(["x"]).shape == (1, EMBEDDING_DIMENSIONS)
    stub_server.config.script = [500, 500, 500]
    with pytest.raises(embeddings.EmbeddingError) as caught:
        embedder_for(stub_server, max_retries=2).embed(["x"])
    assert caught.value.permanent is False and "gave up after 3 attempts" in str(caught.value)


@pytest.mark.parametrize("status", [400, 401, 404])
def test_request_errors_are_permanent_at_once(stub_server, status):
    stub_server.config.script = [status]
    with pytest.raises(embeddings.EmbeddingError) as caught:
        embedder_for(stub_server).embed(["x"])
    assert caught.value.permanent is True and f"HTTP {status}" in str(caught.value)
    assert stub_server.stats.total == 1


def test_a_wrong_key_is_permanent(stub_server):
    stub_server.config.api_key = "right"
    with pytest.raises(embeddings.EmbeddingError, match="HTTP 401") as caught:
        embedder_for(stub_server, api_key="wrong").embed(["x"])
    assert caught.value.permanent is True


def test_empty_texts_are_sent_as_a_space_since_servers_refuse_empty_strings(stub_server):
    matrix = embedder_for(stub_server).embed(["", "dragons"])
    assert matrix.shape == (2, EMBEDDING_DIMENSIONS)


@pytest.mark.django_db
def test_memory_on_the_openai_embedder_end_to_end(user, stub_server, settings):
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_EMBEDDINGS = "openai:stub-embed"
    settings.ZEGA_EMBEDDINGS_BATCH_SIZE = 4
    run = RunFactory(user=user, store_in_memory=True)
    texts = ["the red dragon sleeps", "a quiet harbour at dawn", "dragon fire over the hills"] * 3
    examples = [ExampleFactory(run=run, text=f"{text} {i}") for i, text in enumerate(texts)]
    assert services.memory_store_run(run=run) == 9
    assert stub_server.stats.embedding_batches == [4, 4, 1]
    assert set(MemoryEntry.objects.values_list("embedder", "dimension")) == {("openai:stub-embed", 64)}
    matches = selectors.memory_search(user_id=user.pk, query="dragon", k=3)
    assert len(matches) == 3 and all("dragon" in m.text for m in matches)
    assert {m.example_id for m in matches} <= {e.id for e in examples}


def test_a_search_query_does_not_wait_out_a_long_rate_limit(stub_server):
    """Storing is patient; a query is made while a web request waits, so it gives up quickly."""
    embedder = embedder_for(stub_server, max_retries=4)
    embedder.QUERY_WAIT_CAP = 0.2
    stub_server.config.script = [429, 429, 429]
    stub_server.config.retry_after = 30
    began = time.monotonic()
    with pytest.raises(embeddings.EmbeddingError, match="gave up after 2 attempts"):
        embedder.embed_query("dragons")
    assert time.monotonic() - began < 5
    assert stub_server.stats.by_status == {429: 2}
