"""The Jury against the loopback stub (CONTRACT section 5): one request per judge and item, retries and
failing judges, and the ensemble's decision with a jury."""

from __future__ import annotations

import asyncio
import collections
from dataclasses import dataclass

import pytest

from autotrain import quality
from autotrain.llm.base import Candidate, GenerationRequest
from autotrain.llm.ensemble import Ensemble
from autotrain.llm.jury import Jury
from autotrain.llm.openai_compat import OpenAICompatGenerator
from tests.helpers import JURY_MARKS, JURY_PROMPT, jury_answer, jury_entry, jury_story

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
        prompt=JURY_PROMPT,
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
        return jury_answer(
            **{
                label: jury_entry(
                    (verdicts or {}).get(text, "keep"),
                    f"{model} on {text[:15]}",
                    **dict.fromkeys(JURY_MARKS, marks[text]),
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
        return (
            "not json" if calls[model] == 1 else jury_answer(**{label: jury_entry() for label in candidates})
        )

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
    texts = {"stub-a": jury_story(1), "stub-b": jury_story(2), "stub-c": jury_story(3)}
    assert all(quality.score(t, JURY_PROMPT, genre="fantasy").kept for t in texts.values())
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
        if list(candidates.values()) == [quality.score(texts["stub-a"], JURY_PROMPT).text]:
            return jury_answer(A=jury_entry("reject", "off the brief", **dict.fromkeys(JURY_MARKS, 3)))
        return "no idea"

    stub_server.config.judge_replies = {"judge-a": reply}

    [result] = ensemble_run(stub_server, judges=("judge-a",), strategy="fallback")

    assert [c.model for c in result.candidates] == ["stub-a", "stub-b"]
    assert result.jury_rejection is None
    assert result.winner.model == "stub-b" and result.winner.judge_score is None
    assert [c.model for c in result.ranked] == ["stub-b"]
    assert result.jury.requests == 3
