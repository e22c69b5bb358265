"""Curation by users (CONTRACT section 7): PATCH /training/examples/<id>, what an example shows, and
where an excluded example no longer counts (stats, readiness, exports, fine-tune datasets, memory)."""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from autotrain import services
from autotrain.models import FineTuneJob, TrainingExample
from autotrain.services import curation
from tests.factories import ExampleFactory, RunFactory
from tests.helpers import FANTASY

Example = TrainingExample
EXAMPLES_ADMIN = reverse("admin:autotrain_trainingexample_changelist")


@pytest.fixture
def run(user):
    return RunFactory(user=user, num_examples=12)


def url(example) -> str:
    return f"/training/examples/{example.pk}"


# --- PATCH: who may, what is recorded -------------------------------------------------------------


@pytest.mark.django_db
def test_owner_excludes_with_a_note_and_includes_again(api, user, run):
    example = ExampleFactory(run=run)
    before = timezone.now()

    response = api.patch(
        url(example), {"excluded": True, "note": "too close to my other dragon story"}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == example.pk and body["excluded"] is True
    assert body["excluded_by"] == "alice"
    assert body["exclusion_note"] == "too close to my other dragon story"
    assert datetime.datetime.fromisoformat(body["excluded_at"]) >= before
    example.refresh_from_db()
    assert (example.excluded, example.excluded_by_id, example.exclusion_note) == (
        True,
        user.pk,
        "too close to my other dragon story",
    )
    assert example.status == Example.Status.KEPT  # still on record as kept

    # Restoring clears who, when and why: an example in training carries no exclusion record.
    response = api.patch(f"{url(example)}/", {"excluded": False}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["excluded"], body["excluded_by"], body["excluded_at"], body["exclusion_note"]) == (
        False,
        None,
        None,
        "",
    )


@pytest.mark.django_db
def test_excluding_again_with_a_new_note_records_it_and_without_one_keeps_the_first(api, run):
    example = ExampleFactory(run=run)
    api.patch(url(example), {"excluded": True, "note": "first"}, format="json")
    assert api.patch(url(example), {"excluded": True}, format="json").json()["exclusion_note"] == "first"
    assert (
        api.patch(url(example), {"excluded": True, "note": "second"}, format="json").json()["exclusion_note"]
        == "second"
    )


@pytest.mark.django_db
def test_staff_may_curate_anyones_example_and_is_recorded_as_who(staff_api, run):
    example = ExampleFactory(run=run)
    response = staff_api.patch(url(example), {"excluded": True}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["excluded_by"] == "staffer"
    assert response.json()["exclusion_note"] == ""
    assert staff_api.get(url(example)).json()["excluded"] is True


@pytest.mark.django_db
def test_another_users_example_is_404_and_stays_as_it_was(client_for, other_user, run):
    example = ExampleFactory(run=run)
    theirs = client_for(other_user)
    assert theirs.get(url(example)).status_code == 404
    response = theirs.patch(url(example), {"excluded": True}, format="json")
    assert response.status_code == 404 and "detail" in response.json()
    example.refresh_from_db()
    assert not example.excluded and example.excluded_by_id is None


@pytest.mark.django_db
@pytest.mark.parametrize("example_id", ["999999", "abc", "-1", "1.5", "9" * 40])
def test_unknown_or_malformed_ids_are_404(api, run, example_id):
    ExampleFactory(run=run)
    assert api.get(f"/training/examples/{example_id}").status_code == 404
    assert api.patch(f"/training/examples/{example_id}", {"excluded": True}, format="json").status_code == 404


@pytest.mark.django_db
def test_unauthenticated_is_401(anon_api, run):
    example = ExampleFactory(run=run)
    assert anon_api.patch(url(example), {"excluded": True}, format="json").status_code == 401
    assert anon_api.get(url(example)).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "excluded"),
        ({"excluded": "true"}, "excluded"),
        ({"excluded": 1}, "excluded"),
        ({"excluded": None}, "excluded"),
        ({"excluded": True, "note": 5}, "note"),
        ({"excluded": True, "note": "x" * 1001}, "note"),
        ({"excluded": True, "reason": "typo'd field"}, "reason"),
        ({"excluded": False, "note": "why include?"}, "note"),
    ],
)
def test_bad_bodies_are_400_with_field_errors_and_change_nothing(api, run, body, field):
    example = ExampleFactory(run=run)
    response = api.patch(url(example), body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    example.refresh_from_db()
    assert not example.excluded


@pytest.mark.django_db
def test_a_body_that_is_not_an_object_is_400(api, run):
    example = ExampleFactory(run=run)
    response = api.patch(url(example), json.dumps([True]), content_type="application/json")
    assert response.status_code == 400


# --- what an example shows ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_example_explains_itself(api, run):
    winner_text = "Sure! Here is a story.\n\nThe wizard opened the book."
    example = ExampleFactory(
        run=run,
        text="The wizard opened the book.",
        raw_text=winner_text,
        winning_model="llama",
        votes={"llama": 8.5, "mistral": 7.25},
        candidates=[
            {"model": "llama", "text": winner_text, "score": 8.5, "error": None, "judge_score": 8.0},
            {"model": "mistral", "text": "A weaker story.", "score": 7.25, "error": None, "judge_score": 6.0},
            {"model": "qwen", "text": "", "score": None, "error": "timed out", "judge_score": None},
        ],
        judge_score=8.0,
        judge_status="judged",
        judgements={
            "judge-a": {
                "prompt_adherence": 8,
                "genre_fit": 9,
                "prose": 7,
                "completeness": 8,
                "verdict": "keep",
                "reason": "a whole story",
            }
        },
    )
    body = api.get(url(example)).json()
    assert body["raw_text"] == winner_text and body["text"] == "The wizard opened the book."
    assert body["votes"] == {"llama": 8.5, "mistral": 7.25}
    assert body["candidates"] == [
        {
            "model": "llama",
            "score": 8.5,
            "judge_score": 8.0,
            "error": None,
            "chars": len(winner_text),
            "won": True,
        },
        {"model": "mistral", "score": 7.25, "judge_score": 6.0, "error": None, "chars": 15, "won": False},
        {"model": "qwen", "score": None, "judge_score": None, "error": "timed out", "chars": 0, "won": False},
    ]
    assert body["judge_status"] == "judged" and body["judge_score"] == 8.0
    assert body["judgements"]["judge-a"]["verdict"] == "keep"
    assert (body["excluded"], body["excluded_by"], body["excluded_at"], body["exclusion_note"]) == (
        False,
        None,
        None,
        "",
    )
    # The list shows the same shape.
    listed = api.get("/training/examples").json()["results"]
    assert listed == [body]


@pytest.mark.django_db
def test_list_filters_by_excluded_and_orders(api, run):
    low = ExampleFactory(run=run, quality_score=7.1, judge_score=9.0)
    high = ExampleFactory(run=run, quality_score=9.4, judge_score=7.5)
    mid = ExampleFactory(run=run, quality_score=8.2, judge_score=None)
    failed = ExampleFactory(
        run=run, status=Example.Status.REJECTED, reject_reason="generation_error", quality_score=None, text=""
    )
    api.patch(url(mid), {"excluded": True, "note": "meh"}, format="json")

    def ids(**params):
        response = api.get("/training/examples", params)
        assert response.status_code == 200, response.content
        return [e["id"] for e in response.json()["results"]]

    assert ids(excluded="true") == [mid.pk]
    assert set(ids(excluded="false")) == {low.pk, high.pk, failed.pk}
    # No score sorts last either way.
    assert ids(ordering="-quality_score") == [high.pk, mid.pk, low.pk, failed.pk]
    assert ids(ordering="quality_score") == [low.pk, mid.pk, high.pk, failed.pk]
    assert ids(ordering="-judge_score", kept="true") == [low.pk, high.pk, mid.pk]
    assert ids(ordering="created_at") == [low.pk, high.pk, mid.pk, failed.pk]
    assert ids(ordering="-created_at") == [failed.pk, mid.pk, high.pk, low.pk]
    for bad in ({"ordering": "text"}, {"ordering": ""}, {"excluded": "maybe"}):
        assert api.get("/training/examples", bad).status_code == 400


# --- where an excluded example no longer counts ---------------------------------------------------


@pytest.mark.django_db
def test_an_excluded_example_leaves_stats_readiness_and_exports(api, user, run, settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 10
    examples = [ExampleFactory(run=run, text=f"Story {i}: the wizard opened the book.") for i in range(10)]
    stats = api.get("/training/stats").json()
    assert stats["training_examples"] == 10 and stats["ready_for_finetuning"] is True

    api.patch(url(examples[0]), {"excluded": True, "note": "not mine"}, format="json")

    stats = api.get("/training/stats").json()
    assert stats["training_examples"] == 9
    assert stats["ready_for_finetuning"] is False and stats["examples_until_next_training"] == 1
    export = api.get("/training/export", {"format": "alpaca"})
    texts = [json.loads(line)["output"] for line in export.content.decode().splitlines()]
    assert len(texts) == 9 and examples[0].text not in texts
    # Fine-tuning refuses: 9 unused kept examples are not enough.
    assert api.post("/finetune", {}, format="json").status_code == 400
    assert not FineTuneJob.objects.exists()

    api.patch(url(examples[0]), {"excluded": False}, format="json")
    assert api.get("/training/stats").json()["ready_for_finetuning"] is True


@pytest.mark.django_db
def test_an_example_excluded_after_a_job_was_created_goes_into_no_dataset(user, run, settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 10
    settings.ZEGA_FINETUNE_BACKEND = "fewshot"
    examples = [ExampleFactory(run=run, text=f"Story {i}: the wizard opened the book.") for i in range(11)]
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    curation.examples_exclude(examples=[examples[3].pk], by=user, note="late change of mind")
    services.finetune_job_execute(job_id=job.id)
    job.refresh_from_db()
    used = set(job.examples_used.values_list("id", flat=True))
    assert examples[3].pk not in used and len(used) == 10


@pytest.mark.django_db
def test_memory_search_leaves_excluded_examples_out(api, user):
    run = RunFactory(user=user, store_in_memory=True)
    examples = [ExampleFactory(run=run, text=text, genre="fantasy") for text in FANTASY]
    services.memory_store_run(run=run)
    everything = api.get("/memory/search", {"q": "dragons and wizards", "k": len(examples)}).json()["results"]
    assert len(everything) == len(examples)
    best = everything[0]["example_id"]

    api.patch(f"/training/examples/{best}", {"excluded": True}, format="json")

    results = api.get("/memory/search", {"q": "dragons and wizards", "k": 2}).json()["results"]
    # Still k answers: the next best fill the place of the excluded one.
    assert [r["example_id"] for r in results] == [e["example_id"] for e in everything[1:3]]
    all_left = api.get("/memory/search", {"q": "dragons and wizards", "k": 50}).json()["results"]
    assert best not in {r["example_id"] for r in all_left} and len(all_left) == len(examples) - 1

    api.patch(f"/training/examples/{best}", {"excluded": False}, format="json")
    assert (
        api.get("/memory/search", {"q": "dragons and wizards", "k": 1}).json()["results"][0]["example_id"]
        == best
    )


# --- the admin records the same ---------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_exclusion_records_who_when_and_the_note(client, staff_user, run):
    # Curation in the admin is a change: the reviewer holds the model's change permission.
    staff_user.user_permissions.add(Permission.objects.get(codename="change_trainingexample"))
    client.force_login(staff_user)
    example = ExampleFactory(run=run)
    # The list's action bar has the box for the note.
    assert 'name="note"' in client.get(EXAMPLES_ADMIN).content.decode()
    response = client.post(
        EXAMPLES_ADMIN,
        {
            "action": "exclude_from_training",
            "_selected_action": [example.pk],
            "index": 0,
            "note": "off brief",
        },
    )
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.excluded and example.excluded_by_id == staff_user.pk
    assert example.exclusion_note == "off brief" and example.excluded_at is not None

    page = client.get(reverse("admin:autotrain_trainingexample_change", args=[example.pk])).content.decode()
    assert "off brief" in page and "staffer" in page and 'name="note"' in page

    client.post(
        EXAMPLES_ADMIN, {"action": "include_in_training", "_selected_action": [example.pk], "index": 0}
    )
    example.refresh_from_db()
    assert not example.excluded and example.excluded_by_id is None and example.exclusion_note == ""
