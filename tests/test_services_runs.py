"""Run execution: claims, re-delivery, quality and duplicate rejection, failures, finish, stall recovery."""

from datetime import timedelta

import pytest
from django.utils import timezone

from autotrain import services
from autotrain.llm.base import GenerationRequest
from autotrain.llm.offline import write_story
from autotrain.models import TrainingExample, TrainingProfile, TrainingRun
from autotrain.services import chunks, dedup_cache, runs
from tests.helpers import GOOD, ensemble_factory, run_for

BAD = "As an AI language model, I cannot write stories."


def unique_good(request):
    # Genuinely different passages: the offline writer's text for this item.
    return write_story(
        genre=request.genre, prompt=request.prompt, style_modifier=request.style_modifier, seed=request.seed
    )


@pytest.mark.django_db
def test_a_chunk_generates_each_pending_item_once_and_finishes_the_run(user):
    run = run_for(user, 6)
    make, calls = ensemble_factory(unique_good)
    written = services.run_execute_chunk(run_id=run.id, start=0, stop=6, ensemble_factory=make)
    assert written == 6
    assert sorted(calls) == list(range(6))
    run.refresh_from_db()
    assert run.status == "succeeded" and run.finished_at is not None and run.started_at is not None
    kept = TrainingExample.objects.filter(run=run, status="kept")
    assert kept.count() == 6
    example = kept.first()
    assert example.quality_breakdown["base"] == 7.0
    assert example.winning_model == "fake" and example.completion_tokens == 90
    assert example.votes == {"fake": example.quality_score}
    assert example.char_count == len(example.text)
    assert example.has_dialogue == ('"' in example.text)
    assert run.training_stats["training_examples"] == 6


@pytest.mark.django_db
def test_redelivered_chunk_redoes_only_what_is_pending(user):
    run = run_for(user, 6)
    make, calls = ensemble_factory(unique_good)
    assert services.run_execute_chunk(run_id=run.id, start=0, stop=3, ensemble_factory=make) == 3
    assert services.run_execute_chunk(run_id=run.id, start=0, stop=3, ensemble_factory=make) == 0
    assert sorted(calls) == [0, 1, 2]
    assert TrainingRun.objects.get(id=run.id).status == "running"
    assert services.run_execute_chunk(run_id=run.id, start=0, stop=6, ensemble_factory=make) == 3
    assert sorted(calls) == list(range(6))
    assert TrainingRun.objects.get(id=run.id).status == "succeeded"


@pytest.mark.django_db
def test_items_claimed_by_a_live_worker_are_left_alone_until_the_claim_expires(user, settings):
    settings.ZEGA_CLAIM_TIMEOUT_SECONDS = 60
    run = run_for(user, 4)
    TrainingExample.objects.filter(run=run, index__lt=2).update(status="running", claimed_at=timezone.now())
    make, calls = ensemble_factory(unique_good)
    assert services.run_execute_chunk(run_id=run.id, start=0, stop=4, ensemble_factory=make) == 2
    assert sorted(calls) == [2, 3]
    TrainingExample.objects.filter(run=run, status="running").update(
        claimed_at=timezone.now() - timedelta(seconds=61)
    )
    assert services.run_execute_chunk(run_id=run.id, start=0, stop=4, ensemble_factory=make) == 2
    assert sorted(calls) == [0, 1, 2, 3]
    assert TrainingRun.objects.get(id=run.id).status == "succeeded"


@pytest.mark.django_db
def test_a_stale_claim_cannot_overwrite_a_reclaimed_item(user):
    """A worker that lost its claim (another took the item over) writes nothing."""
    run = run_for(user, 1)
    import uuid

    stale = uuid.uuid4()
    item = TrainingExample.objects.get(run=run)
    TrainingExample.objects.filter(id=item.id).update(status="running", claim_token=uuid.uuid4())
    from autotrain.llm.stream import ItemOutcome

    outcome = ItemOutcome(
        item.id, GenerationRequest(genre="fantasy", prompt=item.prompt, style_modifier=""), None, "x"
    )
    index = dedup_cache.UserDedup(user_id=user.pk, threshold=0.8)
    assert chunks._write_outcomes(run=run, token=stale, outcomes=[outcome], index=index) == 0
    assert TrainingExample.objects.get(id=item.id).status == "running"


@pytest.mark.django_db
def test_low_quality_text_is_rejected_with_its_reason(user):
    run = run_for(user, 4)
    make, _ = ensemble_factory(lambda r: BAD if r.index % 2 else unique_good(r))
    services.run_execute_chunk(run_id=run.id, start=0, stop=4, ensemble_factory=make)
    rejected = TrainingExample.objects.filter(run=run, status="rejected")
    assert rejected.count() == 2
    for example in rejected:
        assert example.reject_reason == "low_quality"
        assert example.quality_score < 7.0
        assert example.reject_detail  # the scorer's named reason
        assert example.text == BAD  # kept on record for review
    assert TrainingRun.objects.get(id=run.id).status == "succeeded"


@pytest.mark.django_db
def test_near_duplicates_are_rejected_within_a_run_and_across_runs(user):
    run = run_for(user, 3)
    same = GOOD.format(name="Mirela")
    make, _ = ensemble_factory(lambda r: same)
    services.run_execute_chunk(run_id=run.id, start=0, stop=3, ensemble_factory=make)
    statuses = list(
        TrainingExample.objects.filter(run=run).order_by("index").values_list("status", "reject_reason")
    )
    assert statuses.count(("kept", "")) == 1
    assert statuses.count(("rejected", "duplicate")) == 2
    later = run_for(user, 1)
    make2, _ = ensemble_factory(lambda r: same.replace("trembling", "shaking"))
    services.run_execute_chunk(run_id=later.id, start=0, stop=1, ensemble_factory=make2)
    example = TrainingExample.objects.get(run=later)
    assert (example.status, example.reject_reason) == ("rejected", "duplicate")
    assert "nearly repeats example" in example.reject_detail


@pytest.mark.django_db
def test_duplicates_are_per_user(user, other_user):
    same = GOOD.format(name="Mirela")
    for owner in (user, other_user):
        run = run_for(owner, 1)
        make, _ = ensemble_factory(lambda r: same)
        services.run_execute_chunk(run_id=run.id, start=0, stop=1, ensemble_factory=make)
        assert TrainingExample.objects.get(run=run).status == "kept"


@pytest.mark.django_db
def test_generation_errors_are_recorded_and_an_all_failed_run_is_failed(user):
    run = run_for(user, 3)
    make, _ = ensemble_factory(lambda r: None)
    services.run_execute_chunk(run_id=run.id, start=0, stop=3, ensemble_factory=make)
    run.refresh_from_db()
    assert run.status == "failed"
    assert "HTTP 500: boom" in run.error
    for example in TrainingExample.objects.filter(run=run):
        assert (example.status, example.reject_reason) == ("rejected", "generation_error")
        assert "HTTP 500" in example.reject_detail


@pytest.mark.django_db
def test_an_ensemble_that_cannot_even_start_fails_every_item_not_the_worker(user):
    run = run_for(user, 2)

    def broken():
        raise RuntimeError("no members configured")

    services.run_execute_chunk(run_id=run.id, start=0, stop=2, ensemble_factory=broken)
    run.refresh_from_db()
    assert run.status == "failed"
    assert TrainingExample.objects.filter(run=run, reject_reason="generation_error").count() == 2
    assert "no members configured" in TrainingExample.objects.filter(run=run).first().reject_detail


@pytest.mark.django_db
def test_run_finish_is_idempotent_and_waits_for_every_item(user):
    run = run_for(user, 2)
    assert services.run_finish(run_id=run.id) is False  # items still pending
    make, _ = ensemble_factory(unique_good)
    services.run_execute_chunk(run_id=run.id, start=0, stop=2, ensemble_factory=make)
    assert services.run_finish(run_id=run.id) is False  # already finished by the last chunk
    assert TrainingRun.objects.get(id=run.id).status == "succeeded"


@pytest.mark.django_db
def test_finish_updates_the_profile(user):
    run = run_for(user, 4)
    make, _ = ensemble_factory(unique_good)
    services.run_execute_chunk(run_id=run.id, start=0, stop=4, ensemble_factory=make)
    profile = TrainingProfile.objects.get(user=user)
    assert profile.genre_preferences == {"fantasy": 4}
    kept = TrainingExample.objects.filter(run=run, status="kept")
    with_dialogue = sum(1 for e in kept if e.has_dialogue)
    assert profile.writing_patterns["dialogue_ratio"] == round(with_dialogue / 4, 3)
    assert profile.writing_patterns["average_length"] == round(sum(len(e.text) for e in kept) / 4, 1)


@pytest.mark.django_db
def test_stalled_runs_get_their_chunks_enqueued_again(user, settings):
    settings.ZEGA_STALL_SECONDS = 60
    settings.ZEGA_CLAIM_TIMEOUT_SECONDS = 60
    settings.ZEGA_CHUNK_SIZE = 2
    run = run_for(user, 6)
    old = timezone.now() - timedelta(seconds=120)
    TrainingRun.objects.filter(id=run.id).update(status="running", heartbeat_at=old)
    # Items 0-1 were claimed by a worker that died; 2-3 done; 4-5 never started (lost task).
    TrainingExample.objects.filter(run=run, index__in=[0, 1]).update(status="running", claimed_at=old)
    TrainingExample.objects.filter(run=run, index__in=[2, 3]).update(status="kept", text="x")
    # Inline task execution runs the re-enqueued chunks right away, on the offline ensemble.
    assert services.runs_requeue_stalled() == 2
    run.refresh_from_db()
    assert run.status == "succeeded"
    assert not TrainingExample.objects.filter(run=run, status__in=["pending", "running"]).exists()


@pytest.mark.django_db
def test_fresh_runs_are_not_touched_by_the_watchdog(user, settings):
    settings.ZEGA_STALL_SECONDS = 60
    run_for(user, 2)
    assert services.runs_requeue_stalled() == 0


@pytest.mark.django_db
def test_a_run_whose_last_writer_died_before_finishing_is_finished_by_the_watchdog(user, settings):
    settings.ZEGA_STALL_SECONDS = 60
    run = run_for(user, 2)
    old = timezone.now() - timedelta(seconds=120)
    TrainingRun.objects.filter(id=run.id).update(status="running", heartbeat_at=old)
    TrainingExample.objects.filter(run=run).update(status="kept", text="x")
    assert services.runs_requeue_stalled() == 0
    assert TrainingRun.objects.get(id=run.id).status == "succeeded"


@pytest.mark.django_db
def test_plans_are_reproducible_from_the_seed(user, settings):
    settings.ZEGA_MAX_ACTIVE_RUNS = 5
    a = run_for(user, 10, seed=1234)
    b = run_for(user, 10, seed=1234)
    fields = ("index", "genre", "prompt", "style_modifier", "seed")
    assert list(a.examples.values_list(*fields)) == list(b.examples.values_list(*fields))


@pytest.mark.django_db
def test_on_the_orm_broker_a_run_and_its_tasks_commit_together(user, settings, monkeypatch):
    from django_q.models import OrmQ

    settings.ZEGA_RUN_TASKS_INLINE = False
    settings.ZEGA_CHUNK_SIZE = 2
    run, _ = services.run_create(user=user, num_examples=5, enqueue=True)
    # In the run's own transaction, not after its commit: the tasks are there when run_create returns.
    assert OrmQ.objects.count() == 3
    assert sorted(tuple(task.task["args"][1:]) for task in OrmQ.objects.all()) == [(0, 2), (2, 4), (4, 5)]

    # A failure while enqueueing leaves nothing behind: no run, no items, no task.
    enqueued = []

    def failing_after_one(*args, **kwargs):
        if enqueued:
            raise ConnectionError("queue went away")
        enqueued.append(args)
        return real(*args, **kwargs)

    real = runs.async_task
    monkeypatch.setattr(runs, "async_task", failing_after_one)
    with pytest.raises(ConnectionError):
        services.run_create(user=user, num_examples=5, enqueue=True)
    assert list(TrainingRun.objects.values_list("id", flat=True)) == [run.id]
    assert TrainingExample.objects.exclude(run=run).count() == 0
    assert OrmQ.objects.count() == 3
