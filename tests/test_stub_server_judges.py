"""The loopback OpenAI-compatible stub answering judge requests (the LLM jury): the contract object,
named behaviours, scripted replies, counters, and the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from stubs.openai import StubServer
from tests.helpers import chat_body, post_chat

# --- judge requests (the LLM jury) -----------------------------------------------------------------

TEXTS = [
    "The lighthouse keeper counted the ships that never came, and the fog counted him.",
    "Rain on the tin roof; Mara listened, and the letter in her pocket grew heavier.",
    "The dragon's egg cracked at midnight, and the whole valley held its breath.",
]


def judge_body(model: str = "judge-a", texts: list[str] = TEXTS, **extra: object) -> dict:
    """A judge request as autotrain.llm.jury sends it: the jury's own messages, json_object."""
    from autotrain.quality import jury

    messages = jury.build_messages(genre="fantasy", prompt="A dragon egg hatches", style="", texts=texts)
    return {"model": model, "messages": messages, "response_format": {"type": "json_object"}, **extra}


def judge_content(stub: StubServer, body: dict) -> str:
    response = post_chat(stub, body)
    assert response.status_code == 200, response.text
    return response.json()["choices"][0]["message"]["content"]


def test_a_judge_request_gets_the_contract_object_for_every_label_sent(stub_server):
    from autotrain.quality import jury

    content = judge_content(stub_server, judge_body())

    judged = jury.parse_answer(content, ["A", "B", "C"])  # the app's own parser accepts it
    assert set(json.loads(content)["candidates"]) == {"A", "B", "C"}
    for judgement in judged.values():
        assert judgement["verdict"] == "keep" and judgement["reason"]
        assert all(7 <= judgement[key] <= 9 for key in jury.CRITERIA)
    # Deterministic from (model, text): the same text gets the same marks wherever it is shown.
    again = json.loads(judge_content(stub_server, judge_body(texts=[TEXTS[2], TEXTS[0]])))["candidates"]
    first = json.loads(content)["candidates"]
    assert again["A"] == first["C"] and again["B"] == first["A"]
    assert judge_content(stub_server, judge_body()) == content
    other = json.loads(judge_content(stub_server, judge_body("judge-b")))["candidates"]
    marks = lambda answer: [[answer[label][key] for key in jury.CRITERIA] for label in "ABC"]  # noqa: E731
    assert marks(other) != marks(first)


def test_candidate_blocks_without_json_object_are_a_story_request(stub_server):
    body = judge_body()
    del body["response_format"]

    text = judge_content(stub_server, body)

    assert not text.lstrip().startswith("{")
    assert stub_server.stats.judge_requests == 0
    assert stub_server.stats.snapshot()["requests"][0].kind == "story"


@pytest.mark.parametrize(
    ("behaviour", "check"),
    [
        ("keep", lambda j: all(v["verdict"] == "keep" and v["prose"] == 9 for v in j.values()) and len(j) == 3),
        ("reject", lambda j: all(v["verdict"] == "reject" and v["prose"] == 2 for v in j.values()) and len(j) == 3),
        ("reject:6", lambda j: all(v["verdict"] == "reject" and v["genre_fit"] == 6 for v in j.values())),
        ("keep:10", lambda j: all(v["verdict"] == "keep" and v["completeness"] == 10 for v in j.values())),
        ("missing", lambda j: set(j) == {"A", "B"}),
        ("default", lambda j: set(j) == {"A", "B", "C"}),
    ],
)
def test_named_judge_behaviours(stub_server, behaviour, check):
    stub_server.config.judge_replies = {"judge-a": behaviour}

    judged = json.loads(judge_content(stub_server, judge_body()))["candidates"]
    untouched = json.loads(judge_content(stub_server, judge_body("judge-b")))["candidates"]

    assert check(judged)
    assert all(v["verdict"] == "keep" for v in untouched.values())  # only the named judge is scripted


def test_garbage_and_fenced_judges(stub_server):
    from autotrain.quality import jury

    stub_server.config.judge_replies = {"judge-a": "garbage", "judge-b": "fenced"}

    garbage = judge_content(stub_server, judge_body("judge-a"))
    fenced = judge_content(stub_server, judge_body("judge-b"))

    with pytest.raises(json.JSONDecodeError):
        json.loads(garbage)
    assert fenced.startswith("```json\n") and fenced.endswith("\n```")
    assert set(jury.parse_answer(fenced, ["A", "B", "C"])) == {"A", "B", "C"}


def test_a_judge_reply_callable_sees_the_labelled_texts_and_writes_the_answer(stub_server):
    seen = []

    def picky(model, candidates):
        seen.append((model, candidates))
        judged = {
            label: {"prompt_adherence": 8, "genre_fit": 8, "prose": 8, "completeness": 8,
                    "verdict": "reject" if "dragon" in text else "keep", "reason": "dragons are banned"}
            for label, text in candidates.items()
        }
        return json.dumps({"candidates": judged})

    stub_server.config.judge_replies = {"judge-a": picky}

    judged = json.loads(judge_content(stub_server, judge_body()))["candidates"]

    assert seen == [("judge-a", {"A": TEXTS[0], "B": TEXTS[1], "C": TEXTS[2]})]
    assert [judged[label]["verdict"] for label in "ABC"] == ["keep", "keep", "reject"]


def test_unknown_judge_behaviour_answers_500_and_says_so(stub_server):
    stub_server.config.judge_replies = {"judge-a": "sulk"}

    assert post_chat(stub_server, judge_body()).status_code == 500
    with pytest.raises(ValueError, match="sulk"):
        from stubs.replies import judge_answer

        judge_answer("judge-a", {"A": "x"}, "sulk")


def test_judge_requests_are_counted_failed_ones_too(stub_server):
    stub_server.config.failing_models = {"judge-b": 1.0}

    post_chat(stub_server, judge_body("judge-a"), headers={"X-Zega-Item": "run-1:3"})
    assert post_chat(stub_server, judge_body("judge-b")).status_code == 500
    post_chat(stub_server, chat_body("stub-a"))

    stats = stub_server.stats.snapshot()
    assert stats["judge_requests"] == 2
    assert stats["judge_by_model"] == {"judge-a": 1, "judge-b": 1}
    assert stats["by_model"] == {"judge-a": 1, "judge-b": 1, "stub-a": 1}
    assert [(r.model, r.kind, r.index) for r in stats["requests"]] == [
        ("judge-a", "judge", 3), ("judge-b", "judge", None), ("stub-a", "story", None)
    ]
    stub_server.reset_stats()
    assert stub_server.stats.judge_requests == 0 and not stub_server.stats.judge_by_model


def test_story_chatter_wraps_stories_not_judge_answers(stub_server):
    stub_server.config.story_preamble = "Sure! Here's a story:"
    stub_server.config.story_postamble = "I hope you enjoy it!"

    story = post_chat(stub_server).json()["choices"][0]["message"]["content"]
    answer = judge_content(stub_server, judge_body())

    assert story.startswith("Sure! Here's a story:\n\n") and story.endswith("\n\nI hope you enjoy it!")
    assert len(story.split("\n\n")) >= 4  # chatter, the story's paragraphs, chatter
    assert json.loads(answer)["candidates"]


def test_cli_scripts_judges_and_wraps_stories():
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "stubs", "--port", "0", "--judge-reply", "judge-a=reject",
         "--judge-reply", "judge-b=garbage", "--story-preamble", "Sure! Here's a story:"],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().rsplit(" ", 1)[-1]

        def content(body):
            response = httpx.post(f"{base_url}/chat/completions", json=body, timeout=5)
            return response.json()["choices"][0]["message"]["content"]

        rejected = json.loads(content(judge_body("judge-a")))["candidates"]
        assert {v["verdict"] for v in rejected.values()} == {"reject"}
        assert not content(judge_body("judge-b")).startswith("{")
        assert content(chat_body()).startswith("Sure! Here's a story:\n\n")
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    stats = json.loads(out.strip().splitlines()[-1])
    assert stats["judge_requests"] == 2 and stats["judge_by_model"] == {"judge-a": 1, "judge-b": 1}


def test_a_bad_judge_reply_on_the_cli_is_refused():
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-m", "stubs", "--judge-reply", "judge-a=sulk"],
        cwd=root, capture_output=True, text=True, timeout=30, env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert done.returncode == 2 and "sulk" in done.stderr
