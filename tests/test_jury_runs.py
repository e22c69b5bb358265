"""What a run with a jury writes (CONTRACT section 5): judgements, reject reasons, counters, the kept
text, and dedup after the vote."""

from __future__ import annotations

import pytest

from autotrain import quality, selectors, services
from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest
from autotrain.models import TrainingExample, TrainingRun
from autotrain.quality import jury as rules
from tests.helpers import JURY_PROMPT, jury_answer, jury_entry, jury_story

# --- what a run writes ------------------------------------------------------------------------------


@pytest.fixture
def jury_settings(settings, stub_server):
    settings.ZEGA_ENSEMBLE = None
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a", "stub-b", "stub-c"]
    settings.ZEGA_LLM_MAX_RETRIES = 0
    settings.ZEGA_JUDGE = None
    settings.ZEGA_JUDGE_MODELS = ["judge-a", "judge-b"]
    settings.ZEGA_JUDGE_THRESHOLD = 7.0
    settings.ZEGA_QUALITY_THRESHOLD = 7.0
    return settings


def execute(user, n: int) -> TrainingRun:
    """A fantasy run of `n` items on the stub's members, planned with a fixed seed: the tests expect the
    heuristics to pass a candidate of every item, which a random plan would miss now and then."""
    run, _ = services.run_create(user=user, num_examples=n, genres=["fantasy"], seed=0, enqueue=False)
    services.run_execute_chunk(run_id=run.id, start=0, stop=n)
    run.refresh_from_db()
    return run


@pytest.mark.django_db
def test_a_run_with_a_jury_records_judgements_and_counts_requests_and_tokens(
    user, jury_settings, stub_server
):
    run = execute(user, 6)

    assert run.jury == [
        {"name": "judge-a", "model": "judge-a", "base_url": stub_server.base_url},
        {"name": "judge-b", "model": "judge-b", "base_url": stub_server.base_url},
    ]
    assert run.judge_threshold == 7.0
    examples = list(TrainingExample.objects.filter(run=run))
    judged = [e for e in examples if e.judge_status == "judged"]
    assert len(judged) == 6 and all(e.status == "kept" for e in examples)
    for example in judged:
        assert set(example.judgements) == {"judge-a", "judge-b"}
        assert 7.0 <= example.judge_score <= 9.0
        assert example.judge_score == rules.judge_score(example.judgements.values())
    assert run.judge_requests == 12 == stub_server.stats.judge_requests
    assert run.judge_prompt_tokens > 0 and run.judge_completion_tokens > 0
    summary = selectors.run_summary(run)
    assert summary["jury"] == {
        "judges": ["judge-a", "judge-b"],
        "threshold": 7.0,
        "requests": 12,
        "prompt_tokens": run.judge_prompt_tokens,
        "completion_tokens": run.judge_completion_tokens,
    }


@pytest.mark.django_db
def test_a_run_whose_judges_all_reject_rejects_every_item_with_their_reasons(
    user, jury_settings, stub_server
):
    stub_server.config.judge_replies = {"judge-a": "reject", "judge-b": "reject"}

    run = execute(user, 4)

    examples = list(TrainingExample.objects.filter(run=run))
    assert {(e.status, e.reject_reason, e.judge_status) for e in examples} == {
        ("rejected", "judge", "judged")
    }
    for example in examples:
        assert "judge-a: reject (2.0) judge-a finds it off the brief." in example.reject_detail
        assert "judge-b: reject" in example.reject_detail and "threshold 7" in example.reject_detail
        assert example.judge_score == 2.0 and example.text and example.raw_text
    assert run.status == "succeeded"


@pytest.mark.django_db
def test_a_run_whose_judges_are_down_keeps_items_on_the_heuristics(user, jury_settings, stub_server):
    stub_server.config.failing_models = {"judge-a": 1.0, "judge-b": 1.0}

    run = execute(user, 3)

    examples = list(TrainingExample.objects.filter(run=run))
    assert {(e.status, e.judge_status, e.judge_score) for e in examples} == {("kept", "unavailable", None)}
    assert all(e.judgements == {} for e in examples)
    assert run.judge_requests == 3 * 2 * 2 and run.judge_completion_tokens == 0


@pytest.mark.django_db
def test_without_judges_the_jury_is_off(user, jury_settings, stub_server):
    jury_settings.ZEGA_JUDGE_MODELS = []

    run = execute(user, 2)

    assert run.jury == [] and run.judge_threshold is None and run.judge_requests == 0
    assert set(TrainingExample.objects.filter(run=run).values_list("judge_status", flat=True)) == {"off"}
    assert stub_server.stats.judge_requests == 0


@pytest.mark.django_db
def test_kept_text_is_the_story_without_the_chatter_and_the_raw_answer_is_kept(
    user, jury_settings, stub_server
):
    stub_server.config.story_preamble = "Sure! Here's a story:"
    stub_server.config.story_postamble = "I hope you enjoy it!"
    shown = []
    stub_server.config.judge_replies = {
        "judge-a": lambda model, cs: shown.extend(cs.values())
        or jury_answer(**{label: jury_entry() for label in cs})
    }

    run = execute(user, 3)

    examples = list(TrainingExample.objects.filter(run=run))
    assert {e.status for e in examples} == {"kept"}
    for example in examples:
        assert example.raw_text.startswith("Sure! Here's a story:\n\n")
        assert example.raw_text.endswith("\n\nI hope you enjoy it!")
        assert "Sure!" not in example.text and "enjoy it" not in example.text
        assert example.text in example.raw_text
        assert (
            "penalty_preamble" in example.quality_breakdown
            and "penalty_postamble" in example.quality_breakdown
        )
    assert shown and not any("Sure!" in text or "enjoy it" in text for text in shown)


# --- dedup after the vote ----------------------------------------------------------------------------


class RankedEnsemble:
    """Every item's result ranks the candidates the test gives, best first (all passing). The stories
    are written for jury_story()'s prompt, so they are scored against it, whatever the run's item asked."""

    def __init__(self, texts_for):
        self.texts_for = texts_for

    async def generate(self, request: GenerationRequest) -> EnsembleResult:
        ranked = []
        for model, text in self.texts_for(request):
            report = quality.score(text, JURY_PROMPT, genre="fantasy")
            assert report.kept, report
            ranked.append(
                Candidate(model=model, text=text, score=report.score, report=report, judge_score=8.0)
            )
        return EnsembleResult(ranked[0], list(ranked), ranked[0].report, ranked=ranked)

    async def aclose(self):
        return None


def run_ranked(user, n, texts_for) -> TrainingRun:
    run, _ = services.run_create(user=user, num_examples=n, genres=["fantasy"], enqueue=False)
    services.run_execute_chunk(
        run_id=run.id, start=0, stop=n, ensemble_factory=lambda: RankedEnsemble(texts_for)
    )
    return run


@pytest.mark.django_db
def test_a_winner_that_repeats_a_kept_example_gives_way_to_the_next_unique_candidate(user):
    first = run_ranked(user, 1, lambda r: [("model-a", jury_story(100))])
    kept_before = TrainingExample.objects.get(run=first)
    assert kept_before.status == "kept"

    # The winner nearly repeats the kept example (one word changed); the runner-up is a story of its own.
    repeat = jury_story(100).replace(" the ", " that ", 1)
    later = run_ranked(user, 1, lambda r: [("model-a", repeat), ("model-b", jury_story(200))])

    example = TrainingExample.objects.get(run=later)
    assert example.status == "kept" and example.winning_model == "model-b"
    assert example.text == quality.score(jury_story(200), JURY_PROMPT).text
    assert example.raw_text == jury_story(200) and example.judge_score == 8.0


@pytest.mark.django_db
def test_within_one_run_the_second_item_falls_back_too(user):
    run = run_ranked(
        user,
        2,
        lambda r: [("model-a", jury_story(300))]
        if r.index == 0
        else [("model-a", jury_story(300)), ("model-b", jury_story(301))],
    )

    rows = {e.index: e for e in TrainingExample.objects.filter(run=run)}
    assert rows[0].status == rows[1].status == "kept"
    assert (rows[0].winning_model, rows[1].winning_model) == ("model-a", "model-b")


@pytest.mark.django_db
def test_when_every_candidate_repeats_a_kept_example_the_item_is_a_duplicate(user):
    run_ranked(user, 1, lambda r: [("model-a", jury_story(400))])
    kept = TrainingExample.objects.get(status="kept")

    later = run_ranked(
        user,
        1,
        lambda r: [("model-a", jury_story(400)), ("model-b", jury_story(400).replace(" a ", " one ", 1))],
    )

    example = TrainingExample.objects.get(run=later)
    assert (example.status, example.reject_reason) == ("rejected", "duplicate")
    assert example.reject_detail == f"nearly repeats example {kept.id}"
    assert example.winning_model == "model-a"  # the winner is what the row shows
