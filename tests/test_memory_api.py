"""`GET /memory/search` and the memory side of `POST /generate`."""

from __future__ import annotations

import pytest

from autotrain.llm.offline import write_story
from autotrain.models import MemoryEntry, TrainingExample
from tests import helpers
from tests.helpers import DETECTIVE, FANTASY


def remember(user, texts, *, genre):
    return helpers.remember(user, texts, genre=genre, scores=[8.0 + i / 10 for i in range(len(texts))])


@pytest.mark.django_db
def test_search_answers_the_callers_best_matches_best_first(api, user, other_user):
    fantasy = remember(user, FANTASY, genre="fantasy")
    remember(user, DETECTIVE, genre="mystery")
    remember(other_user, [t + " The dragon wizard." for t in FANTASY], genre="fantasy")
    response = api.get("/memory/search", {"q": "dragons and wizards", "k": 4})
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert len(results) == 4
    assert set(results[0]) == {"example_id", "text", "genre", "quality_score", "score"}
    assert {r["example_id"] for r in results} == {e.id for e in fantasy}
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    by_id = {e.id: e for e in fantasy}
    for result in results:
        example = by_id[result["example_id"]]
        assert (result["text"], result["genre"], result["quality_score"]) == (
            example.text,
            "fantasy",
            example.quality_score,
        )
        assert -1.0 <= result["score"] <= 1.0
    # k defaults to 5; a trailing slash answers the same; naming oneself is fine.
    assert len(api.get("/memory/search/", {"q": "dragon", "user_id": "alice"}).json()["results"]) == 5


@pytest.mark.django_db
def test_search_of_an_empty_memory_is_an_empty_list(api, user):
    response = api.get("/memory/search", {"q": "dragons"})
    assert response.status_code == 200 and response.json() == {"results": []}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 4001}, "q"),
        ({"q": "drag\x00ons"}, "q"),
        ({"q": "dragons", "k": "0"}, "k"),
        ({"q": "dragons", "k": "-3"}, "k"),
        ({"q": "dragons", "k": "51"}, "k"),
        ({"q": "dragons", "k": "many"}, "k"),
        ({"q": "dragons", "k": ""}, "k"),
        ({"q": "dragons", "user_id": "not a name!"}, "user_id"),
    ],
)
def test_bad_queries_are_400_naming_the_field(api, params, field):
    response = api.get("/memory/search", params)
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.django_db
def test_search_needs_authentication_and_ones_own_memory(anon_api, api, other_user):
    assert anon_api.get("/memory/search", {"q": "dragons"}).status_code == 401
    response = api.get("/memory/search", {"q": "dragons", "user_id": "bob"})
    assert response.status_code == 403 and "detail" in response.json()


@pytest.mark.django_db
def test_staff_may_search_any_users_memory_but_an_unknown_user_is_404(staff_api, other_user):
    theirs = remember(other_user, FANTASY[:2], genre="fantasy")
    response = staff_api.get("/memory/search", {"q": "dragons", "user_id": "bob"})
    assert {r["example_id"] for r in response.json()["results"]} == {e.id for e in theirs}
    assert staff_api.get("/memory/search", {"q": "dragons", "user_id": "ghost"}).status_code == 404
    assert not MemoryEntry.objects.filter(user__username="ghost").exists()


@pytest.mark.django_db
def test_an_unreachable_embeddings_endpoint_is_503(api, user, stub_server, settings):
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_EMBEDDINGS = "openai:stub-embed"
    settings.ZEGA_LLM_MAX_RETRIES = 0
    stub_server.config.script = [503]
    response = api.get("/memory/search", {"q": "dragons"})
    assert response.status_code == 503
    assert "embed" in response.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_a_run_with_store_in_memory_makes_its_examples_searchable(api, user):
    response = api.post(
        "/auto-train", {"num_examples": 4, "genres": ["fantasy"], "store_in_memory": True}, format="json"
    )
    body = response.json()
    assert response.status_code == 200 and body["status"] == "succeeded", body
    assert body["stored_in_memory"] is True
    assert body["stored_in_memory_count"] == body["successful"] > 0
    assert api.get(body["url"]).json()["stored_in_memory_count"] == body["successful"]
    kept = set(TrainingExample.objects.filter(run_id=body["id"], status="kept").values_list("id", flat=True))
    results = api.get("/memory/search", {"q": "wizard spellbook dragon", "k": 50}).json()["results"]
    assert {r["example_id"] for r in results} == kept


# --- /generate ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_generate_uses_the_best_memory_matches_and_says_which(api, user, other_user):
    fantasy = remember(user, FANTASY, genre="fantasy")
    remember(user, DETECTIVE, genre="mystery")
    remember(other_user, FANTASY, genre="fantasy")
    response = api.post("/generate", {"prompt": "A wizard must tame a young dragon"}, format="json")
    assert response.status_code == 200, response.content
    used = response.json()["memory_used"]
    assert used and set(used) <= {e.id for e in fantasy}
    off = api.post(
        "/generate", {"prompt": "A wizard must tame a young dragon", "use_memory": False}, format="json"
    )
    assert off.status_code == 200 and off.json()["memory_used"] == []


@pytest.mark.django_db
def test_generate_with_an_empty_memory_uses_none(api, user):
    response = api.post("/generate", {"prompt": "A wizard must tame a young dragon"}, format="json")
    assert response.status_code == 200 and response.json()["memory_used"] == []


@pytest.mark.django_db
def test_the_memory_passages_reach_the_writer(api, user, stub_server, settings):
    """Over real HTTP: the passages listed in memory_used are in the request the model received."""
    seen: list[str] = []

    def writer(model, messages):
        seen.append(messages[-1]["content"])
        return write_story(
            genre="fantasy", prompt="A wizard must tame a young dragon", style_modifier="", seed=1
        )

    stub_server.config.text_source = writer
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    fantasy = remember(user, FANTASY, genre="fantasy")
    remember(user, DETECTIVE, genre="mystery")
    # Stored with the offline embedder: the query must be embedded the same way, whatever the LLM is.
    response = api.post("/generate", {"prompt": "A wizard must tame a young dragon"}, format="json")
    assert response.status_code == 200, response.content
    used = response.json()["memory_used"]
    assert used and seen
    texts = {e.id: e.text for e in fantasy}
    for example_id in used:
        assert f"<example>\n{texts[example_id]}\n</example>" in seen[-1]
    for text in DETECTIVE:
        assert text not in seen[-1]


@pytest.mark.django_db
def test_generate_without_a_reachable_embeddings_endpoint_writes_without_memory(
    api, user, stub_server, settings
):
    remember(user, FANTASY, genre="fantasy")
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    settings.ZEGA_LLM_MAX_RETRIES = 0
    settings.ZEGA_EMBEDDINGS = "openai:stub-embed"
    stub_server.config.script = [500]  # the embeddings request; the story request then succeeds
    response = api.post("/generate", {"prompt": "A wizard must tame a young dragon"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["memory_used"] == []
