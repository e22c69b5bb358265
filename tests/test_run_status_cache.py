"""Polls of a run in progress share its counts until a batch of results is written, for a second at most."""

import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autotrain import services
from autotrain.selectors import runs as run_selectors
from autotrain.models import TrainingExample, TrainingRun


@pytest.fixture
def six_items(user, settings):
    """A run of 6 items in chunks of 2, written by the real path (offline writer) as a test asks."""
    settings.ZEGA_CHUNK_SIZE = 2
    settings.ZEGA_RUN_STATUS_CACHE_SECONDS = 1.0
    run, _ = services.run_create(user=user, num_examples=6, genres=["fantasy"], enqueue=False)
    return run


def poll(api, run):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/auto-train/runs/{run.id}")
    assert response.status_code == 200
    return response.json(), len(queries)


@pytest.mark.django_db
def test_a_batch_written_shows_at_the_next_poll(api, six_items, monkeypatch):
    monkeypatch.setattr(run_selectors.time, "monotonic", lambda: 1000.0)  # no time passes between polls
    services.run_execute_chunk(run_id=six_items.id, start=0, stop=2)
    before, _ = poll(api, six_items)
    assert (before["status"], before["progress"]) == ("running", {"completed": 2, "total": 6})
    services.run_execute_chunk(run_id=six_items.id, start=2, stop=4)
    after, _ = poll(api, six_items)
    assert (after["status"], after["progress"]) == ("running", {"completed": 4, "total": 6})
    assert after["successful"] + after["failed"] == 4
    assert after["training_stats"]["training_examples"] == after["successful"]


@pytest.mark.django_db
def test_polls_with_nothing_written_between_them_share_one_count(api, six_items, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(run_selectors.time, "monotonic", lambda: clock[0])
    services.run_execute_chunk(run_id=six_items.id, start=0, stop=2)
    first, counted = poll(api, six_items)
    clock[0] += 0.5
    second, shared = poll(api, six_items)
    assert second == {**first, "total_time": second["total_time"]}
    # The run's rows and the user's kept examples are not read again.
    assert shared < counted
    # A change no batch write announces (here a staff edit) shows once the second has passed.
    kept = TrainingExample.objects.filter(run=six_items, status="kept")
    assert kept.count() == first["successful"] > 0
    kept.update(status="rejected", reject_reason="low_quality")
    clock[0] += 0.4
    assert poll(api, six_items)[0]["successful"] == first["successful"]
    clock[0] += 0.2
    third, recounted = poll(api, six_items)
    assert (third["successful"], third["failed"]) == (0, 2)
    assert recounted == counted


@pytest.mark.django_db
def test_a_finished_run_is_counted_at_every_poll(api, six_items):
    services.run_execute_chunk(run_id=six_items.id, start=0, stop=6)
    assert TrainingRun.objects.get(id=six_items.id).status == "succeeded"
    first, _ = poll(api, six_items)
    TrainingExample.objects.filter(run=six_items).update(status="rejected", reject_reason="duplicate")
    second, _ = poll(api, six_items)
    assert first["successful"] > 0
    assert (second["successful"], second["failed"]) == (0, 6)


@pytest.mark.django_db
def test_zero_seconds_counts_at_every_poll(api, six_items, settings):
    settings.ZEGA_RUN_STATUS_CACHE_SECONDS = 0
    services.run_execute_chunk(run_id=six_items.id, start=0, stop=2)
    first, counted = poll(api, six_items)
    TrainingExample.objects.filter(run=six_items).exclude(status="pending").update(
        status="rejected", reject_reason="duplicate"
    )
    second, again = poll(api, six_items)
    assert (second["successful"], second["failed"]) == (0, 2)
    assert again == counted


def test_polls_that_miss_together_count_once(settings, monkeypatch):
    """At a batch written, the polls in flight wait for one count instead of each counting the rows."""
    settings.ZEGA_RUN_STATUS_CACHE_SECONDS = 1.0
    counted = []

    def slow_count(run):
        counted.append(run.heartbeat_at)
        time.sleep(0.2)
        return {"successful": len(counted), "failed": 0}

    monkeypatch.setattr(run_selectors, "_run_figures", slow_count)
    monkeypatch.setattr(
        run_selectors,
        "user_training_stats",
        lambda user_id: {
            "training_examples": 0,
            "examples_until_next_training": 50,
            "custom_model_exists": False,
            "ready_for_finetuning": False,
        },
    )
    beat = datetime(2026, 11, 29, tzinfo=timezone.utc)
    run_id = uuid.uuid4()

    def view(heartbeat):  # a poll's own read of the run row
        return TrainingRun(id=run_id, user_id=1, status="running", heartbeat_at=heartbeat)

    seen = []
    polls = [
        threading.Thread(target=lambda: seen.append(run_selectors._live_figures(view(beat)))) for _ in range(8)
    ]
    for poll_ in polls:
        poll_.start()
    for poll_ in polls:
        poll_.join()
    assert counted == [beat]
    assert [figures["successful"] for figures in seen] == [1] * 8
    # A poll that read the run before the last batch gets the newer figures; a later batch recounts.
    assert run_selectors._live_figures(view(beat - timedelta(seconds=1)))["successful"] == 1
    assert run_selectors._live_figures(view(beat + timedelta(seconds=1)))["successful"] == 2
    assert counted == [beat, beat + timedelta(seconds=1)]
