"""A fine-tune job's metrics and checkpoints from the provider, and its kind in words in the API, events
and admin (CONTRACT section 6), against the loopback stub."""

import base64

import httpx
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from autotrain import services
from autotrain.finetune.base import merge_by_step
from autotrain.finetune.openai import OpenAIFineTuneBackend, parse_result_file
from autotrain.models import FineTuneJob
from stubs.finetuning import train_loss_at
from tests.factories import EvaluationFactory, EvaluationPairFactory, UserFactory
from tests.helpers import make_kept, start_finetune


def poll(job) -> FineTuneJob:
    services.finetune_jobs_poll_active()
    return FineTuneJob.objects.get(id=job.id)


def stub_get(provider, path: str) -> httpx.Response:
    return httpx.get(f"{provider.base_url}{path}", headers={"Authorization": "Bearer sk-test"})


# --- metrics and checkpoints ----------------------------------------------------------------------


@pytest.mark.django_db
def test_metrics_come_from_events_while_running_one_summary_event_per_poll(provider, user):
    provider.config.finetune_statuses = ["validating_files", "running", "running", "running", "succeeded"]
    make_kept(user, 12)  # under 20 examples: no validation file, so no valid_loss
    job = poll(start_finetune(user, epochs=2, batch_size=2))  # 2 epochs of ceil(12 / 2) = 6 steps: 12 steps
    assert job.status == "running"
    assert [m["step"] for m in job.metrics] == [1, 2, 3, 4]  # 12 steps over 3 running polls
    assert job.metrics[0] == {
        "step": 1,
        "train_loss": train_loss_at(1),
        "train_mean_token_accuracy": round(1 - train_loss_at(1) / 4, 4),
    }
    losses = [m["train_loss"] for m in job.metrics]
    assert losses == sorted(losses, reverse=True)
    assert [e["message"] for e in job.events if e["message"].startswith("Step")] == [
        f"Step 4/12: train loss {train_loss_at(4):.4f}"
    ]
    assert job.checkpoints == []  # the first epoch ends at step 6

    job = poll(job)
    assert [m["step"] for m in job.metrics] == list(range(1, 9))
    assert [c["step"] for c in job.checkpoints] == [6]
    # The events a poll read are not read again; nothing is recorded twice.
    job = poll(job)
    steps = [m["step"] for m in job.metrics]
    assert steps == list(range(1, 13)) and len(steps) == len(set(steps))
    summaries = [e["message"] for e in job.events if e["message"].startswith("Step")]
    assert [s.split(":")[0] for s in summaries] == ["Step 4/12", "Step 8/12", "Step 12/12"]
    ids = [e["id"] for e in job.events if e.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.django_db
def test_a_job_with_two_epochs_runs_to_succeeded_with_loss_metrics_and_checkpoints(api, provider, user):
    """Done when: on the stub with the openai backend, a job with epochs 2 runs to succeeded with loss
    metrics and checkpoints, driven through the API and the poll service."""
    provider.config.finetune_statuses = ["validating_files", "queued", "running", "running", "succeeded"]
    make_kept(user, 25)  # 23 training and 2 validation examples
    response = api.post("/finetune", {"epochs": 2}, format="json")
    assert response.status_code == 202
    job_id = response.json()["id"]
    assert response.json()["kind"] == "weights"
    services.finetune_job_execute(job_id=job_id)  # what the enqueued task runs
    statuses = []
    job = api.get(f"/finetune/jobs/{job_id}").json()
    while job["status"] not in ("succeeded", "failed", "cancelled") and len(statuses) < 10:
        services.finetune_jobs_poll_active()
        job = api.get(f"/finetune/jobs/{job_id}").json()
        statuses.append(job["status"])
    assert statuses == ["queued", "running", "running", "succeeded"]
    assert job["kind"] == "weights" and job["kind_label"] == "weights: the provider trained new weights"
    assert job["settings"] == {"epochs": 2}
    assert job["model_name"].startswith("ft:gpt-4o-mini-2024-07-18:zega-stub:zega-alice:")

    # 2 epochs of 23 steps (batch size "auto" is 1): 46 steps with a falling loss.
    assert [m["step"] for m in job["metrics"]] == list(range(1, 47))
    assert job["metrics"][0]["train_loss"] == train_loss_at(1)
    assert job["metrics"][-1]["train_loss"] == train_loss_at(46) < job["metrics"][0]["train_loss"]
    # The validation loss is measured at each epoch's end.
    assert [m["step"] for m in job["metrics"] if m.get("valid_loss") is not None] == [23, 46]
    assert job["metrics"][22]["valid_loss"] == round(train_loss_at(23) + 0.05, 4)

    provider_job = stub_get(provider, f"/fine_tuning/jobs/{job['provider_job_id']}").json()
    assert provider_job["hyperparameters"]["n_epochs"] == 2
    prefix = job["model_name"]
    assert [(c["step"], c["model"]) for c in job["checkpoints"]] == [
        (23, f"{prefix}:ckpt-step-23"),
        (46, f"{prefix}:ckpt-step-46"),
    ]
    assert job["checkpoints"][0]["metrics"]["train_loss"] == train_loss_at(23)
    assert job["checkpoints"][0]["id"].startswith("ftckpt-") and job["checkpoints"][0]["created_at"]
    messages = [e["message"] for e in job["events"]]
    assert (
        messages[0] == "Requested: 25 new kept examples; weights: the provider trains new weights (epochs 2)"
    )
    assert any(m.startswith("Read 46 steps from the result file file-stub") for m in messages)
    assert messages[-1] == f"Succeeded: custom model {job['model_name']}"


@pytest.mark.django_db
def test_the_result_file_wins_over_events_and_fills_what_they_missed(provider, user):
    provider.config.finetune_statuses = ["validating_files", "running", "succeeded"]
    make_kept(user, 12)
    job = poll(start_finetune(user, epochs=1))  # 12 steps, all during the one running retrieve
    assert len(job.metrics) == 12
    # The provider finishes the job (someone else's retrieve); we rewrite the result file it wrote so
    # that its figures differ from what the events said, and drop steps 1-2 from nothing: the file wins.
    finished = stub_get(provider, f"/fine_tuning/jobs/{job.provider_job_id}").json()
    assert finished["status"] == "succeeded"
    result_id = finished["result_files"][0]
    content = stub_get(provider, f"/files/{result_id}/content")
    assert content.headers["content-type"] == "application/octet-stream"
    assert base64.b64decode(content.content).startswith(
        b"step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,"
    )
    rewritten = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
    rewritten += "".join(f"{step},0.{step:02d},0.9,,\n" for step in range(1, 14))  # 13: one more step
    with provider.finetuning.lock:
        provider.finetuning.files[result_id]["content"] = base64.b64encode(rewritten.encode())
    job = poll(job)
    assert job.status == "succeeded"
    assert [m["step"] for m in job.metrics] == list(range(1, 14))
    assert [m["train_loss"] for m in job.metrics] == [float(f"0.{s:02d}") for s in range(1, 14)]
    assert {m["train_mean_token_accuracy"] for m in job.metrics} == {0.9}


@pytest.mark.django_db
def test_a_missing_result_file_leaves_the_event_metrics_and_says_so(provider, user):
    provider.config.finetune_statuses = ["validating_files", "running", "succeeded"]
    make_kept(user, 12)
    job = poll(start_finetune(user, epochs=1))
    finished = stub_get(provider, f"/fine_tuning/jobs/{job.provider_job_id}").json()
    with provider.finetuning.lock:
        del provider.finetuning.files[finished["result_files"][0]]
    job = poll(job)
    assert job.status == "succeeded" and len(job.metrics) == 12
    warnings = [e["message"] for e in job.events if e["level"] == "warn"]
    assert len(warnings) == 1 and warnings[0].startswith("Could not read the result file")


def test_a_result_file_is_read_plain_or_base64_encoded():
    csv = (
        "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
        "1,1.5,0.6,,\n"
        "2,1.25,0.65,1.3,0.62\n"
        "x,not,a,step,row\n"
    )
    expected = [
        {"step": 1, "train_loss": 1.5, "train_mean_token_accuracy": 0.6},
        {
            "step": 2,
            "train_loss": 1.25,
            "train_mean_token_accuracy": 0.65,
            "valid_loss": 1.3,
            "valid_mean_token_accuracy": 0.62,
        },
    ]
    assert parse_result_file(csv.encode()) == expected
    assert parse_result_file(base64.b64encode(csv.encode())) == expected
    assert parse_result_file(b"") == []


def test_merging_by_step_keeps_one_entry_per_step_and_lets_the_newer_fill_in():
    old = [{"step": 2, "train_loss": 1.0, "valid_loss": 1.1}, {"step": 1, "train_loss": 1.2}]
    new = [{"step": 2, "train_loss": 0.9, "valid_loss": None}, {"step": 3, "train_loss": 0.8}]
    assert merge_by_step(old, new) == [
        {"step": 1, "train_loss": 1.2},
        {"step": 2, "train_loss": 0.9, "valid_loss": 1.1},
        {"step": 3, "train_loss": 0.8},
    ]


@pytest.mark.django_db
def test_a_long_job_reads_a_bounded_number_of_events_per_poll(provider, user, monkeypatch):
    from autotrain.finetune import openai as openai_backend

    monkeypatch.setattr(openai_backend, "MAX_EVENTS_PER_POLL", 5)
    provider.config.finetune_statuses = ["validating_files", "running", "succeeded"]
    make_kept(user, 12)
    job = poll(start_finetune(user, epochs=1))
    # Only the newest events fit: the steps before them wait for the result file.
    assert [m["step"] for m in job.metrics] == [8, 9, 10, 11, 12]
    job = poll(job)
    assert [m["step"] for m in job.metrics] == list(range(1, 13))


def test_the_backend_lists_checkpoints_as_the_api_gives_them(stub_server):
    backend = OpenAIFineTuneBackend(base_url=stub_server.base_url, api_key=None)
    stub_server.config.finetune_statuses = ["validating_files", "running", "succeeded"]
    lines = b"\n".join(b'{"messages": [{"role": "user", "content": "hi"}]}' for _ in range(10))
    client = httpx.Client(base_url=stub_server.base_url)
    uploaded = client.post(
        "/files", data={"purpose": "fine-tune"}, files={"file": ("t.jsonl", lines, "application/jsonl")}
    ).json()
    created = client.post(
        "/fine_tuning/jobs",
        json={
            "model": "m",
            "training_file": uploaded["id"],
            "method": {
                "type": "supervised",
                "supervised": {"hyperparameters": {"n_epochs": 3, "batch_size": 5}},
            },
        },
    ).json()
    progress = backend.poll(provider_job_id=created["id"], seen_event_ids=set())
    assert progress.status == "running"
    # 3 epochs of ceil(10 / 5) = 2 steps, all done in the one running retrieve: a checkpoint per epoch.
    assert [c["step"] for c in progress.checkpoints] == [2, 4, 6]
    assert all(c["model"].endswith(f":ckpt-step-{c['step']}") for c in progress.checkpoints)
    listed = client.get(f"/fine_tuning/jobs/{created['id']}/checkpoints", params={"limit": 2}).json()
    assert [c["step_number"] for c in listed["data"]] == [6, 4] and listed["has_more"] is True


# --- the kind in words: API, events, admin ------------------------------------------------------------


@pytest.mark.django_db
def test_a_prompt_job_says_no_weights_were_trained(api, user, django_capture_on_commit_callbacks):
    make_kept(user, 12)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/finetune", {}, format="json")
    job = api.get(f"/finetune/jobs/{response.json()['id']}").json()
    assert job["kind"] == "prompt" and job["kind_label"] == "prompt-based: no weights were trained"
    assert (
        job["events"][0]["message"]
        == "Requested: 12 new kept examples; prompt-based: no weights were trained"
    )
    assert job["settings"] == {} and job["metrics"] == [] and job["checkpoints"] == []
    stats = api.get("/training/stats").json()
    assert stats["last_finetune"]["kind"] == "prompt"
    assert stats["last_finetune"]["kind_label"] == "prompt-based: no weights were trained"


@pytest.mark.django_db(transaction=True)
def test_the_runs_job_brief_names_the_kind(provider, settings, client_for):
    settings.ZEGA_FINETUNE_THRESHOLD = 12
    writer = UserFactory(username="writer")
    api = client_for(writer)
    run = api.post("/auto-train", {"num_examples": 12, "genres": ["thriller"]}, format="json").json()
    brief = run["finetune_job"]
    assert brief["kind"] == "weights" and brief["kind_label"] == "weights: the provider trains new weights"
    assert api.get(run["url"]).json()["finetune_job"]["kind"] == "weights"
    job = FineTuneJob.objects.get(id=brief["id"])
    assert job.events[0]["message"].startswith(f"Started by run {run['id']}: 12 new kept examples; weights:")


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.django_db
def test_admin_shows_the_kind_settings_metrics_and_checkpoints(staff, user):
    weights = FineTuneJob.objects.create(
        user=user,
        backend="openai",
        kind="weights",
        status=FineTuneJob.Status.SUCCEEDED,
        model_name="ft:gpt-4o-mini:zega-stub:zega-alice:abc",
        training_settings={"epochs": 2, "batch_size": 4},
        metrics=[{"step": s, "train_loss": 2.0 / s} for s in range(1, 31)],
        checkpoints=[
            {
                "id": "ftckpt-1",
                "step": 15,
                "model": "ft:gpt-4o-mini:zega-stub:zega-alice:abc:ckpt-step-15",
                "metrics": {"train_loss": 0.1333},
                "created_at": None,
            },
        ],
    )
    prompt = FineTuneJob.objects.create(user=user, backend="fewshot", kind="prompt", model_name="zega-alice")
    changelist = reverse("admin:autotrain_finetunejob_changelist")
    html = staff.get(changelist).content.decode()
    assert "weights (trained)" in html and "prompt-based (no training)" in html
    filtered = staff.get(changelist, {"kind": "prompt"})
    assert [job.pk for job in filtered.context["cl"].result_list] == [prompt.pk]
    assert "prompt-based: no weights are trained" in filtered.content.decode()  # the filter's choice

    html = staff.get(reverse("admin:autotrain_finetunejob_change", args=[weights.pk])).content.decode()
    assert "Fine-tune job" in html and "weights: the provider trained new weights" in html
    assert "<td>epochs</td><td>2</td>" in html and "<td>batch_size</td><td>4</td>" in html
    assert "30 steps recorded" in html and "<td>1</td><td>2.0000</td>" in html and "<td>…</td>" in html
    assert "ckpt-step-15" in html and "0.1333" in html

    html = staff.get(reverse("admin:autotrain_finetunejob_change", args=[prompt.pk])).content.decode()
    assert "Custom model job" in html and "prompt-based: no weights were trained" in html
    assert "Change fine-tune job" not in html and "Change fine tune job" not in html
    assert "none: nothing is trained" in html
    assert "steps recorded" not in html and "Training (weights jobs)" not in html


@pytest.mark.django_db
def test_admin_shows_the_latest_evaluation_of_a_job(staff, user):
    job = FineTuneJob.objects.create(
        user=user, backend="openai", kind="weights", status=FineTuneJob.Status.SUCCEEDED,
        model_name="ft:gpt-4o-mini:zega-alice", base_model="gpt-4o-mini",
    )
    url = reverse("admin:autotrain_finetunejob_change", args=[job.pk])
    assert "none yet: one starts when the job succeeds" in staff.get(url).content.decode()

    EvaluationFactory(job=job, status="failed", error="an older evaluation")
    evaluation = EvaluationFactory(job=job, status="succeeded", jury=[{"name": "judge-a", "model": "judge-a"}])
    outcomes = [("custom", 8.5, 7.25), ("custom", 9.0, 6.0), ("base", 6.5, 8.0), ("tie", 8.0, 8.0)]
    for winner, custom, base in outcomes:
        EvaluationPairFactory(
            evaluation=evaluation, status="done", winner=winner, custom_score=custom, base_score=base,
            custom_passed=custom >= 7.0, base_passed=base >= 7.0,
        )
    html = staff.get(url).content.decode()
    assert "succeeded (4 of 4 pairs written)" in html and "an older evaluation" not in html
    assert "won 2, lost 1, tied 1" in html
    assert "8.00 (ft:gpt-4o-mini:zega-alice) against 7.31 (gpt-4o-mini)" in html
    assert "75% against 75%" in html and "<td>jury</td><td>judge-a</td>" in html
    assert "<td>custom</td><td>9.00</td><td>6.00</td>" in html


@pytest.mark.django_db
def test_admin_pages_of_a_prompt_job_never_call_it_a_fine_tune(staff, user):
    prompt = FineTuneJob.objects.create(user=user, backend="fewshot", kind="prompt", model_name="zega-alice")
    weights = FineTuneJob.objects.create(user=user, backend="openai", kind="weights")
    assert str(prompt) == f"prompt-based custom model {prompt.pk} (fewshot, pending)"
    assert str(weights) == f"fine-tune {weights.pk} (openai, pending)"
    html = staff.get(reverse("admin:autotrain_finetunejob_change", args=[prompt.pk])).content.decode()
    assert f"prompt-based custom model {prompt.pk}" in html  # the breadcrumbs
    assert f"fine-tune {prompt.pk}" not in html


@pytest.mark.django_db
def test_admin_retry_asks_for_the_same_settings_again(staff, staff_user, user, provider):
    # Curation actions may ask for the model's change permission, not only staff status.
    staff_user.user_permissions.add(Permission.objects.get(codename="change_finetunejob"))
    make_kept(user, 12)
    failed = FineTuneJob.objects.create(
        user=user,
        backend="openai",
        kind="weights",
        status=FineTuneJob.Status.FAILED,
        base_model="gpt-4.1-mini",
        training_settings={"epochs": 4, "learning_rate_multiplier": 0.2},
    )
    changelist = reverse("admin:autotrain_finetunejob_changelist")
    response = staff.post(changelist, {"action": "retry_jobs", "_selected_action": [failed.pk], "index": 0})
    assert response.status_code == 302
    retry = FineTuneJob.objects.exclude(pk=failed.pk).get()
    assert retry.training_settings == {"epochs": 4, "learning_rate_multiplier": 0.2}
    assert retry.base_model == "gpt-4.1-mini" and retry.kind == "weights"
