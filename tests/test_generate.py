"""`POST /generate`: the ensemble without a custom model, the user's fewshot model with one (offline and
on an OpenAI-compatible endpoint), context passages, and the request rules."""

import pytest

from autotrain import services
from autotrain.models import TrainingProfile
from autotrain.services.generation import TextPassage
from tests.finetune_helpers import fast_password_hashing, make_kept  # noqa: F401 - autouse fixture

OFFLINE_VOICES = {"offline-lyric", "offline-noir", "offline-classic"}


def fewshot_model(user):
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    return services.finetune_job_execute(job_id=job.id)


@pytest.mark.django_db
def test_without_a_custom_model_the_ensemble_writes(api, user):
    response = api.post(
        "/generate", {"prompt": "A lighthouse keeper finds a message in a bottle"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"text", "model", "custom_model", "memory_used"}
    assert body["model"] in OFFLINE_VOICES and body["custom_model"] is False
    assert body["memory_used"] == []
    assert len(body["text"]) > 200 and "bottle" in body["text"].lower()


@pytest.mark.django_db
def test_with_a_fewshot_model_its_prompt_and_examples_go_before_the_request(api, user, settings, stub_server):
    captured = []

    def writer(model, messages):
        captured.append(messages)
        return (
            "Night had settled over the harbour, and Wren read the letter twice before she believed it. "
            '"Come home," it said, in her brother\'s careful hand, though he had been gone ten years.'
        )

    stub_server.config.text_source = writer
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    make_kept(user, 12, genres=("horror",))
    job = fewshot_model(user)
    assert job.model_name == "zega-alice"

    response = api.post("/generate", {"prompt": "A letter from a lost brother"}, format="json")
    assert response.status_code == 200
    assert response.json()["model"] == "zega-alice" and response.json()["custom_model"] is True
    system, user_message = captured[-1]
    assert system == {"role": "system", "content": job.artifact["system"]}
    for example in job.artifact["examples"]:
        assert f"<example>\n{example['text']}\n</example>" in user_message["content"]
    # No genre given: the user's favourite.
    assert "Genre: horror" in user_message["content"]


@pytest.mark.django_db
def test_fewshot_works_with_the_offline_writer(api, user):
    make_kept(user, 12)
    fewshot_model(user)
    body = api.post(
        "/generate", {"prompt": "A clockwork bird sings at midnight", "genre": "fantasy"}, format="json"
    )
    assert body.status_code == 200
    assert body.json()["model"] == "zega-alice" and body.json()["custom_model"] is True
    assert len(body.json()["text"]) > 200
    assert TrainingProfile.objects.get(user=user).custom_model_name == "zega-alice"


@pytest.mark.django_db
def test_context_passages_are_sent_and_reported(user, settings, stub_server):
    captured = []
    stub_server.config.text_source = lambda model, messages: captured.append(messages) or (
        "The courier crossed the frozen pass at dusk, counting the cairns, and at the last one she "
        'found the red ribbon tied exactly where the old map said. "Still here," she whispered.'
    )
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    passages = [
        TextPassage("A remembered story about a frozen pass.", example_id=7),
        TextPassage("   ", example_id=8),
    ]
    story = services.generate_story(
        user=user, prompt="A courier in the mountains", genre="adventure", context=passages
    )
    assert story.memory_used == [7]  # the blank passage was not sent
    assert "<example>\nA remembered story about a frozen pass.\n</example>" in captured[-1][1]["content"]
    assert story.model == "stub-a" and story.custom_backend is None


@pytest.mark.django_db
def test_an_ensemble_that_cannot_write_answers_502(api, user, settings, stub_server):
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    settings.ZEGA_LLM_MAX_RETRIES = 0
    stub_server.config.known_models = {"other"}
    response = api.post("/generate", {"prompt": "Anything at all"}, format="json")
    assert response.status_code == 502
    assert "stub-a" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {},
        {"prompt": ""},
        {"prompt": 42},
        {"prompt": "x" * 2001},
        {"prompt": "A story", "genre": "poetry"},
        {"prompt": "A story", "use_memory": "yes"},
        {"prompt": "A story", "temperature": 2},
        ["A story"],
    ],
)
def test_bad_requests_are_400(api, body):
    response = api.post("/generate", body, format="json")
    assert response.status_code == 400
    assert isinstance(response.json(), dict)


@pytest.mark.django_db
def test_auth_and_acting_for_others(api, anon_api, staff_api, other_user):
    assert anon_api.post("/generate", {"prompt": "A story"}, format="json").status_code == 401
    assert api.post("/generate", {"prompt": "A story", "user_id": "bob"}, format="json").status_code == 403
    assert api.post("/generate", {"prompt": "A story", "user_id": "alice"}, format="json").status_code == 200
    on_behalf = staff_api.post("/generate", {"prompt": "A story", "user_id": "bob"}, format="json")
    assert on_behalf.status_code == 200
    assert (
        staff_api.post("/generate", {"prompt": "A story", "user_id": "nobody"}, format="json").status_code
        == 404
    )
