"""Memory: the hashing embedder, storage of a run's kept examples, per-user search, re-embedding."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from autotrain import embeddings, selectors, services
from autotrain.embeddings.openai import OpenAIEmbedder
from autotrain.selectors import memory as memory_selectors
from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest
from autotrain.llm.offline import write_story
from autotrain.models import MemoryEntry, TrainingExample
from tests.factories import ExampleFactory, RunFactory
from tests.helpers import DETECTIVE, FANTASY, remember

BAD = "As an AI language model, I cannot write stories."


# --- the hashing embedder --------------------------------------------------------------------------


def test_hashing_vectors_are_unit_float32_rows_of_a_fixed_dimension():
    embedder = embeddings.HashingEmbedder()
    matrix = embedder.embed(FANTASY + ["", "   ", "the and of"])
    assert matrix.dtype == np.float32 and matrix.shape == (7, 512)
    np.testing.assert_allclose(np.linalg.norm(matrix[:4], axis=1), 1.0, rtol=1e-5)
    assert not matrix[4:].any()  # nothing to say: a zero row, never NaN
    assert embedder.name == "hashing-v1"


def test_hashing_is_deterministic_across_instances_and_sees_word_pieces():
    first, second = embeddings.HashingEmbedder(), embeddings.HashingEmbedder()
    np.testing.assert_array_equal(first.embed(FANTASY), second.embed(FANTASY))
    dragon, dragons, ledger = first.embed(["dragon", "dragons", "ledger"])
    # Plurals fold to one word, and the character n-grams of "dragon" are shared with its other forms.
    assert float(dragon @ dragons) > 0.8
    assert float(dragon @ dragons) > float(dragon @ ledger) + 0.3
    wizard, wizardry = first.embed(["wizard", "wizardry"])
    assert float(wizard @ wizardry) > float(wizard @ ledger) + 0.2  # no word in common, only pieces


def test_hashing_ranks_fantasy_texts_above_detective_texts_for_a_fantasy_query():
    embedder = embeddings.HashingEmbedder()
    texts = DETECTIVE[:2] + FANTASY + DETECTIVE[2:]  # interleaved: the order must not help
    scores = embedder.embed(texts) @ embedder.embed(["A story about dragons and wizards"])[0]
    ranked = [texts[i] for i in np.argsort(-scores)]
    assert set(ranked[: len(FANTASY)]) == set(FANTASY)
    # And the other way round.
    scores = embedder.embed(texts) @ embedder.embed(["a detective looking for clues to a murder"])[0]
    ranked = [texts[i] for i in np.argsort(-scores)]
    assert set(ranked[: len(DETECTIVE)]) == set(DETECTIVE)


def test_the_embedder_follows_the_setting(settings):
    settings.ZEGA_EMBEDDINGS = "hashing"
    assert isinstance(embeddings.get_embedder(), embeddings.HashingEmbedder)
    settings.ZEGA_LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.ZEGA_EMBEDDINGS = "openai:nomic-embed-text"
    embedder = embeddings.get_embedder()
    assert isinstance(embedder, OpenAIEmbedder) and embedder.name == "openai:nomic-embed-text"
    for bad in ("word2vec", "openai:", "openai"):
        settings.ZEGA_EMBEDDINGS = bad
        with pytest.raises(ImproperlyConfigured):
            embeddings.get_embedder()
    settings.ZEGA_LLM_BASE_URL = None
    settings.ZEGA_EMBEDDINGS = "openai:text-embedding-3-small"
    with pytest.raises(ImproperlyConfigured, match="ZEGA_LLM_BASE_URL"):
        embeddings.get_embedder()


# --- storing a run's kept examples -------------------------------------------------------------------


class ChosenEnsemble:
    """Answers each item with the text the test chooses (None: every member failed)."""

    def __init__(self, answer):
        self.answer = answer

    async def generate(self, request: GenerationRequest) -> EnsembleResult:
        from autotrain import quality

        text = self.answer(request)
        if text is None:
            return EnsembleResult(None, [Candidate(model="chosen", error="HTTP 500: boom")])
        report = quality.score(text, request.prompt, genre=request.genre)
        winner = Candidate(model="chosen", text=text, score=report.score, latency=0.01, report=report)
        return EnsembleResult(winner, [winner], report, ranked=[winner] if report.kept else [])

    async def aclose(self):
        return None


def unique_good(request):
    return write_story(
        genre=request.genre, prompt=request.prompt, style_modifier=request.style_modifier, seed=request.seed
    )


def mixed(request):
    """Kept, low quality, failed, kept, duplicate of the first... by index."""
    if request.index % 4 == 1:
        return BAD
    if request.index % 4 == 2:
        return None
    return unique_good(request)


def execute(user, n, *, store_in_memory, answer=mixed):
    """A fantasy run of `n` items answered by `answer`, planned with a fixed seed: the tests count the
    offline stories kept, and a random plan would give one the filter rejects now and then."""
    run, _ = services.run_create(
        user=user, num_examples=n, genres=["fantasy"], store_in_memory=store_in_memory, seed=0, enqueue=False
    )
    services.run_execute_chunk(
        run_id=run.id, start=0, stop=n, ensemble_factory=lambda: ChosenEnsemble(answer)
    )
    run.refresh_from_db()
    return run


@pytest.mark.django_db(transaction=True)
def test_a_run_with_store_in_memory_stores_its_kept_examples_and_only_those(user):
    run = execute(user, 8, store_in_memory=True)
    kept = set(TrainingExample.objects.filter(run=run, status="kept").values_list("id", flat=True))
    assert len(kept) == 4 and TrainingExample.objects.filter(run=run).exclude(status="kept").count() == 4
    entries = MemoryEntry.objects.filter(user=user)
    assert set(entries.values_list("example_id", flat=True)) == kept
    assert run.stored_in_memory_count == 4
    for entry in entries.select_related("example"):
        assert entry.text == entry.example.text and entry.embedder == "hashing-v1" and entry.dimension == 512
        vector = embeddings.from_bytes(entry.embedding)
        assert vector.shape == (512,) and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    summary = selectors.run_summary(run)
    assert summary["stored_in_memory"] is True and summary["stored_in_memory_count"] == 4


@pytest.mark.django_db(transaction=True)
def test_a_run_without_store_in_memory_stores_nothing(user):
    run = execute(user, 6, store_in_memory=False)
    assert TrainingExample.objects.filter(run=run, status="kept").exists()
    assert not MemoryEntry.objects.exists()
    assert run.stored_in_memory_count == 0
    summary = selectors.run_summary(run)
    assert summary["stored_in_memory"] is False and summary["stored_in_memory_count"] == 0
    # Asking the service directly does not store them either: the run did not ask for memory.
    ids = TrainingExample.objects.filter(run=run).values_list("id", flat=True)
    assert services.memory_store_examples(example_ids=ids) == 0
    assert services.memory_store_run(run=run) == 0
    assert not MemoryEntry.objects.exists()


@pytest.mark.django_db
def test_storing_is_idempotent_and_skips_examples_that_are_not_kept(user):
    run = RunFactory(user=user, store_in_memory=True)
    kept = ExampleFactory.create_batch(3, run=run)
    rejected = ExampleFactory(run=run, status="rejected", reject_reason="low_quality")
    pending = ExampleFactory(run=run, status="pending", text="")
    ids = [e.id for e in kept] + [rejected.id, pending.id]
    assert services.memory_store_examples(example_ids=ids) == 3
    assert services.memory_store_examples(example_ids=ids) == 0
    assert services.memory_store_run(run=run) == 0
    assert MemoryEntry.objects.count() == 3
    run.refresh_from_db()
    assert run.stored_in_memory_count == 3


@pytest.mark.django_db(transaction=True)
def test_a_failing_embedder_costs_the_run_nothing_and_reembed_stores_the_rest_later(
    user, stub_server, settings
):
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    settings.ZEGA_LLM_MAX_RETRIES = 0
    settings.ZEGA_EMBEDDINGS = "openai:stub-embed"
    stub_server.config.rate_500 = 1.0  # the embeddings endpoint is down for the whole run
    run = execute(user, 4, store_in_memory=True, answer=unique_good)
    assert run.status == "succeeded"
    assert TrainingExample.objects.filter(run=run, status="kept").count() == 4
    assert run.stored_in_memory_count == 0 and not MemoryEntry.objects.exists()
    stub_server.config.rate_500 = 0.0
    out = _call("reembed_memory", "--json")
    assert json.loads(out.splitlines()[-1]) == {
        "embedder": "openai:stub-embed",
        "reembedded": 0,
        "backfilled": 4,
        "remaining_other": 0,
    }
    run.refresh_from_db()
    assert run.stored_in_memory_count == 4
    assert set(MemoryEntry.objects.values_list("dimension", flat=True)) == {64}


@pytest.mark.django_db
def test_deleting_an_example_deletes_its_memory_entry(user):
    run = RunFactory(user=user, store_in_memory=True)
    first, second = ExampleFactory.create_batch(2, run=run)
    services.memory_store_run(run=run)
    first.delete()
    assert list(MemoryEntry.objects.values_list("example_id", flat=True)) == [second.id]


@pytest.mark.django_db
def test_deleting_entries_keeps_the_examples_and_recounts_the_run(user, other_user):
    run = RunFactory(user=user, store_in_memory=True)
    examples = ExampleFactory.create_batch(3, run=run)
    services.memory_store_run(run=run)
    others = RunFactory(user=other_user, store_in_memory=True)
    ExampleFactory(run=others)
    services.memory_store_run(run=others)
    one = MemoryEntry.objects.get(example=examples[0])
    foreign = MemoryEntry.objects.get(user=other_user)
    # Another user's entry id is simply not the caller's to delete.
    assert services.memory_entries_delete(user=user, entry_ids=[one.id, foreign.id]) == 1
    run.refresh_from_db()
    assert run.stored_in_memory_count == 2
    assert services.memory_entries_delete(user=user) == 2
    run.refresh_from_db()
    assert run.stored_in_memory_count == 0
    assert TrainingExample.objects.filter(run=run).count() == 3
    assert MemoryEntry.objects.filter(user=other_user).count() == 1


# --- search ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_returns_the_users_best_matches_best_first(user):
    fantasy = remember(user, FANTASY, genre="fantasy")
    remember(user, DETECTIVE, genre="mystery")
    matches = selectors.memory_search(user_id=user.pk, query="dragons and wizards", k=4)
    assert {m.example_id for m in matches} == {e.id for e in fantasy}
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(m.genre == "fantasy" and m.quality_score == 8.5 for m in matches)
    assert len(selectors.memory_search(user_id=user.pk, query="dragons", k=50)) == 8
    assert selectors.memory_search(user_id=user.pk, query="dragons", k=0) == []
    assert selectors.memory_search(user_id=user.pk, query="   ", k=5) == []


@pytest.mark.django_db
def test_one_users_memory_never_appears_in_anothers_results(user, other_user):
    mine = remember(user, DETECTIVE, genre="mystery")
    remember(other_user, FANTASY)  # the better match, but not alice's
    matches = selectors.memory_search(user_id=user.pk, query="dragons and wizards", k=10)
    assert {m.example_id for m in matches} == {e.id for e in mine}
    assert selectors.memory_search(user_id=RunFactory().user_id, query="dragons", k=5) == []


@pytest.mark.django_db
def test_search_sees_every_insert_and_delete_at_once(user):
    """The per-process matrix cache must never answer with a stale matrix."""
    first = remember(user, FANTASY[:2])
    assert len(selectors.memory_search(user_id=user.pk, query="dragon", k=10)) == 2
    added = remember(user, FANTASY[2:3])
    assert {m.example_id for m in selectors.memory_search(user_id=user.pk, query="dragon", k=10)} == {
        e.id for e in first + added
    }
    first[0].delete()  # CASCADE, no service involved
    assert {m.example_id for m in selectors.memory_search(user_id=user.pk, query="dragon", k=10)} == {
        first[1].id,
        added[0].id,
    }
    # A delete and an insert between two searches: same count, different rows.
    MemoryEntry.objects.filter(example=first[1]).delete()
    latest = remember(user, FANTASY[3:4])
    assert {m.example_id for m in selectors.memory_search(user_id=user.pk, query="dragon", k=10)} == {
        added[0].id,
        latest[0].id,
    }


class RenamedHashing(embeddings.HashingEmbedder):
    """Same vectors, another name: stands for any other embedder (a model change, an upgrade)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.name = "hashing-experimental"


@pytest.mark.django_db
def test_entries_of_another_embedder_are_never_compared_and_reembed_fixes_them(user):
    examples = remember(user, FANTASY, store=False)
    services.memory_store_examples(example_ids=[e.id for e in examples[:2]], embedder=RenamedHashing())
    services.memory_store_examples(
        example_ids=[e.id for e in examples[2:3]], embedder=embeddings.HashingEmbedder(dimension=64)
    )
    services.memory_store_examples(example_ids=[examples[3].id])  # the current embedder
    # Same name but another dimension counts as another embedder too.
    assert MemoryEntry.objects.filter(dimension=64, embedder="hashing-v1").count() == 1
    matches = selectors.memory_search(user_id=user.pk, query="dragons and wizards", k=10)
    assert [m.example_id for m in matches] == [examples[3].id]
    # The other embedder sees only its own entries.
    other = selectors.memory_search(user_id=user.pk, query="dragons and wizards", k=10, embedder=RenamedHashing())
    assert {m.example_id for m in other} == {examples[0].id, examples[1].id}

    out = _call("reembed_memory", "--json")
    report = json.loads(out.splitlines()[-1])
    assert report == {"embedder": "hashing-v1", "reembedded": 3, "backfilled": 0, "remaining_other": 0}
    assert set(MemoryEntry.objects.values_list("embedder", "dimension")) == {("hashing-v1", 512)}
    matches = selectors.memory_search(user_id=user.pk, query="dragons and wizards", k=10)
    assert {m.example_id for m in matches} == {e.id for e in examples}
    # Re-embedded vectors are exactly what the current embedder makes.
    entry = MemoryEntry.objects.get(example=examples[0])
    np.testing.assert_array_equal(
        embeddings.from_bytes(entry.embedding), embeddings.HashingEmbedder().embed([entry.text])[0]
    )
    assert json.loads(_call("reembed_memory", "--json").splitlines()[-1])["reembedded"] == 0


@pytest.mark.django_db
def test_reembed_can_be_limited_to_one_user_and_refuses_unknown_users(user, other_user):
    for owner in (user, other_user):
        examples = remember(owner, FANTASY[:2], store=False)
        services.memory_store_examples(example_ids=[e.id for e in examples], embedder=RenamedHashing())
    out = _call("reembed_memory", "--user", "alice")
    assert "2 re-embedded" in out
    assert MemoryEntry.objects.filter(user=other_user, embedder="hashing-experimental").count() == 2
    with pytest.raises(CommandError, match="No user named"):
        _call("reembed_memory", "--user", "nobody")


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_matrix_cache_is_bounded_by_bytes():
    cache = memory_selectors._MatrixCache(max_bytes=3000)
    ids = np.arange(2, dtype=np.int64)  # 16 bytes
    for user in (1, 2, 3):
        cache.put((user, "e", 64), ("fp",), ids, np.zeros((2, 64), dtype=np.float32))  # 528 bytes each
    assert cache.get((1, "e", 64), ("fp",)) is not None
    cache.put((4, "e", 64), ("fp",), ids, np.zeros((2, 512), dtype=np.float32))  # 4112: too big to keep
    assert cache.get((4, "e", 64), ("fp",)) is None
    cache.put((6, "e", 64), ("fp",), ids, np.zeros((2, 256), dtype=np.float32))  # 2064: evicts the oldest
    assert cache.get((2, "e", 64), ("fp",)) is None and cache.get((3, "e", 64), ("fp",)) is None
    assert cache.get((1, "e", 64), ("fp",)) is not None  # used recently, so kept
    assert cache.get((6, "e", 64), ("fp",)) is not None
    assert cache.get((1, "e", 64), ("other fingerprint",)) is None
