"""What a worker keeps from one chunk to the next: the generation loop, the ensemble's members, the
user's dedup index; and that keeping them never makes a chunk wrong."""

from __future__ import annotations

import threading

import pytest

from autotrain import services
from autotrain.llm import registry
from autotrain.llm import stream as generation_stream
from autotrain.llm.base import GenerationRequest
from autotrain.models import TrainingExample
from autotrain.services import dedup_cache
from tests.helpers import GOOD, ensemble_factory, run_for


def test_chunks_share_one_generation_loop_on_its_own_thread():
    seen = []

    class Recording:
        async def generate(self, request):
            import asyncio

            seen.append((threading.current_thread().name, asyncio.get_running_loop()))
            return None

        async def aclose(self):
            return None

    items = [(1, GenerationRequest(genre="fantasy", prompt="p", style_modifier=""))]
    for _ in range(2):
        with generation_stream.GenerationStream(items, ensemble_factory=Recording) as stream:
            assert [outcome.item_id for batch in stream.batches() for outcome in batch] == [1]

    assert [name for name, _ in seen] == ["zega-generation", "zega-generation"]
    assert seen[0][1] is seen[1][1] is generation_stream._GenerationLoop.get()


def test_answers_arriving_close_together_are_written_as_one_batch():
    """A round of answers trickles in over a few milliseconds: one batch (one write), not one each."""
    import asyncio

    class Trickling:
        async def generate(self, request):
            await asyncio.sleep(0.05 + 0.002 * request.index)  # 10 answers spread over 18 ms
            return None

        async def aclose(self):
            return None

    items = [
        (i, GenerationRequest(genre="fantasy", prompt="p", style_modifier="", index=i)) for i in range(10)
    ]
    with generation_stream.GenerationStream(items, ensemble_factory=Trickling) as stream:
        batches = [batch for batch in stream.batches(linger=0.5) if batch]
    assert [sorted(outcome.item_id for outcome in batch) for batch in batches] == [list(range(10))]

    with generation_stream.GenerationStream(items, ensemble_factory=Trickling) as stream:
        batches = [batch for batch in stream.batches(linger=0.5, max_size=4) if batch]
    assert [len(batch) for batch in batches] == [4, 4, 2]


def test_an_ensemble_that_fails_to_build_still_accounts_for_every_item():
    def broken():
        raise RuntimeError("no such backend")

    items = [(i, GenerationRequest(genre="fantasy", prompt="p", style_modifier="")) for i in (1, 2)]
    with generation_stream.GenerationStream(items, ensemble_factory=broken) as stream:
        outcomes = [outcome for batch in stream.batches() for outcome in batch]

    assert sorted(o.item_id for o in outcomes) == [1, 2]
    assert all("no such backend" in o.error for o in outcomes)


def test_shared_members_are_reused_until_a_setting_changes(settings):
    settings.ZEGA_ENSEMBLE = None
    settings.ZEGA_LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.ZEGA_LLM_MODELS = ["a", "b"]
    first = registry.shared_members()
    assert registry.shared_members() == first  # the very same objects
    assert [m.name for m in first] == ["a", "b"]

    settings.ZEGA_LLM_CONCURRENCY = 3
    changed = registry.shared_members()
    assert all(new is not old for new, old in zip(changed, first, strict=True))
    assert [m.max_concurrency for m in changed] == [3, 3]


def test_a_shared_ensemble_leaves_its_members_open(settings):
    settings.ZEGA_LLM_BASE_URL = None
    settings.ZEGA_LLM_MODELS = []
    settings.ZEGA_ENSEMBLE = None
    ensemble = registry.build_ensemble(scorer=lambda text, request, finish_reason: None, shared=True)

    assert ensemble.owns_members is False
    assert registry.build_ensemble(scorer=lambda text, request, finish_reason: None).owns_members is True


@pytest.mark.django_db
def test_the_cached_dedup_index_follows_the_database(user):
    """A later run of the same user reuses the process's index: it still sees what was kept (a repeat
    is a duplicate), and it notices an example deleted since (the same text may be kept again)."""
    same = GOOD.format(name="Ilse")
    first = run_for(user, 1)
    make, _ = ensemble_factory(lambda r: same)
    services.run_execute_chunk(run_id=first.id, start=0, stop=1, ensemble_factory=make)
    kept = TrainingExample.objects.get(run=first)
    assert kept.status == "kept"

    second = run_for(user, 1)
    services.run_execute_chunk(run_id=second.id, start=0, stop=1, ensemble_factory=make)
    assert TrainingExample.objects.get(run=second).reject_reason == "duplicate"

    kept.delete()
    third = run_for(user, 1)
    services.run_execute_chunk(run_id=third.id, start=0, stop=1, ensemble_factory=make)
    assert TrainingExample.objects.get(run=third).status == "kept"


@pytest.mark.django_db
def test_the_dedup_index_is_reused_between_chunks_of_a_user(user):
    run = run_for(user, 2)
    make, _ = ensemble_factory(lambda r: GOOD.format(name=f"Name{r.index}x" * (r.index + 1)))
    services.run_execute_chunk(run_id=run.id, start=0, stop=1, ensemble_factory=make)
    cached = dedup_cache.UserDedup.checkout(user_id=user.pk, threshold=0.8)
    assert cached.verify is True and len(cached.known) == 1  # the first chunk's kept example
    cached.checkin()
    services.run_execute_chunk(run_id=run.id, start=1, stop=2, ensemble_factory=make)
    reused = dedup_cache.UserDedup.checkout(user_id=user.pk, threshold=0.8)
    assert reused is cached  # the same index, brought up to date rather than rebuilt
    assert reused.known == set(
        TrainingExample.objects.filter(run=run, status="kept").values_list("id", flat=True)
    )
    reused.checkin()
