"""Catalog, stats, examples, health and schema endpoints."""

import pytest

from autotrain import services
from autotrain.models import TrainingExample
from tests.factories import ExampleFactory, RunFactory


def test_genres_is_open_and_lists_the_eight_keys(client):
    for path in ("/training/genres", "/training/genres/"):
        response = client.get(path)
        assert response.status_code == 200
        body = response.json()
        assert body["genres"] == [
            "fantasy",
            "dark_fantasy",
            "sci_fi",
            "mystery",
            "horror",
            "romance",
            "adventure",
            "thriller",
        ]
        assert body["total"] == 8
        assert body["description"] == "Available genres for automatic training data generation"
        assert all(len(g["prompts"]) == 10 for g in body["details"])
        assert len(body["style_modifiers"]) == 10


@pytest.mark.django_db
def test_stats_for_a_new_user(api):
    body = api.get("/training/stats").json()
    assert body == {
        "training_examples": 0,
        "examples_until_next_training": 50,
        "custom_model_exists": False,
        "ready_for_finetuning": False,
        "custom_model": None,
        "genre_preferences": {},
        "average_quality": None,
        "writing_patterns": {"average_length": 0.0, "dialogue_ratio": 0.0, "average_sentences": 0.0},
        "last_finetune": None,
    }


@pytest.mark.django_db
def test_stats_count_kept_examples_and_readiness(api, user, settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 4
    run = RunFactory(user=user, num_examples=6)
    for i, genre in enumerate(["fantasy", "fantasy", "horror", "horror", "horror"]):
        ExampleFactory(run=run, index=i, genre=genre, quality_score=8.0 + i * 0.1, has_dialogue=i % 2 == 0)
    ExampleFactory(run=run, index=5, status="rejected", reject_reason="low_quality", quality_score=3.0)
    services.profile_refresh(user_id=user.pk)
    body = api.get("/training/stats?user_id=alice").json()
    assert body["training_examples"] == 5
    assert body["examples_until_next_training"] == 0
    assert body["ready_for_finetuning"] is True
    assert body["genre_preferences"] == {"fantasy": 2, "horror": 3}
    assert body["average_quality"] == 8.2
    assert body["writing_patterns"] == {
        "average_length": 400.0,
        "dialogue_ratio": 0.6,
        "average_sentences": 5.0,
    }


@pytest.mark.django_db
def test_excluded_examples_do_not_count(api, user):
    run = RunFactory(user=user)
    ExampleFactory(run=run, index=0)
    ExampleFactory(run=run, index=1, excluded=True)
    assert api.get("/training/stats").json()["training_examples"] == 1


@pytest.mark.django_db
def test_stats_of_another_user_403_for_users_and_visible_to_staff(api, staff_api, other_user):
    assert api.get("/training/stats?user_id=bob").status_code == 403
    assert staff_api.get("/training/stats?user_id=bob").status_code == 200
    assert staff_api.get("/training/stats?user_id=nobody").status_code == 404


@pytest.mark.django_db
def test_examples_list_filters(api, user, other_user):
    run = RunFactory(user=user, num_examples=4)
    ExampleFactory(run=run, index=0, genre="fantasy", quality_score=9.1)
    ExampleFactory(run=run, index=1, genre="horror", quality_score=7.5)
    ExampleFactory(
        run=run, index=2, genre="horror", status="rejected", reject_reason="duplicate", quality_score=8.0
    )
    ExampleFactory(run=run, index=3, status="pending", text="", quality_score=None)
    ExampleFactory(run=RunFactory(user=other_user), index=0)

    def ids(query=""):
        body = api.get(f"/training/examples{query}").json()
        return sorted(e["index"] for e in body["results"])

    assert ids() == [0, 1, 2]  # pending items are not examples yet; bob's are invisible
    assert ids("?genre=horror") == [1, 2]
    assert ids("?min_quality=8") == [0, 2]
    assert ids("?kept=true") == [0, 1]
    assert ids("?kept=false") == [2]
    assert ids(f"?run={run.id}") == [0, 1, 2]
    first = api.get("/training/examples?kept=false").json()["results"][0]
    assert first["kept"] is False and first["reject_reason"] == "duplicate"
    assert {
        "id",
        "run",
        "genre",
        "prompt",
        "style_modifier",
        "text",
        "quality_score",
        "quality_breakdown",
        "kept",
        "reject_reason",
        "winning_model",
        "created_at",
    } <= set(first)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["?genre=poetry", "?min_quality=high", "?min_quality=11", "?run=xyz", "?kept=maybe"]
)
def test_examples_bad_filters_are_400(api, query):
    response = api.get(f"/training/examples{query}")
    assert response.status_code == 400
    assert isinstance(response.json(), dict)


@pytest.mark.django_db
def test_healthz_reports_database_and_cluster(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cluster": "down"}


@pytest.mark.django_db
def test_schema_and_docs_are_open(client):
    schema = client.get("/api/schema", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in [
        "/auto-train",
        "/auto-train/runs",
        "/auto-train/runs/{run_id}",
        "/auto-train/runs/{run_id}/cancel",
        "/training/genres",
        "/training/stats",
        "/training/examples",
        "/healthz",
    ]:
        assert any(p.rstrip("/") == path for p in paths), path
    assert client.get("/api/docs").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/training/stats", "/training/examples", "/auto-train/runs"])
def test_user_endpoints_need_authentication(anon_api, path):
    assert anon_api.get(path).status_code == 401
    assert anon_api.get(path + "/").status_code == 401


@pytest.mark.django_db
def test_unknown_path_is_json_404(api):
    response = api.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_wrong_method_is_405_json(api):
    response = api.delete("/auto-train")
    assert response.status_code == 405
    assert "detail" in response.json()


def test_example_rows_hold_the_fields_the_contract_names():
    names = {f.name for f in TrainingExample._meta.get_fields()}
    assert {
        "genre",
        "prompt",
        "style_modifier",
        "text",
        "quality_score",
        "quality_breakdown",
        "reject_reason",
        "candidates",
        "votes",
        "winning_model",
        "latency",
        "prompt_tokens",
        "completion_tokens",
    } <= names
