"""The LLM jury (CONTRACT section 5): the answer's rules, the score, the majority, the Jury against the
loopback stub, the ensemble's decision with it, and what a run writes (reject reason, counters, dedup)."""

from __future__ import annotations

import asyncio
import collections
import functools
import json
from dataclasses import dataclass

import pytest

from autotrain import quality, selectors, services
from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest
from autotrain.llm.ensemble import Ensemble
from autotrain.llm.jury import Jury
from autotrain.llm.offline import write_story
from autotrain.llm.openai_compat import OpenAICompatGenerator
from autotrain.models import TrainingExample, TrainingRun
from autotrain.quality import jury as rules

PROMPT = "A dragon egg hatches"
MARKS = {"prompt_adherence": 8, "genre_fit": 7, "prose": 9, "completeness": 10}


def answer(**entries: object) -> str:
    return json.dumps({"candidates": entries})


def entry(verdict: object = "keep", reason: str = "fine", **marks) -> dict:
    return {**MARKS, **marks, "verdict": verdict, "reason": reason}


# --- parse_answer ---------------------------------------------------------------------------------


def test_a_valid_answer_gives_each_sent_label_its_judgement():
    judged = rules.parse_answer(answer(A=entry(), B=entry("reject", "  off the brief  ")), ["A", "B"])

    assert judged == {
        "A": {**MARKS, "verdict": "keep", "reason": "fine"},
        "B": {**MARKS, "verdict": "reject", "reason": "off the brief"},
    }


@pytest.mark.parametrize("fence", ["```json\n{}\n```", "```\n{}\n```", "  ```JSON {} ```  "])
def test_a_fenced_answer_is_read(fence):
    content = fence.replace("{}", answer(A=entry()))

    assert rules.parse_answer(content, ["A"])["A"]["verdict"] == "keep"


def test_labels_not_sent_are_ignored():
    judged = rules.parse_answer(answer(A=entry(), B=entry(), Z={"nonsense": True}), ["A"])

    assert list(judged) == ["A"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (answer(A=entry()), "no judgement of candidate B"),  # a sent label left out
        (answer(A=entry(), B="keep"), "no judgement of candidate B"),
        ("The first one is best.", "not JSON"),
        ("", "not JSON"),
        ("[1, 2]", 'no "candidates" object'),
        (json.dumps({"A": entry(), "B": entry()}), 'no "candidates" object'),
        (json.dumps({"candidates": [entry(), entry()]}), 'no "candidates" object'),
        (answer(A=entry(prose=11), B=entry()), "prose must be a number from 1 to 10"),
        (answer(A=entry(genre_fit=0), B=entry()), "genre_fit must be a number from 1 to 10"),
        (answer(A=entry(completeness=-3), B=entry()), "completeness"),
        (answer(A=entry(prose="nine"), B=entry()), "prose"),
        (answer(A=entry(prose=True), B=entry()), "prose"),
        (answer(A=entry(prose=None), B=entry()), "prose"),
        (answer(A={k: v for k, v in entry().items() if k != "prose"}, B=entry()), "prose"),
        (answer(A=entry("maybe"), B=entry()), 'verdict must be "keep" or "reject"'),
        (answer(A=entry(verdict=None), B=entry()), "verdict"),
        (answer(A=entry(verdict=1), B=entry()), "verdict"),
    ],
)
def test_unusable_answers_are_refused(content, message):
    with pytest.raises(rules.JudgeAnswerError, match=message):
        rules.parse_answer(content, ["A", "B"])


def test_string_and_fractional_numbers_and_loose_verdicts_are_accepted():
    judged = rules.parse_answer(
        answer(A=entry(" Keep ", prompt_adherence="8", genre_fit=" 7.5 ", prose=9.0, completeness="10")),
        ["A"],
    )["A"]

    assert judged == {
        "prompt_adherence": 8,
        "genre_fit": 7.5,
        "prose": 9,
        "completeness": 10,
        "verdict": "keep",
        "reason": "fine",
    }
    assert isinstance(judged["prompt_adherence"], int) and isinstance(judged["prose"], int)


def test_a_missing_or_odd_reason_is_empty_and_a_long_one_is_cut():
    judged = rules.parse_answer(
        answer(A={**MARKS, "verdict": "keep"}, B=entry(reason=42), C=entry(reason="x" * 900)), ["A", "B", "C"]
    )

    assert judged["A"]["reason"] == judged["B"]["reason"] == ""
    assert len(judged["C"]["reason"]) == rules.MAX_REASON_CHARS


# --- the score and the majority ---------------------------------------------------------------------


def test_judge_score_is_the_mean_over_judges_of_each_judges_mean_of_four():
    first = {"prompt_adherence": 8, "genre_fit": 8, "prose": 8, "completeness": 8}  # 8.0
    second = {"prompt_adherence": 6, "genre_fit": 7, "prose": 8, "completeness": 9}  # 7.5
    third = {"prompt_adherence": 1, "genre_fit": 2, "prose": 2, "completeness": 2}  # 1.75

    assert rules.judgement_score(second) == 7.5
    assert rules.judge_score([first]) == 8.0
    assert rules.judge_score([first, second]) == 7.75
    assert rules.judge_score([first, second, third]) == round((8 + 7.5 + 1.75) / 3, 2) == 5.75
    assert rules.judge_score([]) is None


@pytest.mark.parametrize(
    ("verdicts", "rejected"),
    [
        ([], False),
        (["keep"], False),
        (["reject"], True),
        (["keep", "reject"], False),  # a tie is no majority
        (["reject", "reject"], True),
        (["keep", "reject", "reject"], True),
        (["keep", "keep", "reject"], False),
    ],
)
def test_a_reject_needs_more_than_half_of_the_judges(verdicts, rejected):
    assert rules.rejected_by_majority([{"verdict": v} for v in verdicts]) is rejected


def test_the_judges_request_holds_the_brief_and_labelled_candidates():
    system, user = rules.build_messages(
        genre="sci_fi",
        genre_label="sci-fi",
        prompt="First  contact\nat dawn",
        style="Be terse",
        texts=[" one ", "two"],
    )

    assert system["role"] == "system" and "json" in system["content"].lower()
    assert user["content"].startswith("Genre: sci-fi\nPrompt: First contact at dawn\nStyle: Be terse\n")
    assert (
        '<candidate label="A">\none\n</candidate>\n<candidate label="B">\ntwo\n</candidate>'
        in user["content"]
    )
    assert rules.labels(3) == ["A", "B", "C"]
    with pytest.raises(ValueError):
        rules.labels(27)


# --- the Jury against the stub ------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    score: float
    reject_reason: str | None
    text: str


def candidate(model: str, text: str, score: float = 8.0) -> Candidate:
    return Candidate(model=model, text=f"Sure! {text}", score=score, report=Report(score, None, text))


def judge(stub, name: str) -> OpenAICompatGenerator:
    # As registry builds a judge: no retries of its own (the jury asks twice), temperature 0.
    return OpenAICompatGenerator(
        name=name, model=name, base_url=stub.base_url, api_key=None, max_retries=0, timeout=5, temperature=0.0
    )


def request(index: int = 0, **fields) -> GenerationRequest:
    return GenerationRequest(
        genre="fantasy",
        prompt=PROMPT,
        style_modifier="",
        seed=index,
        run_id="run-j",
        index=index,
        **fields,
    )


def run_jury(stub, judges: list[str], items: list[tuple[GenerationRequest, list[Candidate]]], threshold=7.0):
    async def go():
        jury = Jury([judge(stub, name) for name in judges], threshold=threshold)
        try:
            return await asyncio.gather(*(jury.judge(r, cs) for r, cs in items)), jury
        finally:
            await jury.aclose()

    return asyncio.run(go())


TEXTS = [f"Story number {n}: the dragon egg cracked and the valley held its breath." for n in range(3)]


def by_text(marks: dict[str, int], verdicts: dict[str, str] | None = None):
    """A judge reply that marks each candidate by its text, whatever label it was given."""
    shown: list[list[str]] = []

    def reply(model, candidates):
        shown.append(list(candidates.values()))
        return answer(
            **{
                label: entry(
                    (verdicts or {}).get(text, "keep"),
                    f"{model} on {text[:15]}",
                    **dict.fromkeys(MARKS, marks[text]),
                )
                for label, text in candidates.items()
            }
        )

    return reply, shown


def test_each_judge_gets_one_request_per_item_with_labels_shuffled_per_item_and_stable(stub_server):
    reply, shown = by_text({TEXTS[0]: 9, TEXTS[1]: 6, TEXTS[2]: 3})
    stub_server.config.judge_replies = {"judge-a": reply, "judge-b": reply}
    items = [(request(i), [candidate(f"m{n}", t) for n, t in enumerate(TEXTS)]) for i in range(12)]

    outcomes, _ = run_jury(stub_server, ["judge-a", "judge-b"], items)

    stats = stub_server.stats.snapshot()
    assert stats["judge_by_model"] == {"judge-a": 12, "judge-b": 12}
    per_item = collections.Counter((r.model, r.index) for r in stats["requests"])
    assert set(per_item.values()) == {1} and len(per_item) == 24
    # Judges see the cleaned story (the report's text), never the raw answer.
    assert all(not text.startswith("Sure!") for order in shown for text in order)
    assert len({tuple(order) for order in shown}) > 1  # shuffled per item...
    for outcome in outcomes:
        assert (outcome.status, outcome.requests, outcome.judges) == ("judged", 2, ("judge-a", "judge-b"))
        assert outcome.prompt_tokens > 0 and outcome.completion_tokens > 0
    # ...and whatever label a text had, its judgements are its own.
    for _, candidates in items:
        assert [c.judge_score for c in candidates] == [9.0, 6.0, 3.0]
        assert set(candidates[0].judgements) == {"judge-a", "judge-b"}
        assert candidates[2].judgements["judge-b"]["reason"].startswith("judge-b on Story number 2")


def test_the_same_item_always_shows_the_same_order_and_other_items_another(stub_server):
    reply, shown = by_text(dict.fromkeys(TEXTS, 8))
    stub_server.config.judge_replies = {"judge-a": reply}

    def order_of(index: int) -> tuple[str, ...]:
        shown.clear()
        run_jury(
            stub_server, ["judge-a"], [(request(index), [candidate(f"m{n}", t) for n, t in enumerate(TEXTS)])]
        )
        return tuple(shown[0])

    orders = [order_of(i) for i in range(8)]

    assert [order_of(i) for i in range(8)] == orders
    assert len(set(orders)) > 1
    assert all(sorted(order) == sorted(TEXTS) for order in orders)


def test_garbage_is_asked_once_more_then_the_judge_is_left_out(stub_server):
    stub_server.config.judge_replies = {"judge-a": "garbage", "judge-b": "missing"}
    items = [(request(i), [candidate("m0", TEXTS[0]), candidate("m1", TEXTS[1])]) for i in range(3)]

    outcomes, _ = run_jury(stub_server, ["judge-a", "judge-b"], items)

    assert stub_server.stats.judge_by_model == {"judge-a": 6, "judge-b": 6}  # two each per item
    for outcome in outcomes:
        assert (outcome.status, outcome.requests, outcome.judges) == ("unavailable", 4, ())
        assert outcome.completion_tokens > 0  # answered, just not usably: the tokens were spent
    assert all(c.judge_score is None and c.judgements == {} for _, cs in items for c in cs)


def test_a_garbage_first_answer_is_retried_and_the_retry_counts(stub_server):
    calls = collections.Counter()

    def flaky(model, candidates):
        calls[model] += 1
        return "not json" if calls[model] == 1 else answer(**{label: entry() for label in candidates})

    stub_server.config.judge_replies = {"judge-a": flaky}

    [outcome], _ = run_jury(stub_server, ["judge-a"], [(request(), [candidate("m0", TEXTS[0])])])

    assert (outcome.status, outcome.requests, outcome.judges) == ("judged", 2, ("judge-a",))


def test_one_judge_failing_the_other_still_judges(stub_server):
    stub_server.config.failing_models = {"judge-b": 1.0}
    stub_server.config.judge_replies = {"judge-a": "keep"}
    items = [(request(i), [candidate("m0", TEXTS[0]), candidate("m1", TEXTS[1])]) for i in range(3)]

    outcomes, jury = run_jury(stub_server, ["judge-a", "judge-b"], items)

    for outcome in outcomes:
        assert (outcome.status, outcome.judges) == ("judged", ("judge-a",))
        assert outcome.requests == 1 + 2  # judge-a once, judge-b twice (its retry failed too)
    for _, candidates in items:
        assert all(set(c.judgements) == {"judge-a"} and c.judge_score == 9.0 for c in candidates)
        assert all(jury.approves(c) for c in candidates)
    assert stub_server.stats.by_status == {200: 3, 500: 6}


def test_a_jury_without_any_judge_answering_is_unavailable_and_approves_by_default(stub_server):
    stub_server.config.failing_models = {"judge-a": 1.0, "judge-b": 1.0}
    cs = [candidate("m0", TEXTS[0])]

    [outcome], jury = run_jury(stub_server, ["judge-a", "judge-b"], [(request(), cs)])

    assert (outcome.status, outcome.requests, outcome.judges) == ("unavailable", 4, ())
    assert cs[0].judge_score is None and jury.approves(cs[0])


def test_a_jury_needs_a_judge():
    with pytest.raises(ValueError):
        Jury([])


# --- the ensemble's decision with a jury ---------------------------------------------------------------


def member(stub, name: str) -> OpenAICompatGenerator:
    return OpenAICompatGenerator(
        name=name, model=name, base_url=stub.base_url, api_key=None, max_retries=0, timeout=5
    )


def scorer(text, request, finish_reason=None):
    return quality.score(text, request.prompt, genre=request.genre, finish_reason=finish_reason)


@functools.cache
def story(seed: int) -> str:
    """The offline writer's story for PROMPT from `seed` on: the first the heuristics keep (they are
    another module's and change; these tests need good stories, not any one of them)."""
    for attempt in range(seed, seed + 50):
        text = write_story(genre="fantasy", prompt=PROMPT, style_modifier="", seed=attempt)
        if quality.score(text, PROMPT, genre="fantasy").kept:
            return text
    raise AssertionError(f"no offline story from seed {seed} on passes the heuristics")


def ensemble_run(stub, *, judges=("judge-a", "judge-b"), threshold=7.0, items=1, strategy="vote"):
    async def go():
        ensemble = Ensemble(
            [member(stub, m) for m in ("stub-a", "stub-b", "stub-c")],
            strategy=strategy,
            scorer=scorer,
            jury=Jury([judge(stub, j) for j in judges], threshold=threshold),
        )
        try:
            return await asyncio.gather(*(ensemble.generate(request(i)) for i in range(items)))
        finally:
            await ensemble.aclose()

    return asyncio.run(go())


def stories_by_model(stub):
    texts = {"stub-a": story(1), "stub-b": story(2), "stub-c": story(3)}
    assert all(quality.score(t, PROMPT, genre="fantasy").kept for t in texts.values())
    stub.config.text_source = lambda model, messages: texts[model]
    return texts


def test_the_winner_is_the_best_judge_score_not_the_best_heuristic_score(stub_server):
    texts = stories_by_model(stub_server)
    marks = {texts["stub-a"]: 6, texts["stub-b"]: 9, texts["stub-c"]: 8}
    reply, _ = by_text(marks)
    stub_server.config.judge_replies = {"judge-a": reply, "judge-b": reply}

    [result] = ensemble_run(stub_server)

    assert result.winner.model == "stub-b" and result.winner.judge_score == 9.0
    assert [c.model for c in result.ranked] == ["stub-b", "stub-c"]  # stub-a is below the judges' 7
    assert result.jury.status == "judged" and result.jury.requests == 2 and result.jury_rejection is None


def test_two_judges_disagreeing_is_no_majority_and_the_score_decides(stub_server):
    stories_by_model(stub_server)
    stub_server.config.judge_replies = {"judge-a": "keep:9", "judge-b": "reject:6"}

    [kept] = ensemble_run(stub_server)  # (9 + 6) / 2 = 7.5 >= 7: kept
    [rejected] = ensemble_run(stub_server, threshold=8.0)  # 7.5 < 8: the score rejects, not the verdicts

    assert kept.jury_rejection is None and kept.winner.judge_score == 7.5 and len(kept.ranked) == 3
    assert {j["verdict"] for j in kept.winner.judgements.values()} == {"keep", "reject"}
    assert rejected.ranked == [] and "judge score 7.5 (threshold 8)" in rejected.jury_rejection


def test_a_majority_of_rejects_rejects_even_a_high_score(stub_server):
    stories_by_model(stub_server)
    stub_server.config.judge_replies = {"judge-a": "reject:9", "judge-b": "reject:9", "judge-c": "keep:9"}

    [result] = ensemble_run(stub_server, judges=("judge-a", "judge-b", "judge-c"))

    assert result.winner.judge_score == 9.0 and result.ranked == []
    assert "judge-a: reject (9.0) judge-a finds it off the brief." in result.jury_rejection


def test_fallback_asks_the_jury_per_passing_member_until_one_is_approved(stub_server):
    texts = stories_by_model(stub_server)
    reply, _ = by_text(
        {texts["stub-a"]: 9, texts["stub-b"]: 9, texts["stub-c"]: 9}, {texts["stub-a"]: "reject"}
    )
    stub_server.config.judge_replies = {"judge-a": reply}

    [result] = ensemble_run(stub_server, judges=("judge-a",), strategy="fallback")

    assert result.winner.model == "stub-b"
    assert [c.model for c in result.candidates] == ["stub-a", "stub-b"]  # stub-c was never asked
    assert result.jury.requests == 2 and result.jury.status == "judged"


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
    run, _ = services.run_create(user=user, num_examples=n, genres=["fantasy"], enqueue=False)
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
        "judge-a": lambda model, cs: shown.extend(cs.values()) or answer(**{label: entry() for label in cs})
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
    are written for story()'s prompt, so they are scored against it, whatever the run's item asked."""

    def __init__(self, texts_for):
        self.texts_for = texts_for

    async def generate(self, request: GenerationRequest) -> EnsembleResult:
        ranked = []
        for model, text in self.texts_for(request):
            report = quality.score(text, PROMPT, genre="fantasy")
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
    first = run_ranked(user, 1, lambda r: [("model-a", story(100))])
    kept_before = TrainingExample.objects.get(run=first)
    assert kept_before.status == "kept"

    # The winner nearly repeats the kept example (one word changed); the runner-up is a story of its own.
    repeat = story(100).replace(" the ", " that ", 1)
    later = run_ranked(user, 1, lambda r: [("model-a", repeat), ("model-b", story(200))])

    example = TrainingExample.objects.get(run=later)
    assert example.status == "kept" and example.winning_model == "model-b"
    assert example.text == quality.score(story(200), PROMPT).text
    assert example.raw_text == story(200) and example.judge_score == 8.0


@pytest.mark.django_db
def test_within_one_run_the_second_item_falls_back_too(user):
    run = run_ranked(
        user,
        2,
        lambda r: [("model-a", story(300))]
        if r.index == 0
        else [("model-a", story(300)), ("model-b", story(301))],
    )

    rows = {e.index: e for e in TrainingExample.objects.filter(run=run)}
    assert rows[0].status == rows[1].status == "kept"
    assert (rows[0].winning_model, rows[1].winning_model) == ("model-a", "model-b")


@pytest.mark.django_db
def test_when_every_candidate_repeats_a_kept_example_the_item_is_a_duplicate(user):
    run_ranked(user, 1, lambda r: [("model-a", story(400))])
    kept = TrainingExample.objects.get(status="kept")

    later = run_ranked(
        user, 1, lambda r: [("model-a", story(400)), ("model-b", story(400).replace(" a ", " one ", 1))]
    )

    example = TrainingExample.objects.get(run=later)
    assert (example.status, example.reject_reason) == ("rejected", "duplicate")
    assert example.reject_detail == f"nearly repeats example {kept.id}"
    assert example.winning_model == "model-a"  # the winner is what the row shows


def test_a_judge_backing_off_after_a_failure_streak_counts_only_requests_it_sent(stub_server):
    # After ten failures in a row a member backs off (openai_compat) and skips attempts unsent: the
    # run's judge_requests must say what reached the server, not how often the jury tried.
    stub_server.config.failing_models = {"judge-b": 1.0}
    items = [(request(i), [candidate("m0", TEXTS[0])]) for i in range(30)]

    outcomes, _ = run_jury(stub_server, ["judge-a", "judge-b"], items)

    assert sum(o.requests for o in outcomes) == stub_server.stats.judge_requests
    assert stub_server.stats.judge_by_model["judge-b"] < 60  # some attempts were never sent
    assert all(o.status == "judged" and o.judges == ("judge-a",) for o in outcomes)


def test_fallback_keeps_a_later_member_on_the_heuristics_when_the_judges_cannot_judge_it(stub_server):
    # stub-a is judged and rejected; the judges cannot answer about stub-b (garbage twice): stub-b goes on
    # without the jury (CONTRACT: never a failure of the item), instead of stub-a's rejection winning.
    texts = stories_by_model(stub_server)

    def reply(model, candidates):
        if list(candidates.values()) == [quality.score(texts["stub-a"], PROMPT).text]:
            return answer(A=entry("reject", "off the brief", **dict.fromkeys(MARKS, 3)))
        return "no idea"

    stub_server.config.judge_replies = {"judge-a": reply}

    [result] = ensemble_run(stub_server, judges=("judge-a",), strategy="fallback")

    assert [c.model for c in result.candidates] == ["stub-a", "stub-b"]
    assert result.jury_rejection is None
    assert result.winner.model == "stub-b" and result.winner.judge_score is None
    assert [c.model for c in result.ranked] == ["stub-b"]
    assert result.jury.requests == 3
