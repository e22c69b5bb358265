"""`POST /generate`: the ensemble without a custom model, the user's fewshot model with one (offline and
on an OpenAI-compatible endpoint), context passages, and the request rules."""

import pytest

from autotrain import services
from autotrain.models import TrainingProfile
from autotrain.services.generation import TextPassage
from tests.helpers import make_kept

OFFLINE_VOICES = {"offline-template-lyric", "offline-template-noir", "offline-template-classic"}


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
    assert set(body) == {"text", "model", "custom_model", "writer", "memory_used"}
    assert body["model"] in OFFLINE_VOICES and body["custom_model"] is False
    assert body["writer"] == "offline"
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
    assert response.json()["writer"] == "stub-a"  # the ensemble member that wrote, not zega-alice
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
    assert body.json()["writer"] == "offline"
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
    assert story.model == "stub-a" and story.custom_backend is None and story.writer == "stub-a"


def passages(n, size=200):
    return [
        TextPassage(f"Passage {i}: Ottoline Marsh walked the causeway at low tide. " + "x" * size, example_id=100 + i)
        for i in range(n)
    ]


@pytest.mark.django_db
def test_the_offline_writer_reads_only_the_first_three_passages(user):
    story = services.generate_story(user=user, prompt="A courier in the mountains", genre="adventure", context=passages(5))
    assert story.writer == "offline"
    assert story.memory_used == [100, 101, 102]


@pytest.mark.django_db
def test_passages_over_the_size_limits_never_reach_the_writer(user, settings, stub_server):
    captured = []
    stub_server.config.text_source = lambda model, messages: captured.append(messages) or (
        "The courier crossed the frozen pass at dusk, counting the cairns, and at the last one she "
        'found the red ribbon tied exactly where the old map said. "Still here," she whispered.'
    )
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    # Seven passages of ~1,060 characters: five fit the 6,000-character budget, and at most five are sent.
    story = services.generate_story(
        user=user, prompt="A courier in the mountains", genre="adventure", context=passages(7, size=1000)
    )
    assert story.memory_used == [100, 101, 102, 103, 104]
    sent = captured[-1][1]["content"]
    assert sent.count("<example>") == 5 and "Passage 5:" not in sent


@pytest.mark.django_db
def test_with_a_fewshot_model_on_the_offline_writer_memory_never_reaches_it(user):
    make_kept(user, 12)
    job = fewshot_model(user)
    assert len(job.artifact["examples"]) >= 3  # they fill what the offline writer reads
    story = services.generate_story(user=user, prompt="A courier in the mountains", context=passages(2))
    assert (story.model, story.writer, story.memory_used) == ("zega-alice", "offline", [])


@pytest.mark.django_db
def test_with_a_fewshot_model_on_a_chat_model_memory_follows_the_examples(user, settings, stub_server):
    captured = []
    stub_server.config.text_source = lambda model, messages: captured.append(messages) or (
        "The courier crossed the frozen pass at dusk, counting the cairns, and at the last one she "
        'found the red ribbon tied exactly where the old map said. "Still here," she whispered.'
    )
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a", "stub-b"]
    make_kept(user, 12)
    job = fewshot_model(user)
    story = services.generate_story(user=user, prompt="A courier in the mountains", context=passages(2))
    assert story.model == "zega-alice" and story.writer in {"stub-a", "stub-b"}
    assert story.memory_used == [100, 101]
    sent = captured[-1][1]["content"]
    assert sent.index(job.artifact["examples"][-1]["text"]) < sent.index("Passage 0:") < sent.index("Passage 1:")


@pytest.mark.django_db
def test_an_ft_model_is_its_own_writer(api, user, settings, stub_server):
    settings.ZEGA_FINETUNE_BACKEND = "openai"
    settings.ZEGA_FINETUNE_BASE_URL = stub_server.base_url
    settings.ZEGA_FINETUNE_BASE_MODEL = None
    stub_server.config.finetune_statuses = ["validating_files", "succeeded"]
    make_kept(user, 12)
    job = fewshot_model(user)
    services.finetune_jobs_poll_active()
    job.refresh_from_db()
    assert job.status == "succeeded" and job.model_name.startswith("ft:")
    body = api.post("/generate", {"prompt": "A courier in the mountains", "use_memory": False}, format="json").json()
    assert body["model"] == body["writer"] == job.model_name and body["custom_model"] is True
    assert body["memory_used"] == []


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


@pytest.mark.django_db
def test_the_api_lists_only_memory_that_reached_the_writer(api, user, settings, stub_server):
    from autotrain import selectors
    from tests.helpers import FANTASY, remember

    remembered = {e.id for e in remember(user, FANTASY, genre="fantasy")}
    prompt = "A wizard must tame a young dragon"
    matches = [m.example_id for m in selectors.memory_context_for(user=user, prompt=prompt)]
    assert matches and set(matches) <= remembered
    make_kept(user, 12)
    fewshot_model(user)
    # The offline writer reads the first three passages: the fewshot model's own examples fill them.
    body = api.post("/generate", {"prompt": prompt}, format="json").json()
    assert (body["custom_model"], body["writer"], body["memory_used"]) == (True, "offline", [])
    # A chat model gets every passage, the memory after the examples.
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    body = api.post("/generate", {"prompt": prompt}, format="json").json()
    assert (body["writer"], body["memory_used"]) == ("stub-a", matches)
