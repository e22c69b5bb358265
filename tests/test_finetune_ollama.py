"""The `ollama` backend against a loopback Ollama server: `/api/create` streaming to success, failures
in and out of the stream, and `/generate` with `zega-<username>` on Ollama's OpenAI-compatible API."""

import pytest

from autotrain import services
from autotrain.models import FineTuneJob, TrainingProfile
from tests.factories import UserFactory
from tests.helpers import make_kept
from stubs.ollama import OllamaStub


@pytest.fixture
def ollama(settings, ollama_stub):
    settings.ZEGA_FINETUNE_BACKEND = "ollama"
    settings.ZEGA_OLLAMA_URL = ollama_stub.url
    settings.ZEGA_FINETUNE_BASE_MODEL = None
    return ollama_stub


def start(user) -> FineTuneJob:
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    executed = services.finetune_job_execute(job_id=job.id)
    assert executed is not None, "a pending job runs"
    return executed


@pytest.mark.django_db
def test_create_streams_to_success_and_the_model_is_the_users(ollama, user):
    make_kept(user, 12, scores=[7.0 + i / 10 for i in range(12)])
    job = start(user)
    assert job.status == "succeeded" and job.finished_at is not None
    assert job.model_name == "zega-alice" and job.base_model == "llama3.1"
    body = ollama.created["zega-alice"]
    assert body["from"] == "llama3.1"
    assert body["system"] == job.artifact["system"] and "What alice likes" in body["system"]
    roles = [m["role"] for m in body["messages"]]
    assert roles == ["user", "assistant"] * (len(roles) // 2) and roles
    assert body["messages"][0]["content"].startswith("Genre: ")
    chosen = job.artifact["examples"]
    sent = [m["content"] for m in body["messages"] if m["role"] == "assistant"]
    assert sent == [e["text"] for e in chosen]
    # The best example of each genre goes first; the overall best (index 11, 8.1) is among them.
    assert [e["quality_score"] for e in chosen[:3]] == pytest.approx(
        [7.9, 8.1, 8.0]
    )  # fantasy, horror, sci-fi
    messages = [e["message"] for e in job.events]
    assert "Ollama: reading model metadata" in messages and "Ollama: success" in messages
    assert TrainingProfile.objects.get(user=user).custom_model_name == "zega-alice"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fail", "reason"),
    [
        ("stream_error", "no space left on device"),
        ("truncate", "ended before Ollama reported success"),
        (500, "HTTP 500: scripted failure 500"),
    ],
)
def test_a_failed_create_fails_the_job_with_the_reason(ollama, user, fail, reason):
    ollama.fail = fail
    make_kept(user, 12)
    job = start(user)
    assert job.status == "failed" and reason in job.error
    assert "zega-alice" not in ollama.created
    assert TrainingProfile.objects.get(user=user).custom_model_name == ""


@pytest.mark.django_db
def test_an_unknown_base_model_fails_the_job(ollama, user, settings):
    settings.ZEGA_FINETUNE_BASE_MODEL = "llama9"
    make_kept(user, 12)
    job = start(user)
    assert job.base_model == "llama9"
    assert job.status == "failed" and "model 'llama9' not found" in job.error


@pytest.mark.django_db
def test_an_unreachable_server_fails_the_job_as_temporary(settings, user):
    settings.ZEGA_FINETUNE_BACKEND = "ollama"
    settings.ZEGA_OLLAMA_URL = "http://127.0.0.1:9"
    make_kept(user, 12)
    job = start(user)
    assert job.status == "failed" and "cannot reach Ollama" in job.error and "temporary" in job.error


@pytest.mark.django_db
def test_usernames_become_valid_ollama_names(ollama):
    writer = UserFactory(username="ann+e@example.com")
    make_kept(writer, 12)
    job = start(writer)
    assert job.status == "succeeded" and job.model_name == "zega-ann-e-example.com"
    assert "zega-ann-e-example.com" in ollama.created


@pytest.mark.django_db
def test_generate_uses_the_ollama_model(api, ollama, user):
    make_kept(user, 12)
    job = start(user)
    response = api.post(
        "/generate", {"prompt": "A lantern that never goes out", "genre": "fantasy"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["model"] == "zega-alice" and body["custom_model"] is True
    assert len(body["text"]) > 100
    assert ollama.chat_models == ["zega-alice"]
    sent = ollama.chat_messages[-1]
    assert sent[0] == {"role": "system", "content": job.artifact["system"]}
    assert "Prompt: A lantern that never goes out" in sent[1]["content"]


@pytest.mark.django_db
def test_a_fresh_ollama_server_without_the_model_answers_502(api, settings, user, ollama):
    make_kept(user, 12)
    start(user)
    settings.ZEGA_LLM_MAX_RETRIES = 0
    with OllamaStub() as fresh:  # e.g. Ollama was reinstalled: zega-alice is gone
        settings.ZEGA_OLLAMA_URL = fresh.url
        response = api.post("/generate", {"prompt": "A lantern that never goes out"}, format="json")
    assert response.status_code == 502 and "zega-alice" in response.json()["detail"]
