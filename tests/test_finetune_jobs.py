"""Fine-tune jobs with the default `fewshot` backend: the API's rules, the lifecycle, which examples a
job uses, and the auto-trigger when a run crosses the threshold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from autotrain import selectors, services
from autotrain.models import FineTuneJob, TrainingExample, TrainingProfile, TrainingRun
from tests.factories import UserFactory
from tests.helpers import make_kept


def unused(user) -> int:
    return selectors.unused_kept_examples(user_id=user.pk).count()


# --- POST /finetune --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_manual_trigger_is_refused_under_ten_examples_and_creates_nothing(api, user):
    make_kept(user, 9)
    response = api.post("/finetune", {}, format="json")
    assert response.status_code == 400
    assert "at least 10" in response.json()["detail"]
    assert not FineTuneJob.objects.exists()
    assert unused(user) == 9


@pytest.mark.django_db
def test_a_fewshot_job_succeeds_and_becomes_the_users_model(api, user, django_capture_on_commit_callbacks):
    make_kept(user, 12)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/finetune", {"user_id": "alice"}, format="json")
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert response["Location"] == f"/finetune/jobs/{job_id}"
    assert response.json()["status"] == "pending"  # answered before the job ran

    job = api.get(f"/finetune/jobs/{job_id}").json()
    assert job["status"] == "succeeded"
    assert job["backend"] == "fewshot" and job["model_name"] == "zega-alice"
    assert job["num_examples"] == 12 and job["validation_examples"] == 0
    assert job["error"] is None and job["finished_at"] is not None
    assert job["events"][-1]["message"] == "Succeeded: custom model zega-alice"
    stored = FineTuneJob.objects.get(id=job_id)
    assert stored.artifact["system"].startswith("You are zega-alice")
    assert 1 <= len(stored.artifact["examples"]) <= 6
    assert TrainingExample.objects.filter(finetune_job=stored).count() == 12
    assert TrainingProfile.objects.get(user=user).custom_model_name == "zega-alice"

    stats = api.get("/training/stats").json()
    assert stats["custom_model"] == "zega-alice" and stats["custom_model_exists"] is True
    assert stats["examples_until_next_training"] == 50  # the job's examples count no more
    assert stats["last_finetune"]["status"] == "succeeded"


@pytest.mark.django_db
def test_one_user_never_has_two_active_jobs(api, user):
    make_kept(user, 25)
    first = api.post("/finetune", {}, format="json")  # not committed in this test: stays pending
    assert first.status_code == 202
    second = api.post("/finetune", {}, format="json")
    assert second.status_code == 409
    assert first.json()["id"] in second.json()["detail"]
    assert FineTuneJob.objects.count() == 1


@pytest.mark.django_db
def test_idempotency_key_returns_the_same_job(api, user):
    make_kept(user, 12)
    headers = {"HTTP_IDEMPOTENCY_KEY": "ft-1"}
    first = api.post("/finetune", {}, format="json", **headers)
    again = api.post("/finetune", {}, format="json", **headers)
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    assert FineTuneJob.objects.count() == 1
    too_long = api.post("/finetune", {}, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256)
    assert too_long.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("body", [{"user_id": 5}, {"user": "alice"}, ["alice"], {"user_id": "not a name!"}])
def test_bad_bodies_are_400(api, user, body):
    make_kept(user, 12)
    assert api.post("/finetune", body, format="json").status_code == 400
    assert not FineTuneJob.objects.exists()


@pytest.mark.django_db
def test_auth_and_isolation(api, anon_api, staff_api, client_for, user, other_user):
    make_kept(user, 12)
    make_kept(other_user, 12)
    assert anon_api.post("/finetune", {}, format="json").status_code == 401
    assert api.post("/finetune", {"user_id": "bob"}, format="json").status_code == 403
    bob_job = client_for(other_user).post("/finetune", {}, format="json").json()
    alice_job = api.post("/finetune", {}, format="json").json()

    assert api.get(f"/finetune/jobs/{bob_job['id']}").status_code == 404
    assert api.post(f"/finetune/jobs/{bob_job['id']}/cancel").status_code == 404
    assert api.get("/finetune/jobs/not-a-uuid").status_code == 404
    listed = api.get("/finetune/jobs").json()
    assert [j["id"] for j in listed["results"]] == [alice_job["id"]]
    assert api.get("/finetune/jobs?user_id=bob").status_code == 403

    assert staff_api.get("/finetune/jobs").json()["count"] == 2
    assert [j["user_id"] for j in staff_api.get("/finetune/jobs?user_id=bob").json()["results"]] == ["bob"]
    assert staff_api.get(f"/finetune/jobs/{alice_job['id']}/").status_code == 200
    # Staff may start a job for anyone; an unknown user has no examples (and is created, as on writes).
    assert staff_api.post("/finetune", {"user_id": "carol"}, format="json").status_code == 400


# --- cancel ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_cancel_gives_the_examples_back_and_a_finished_job_answers_409(api, user):
    make_kept(user, 12)
    job = api.post("/finetune", {}, format="json").json()
    assert unused(user) == 0
    cancelled = api.post(f"/finetune/jobs/{job['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["finished_at"]
    assert unused(user) == 12
    assert api.post(f"/finetune/jobs/{job['id']}/cancel").status_code == 409
    # A cancelled job's task finds nothing to do when it arrives after all.
    assert services.finetune_job_execute(job_id=job["id"]) is None
    assert FineTuneJob.objects.get(id=job["id"]).status == "cancelled"
    # And a new job may start with the same examples.
    assert api.post("/finetune", {}, format="json").status_code == 202


# --- execution -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_job_records_exactly_which_examples_it_used(user):
    examples = make_kept(user, 25)
    job, created = services.finetune_job_start(user=user, enqueue=False)
    assert created and job.status == "pending" and job.num_examples == 25
    job = services.finetune_job_execute(job_id=job.id)
    assert job.status == "succeeded"
    training, validation = job.artifact["training_example_ids"], job.artifact["validation_example_ids"]
    assert len(validation) == 2 and len(training) == 23
    assert sorted(training + validation) == sorted(e.pk for e in examples)
    assert set(job.examples_used.values_list("id", flat=True)) == {e.pk for e in examples}
    # Examples kept after the job started count towards the next one.
    make_kept(user, 3)
    assert unused(user) == 3
    # Delivered twice: the second delivery does nothing.
    assert services.finetune_job_execute(job_id=job.id) is None


@pytest.mark.django_db
def test_bad_data_fails_the_job_before_anything_else_with_the_reason(user):
    make_kept(user, 12, texts=[f"Passage {i}. A quiet night.<|endoftext|>" for i in range(12)])
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    job = services.finetune_job_execute(job_id=job.id)
    assert job.status == "failed"
    assert "failed validation" in job.error and "<|endoftext|>" in job.error
    assert job.events[-1]["level"] == "error"
    assert not job.model_name
    assert TrainingProfile.objects.get(user=user).custom_model_name == ""
    assert unused(user) == 12  # a failed job gives its examples back


@pytest.mark.django_db
def test_staff_excluded_examples_go_into_no_dataset(user):
    examples = make_kept(user, 12)
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    TrainingExample.objects.filter(pk=examples[0].pk).update(excluded=True)  # excluded after the start
    job = services.finetune_job_execute(job_id=job.id)
    assert job.num_examples == 11 and examples[0].pk not in job.artifact["training_example_ids"]
    assert TrainingExample.objects.get(pk=examples[0].pk).finetune_job is None
    # ... which leaves 11, still enough; with fewer than 10 left the job fails validation.
    assert job.status == "succeeded"


@pytest.mark.django_db
def test_the_schedule_re_enqueues_lost_pending_jobs_and_fails_dead_starts(user, other_user, settings):
    make_kept(user, 12)
    make_kept(other_user, 12)
    lost, _ = services.finetune_job_start(user=user, enqueue=False)
    dead, _ = services.finetune_job_start(user=other_user, enqueue=False)
    long_ago = timezone.now() - timedelta(hours=2)
    FineTuneJob.objects.filter(id=lost.id).update(created_at=long_ago)
    FineTuneJob.objects.filter(id=dead.id).update(
        created_at=long_ago,
        status="validating",
        events=[{"at": long_ago.isoformat(), "message": "x", "level": "info"}],
    )
    services.finetune_jobs_poll_active()
    lost.refresh_from_db()
    dead.refresh_from_db()
    assert lost.status == "succeeded"  # enqueued again, and inline here
    assert dead.status == "failed" and "worker" in dead.error


# --- auto-trigger ----------------------------------------------------------------------------------


def run_examples(user, n):
    run, _ = services.run_create(user=user, num_examples=n, enqueue=False)
    services.run_execute_chunk(run_id=run.id, start=0, stop=n)
    return TrainingRun.objects.select_related("finetune_job").get(id=run.id)


@pytest.mark.django_db(transaction=True)
def test_auto_trigger_fires_exactly_once_when_a_run_crosses_the_threshold(settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 50
    writer = UserFactory(username="writer")
    first = run_examples(writer, 30)
    assert first.status == "succeeded" and first.finetune_job is None
    assert first.ready_for_finetuning is False

    crossing = run_examples(writer, 30)
    kept = TrainingExample.objects.filter(user=writer, status="kept").count()
    assert kept >= 50, "the offline writer keeps nearly everything"
    job = crossing.finetune_job
    assert job is not None
    # Reported as the user stands with the job created (CONTRACT section 6): its examples are taken.
    assert crossing.ready_for_finetuning is False
    assert crossing.training_stats["examples_until_next_training"] == 50
    assert job.status == "succeeded" and job.model_name == "zega-writer"  # executed on commit
    assert job.num_examples == kept
    assert job.events[0]["message"].startswith(f"Started by run {crossing.id}")
    assert TrainingProfile.objects.get(user=writer).custom_model_name == "zega-writer"

    after = run_examples(writer, 30)
    assert after.finetune_job is None
    assert FineTuneJob.objects.filter(user=writer).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_run_response_names_the_job_it_started(client_for, settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 12
    writer = UserFactory(username="writer")
    response = client_for(writer).post(
        "/auto-train", {"num_examples": 15, "genres": ["mystery"]}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["finetune_job"]["status"] == "succeeded"
    assert body["finetune_job"]["model_name"] == "zega-writer"
    # The stats with the job created, and its model there since it succeeded (CONTRACT section 6).
    assert body["ready_for_finetuning"] is False
    assert body["training_stats"]["examples_until_next_training"] == 12
    assert body["training_stats"]["custom_model_exists"] is True
    job = client_for(writer).get(f"/finetune/jobs/{body['finetune_job']['id']}").json()
    assert job["triggered_by_run"] == body["id"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("switch", ["setting", "profile"])
def test_auto_trigger_honours_both_switches(settings, switch):
    settings.ZEGA_FINETUNE_THRESHOLD = 12
    writer = UserFactory(username="writer")
    if switch == "setting":
        settings.ZEGA_AUTO_FINETUNE = False
    else:
        TrainingProfile.objects.create(user=writer, auto_finetune=False)
    run = run_examples(writer, 15)
    assert run.ready_for_finetuning is True and run.finetune_job is None
    assert not FineTuneJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_run_finishing_while_a_job_is_active_starts_no_second_one(settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 12
    writer = UserFactory(username="writer")
    make_kept(writer, 12)
    active, _ = services.finetune_job_start(user=writer, enqueue=False)
    run = run_examples(writer, 15)
    assert run.status == "succeeded" and run.finetune_job is None
    assert list(FineTuneJob.objects.values_list("id", flat=True)) == [active.id]


@pytest.mark.django_db
def test_the_cluster_polls_fine_tune_jobs_every_minute():
    from django_q.models import Schedule

    schedule = Schedule.objects.get(name="zega: poll fine-tune jobs")
    assert schedule.func == "autotrain.tasks.finetune_poll_active"
    assert schedule.schedule_type == Schedule.MINUTES and schedule.minutes == 1 and schedule.repeats == -1
