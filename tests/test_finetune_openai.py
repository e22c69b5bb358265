"""The `openai` backend against the loopback stub speaking the fine-tuning wire protocol: upload, create,
poll until a final status, events, provider failure, cancel; and `/generate` with the `ft:` model."""

import json

import httpx
import pytest

from autotrain import services
from stubs.finetuning import train_loss_at
from autotrain.finetune.dataset import validate_chat_jsonl
from autotrain.finetune import registry
from autotrain.finetune.openai import OpenAIFineTuneBackend, suffix_for
from autotrain.models import FineTuneJob, TrainingProfile
from tests.helpers import make_kept


@pytest.fixture
def provider(settings, stub_server):
    settings.ZEGA_FINETUNE_BACKEND = "openai"
    settings.ZEGA_FINETUNE_BASE_URL = stub_server.base_url
    settings.ZEGA_FINETUNE_BASE_MODEL = None  # the backend's default
    stub_server.config.api_key = "sk-test"
    settings.ZEGA_LLM_API_KEY = "sk-test"
    return stub_server


def start(user) -> FineTuneJob:
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    executed = services.finetune_job_execute(job_id=job.id)
    assert executed is not None, "a pending job runs"
    return executed


def poll(job) -> FineTuneJob:
    services.finetune_jobs_poll_active()
    return FineTuneJob.objects.get(id=job.id)


@pytest.mark.django_db
def test_upload_create_poll_until_succeeded(provider, user):
    provider.config.finetune_statuses = [
        "validating_files",
        "queued",
        "running",
        "running",
        "running",
        "succeeded",
    ]
    examples = make_kept(user, 25)
    job = start(user)
    assert job.status == "validating" and job.provider_job_id.startswith("ftjob-")
    state = provider.finetuning.snapshot()
    created = state["create_requests"][0]
    assert created["model"] == "gpt-4o-mini-2024-07-18"
    assert created["suffix"] == "zega-alice"
    assert created["seed"] == job.id.int % (2**31)
    assert created["training_file"] == job.provider_file_ids["training"]
    assert created["validation_file"] == job.provider_file_ids["validation"]
    training = provider.finetuning.file_content(created["training_file"])
    validation = provider.finetuning.file_content(created["validation_file"])
    assert state["files"][created["training_file"]]["purpose"] == "fine-tune"
    assert validate_chat_jsonl(training).examples == 23
    assert validate_chat_jsonl(validation, min_examples=0).examples == 2
    assert not set(training.splitlines()) & set(validation.splitlines())
    assert json.loads(training.splitlines()[0])["messages"][0]["content"] == job.artifact["system"]

    seen = []
    for _ in range(4):
        job = poll(job)
        seen.append(job.status)
    assert seen == ["queued", "running", "running", "running"]
    assert job.model_name == ""
    job = poll(job)
    assert job.status == "succeeded" and job.finished_at is not None
    assert job.model_name.startswith("ft:gpt-4o-mini-2024-07-18:zega-stub:zega-alice:")
    assert TrainingProfile.objects.get(user=user).custom_model_name == job.model_name
    assert job.num_examples == 25 and len(job.artifact["validation_example_ids"]) == 2
    assert job.examples_used.count() == len(examples)

    provider_events = [e for e in job.events if e.get("id")]
    ids = [e["id"] for e in provider_events]
    assert len(ids) == len(set(ids)), "each provider event is recorded once"
    messages = [e["message"] for e in provider_events]
    assert messages[0].startswith("Validating training file")
    assert "Fine-tuning job started" in messages
    # 23 training examples, 3 epochs ("auto"), batch size 1: 69 steps over three running polls, each poll
    # summarised in one event (the last step it saw), not one event per step.
    assert [m for m in messages if m.startswith("Step ")] == [
        f"Step {step}/69: train loss {train_loss_at(step):.4f}, valid loss {train_loss_at(step) + 0.05:.4f}"
        for step in (23, 46, 69)
    ]
    assert [m["step"] for m in job.metrics] == list(range(1, 70))
    assert "The job has successfully completed" in messages
    # A finished job is not polled again.
    retrieves = provider.finetuning.snapshot()["retrieves"]
    poll(job)
    assert provider.finetuning.snapshot()["retrieves"] == retrieves


@pytest.mark.django_db
def test_a_provider_failure_is_recorded_with_its_reason(provider, user):
    provider.config.finetune_statuses = ["validating_files", "running", "failed"]
    provider.config.finetune_error = {
        "code": "invalid_n_examples",
        "message": "Too few examples.",
        "param": None,
    }
    make_kept(user, 12)
    job = start(user)
    job = poll(poll(job))
    assert job.status == "failed"
    assert job.error == "Too few examples. (invalid_n_examples)"
    assert job.events[-1] == {**job.events[-1], "level": "error"}
    assert services.finetune_job_poll(job_id=job.id).status == "failed"
    assert TrainingProfile.objects.get(user=user).custom_model_name == ""


@pytest.mark.django_db
def test_cancel_stops_the_provider_job(api, provider, user):
    provider.config.finetune_statuses = ["validating_files", "running", "running", "succeeded"]
    make_kept(user, 12)
    job = poll(start(user))
    assert job.status == "running"
    response = api.post(f"/finetune/jobs/{job.id}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert provider.finetuning.snapshot()["cancel_requests"] == [job.provider_job_id]
    assert provider.finetuning.snapshot()["jobs"][job.provider_job_id]["status"] == "cancelled"
    assert api.post(f"/finetune/jobs/{job.id}/cancel").status_code == 409


@pytest.mark.django_db
def test_cancelling_a_job_the_provider_already_finished_answers_409_and_records_the_end(api, provider, user):
    provider.config.finetune_statuses = ["validating_files", "succeeded"]
    make_kept(user, 12)
    job = start(user)
    # Someone else looks at the job: the provider moves it on to succeeded, which we have not seen yet.
    seen = httpx.get(
        f"{provider.base_url}/fine_tuning/jobs/{job.provider_job_id}",
        headers={"Authorization": "Bearer sk-test"},
    )
    assert seen.json()["status"] == "succeeded"
    response = api.post(f"/finetune/jobs/{job.id}/cancel")
    assert response.status_code == 409
    job.refresh_from_db()
    assert job.status == "succeeded" and job.model_name.startswith("ft:")


@pytest.mark.django_db
def test_a_poll_that_fails_for_a_while_changes_nothing(provider, user):
    provider.config.finetune_statuses = ["validating_files", "running", "succeeded"]
    make_kept(user, 12)
    job = start(user)
    provider.config.finetune_faults = [503, 503, 503]  # the client's own retries use up all three
    job = poll(job)
    assert job.status == "validating" and not job.error
    job = poll(job)
    assert job.status == "running"


@pytest.mark.django_db
def test_a_provider_that_lost_the_job_fails_it(provider, user):
    make_kept(user, 12)
    job = start(user)
    FineTuneJob.objects.filter(id=job.id).update(provider_job_id="ftjob-unknown")
    job = poll(job)
    assert job.status == "failed" and "no longer answers" in job.error and "404" in job.error


@pytest.mark.django_db
def test_a_refused_create_fails_the_job_and_removes_the_uploads(provider, user):
    provider.config.finetune_faults = ["ok", 400]  # the upload goes through, the create is refused
    make_kept(user, 12)
    job = start(user)
    assert job.status == "failed" and "HTTP 400" in job.error
    assert not job.provider_job_id
    assert provider.finetuning.snapshot()["files"] == {}


@pytest.mark.django_db
def test_bad_data_never_reaches_the_provider(provider, user):
    make_kept(user, 12, texts=[f"Passage {i}.<|im_start|>assistant" for i in range(12)])
    job = start(user)
    assert job.status == "failed" and "special token" in job.error
    assert provider.finetuning.snapshot()["files"] == {}
    assert provider.stats.total == 0


@pytest.mark.django_db
def test_an_unreachable_provider_fails_the_start_as_temporary(settings, user, monkeypatch):
    settings.ZEGA_FINETUNE_BACKEND = "openai"
    make_kept(user, 12)
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    # Port 9 (discard): nothing listens. No client retries, so the test does not wait out back-offs.
    backend = OpenAIFineTuneBackend(base_url="http://127.0.0.1:9/v1", api_key=None, max_retries=0)
    monkeypatch.setattr(registry, "get_backend", lambda name=None: backend)
    job = services.finetune_job_execute(job_id=job.id)
    assert job.status == "failed" and "cannot reach" in job.error and "temporary" in job.error


def test_the_suffix_fits_the_api():
    assert suffix_for("zega-alice") == "zega-alice"
    assert suffix_for("zega-a.b@c+d") == "zega-a-b-c-d"
    assert len(suffix_for("zega-" + "x" * 150)) == 64


@pytest.mark.django_db
def test_generate_uses_the_ft_model_with_its_training_system_prompt(api, provider, user):
    captured = []

    def writer(model, messages):
        captured.append((model, messages))
        return (
            "The lighthouse keeper uncorked the bottle at dawn, and the salt-stiff letter inside unrolled "
            'like a held breath. "Whoever finds this," it began, in a hand he knew from his own childhood.'
        )

    provider.config.text_source = writer
    provider.config.finetune_statuses = ["validating_files", "succeeded"]
    make_kept(user, 12)
    job = poll(start(user))
    assert job.status == "succeeded"
    response = api.post("/generate", {"prompt": "A message in a bottle", "genre": "mystery"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["model"] == job.model_name and body["custom_model"] is True
    assert body["text"].startswith("The lighthouse keeper")
    model, messages = captured[-1]
    assert model == job.model_name
    assert messages[0] == {"role": "system", "content": job.artifact["system"]}
    assert "Genre: mystery" in messages[1]["content"]


@pytest.mark.django_db
def test_generate_answers_502_when_the_custom_model_fails(api, provider, user, settings):
    provider.config.finetune_statuses = ["validating_files", "succeeded"]
    make_kept(user, 12)
    job = poll(start(user))
    settings.ZEGA_LLM_MAX_RETRIES = 0
    provider.config.known_models = {"some-other-model"}  # the ft model is gone: 404, permanent
    response = api.post("/generate", {"prompt": "A message in a bottle"}, format="json")
    assert response.status_code == 502
    assert job.model_name in response.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_a_run_crossing_the_threshold_ends_with_an_ft_model_in_use(provider, settings, client_for):
    """The whole flow with ZEGA_FINETUNE_BACKEND=openai: run, auto-trigger, upload, create, poll, use."""
    from autotrain import tasks
    from tests.factories import UserFactory

    settings.ZEGA_FINETUNE_THRESHOLD = 12
    provider.config.finetune_statuses = ["validating_files", "queued", "running", "running", "succeeded"]
    writer = UserFactory(username="writer")
    api = client_for(writer)
    run = api.post("/auto-train", {"num_examples": 15, "genres": ["thriller"]}, format="json").json()
    assert run["status"] == "succeeded" and run["finetune_job"]["status"] == "validating"
    job_url = f"/finetune/jobs/{run['finetune_job']['id']}"
    job = api.get(job_url).json()
    assert job["backend"] == "openai" and job["provider_job_id"].startswith("ftjob-")
    statuses = []
    while job["status"] not in ("succeeded", "failed") and len(statuses) < 10:
        tasks.finetune_poll_active()  # what the minute schedule runs
        job = api.get(job_url).json()
        statuses.append(job["status"])
    assert statuses == ["queued", "running", "running", "succeeded"]
    assert job["model_name"].startswith("ft:gpt-4o-mini-2024-07-18:zega-stub:zega-writer:")
    assert api.get("/training/stats").json()["custom_model"] == job["model_name"]
    generated = api.post("/generate", {"prompt": "A courier with a stolen key"}, format="json").json()
    assert generated["model"] == job["model_name"] and generated["custom_model"] is True
    assert provider.stats.by_model[job["model_name"]] == 1
