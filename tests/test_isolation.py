"""Two users, every endpoint with user data: the other's things are invisible (404) and unchangeable."""

import pytest

from autotrain.models import FineTuneJob, TrainingExample, TrainingRun
from tests.factories import ExampleFactory, RunFactory


@pytest.fixture
def bobs_things(other_user):
    run = RunFactory(user=other_user, num_examples=2, status="running")
    ExampleFactory(run=run, index=0, text="Bob's secret story about a lighthouse keeper and a silver whale.")
    ExampleFactory(run=run, index=1, status="pending", text="")
    job = FineTuneJob.objects.create(user=other_user, backend="fewshot", status="running")
    return {"run": run, "job": job}


@pytest.mark.django_db
def test_another_users_run_is_404_and_stays_as_it_was(api, bobs_things):
    run = bobs_things["run"]
    assert api.get(f"/auto-train/runs/{run.id}").status_code == 404
    assert api.post(f"/auto-train/runs/{run.id}/cancel").status_code == 404
    assert TrainingRun.objects.get(id=run.id).status == "running"
    assert TrainingExample.objects.filter(run=run, status="pending").count() == 1


@pytest.mark.django_db
def test_lists_and_stats_show_only_the_callers_data(api, bobs_things):
    assert api.get("/auto-train/runs").json()["count"] == 0
    assert api.get("/training/examples").json()["count"] == 0
    assert api.get(f"/training/examples?run={bobs_things['run'].id}").json()["count"] == 0
    assert api.get("/training/stats").json()["training_examples"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/training/stats?user_id=bob"),
        ("GET", "/training/examples?user_id=bob"),
        ("GET", "/auto-train/runs?user_id=bob"),
        ("GET", "/training/export?user_id=bob&format=openai"),
        ("GET", "/finetune/jobs?user_id=bob"),
        ("GET", "/memory/search?user_id=bob&q=whale"),
    ],
)
def test_naming_another_user_is_403_for_reads(api, bobs_things, method, path):
    response = api.generic(method, path)
    assert response.status_code == 403, response.content
    assert "detail" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/auto-train", {"user_id": "bob", "num_examples": 1}),
        ("/finetune", {"user_id": "bob"}),
        ("/generate", {"user_id": "bob", "prompt": "A lighthouse keeper meets a whale"}),
    ],
)
def test_naming_another_user_is_403_for_writes_and_creates_nothing(api, bobs_things, path, body):
    runs, jobs = TrainingRun.objects.count(), FineTuneJob.objects.count()
    response = api.post(path, body, format="json")
    assert response.status_code == 403, response.content
    assert (TrainingRun.objects.count(), FineTuneJob.objects.count()) == (runs, jobs)


@pytest.mark.django_db
def test_another_users_fine_tune_job_is_404(api, bobs_things):
    job = bobs_things["job"]
    assert api.get(f"/finetune/jobs/{job.id}").status_code == 404
    assert api.post(f"/finetune/jobs/{job.id}/cancel").status_code == 404
    assert FineTuneJob.objects.get(id=job.id).status == "running"
    assert api.get("/finetune/jobs").json()["count"] == 0


@pytest.mark.django_db
def test_another_users_data_never_appears_in_export_search_or_generation_context(api, user, bobs_things):
    export = api.get("/training/export?format=openai")
    assert export.status_code == 200
    assert b"lighthouse" not in export.content
    assert api.get("/memory/search?q=lighthouse whale").json()["results"] == []
    generated = api.post("/generate", {"prompt": "A lighthouse keeper meets a silver whale"}, format="json")
    assert generated.status_code == 200, generated.content
    assert generated.json()["memory_used"] == []


@pytest.mark.django_db
def test_staff_may_read_and_act_for_anyone(staff_api, bobs_things):
    run = bobs_things["run"]
    assert staff_api.get(f"/auto-train/runs/{run.id}").status_code == 200
    assert staff_api.get("/training/stats?user_id=bob").json()["training_examples"] == 1
    assert staff_api.get("/training/examples?user_id=bob").json()["count"] == 1
    assert staff_api.get(f"/finetune/jobs/{bobs_things['job'].id}").status_code == 200
    assert staff_api.post(f"/auto-train/runs/{run.id}/cancel").status_code == 200
