"""The LLM jury's rules (CONTRACT section 5): reading a judge's answer, the judge score, the majority
and the request sent to the judges."""

from __future__ import annotations

import json

import pytest

from autotrain.quality import jury as rules
from tests.helpers import JURY_MARKS, jury_answer, jury_entry

# --- parse_answer ---------------------------------------------------------------------------------


def test_a_valid_answer_gives_each_sent_label_its_judgement():
    judged = rules.parse_answer(
        jury_answer(A=jury_entry(), B=jury_entry("reject", "  off the brief  ")), ["A", "B"]
    )

    assert judged == {
        "A": {**JURY_MARKS, "verdict": "keep", "reason": "fine"},
        "B": {**JURY_MARKS, "verdict": "reject", "reason": "off the brief"},
    }


@pytest.mark.parametrize("fence", ["```json\n{}\n```", "```\n{}\n```", "  ```JSON {} ```  "])
def test_a_fenced_answer_is_read(fence):
    content = fence.replace("{}", jury_answer(A=jury_entry()))

    assert rules.parse_answer(content, ["A"])["A"]["verdict"] == "keep"


def test_labels_not_sent_are_ignored():
    judged = rules.parse_answer(jury_answer(A=jury_entry(), B=jury_entry(), Z={"nonsense": True}), ["A"])

    assert list(judged) == ["A"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (jury_answer(A=jury_entry()), "no judgement of candidate B"),  # a sent label left out
        (jury_answer(A=jury_entry(), B="keep"), "no judgement of candidate B"),
        ("The first one is best.", "not JSON"),
        ("", "not JSON"),
        ("[1, 2]", 'no "candidates" object'),
        (json.dumps({"A": jury_entry(), "B": jury_entry()}), 'no "candidates" object'),
        (json.dumps({"candidates": [jury_entry(), jury_entry()]}), 'no "candidates" object'),
        (jury_answer(A=jury_entry(prose=11), B=jury_entry()), "prose must be a number from 1 to 10"),
        (jury_answer(A=jury_entry(genre_fit=0), B=jury_entry()), "genre_fit must be a number from 1 to 10"),
        (jury_answer(A=jury_entry(completeness=-3), B=jury_entry()), "completeness"),
        (jury_answer(A=jury_entry(prose="nine"), B=jury_entry()), "prose"),
        (jury_answer(A=jury_entry(prose=True), B=jury_entry()), "prose"),
        (jury_answer(A=jury_entry(prose=None), B=jury_entry()), "prose"),
        (jury_answer(A={k: v for k, v in jury_entry().items() if k != "prose"}, B=jury_entry()), "prose"),
        (jury_answer(A=jury_entry("maybe"), B=jury_entry()), 'verdict must be "keep" or "reject"'),
        (jury_answer(A=jury_entry(verdict=None), B=jury_entry()), "verdict"),
        (jury_answer(A=jury_entry(verdict=1), B=jury_entry()), "verdict"),
    ],
)
def test_unusable_answers_are_refused(content, message):
    with pytest.raises(rules.JudgeAnswerError, match=message):
        rules.parse_answer(content, ["A", "B"])


def test_string_and_fractional_numbers_and_loose_verdicts_are_accepted():
    judged = rules.parse_answer(
        jury_answer(
            A=jury_entry(" Keep ", prompt_adherence="8", genre_fit=" 7.5 ", prose=9.0, completeness="10")
        ),
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
        jury_answer(
            A={**JURY_MARKS, "verdict": "keep"}, B=jury_entry(reason=42), C=jury_entry(reason="x" * 900)
        ),
        ["A", "B", "C"],
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
