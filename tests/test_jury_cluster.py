"""The LLM jury end to end: a web server, a django-q2 cluster, a file database and the loopback stub
with three members and two judges (ZEGA_JUDGE_MODELS), one stack for the whole module.

The judges' behaviour is the stub's (`judge_replies`, `failing_models`), switched between runs. The
runs that take judges down come last: a judge that failed ten times in a row backs off in the cluster's
worker (openai_compat's circuit) and would skip the first attempts of the runs after it.
"""

from __future__ import annotations

import collections

import pytest

from stubs.openai import StubServer
from tests.cluster_stack import running_stack

pytestmark = pytest.mark.slow

MEMBERS = ("model-a", "model-b", "model-c")
JUDGES = ("judge-a", "judge-b")
CRITERIA = {"prompt_adherence", "genre_fit", "prose", "completeness"}
NUM = 20


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    stub = StubServer(latency=0.02, seed=11).start()
    try:
        with running_stack(
            tmp_path_factory.mktemp("jury"),
            stub_url=stub.base_url,
            models=",".join(MEMBERS),
            env={"ZEGA_JUDGE_MODELS": ",".join(JUDGES), "ZEGA_JUDGE_THRESHOLD": "7.0"},
        ) as deployed:
            deployed.stub = stub
            yield deployed
    finally:
        stub.stop()


@pytest.fixture(autouse=True)
def fresh_stub(stack):
    config = stack.stub.config
    config.judge_replies, config.failing_models = {}, {}
    config.story_preamble = config.story_postamble = ""
    stack.stub.reset_stats()
    return stack.stub


def run(stack, genres=("fantasy", "mystery", "sci_fi")) -> tuple[dict, list[dict]]:
    """A run of NUM examples through the API and the cluster: its summary and its examples."""
    started = stack.client.post(
        "/auto-train", json={"num_examples": NUM, "genres": list(genres)}, headers={"Prefer": "respond-async"}
    )
    assert started.status_code == 202, started.text
    summary = stack.wait_finished(started.headers["Location"], timeout=60)
    assert summary["status"] == "succeeded", summary
    page = stack.client.get(f"/training/examples?run={summary['id']}&page=1").json()
    assert page["count"] == NUM
    return summary, page["results"]


def judge_requests(stub: StubServer, run_id: str) -> collections.Counter:
    """(judge, item index) -> judge requests the stub received for this run."""
    return collections.Counter(
        (r.model, r.index)
        for r in stub.stats.snapshot()["requests"]
        if r.kind == "judge" and r.run_id == run_id
    )


def had_a_passing_candidate(example: dict) -> bool:
    # No member's answer passed the heuristics: nothing to judge (judge_status "off").
    return example["reject_reason"] not in ("low_quality", "truncated", "generation_error")


def test_every_item_is_judged_by_both_judges_and_kept_texts_lose_the_chatter(stack, fresh_stub):
    fresh_stub.config.story_preamble = "Sure! Here's a story:"
    fresh_stub.config.story_postamble = "I hope you enjoy it!"
    shown = []

    def keep_and_record(model, candidates):
        shown.extend(candidates.values())
        from stubs.replies import judge_answer

        return judge_answer(model, candidates)  # the default: marks 7-9, verdict keep

    fresh_stub.config.judge_replies = {"judge-a": keep_and_record}

    summary, examples = run(stack)

    judged = [e for e in examples if had_a_passing_candidate(e)]
    assert len(judged) >= NUM - 3  # three members: nearly always one passes
    for example in examples:
        if had_a_passing_candidate(example):
            assert example["judge_status"] == "judged"
            assert set(example["judgements"]) == set(JUDGES)
            for judgement in example["judgements"].values():
                assert set(judgement) == CRITERIA | {"verdict", "reason"} and judgement["verdict"] == "keep"
            assert 7.0 <= example["judge_score"] <= 9.0
        else:
            assert (example["judge_status"], example["judge_score"]) == ("off", None)
    kept = [e for e in examples if e["kept"]]
    assert kept and summary["successful"] == len(kept)
    assert {e["reject_reason"] for e in examples if not e["kept"]} <= {
        "low_quality",
        "truncated",
        "duplicate",
    }
    # Kept for training: the story alone; the model's raw answer beside it.
    for example in kept:
        assert example["raw_text"].startswith("Sure! Here's a story:\n\n")
        assert example["raw_text"].endswith("\n\nI hope you enjoy it!")
        assert "Sure!" not in example["text"] and "enjoy it" not in example["text"]
        assert example["text"] and example["text"] in example["raw_text"]
    assert shown and not any("Sure!" in text or "enjoy it" in text for text in shown)  # judges too
    jury = summary["jury"]
    assert jury["judges"] == list(JUDGES) and jury["threshold"] == 7.0
    assert jury["requests"] == 2 * len(judged) == fresh_stub.stats.judge_requests
    assert jury["prompt_tokens"] > 0 and jury["completion_tokens"] > 0
    per_item = judge_requests(fresh_stub, summary["id"])
    assert set(per_item.values()) == {1}  # one request per judge per item
    assert len(per_item) == 2 * len(judged)


def test_judges_rejecting_everything_reject_every_item(stack, fresh_stub):
    fresh_stub.config.judge_replies = {"judge-a": "reject", "judge-b": "reject"}

    summary, examples = run(stack)

    judged = [e for e in examples if had_a_passing_candidate(e)]
    assert len(judged) >= NUM - 3
    assert summary["successful"] == 0 and summary["failures"]["judge"] == len(judged)
    for example in judged:
        assert (example["kept"], example["reject_reason"], example["judge_status"]) == (
            False,
            "judge",
            "judged",
        )
        assert example["judge_score"] == 2.0
        assert "judge-a: reject (2.0) judge-a finds it off the brief." in example["reject_detail"]
        assert "judge-b: reject (2.0)" in example["reject_detail"]


def test_two_judges_disagreeing_is_no_majority_and_the_score_keeps_the_item(stack, fresh_stub):
    fresh_stub.config.judge_replies = {"judge-a": "keep:9", "judge-b": "reject:6"}

    summary, examples = run(stack)

    judged = [e for e in examples if had_a_passing_candidate(e)]
    assert len(judged) >= NUM - 3 and summary["failures"]["judge"] == 0
    for example in judged:
        assert example["judge_score"] == 7.5  # (9 + 6) / 2 >= 7, and one reject of two is no majority
        assert {j["verdict"] for j in example["judgements"].values()} == {"keep", "reject"}
        assert example["kept"] or example["reject_reason"] == "duplicate"


def test_a_judge_answering_garbage_is_asked_twice_then_left_out(stack, fresh_stub):
    fresh_stub.config.judge_replies = {"judge-b": "garbage"}

    summary, examples = run(stack)

    judged = [e for e in examples if had_a_passing_candidate(e)]
    assert len(judged) >= NUM - 3
    for example in judged:
        assert example["judge_status"] == "judged" and set(example["judgements"]) == {"judge-a"}
    per_item = judge_requests(fresh_stub, summary["id"])
    indexes = [e["index"] for e in judged]
    assert [per_item[("judge-b", i)] for i in indexes] == [2] * len(judged)  # the answer and one retry
    assert [per_item[("judge-a", i)] for i in indexes] == [1] * len(judged)
    assert summary["jury"]["requests"] == 3 * len(judged)


def test_a_judge_failing_with_http_500_leaves_the_other_to_judge(stack, fresh_stub):
    fresh_stub.config.failing_models = {"judge-b": 1.0}

    summary, examples = run(stack)

    judged = [e for e in examples if had_a_passing_candidate(e)]
    assert len(judged) >= NUM - 3
    for example in judged:
        assert example["judge_status"] == "judged" and set(example["judgements"]) == {"judge-a"}
    assert summary["successful"] >= len(judged) - 3  # kept on judge-a's marks (dedup aside)
    per_item = judge_requests(fresh_stub, summary["id"])
    # At most the answer and one retry; fewer once judge-b backs off after ten failures in a row.
    assert all(per_item[("judge-b", e["index"])] <= 2 for e in judged)
    assert summary["jury"]["requests"] == fresh_stub.stats.judge_requests


def test_with_both_judges_down_items_are_kept_on_the_heuristics(stack, fresh_stub):
    fresh_stub.config.failing_models = {"judge-a": 1.0, "judge-b": 1.0}

    summary, examples = run(stack)

    judged = [e for e in examples if had_a_passing_candidate(e)]
    assert len(judged) >= NUM - 3
    for example in judged:
        assert (example["judge_status"], example["judge_score"], example["judgements"]) == (
            "unavailable",
            None,
            {},
        )
        assert example["kept"] or example["reject_reason"] == "duplicate"
    assert summary["failures"]["judge"] == 0 and summary["failures"]["generation_error"] == 0
    assert summary["jury"]["requests"] == fresh_stub.stats.judge_requests
    assert summary["jury"]["completion_tokens"] == 0
