"""POST /auto-train and the run endpoints, on the offline ensemble with tasks run inline."""

import json

import pytest

from autotrain import services
from autotrain.models import TrainingExample, TrainingRun
from tests.factories import RunFactory

SEED_FIELDS = {
    "total_requested",
    "successful",
    "failed",
    "genre_distribution",
    "average_quality",
    "total_time",
    "stored_in_memory",
    "training_stats",
    "ready_for_finetuning",
}
CONTRACT_FIELDS = SEED_FIELDS | {
    "id",
    "url",
    "status",
    "failures",
    "progress",
    "model_performance",
    "finetune_job",
    "created_at",
    "started_at",
    "finished_at",
}


def row_counts():
    return TrainingRun.objects.count(), TrainingExample.objects.count()


@pytest.mark.django_db(transaction=True)
def test_post_runs_to_the_end_and_answers_the_seeds_summary(api, user):
    response = api.post(
        "/auto-train",
        {"user_id": "alice", "num_examples": 12, "genres": ["fantasy", "sci_fi"], "store_in_memory": False},
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert CONTRACT_FIELDS <= set(body)
    assert body["status"] == "succeeded"
    assert body["total_requested"] == 12
    assert body["successful"] + body["failed"] == 12
    assert body["failed"] == sum(body["failures"].values())
    assert body["progress"] == {"completed": 12, "total": 12}
    assert set(body["genre_distribution"]) <= {"fantasy", "sci_fi"}
    assert sum(body["genre_distribution"].values()) == body["successful"]
    assert sum(m["wins"] for m in body["model_performance"].values()) == body["successful"]
    assert body["successful"] >= 10  # the offline writer is good; the filter is honest, not broken
    assert 7.0 <= body["average_quality"] <= 10.0
    assert body["training_stats"] == {
        "training_examples": body["successful"],
        "examples_until_next_training": 50 - body["successful"],
        "custom_model_exists": False,
    }
    assert body["ready_for_finetuning"] is False
    assert body["total_time"] >= 0
    rows = TrainingExample.objects.filter(run_id=body["id"])
    assert sorted(rows.values_list("index", flat=True)) == list(range(12))
    assert not rows.filter(status__in=["pending", "running"]).exists()


@pytest.mark.django_db(transaction=True)
def test_user_id_may_be_omitted_and_genres_default_to_all(api, user):
    response = api.post("/auto-train/", {"num_examples": 16}, format="json")
    assert response.status_code == 200
    run = TrainingRun.objects.get(id=response.json()["id"])
    assert run.user == user and len(run.genres) == 8
    genres = set(TrainingExample.objects.filter(run=run).values_list("genre", flat=True))
    assert len(genres) == 8  # 16 items spread evenly over 8 genres: two each


@pytest.mark.django_db(transaction=True)
def test_prefer_respond_async_answers_202_with_location(api):
    response = api.post("/auto-train", {"num_examples": 3}, format="json", HTTP_PREFER="respond-async")
    assert response.status_code == 202
    body = response.json()
    assert response["Location"] == f"/auto-train/runs/{body['id']}"
    assert body["url"] == response["Location"]
    detail = api.get(response["Location"])
    assert detail.status_code == 200 and detail.json()["id"] == body["id"]


@pytest.mark.django_db
def test_sync_wait_gives_up_with_202_when_the_run_is_not_done(api, settings):
    settings.ZEGA_RUN_TASKS_INLINE = False  # nothing executes: no cluster in this test
    settings.ZEGA_SYNC_WAIT_SECONDS = 0.2
    response = api.post("/auto-train", {"num_examples": 2}, format="json")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"
    assert response.json()["progress"] == {"completed": 0, "total": 2}


BAD_BODIES = [
    ({}, "num_examples"),
    ({"num_examples": 0}, "num_examples"),
    ({"num_examples": -5}, "num_examples"),
    ({"num_examples": 501}, "num_examples"),
    ({"num_examples": "10"}, "num_examples"),
    ({"num_examples": 10.0}, "num_examples"),
    ({"num_examples": 2.5}, "num_examples"),
    ({"num_examples": True}, "num_examples"),
    ({"num_examples": None}, "num_examples"),
    ({"num_examples": [3]}, "num_examples"),
    ({"num_examples": 3, "genres": "fantasy"}, "genres"),
    ({"num_examples": 3, "genres": ["fantasy", "space_opera"]}, "genres"),
    ({"num_examples": 3, "genres": ["Fantasy"]}, "genres"),
    ({"num_examples": 3, "genres": ["scifi"]}, "genres"),
    ({"num_examples": 3, "genres": [1, 2]}, "genres"),
    ({"num_examples": 3, "genres": {"fantasy": 1}}, "genres"),
    ({"num_examples": 3, "store_in_memory": "yes"}, "store_in_memory"),
    ({"num_examples": 3, "store_in_memory": 1}, "store_in_memory"),
    ({"num_examples": 3, "store_in_memory": "true"}, "store_in_memory"),
    ({"num_examples": 3, "user_id": 42}, "user_id"),
    ({"num_examples": 3, "user_id": "x" * 151}, "user_id"),
    ({"num_examples": 3, "user_id": "alice'; DROP TABLE auth_user;--"}, "user_id"),
    ({"num_examples": 3, "num_example": 3}, "num_example"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("body", "field"), BAD_BODIES, ids=[json.dumps(b)[:60] for b, _ in BAD_BODIES])
def test_bad_bodies_are_400_naming_the_field_and_create_nothing(api, body, field):
    before = row_counts()
    response = api.post("/auto-train", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert row_counts() == before


@pytest.mark.django_db
def test_max_examples_follows_the_setting(api, settings):
    settings.ZEGA_MAX_EXAMPLES = 5
    response = api.post("/auto-train", {"num_examples": 6}, format="json")
    assert response.status_code == 400
    assert "less than or equal to 5" in response.json()["num_examples"][0]


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ['{"num_examples": 3', "[1, 2]", '"just a string"', "null"])
def test_malformed_or_non_object_json_is_400(api, raw):
    before = row_counts()
    response = api.generic("POST", "/auto-train", raw, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert row_counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
)
def test_non_json_content_type_is_415(api, content_type):
    before = row_counts()
    response = api.generic("POST", "/auto-train", "num_examples=3", content_type=content_type)
    assert response.status_code == 415
    assert "detail" in response.json()
    assert row_counts() == before


@pytest.mark.django_db
def test_no_token_is_401(anon_api, user):
    before = row_counts()
    response = anon_api.post("/auto-train", {"num_examples": 3}, format="json")
    assert response.status_code == 401
    assert "detail" in response.json()
    assert row_counts() == before


@pytest.mark.django_db
def test_a_wrong_token_is_401(anon_api, user):
    anon_api.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert anon_api.post("/auto-train", {"num_examples": 3}, format="json").status_code == 401


@pytest.mark.django_db
def test_acting_as_another_user_is_403_and_creates_nothing(api, other_user):
    before = row_counts()
    response = api.post("/auto-train", {"user_id": "bob", "num_examples": 3}, format="json")
    assert response.status_code == 403
    assert "detail" in response.json()
    assert row_counts() == before


@pytest.mark.django_db(transaction=True)
def test_staff_may_name_any_user_and_an_unknown_one_is_created(staff_api):
    response = staff_api.post("/auto-train", {"user_id": "newcomer", "num_examples": 2}, format="json")
    assert response.status_code == 200
    run = TrainingRun.objects.get(id=response.json()["id"])
    assert run.user.username == "newcomer"
    assert not run.user.has_usable_password()


@pytest.mark.django_db
def test_someone_elses_run_is_404_everywhere(api, other_user):
    theirs, _ = services.run_create(user=other_user, num_examples=2, enqueue=False)
    before = row_counts()
    assert api.get(f"/auto-train/runs/{theirs.id}").status_code == 404
    assert api.post(f"/auto-train/runs/{theirs.id}/cancel").status_code == 404
    assert api.get(f"/training/examples?run={theirs.id}").json()["count"] == 0
    assert row_counts() == before
    assert TrainingRun.objects.get(id=theirs.id).status == "queued"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("run_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "../../etc/passwd"])
def test_unknown_or_malformed_run_ids_are_404_json(api, run_id):
    response = api.get(f"/auto-train/runs/{run_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."} or "detail" in response.json()


@pytest.mark.django_db(transaction=True)
def test_idempotency_key_replays_the_same_run(api):
    body = {"num_examples": 3, "genres": ["horror"]}
    first = api.post("/auto-train", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post("/auto-train", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 200
    assert first.json()["id"] == again.json()["id"]
    assert TrainingRun.objects.count() == 1
    assert TrainingExample.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_idempotency_key_with_a_different_body_is_422(api):
    api.post("/auto-train", {"num_examples": 3}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    before = row_counts()
    response = api.post("/auto-train", {"num_examples": 4}, format="json", HTTP_IDEMPOTENCY_KEY="k-2")
    assert response.status_code == 422
    assert "detail" in response.json()
    assert row_counts() == before


@pytest.mark.django_db(transaction=True)
def test_idempotency_keys_are_per_user(api, client_for, other_user):
    mine = api.post("/auto-train", {"num_examples": 2}, format="json", HTTP_IDEMPOTENCY_KEY="shared")
    theirs = client_for(other_user).post(
        "/auto-train", {"num_examples": 2}, format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )
    assert mine.json()["id"] != theirs.json()["id"]


@pytest.mark.django_db
def test_overlong_idempotency_key_is_400(api):
    response = api.post("/auto-train", {"num_examples": 2}, format="json", HTTP_IDEMPOTENCY_KEY="k" * 256)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert TrainingRun.objects.count() == 0


@pytest.mark.django_db
def test_too_many_active_runs_is_429(api, user, settings):
    settings.ZEGA_MAX_ACTIVE_RUNS = 2
    services.run_create(user=user, num_examples=2, enqueue=False)
    services.run_create(user=user, num_examples=2, enqueue=False)
    before = row_counts()
    response = api.post("/auto-train", {"num_examples": 2}, format="json")
    assert response.status_code == 429
    assert "unfinished runs" in response.json()["detail"]
    assert row_counts() == before


@pytest.mark.django_db
def test_cancel_stops_pending_items_and_a_second_cancel_is_409(api, user):
    run, _ = services.run_create(user=user, num_examples=5, enqueue=False)
    response = api.post(f"/auto-train/runs/{run.id}/cancel")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["failures"]["cancelled"] == 5
    assert body["successful"] + body["failed"] == 5
    assert body["finished_at"] is not None
    again = api.post(f"/auto-train/runs/{run.id}/cancel/")
    assert again.status_code == 409
    assert "already finished" in again.json()["detail"]


@pytest.mark.django_db
def test_a_cancelled_runs_late_chunk_writes_nothing(user):
    run, _ = services.run_create(user=user, num_examples=4, enqueue=False)
    services.run_cancel(run=run)
    assert services.run_execute_chunk(run_id=run.id, start=0, stop=4) == 0
    assert TrainingExample.objects.filter(run=run, reject_reason="cancelled").count() == 4


@pytest.mark.django_db
def test_runs_list_is_the_callers_newest_first_and_paginated(api, user, other_user, settings):
    settings.ZEGA_MAX_ACTIVE_RUNS = 100
    mine = [services.run_create(user=user, num_examples=1, enqueue=False)[0] for _ in range(22)]
    services.run_create(user=other_user, num_examples=1, enqueue=False)
    page1 = api.get("/auto-train/runs").json()
    assert page1["count"] == 22
    assert [r["id"] for r in page1["results"]] == [str(r.id) for r in reversed(mine)][:20]
    page2 = api.get("/auto-train/runs/?page=2").json()
    assert len(page2["results"]) == 2
    assert api.get("/auto-train/runs?page=9").status_code == 404


@pytest.mark.django_db
def test_staff_filter_runs_by_user_and_users_cannot(api, staff_api, user, other_user):
    services.run_create(user=user, num_examples=1, enqueue=False)
    services.run_create(user=other_user, num_examples=1, enqueue=False)
    assert staff_api.get("/auto-train/runs").json()["count"] == 2
    only_bob = staff_api.get("/auto-train/runs?user_id=bob").json()
    assert only_bob["count"] == 1 and only_bob["results"][0]["user_id"] == "bob"
    assert api.get("/auto-train/runs?user_id=bob").status_code == 403
    assert api.get("/auto-train/runs?user_id=alice").json()["count"] == 1


@pytest.mark.django_db
def test_staff_see_any_run_by_id(staff_api, other_user):
    run = RunFactory(user=other_user)
    assert staff_api.get(f"/auto-train/runs/{run.id}").status_code == 200
