"""The curation services the admin's actions call: exclude / include, re-score, export."""

from __future__ import annotations

import json

import pytest

from autotrain import dedup, selectors
from autotrain.finetune import dataset
from autotrain.models import TrainingExample, TrainingProfile
from autotrain.services import curation
from tests.factories import ExampleFactory, RunFactory

Example = TrainingExample
PROMPT = "A young wizard discovers an ancient spellbook"
GOOD = (
    "The old wizard lifted the ancient spellbook from its dusty shelf. Golden runes glimmered across the "
    'cracked leather cover, and the tower grew quiet around him. "Do you hear it?" whispered his young '
    "apprentice, trembling beside the cold hearth. Somewhere below, a dragon stirred in the dark, and the "
    "candlelit room seemed to hold its breath."
)
OTHER_GOOD = (
    "Rain hammered the castle walls while the knight sharpened her sword by a flickering torch. The "
    "kingdom slept, unaware that the queen's crown had vanished from the throne room at midnight. "
    '"Find it before dawn," the old sorcerer rasped, his pale eyes gleaming. She nodded, buckled her '
    "worn shield, and rode into the misty forest toward the goblin caves."
)
OTHER_PROMPT = "A knight embarks on a quest to slay a dragon"
REFUSAL = "As an AI language model, I cannot write stories. Sure!"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Factories set a password per user; the production hasher costs ~0.5 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def run(user):
    return RunFactory(user=user, num_examples=10, quality_threshold=7.0)


def make(run, **fields):
    defaults = {"run": run, "prompt": PROMPT, "genre": "fantasy"}
    return ExampleFactory(**{**defaults, **fields})


@pytest.mark.django_db
def test_exclude_leaves_the_example_out_of_training_and_refreshes_the_profile(run, user):
    keep = make(run, genre="fantasy")
    drop = make(run, genre="sci_fi")
    curation.examples_exclude(examples=Example.objects.none())  # nothing chosen, nothing changes
    TrainingProfile.objects.filter(user=user).delete()

    changed = curation.examples_exclude(examples=Example.objects.filter(pk=drop.pk))

    assert changed == 1
    drop.refresh_from_db()
    assert drop.excluded and drop.status == Example.Status.KEPT  # on record, still kept
    assert list(selectors.kept_examples(user_id=user.pk)) == [keep]
    assert selectors.user_training_stats(user_id=user.pk)["training_examples"] == 1
    assert TrainingProfile.objects.get(user=user).genre_preferences == {"fantasy": 1}
    # Already excluded: nothing more to change.
    assert curation.examples_exclude(examples=[drop.pk]) == 0


@pytest.mark.django_db
def test_include_undoes_exclude(run, user):
    example = make(run, excluded=True)
    other = make(run, excluded=True, genre="horror")

    assert curation.examples_include(examples=[example.pk]) == 1

    example.refresh_from_db()
    other.refresh_from_db()
    assert not example.excluded and other.excluded
    assert TrainingProfile.objects.get(user=user).genre_preferences == {"fantasy": 1}


@pytest.mark.django_db
def test_exclude_accepts_a_filtered_annotated_queryset(run, other_user):
    from django.db.models import F

    mine = [make(run) for _ in range(3)]
    theirs = ExampleFactory(run=RunFactory(user=other_user))
    chosen = (
        Example.objects.filter(pk__in=[mine[0].pk, mine[2].pk]).annotate(q=F("quality_score")).order_by("-q")
    )

    assert curation.examples_exclude(examples=chosen) == 2
    assert set(Example.objects.filter(excluded=True).values_list("pk", flat=True)) == {mine[0].pk, mine[2].pk}
    theirs.refresh_from_db()
    assert not theirs.excluded


@pytest.mark.django_db
def test_rescore_rejects_a_kept_example_the_scorer_now_rejects(run, user):
    bad = make(run, text=REFUSAL, quality_score=9.0, quality_breakdown={"base": 7.0, "length": 2.0})
    fine = make(
        run,
        text=GOOD,
        quality_score=9.3,
        quality_breakdown={"base": 7.0, "length": 1.0, "sentences": 0.5, "descriptive": 0.5, "dialogue": 0.3},
    )

    result = curation.examples_rescore(examples=Example.objects.filter(run=run))

    assert result.rescored == 2 and result.newly_rejected == 1 and result.newly_kept == 0
    assert result.changed == 1  # the good one's score and breakdown did not move
    bad.refresh_from_db()
    assert bad.status == Example.Status.REJECTED
    assert bad.reject_reason == Example.RejectReason.LOW_QUALITY
    assert bad.reject_detail == "refusal or meta-talk"
    assert bad.quality_score < 7.0 and bad.quality_breakdown["penalty_refusal"] < 0
    fine.refresh_from_db()
    assert fine.status == Example.Status.KEPT and fine.quality_score == 9.3
    assert TrainingProfile.objects.get(user=user).genre_preferences == {"fantasy": 1}


@pytest.mark.django_db
def test_rescore_keeps_a_low_quality_example_that_now_passes_unless_it_is_a_duplicate(run, user):
    kept = make(run, text=GOOD, minhash=dedup.signature(GOOD))
    repeat = make(
        run,
        text=GOOD + " ",
        status=Example.Status.REJECTED,
        reject_reason="low_quality",
        reject_detail="old rule",
        quality_score=5.0,
    )
    fresh = make(
        run,
        prompt=OTHER_PROMPT,
        text=OTHER_GOOD,
        status=Example.Status.REJECTED,
        reject_reason="low_quality",
        reject_detail="old rule",
        quality_score=5.0,
    )

    result = curation.examples_rescore(examples=[repeat.pk, fresh.pk])

    assert result.newly_kept == 1 and result.rescored == 2
    fresh.refresh_from_db()
    assert fresh.status == Example.Status.KEPT and fresh.reject_reason == "" and fresh.reject_detail == ""
    assert fresh.quality_score > 7.0 and bytes(fresh.minhash) == dedup.signature(OTHER_GOOD)
    repeat.refresh_from_db()
    assert repeat.status == Example.Status.REJECTED and repeat.reject_reason == "duplicate"
    assert repeat.reject_detail == f"nearly repeats example {kept.pk}"
    assert TrainingProfile.objects.get(user=user).genre_preferences == {"fantasy": 2}


@pytest.mark.django_db
def test_rescore_does_not_count_a_duplicate_of_an_example_demoted_in_the_same_pass(run):
    # The kept original is now rejected; its former near-copy, now passing, may take its place.
    original = make(run, text=GOOD.replace("breath.", "breath"), minhash=dedup.signature(GOOD))
    copy = make(
        run, text=GOOD, status=Example.Status.REJECTED, reject_reason="low_quality", quality_score=5.0
    )

    result = curation.examples_rescore(examples=[original.pk, copy.pk])

    original.refresh_from_db()
    copy.refresh_from_db()
    assert original.status == Example.Status.REJECTED and original.reject_detail == "cut off mid-sentence"
    assert copy.status == Example.Status.KEPT
    assert (result.newly_rejected, result.newly_kept) == (1, 1)


@pytest.mark.django_db
def test_rescore_threshold_is_the_runs_unless_given(user):
    strict = RunFactory(user=user, quality_threshold=9.5)
    example = make(strict, text=GOOD, quality_score=9.3)

    curation.examples_rescore(examples=[example.pk], threshold=7.0)
    example.refresh_from_db()
    assert example.status == Example.Status.KEPT

    result = curation.examples_rescore(examples=[example.pk])
    example.refresh_from_db()
    assert result.newly_rejected == 1
    assert example.status == Example.Status.REJECTED and example.reject_detail == "below threshold"


@pytest.mark.django_db
def test_rescore_turns_a_duplicate_now_below_threshold_into_low_quality(run):
    example = make(
        run, text=REFUSAL, status=Example.Status.REJECTED, reject_reason="duplicate", quality_score=8.0
    )

    curation.examples_rescore(examples=[example.pk])

    example.refresh_from_db()
    assert example.reject_reason == "low_quality" and example.reject_detail == "refusal or meta-talk"


@pytest.mark.django_db
def test_rescore_skips_examples_without_text(run):
    failed = make(
        run,
        text="",
        status=Example.Status.REJECTED,
        reject_reason="generation_error",
        quality_score=None,
        winning_model="",
    )
    pending = make(run, text="", status=Example.Status.PENDING, quality_score=None)

    result = curation.examples_rescore(examples=[failed.pk, pending.pk])

    assert (result.rescored, result.skipped, result.changed) == (0, 2, 0)
    failed.refresh_from_db()
    assert failed.reject_reason == "generation_error" and failed.quality_score is None


@pytest.mark.django_db
def test_export_writes_kept_non_excluded_examples_as_openai_chat_lines(run, other_user):
    kept = make(run, text=GOOD, style_modifier="Use vivid sensory details")
    make(run, text=OTHER_GOOD, excluded=True)
    make(run, text=REFUSAL, status=Example.Status.REJECTED, reject_reason="low_quality")
    theirs = make(RunFactory(user=other_user), text=OTHER_GOOD)

    lines = list(curation.examples_export_openai_jsonl(examples=Example.objects.all()))

    assert len(lines) == 2 and all(line.endswith("\n") for line in lines)
    assert dataset.validate_chat_jsonl("".join(lines), min_examples=1).ok
    records = [json.loads(line) for line in lines]
    assert [[m["role"] for m in r["messages"]] for r in records] == [["system", "user", "assistant"]] * 2
    # Per user in name order (alice, then bob), each with that user's own system prompt.
    assert [r["messages"][-1]["content"] for r in records] == [kept.text, theirs.text]
    assert "zega-alice" in records[0]["messages"][0]["content"]
    assert "zega-bob" in records[1]["messages"][0]["content"]
    assert f"Prompt: {PROMPT}" in records[0]["messages"][1]["content"]
    assert "Style: Use vivid sensory details" in records[0]["messages"][1]["content"]


@pytest.mark.django_db
def test_export_matches_the_training_export_endpoint(api, run):
    make(run, text=GOOD)
    make(run, text=OTHER_GOOD)
    excluded = make(run, text=GOOD.replace("wizard", "witch"))
    curation.examples_exclude(examples=[excluded.pk])

    ours = "".join(curation.examples_export_openai_jsonl(examples=Example.objects.all()))
    response = api.get("/training/export", {"format": "openai"})

    assert response.status_code == 200
    assert ours == response.content.decode()
    assert excluded.text not in ours
