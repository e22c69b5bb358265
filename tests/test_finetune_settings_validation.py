"""Training settings of a fine-tune job (CONTRACT section 6): what each backend refuses (before anything
is created), and how the settings reach the provider, against the loopback stub."""

import httpx
import pytest
from django.contrib.auth import get_user_model

from autotrain import services
from autotrain.models import FineTuneJob, TrainingExample
from tests.helpers import make_kept, start_finetune


@pytest.fixture
def ollama(settings, ollama_stub):
    settings.ZEGA_FINETUNE_BACKEND = "ollama"
    settings.ZEGA_OLLAMA_URL = ollama_stub.url
    settings.ZEGA_FINETUNE_BASE_MODEL = None
    return ollama_stub


def nothing_created(user, kept: int) -> bool:
    return (
        not FineTuneJob.objects.exists()
        and TrainingExample.objects.filter(user=user, finetune_job__isnull=False).count() == 0
        and TrainingExample.objects.filter(user=user).count() == kept
    )


# --- validation, per backend -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, field",
    [
        ({"epochs": 3}, "epochs"),
        ({"learning_rate_multiplier": 0.5}, "learning_rate_multiplier"),
        ({"batch_size": 8}, "batch_size"),
        ({"base_model": "llama3.1"}, "base_model"),
    ],
)
def test_fewshot_refuses_every_training_setting_and_a_base_model(api, user, body, field):
    make_kept(user, 12)
    response = api.post("/finetune", body, format="json")
    assert response.status_code == 400
    message = response.json()[field][0]
    assert "fewshot" in message
    if field != "base_model":
        assert "prompt-based" in message and "no weights are trained" in message
    assert nothing_created(user, 12)


@pytest.mark.django_db
def test_ollama_refuses_training_settings_but_takes_base_model_as_its_from_model(api, user, ollama):
    make_kept(user, 12)
    refused = api.post("/finetune", {"epochs": 2, "batch_size": 4}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()) == {"epochs", "batch_size"}
    assert "ollama backend is prompt-based" in refused.json()["epochs"][0]
    assert nothing_created(user, 12)

    ollama.base_models.add("qwen2.5:7b")  # the server has that model to create from
    job = start_finetune(user, base_model="qwen2.5:7b")
    assert job.status == "succeeded" and job.base_model == "qwen2.5:7b"
    assert job.training_settings == {} and job.kind == "prompt"
    assert ollama.created["zega-alice"]["from"] == "qwen2.5:7b"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, field",
    [
        ({"epochs": "2"}, "epochs"),
        ({"epochs": 2.0}, "epochs"),
        ({"epochs": True}, "epochs"),
        ({"epochs": 0}, "epochs"),
        ({"epochs": 51}, "epochs"),
        ({"learning_rate_multiplier": "0.5"}, "learning_rate_multiplier"),
        ({"learning_rate_multiplier": True}, "learning_rate_multiplier"),
        ({"learning_rate_multiplier": 0.001}, "learning_rate_multiplier"),
        ({"learning_rate_multiplier": 10.5}, "learning_rate_multiplier"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 257}, "batch_size"),
        ({"batch_size": 8.5}, "batch_size"),
        ({"base_model": ""}, "base_model"),
        ({"base_model": "gpt 4o"}, "base_model"),
        ({"base_model": 4}, "base_model"),
        ({"base_model": "m" * 201}, "base_model"),
        ({"epoch": 2}, "epoch"),
    ],
)
def test_openai_refuses_wrong_types_and_out_of_range_settings(api, user, provider, body, field):
    make_kept(user, 12)
    response = api.post("/finetune", body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert nothing_created(user, 12)
    assert provider.stats.total == 0 and provider.finetuning.snapshot()["files"] == {}


@pytest.mark.django_db
def test_a_refused_request_for_an_unknown_user_creates_no_user(staff_api, user):
    response = staff_api.post("/finetune", {"user_id": "newcomer", "epochs": 2}, format="json")
    assert response.status_code == 400 and "epochs" in response.json()
    assert not get_user_model().objects.filter(username="newcomer").exists()


@pytest.mark.django_db
def test_the_service_refuses_what_the_backend_cannot_take_too(user, settings):
    make_kept(user, 12)
    with pytest.raises(services.InvalidTrainingSettings, match="epochs: The fewshot backend is prompt-based"):
        services.finetune_job_start(user=user, epochs=3, enqueue=False)
    settings.ZEGA_FINETUNE_BACKEND = "openai"
    with pytest.raises(services.InvalidTrainingSettings, match="batch_size: Must be a whole number"):
        services.finetune_job_start(user=user, batch_size=300, enqueue=False)
    assert nothing_created(user, 12)


@pytest.mark.django_db
def test_null_settings_mean_the_providers_choice(api, user, provider):
    make_kept(user, 12)
    body = {"epochs": None, "learning_rate_multiplier": None, "batch_size": None, "base_model": None}
    response = api.post("/finetune", body, format="json")
    assert response.status_code == 202
    job = response.json()
    assert job["settings"] == {} and job["base_model"] == "gpt-4o-mini-2024-07-18"


@pytest.mark.django_db
def test_an_idempotency_key_replayed_with_other_settings_is_422(api, user, provider):
    make_kept(user, 12)
    first = api.post("/finetune", {"epochs": 2}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    again = api.post("/finetune", {"epochs": 2}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    other = api.post("/finetune", {"epochs": 3}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    other_base = api.post(
        "/finetune", {"epochs": 2, "base_model": "gpt-4.1-mini"}, format="json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    assert first.status_code == 202 and again.status_code == 202
    assert again.json()["id"] == first.json()["id"]
    assert other.status_code == 422 and other_base.status_code == 422
    assert FineTuneJob.objects.count() == 1


# --- settings reach the provider ---------------------------------------------------------------------


@pytest.mark.django_db
def test_settings_reach_the_provider_as_method_supervised_hyperparameters(api, user, provider):
    make_kept(user, 12)
    body = {"epochs": 2, "learning_rate_multiplier": 0.5, "batch_size": 4, "base_model": "gpt-4.1-mini"}
    response = api.post("/finetune", body, format="json")
    assert response.status_code == 202
    job = FineTuneJob.objects.get(id=response.json()["id"])
    assert job.training_settings == {"epochs": 2, "learning_rate_multiplier": 0.5, "batch_size": 4}
    assert job.base_model == "gpt-4.1-mini"
    job = services.finetune_job_execute(job_id=job.id)
    created = provider.finetuning.snapshot()["create_requests"][0]
    assert created["model"] == "gpt-4.1-mini"
    assert created["method"] == {
        "type": "supervised",
        "supervised": {"hyperparameters": {"n_epochs": 2, "learning_rate_multiplier": 0.5, "batch_size": 4}},
    }
    assert "hyperparameters" not in created  # deprecated at the top level; only `method` is sent
    provider_job = provider.finetuning.snapshot()["jobs"][job.provider_job_id]
    assert provider_job["hyperparameters"] == {
        "n_epochs": 2,
        "batch_size": 4,
        "learning_rate_multiplier": 0.5,
    }
    assert provider_job["method"]["supervised"]["hyperparameters"]["n_epochs"] == 2
    shown = api.get(f"/finetune/jobs/{job.id}").json()
    assert shown["settings"] == {"epochs": 2, "learning_rate_multiplier": 0.5, "batch_size": 4}
    assert shown["base_model"] == "gpt-4.1-mini"
    assert "(epochs 2, learning_rate_multiplier 0.5, batch_size 4)" in shown["events"][0]["message"]


@pytest.mark.django_db
def test_without_settings_nothing_is_sent_and_the_provider_picks(user, provider):
    make_kept(user, 12)
    start_finetune(user)
    created = provider.finetuning.snapshot()["create_requests"][0]
    assert "method" not in created and "hyperparameters" not in created


def test_the_stub_honours_the_legacy_hyperparameters_and_refuses_bad_ones(stub_server):
    client = httpx.Client(base_url=stub_server.base_url)
    lines = b"\n".join(b'{"messages": [{"role": "user", "content": "hi"}]}' for _ in range(10))
    uploaded = client.post(
        "/files", data={"purpose": "fine-tune"}, files={"file": ("t.jsonl", lines, "application/jsonl")}
    ).json()
    legacy = client.post(
        "/fine_tuning/jobs",
        json={"model": "m", "training_file": uploaded["id"], "hyperparameters": {"n_epochs": 4}},
    )
    assert legacy.status_code == 200
    assert legacy.json()["hyperparameters"] == {
        "n_epochs": 4,
        "batch_size": "auto",
        "learning_rate_multiplier": "auto",
    }
    for bad in ({"n_epochs": 0}, {"batch_size": True}, {"learning_rate_multiplier": -1}, {"epochs": 2}):
        refused = client.post(
            "/fine_tuning/jobs",
            json={
                "model": "m",
                "training_file": uploaded["id"],
                "method": {"type": "supervised", "supervised": {"hyperparameters": bad}},
            },
        )
        assert refused.status_code == 400, bad
        assert refused.json()["error"]["code"] == "invalid_hyperparameters"
