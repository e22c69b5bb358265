"""The evaluation end to end on a real django-q2 cluster, a web server and a file database.

With the `openai` backend on the loopback stub (its fine-tuning API and its chat endpoint): a run crosses
the threshold, its job is polled by the cluster's minute schedule until the provider says succeeded, and
the success starts the evaluation by itself; the `ft:` model and its base each answer the 16 held-out
prompts through the stub's chat endpoint, two judges score both sides and compare them blind. Then an
evaluation cancelled through the job's cancel while it runs. And with the defaults (the fewshot backend,
the offline writer), a job gets its evaluation too.
"""

from __future__ import annotations

import collections
import time

import pytest

from stubs.openai import StubServer
from stubs.replies import default_text
from tests.cluster_stack import running_stack, wait_until

pytestmark = pytest.mark.slow

BASE_MODEL = "gpt-4o-mini-2024-07-18"
JUDGES = ("judge-a", "judge-b")


def run_until_a_job(stack, num: int) -> dict:
    started = stack.client.post(
        "/auto-train", json={"num_examples": num, "genres": ["mystery", "horror"]}, headers={"Prefer": "respond-async"}
    )
    assert started.status_code == 202, started.text
    run = stack.wait_finished(started.headers["Location"], timeout=90)
    assert run["status"] == "succeeded" and run["finetune_job"] is not None, run
    return run


def poll_provider_now(stack, job_url: str) -> None:
    """Once the job has its provider job, the minute schedule polls the provider now, not up to a minute later."""
    wait_until(lambda: stack.client.get(job_url).json()["provider_job_id"], timeout=60, what="the provider job",
               interval=0.3)
    stack.run_schedule_now("autotrain.tasks.finetune_poll_active")


def wait_for_evaluation(stack, job_url: str, *, timeout: float, status: str = "succeeded") -> dict:
    def evaluated():
        job = stack.client.get(job_url).json()
        evaluation = job.get("evaluation")
        return job if evaluation and evaluation["status"] == status else None

    return wait_until(evaluated, timeout=timeout, what=f"{job_url}'s evaluation to be {status}", interval=0.5)


@pytest.fixture(scope="module")
def provider_stack(tmp_path_factory):
    stub = StubServer(latency=0.02, seed=5).start()
    stub.config.finetune_statuses = ["validating_files", "succeeded"]
    try:
        with running_stack(
            tmp_path_factory.mktemp("evaluation"),
            stub_url=stub.base_url,
            models="stub-a",
            env={
                "ZEGA_FINETUNE_BACKEND": "openai",
                "ZEGA_FINETUNE_BASE_URL": stub.base_url,
                "ZEGA_FINETUNE_THRESHOLD": "10",
                "ZEGA_JUDGE_MODELS": ",".join(JUDGES),
                "ZEGA_AUTO_EVALUATE": "true",
            },
        ) as deployed:
            deployed.stub = stub
            yield deployed
    finally:
        stub.stop()


def test_a_succeeded_ft_job_is_evaluated_against_its_base_with_the_jury_comparing_blind(provider_stack):
    stack, stub = provider_stack, provider_stack.stub
    custom_texts: set[str] = set()

    def writer(model, messages):
        text = default_text(model, messages)
        if model.startswith("ft:"):
            custom_texts.add(text.strip())
        return text

    def prefers_the_custom_text(model, passages):
        custom = [label for label, text in passages.items() if text.strip() in custom_texts]
        preferred = custom[0] if len(custom) == 1 else "tie"
        return f'{{"preferred": "{preferred}", "reason": "{model} liked it better."}}'

    stub.config.text_source = writer
    stub.config.compare_replies = {judge: prefers_the_custom_text for judge in JUDGES}

    run = run_until_a_job(stack, 14)
    job_url = f"/finetune/jobs/{run['finetune_job']['id']}"
    assert run["training_stats"]["examples_until_next_training"] == 10

    poll_provider_now(stack, job_url)
    job = wait_for_evaluation(stack, job_url, timeout=120)
    assert job["status"] == "succeeded" and job["model_name"].startswith(f"ft:{BASE_MODEL}:zega-stub:")
    assert stack.client.get(run["url"]).json()["training_stats"]["custom_model_exists"] is True

    evaluation = job["evaluation"]
    assert evaluation["n"] == 16 and evaluation["completed"] == 16
    assert evaluation["custom"]["model"] == job["model_name"] and evaluation["base"]["model"] == BASE_MODEL
    assert evaluation["jury"] == list(JUDGES)
    samples = evaluation["samples"]
    assert {s["status"] for s in samples} == {"done"}
    assert {s["genre"] for s in samples} == {"mystery", "horror"}
    for sample in samples:
        assert sample["custom_text"] and sample["base_text"] and sample["custom_text"] != sample["base_text"]
        assert sample["custom_score"] is not None and sample["base_score"] is not None
        assert set(sample["judgements"]) == set(JUDGES)
        assert {j["preferred"] for j in sample["judgements"].values()} == {"custom"}
        assert sample["winner"] == "custom"
    assert (evaluation["wins"], evaluation["losses"], evaluation["ties"]) == (16, 0, 0)
    assert evaluation["custom"]["mean_score"] == round(sum(s["custom_score"] for s in samples) / 16, 2)

    # Both models answered through the stub's chat endpoint, once per held-out prompt; each judge was
    # asked once per pair to compare (the stub records which pair each request was for).
    requests = [r for r in stub.stats.snapshot()["requests"] if r.run_id == f"evaluation-{evaluation['id']}"]
    stories = collections.Counter(r.model for r in requests if r.kind == "story" and r.status == 200)
    assert stories == {job["model_name"]: 16, BASE_MODEL: 16}
    compares = collections.Counter((r.model, r.index) for r in requests if r.kind == "compare")
    assert compares == {(judge, index): 1 for judge in JUDGES for index in range(16)}
    # The base never saw the custom model's system prompt; the ft: model got the one it was trained with.
    assert len(custom_texts) >= 16


def test_cancelling_the_job_stops_its_running_evaluation(provider_stack):
    stack, stub = provider_stack, provider_stack.stub
    stub.config.text_source = None
    stub.config.compare_replies = {}
    job = stack.client.get("/finetune/jobs").json()["results"][0]
    assert job["status"] == "succeeded"
    job_url = f"/finetune/jobs/{job['id']}"
    # Slow answers, two at a time per model: the 16 pairs take several seconds.
    stub.config.latency, stub.config.max_in_flight_per_model = 0.5, 2
    try:
        started = stack.client.post(f"{job_url}/evaluate")
        assert started.status_code == 202, started.text
        evaluation_id = started.json()["evaluation"]["id"]
        assert stack.client.post(f"{job_url}/evaluate").status_code == 409  # one at a time

        def some_answered():
            done = stack.client.get(job_url).json()["evaluation"]["completed"]
            return done if done >= 1 else None

        wait_until(some_answered, timeout=60, what="the first pairs", interval=0.2)
        cancelled = stack.client.post(f"{job_url}/cancel")
        cancelled_at = time.monotonic()
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["status"] == "succeeded" and cancelled.json()["evaluation"]["status"] == "cancelled"

        def settled():
            asked = [r for r in stub.stats.snapshot()["requests"] if r.run_id == f"evaluation-{evaluation_id}"]
            return asked if all(r.status is not None for r in asked) else None

        asked = wait_until(settled, timeout=30, what="the requests in flight to end")
        time.sleep(2)  # a chunk still running would write (or not) within its next second
    finally:
        stub.config.latency, stub.config.max_in_flight_per_model = 0.02, None
    evaluation = stack.client.get(job_url).json()["evaluation"]
    assert evaluation["id"] == evaluation_id and evaluation["status"] == "cancelled"
    statuses = collections.Counter(s["status"] for s in evaluation["samples"])
    assert statuses["pending"] == 0 and statuses["cancelled"] >= 1
    assert statuses["done"] + statuses["cancelled"] + statuses["failed"] == 16
    # The chunks stopped: nothing more was asked once they saw the cancel (within their next second),
    # and the pairs cancelled before their stories came back were never compared.
    assert not [r for r in asked if r.received > cancelled_at + 1.5]
    assert sum(r.kind == "compare" for r in asked) < 2 * 16
    # And a new one may start now.
    assert stack.client.post(f"{job_url}/evaluate").status_code == 202


def test_the_default_fewshot_job_is_evaluated_too(tmp_path):
    # The contract's default (the stack turns it off for the other tests).
    with running_stack(tmp_path, stub_url=None, env={"ZEGA_FINETUNE_THRESHOLD": "10", "ZEGA_AUTO_EVALUATE": "true"}) as stack:
        run = run_until_a_job(stack, 14)
        job_url = f"/finetune/jobs/{run['finetune_job']['id']}"
        job = wait_for_evaluation(stack, job_url, timeout=90)
        assert job["backend"] == "fewshot" and job["model_name"] == "zega-e2e-writer"
        evaluation = job["evaluation"]
        assert evaluation["n"] == 16 and {s["status"] for s in evaluation["samples"]} == {"done"}
        assert evaluation["custom"]["model"] == "zega-e2e-writer"
        # The base is the same ensemble with no prompt or examples: the offline writer's voices.
        assert evaluation["base"]["model"] == job["base_model"]
        assert all(name.startswith("offline") for name in job["base_model"].split(", "))
        assert evaluation["wins"] + evaluation["losses"] + evaluation["ties"] == 16
        assert evaluation["jury"] == []
        assert all(s["judgements"] == {} for s in evaluation["samples"])


def test_a_job_with_two_epochs_records_its_losses_and_checkpoints_then_is_evaluated(tmp_path):
    """The issue's end to end: POST /finetune with `epochs: 2` on the openai backend (the stub's
    fine-tuning API), polled by the cluster's schedule to succeeded, with the provider's loss per step
    and one checkpoint per epoch; then its automatic evaluation scores 16 pairs."""
    stub = StubServer(latency=0.02, seed=11).start()
    stub.config.finetune_statuses = ["validating_files", "succeeded"]
    try:
        with running_stack(
            tmp_path,
            stub_url=stub.base_url,
            models="stub-a",
            env={
                "ZEGA_FINETUNE_BACKEND": "openai",
                "ZEGA_FINETUNE_BASE_URL": stub.base_url,
                "ZEGA_AUTO_FINETUNE": "false",
                "ZEGA_AUTO_EVALUATE": "true",
            },
        ) as stack:
            started = stack.client.post(
                "/auto-train", json={"num_examples": 12, "genres": ["fantasy"]}, headers={"Prefer": "respond-async"}
            )
            run = stack.wait_finished(started.headers["Location"], timeout=90)
            assert run["successful"] >= 10 and run["finetune_job"] is None, run

            created = stack.client.post("/finetune", json={"epochs": 2})
            assert created.status_code == 202, created.text
            assert created.json()["kind"] == "weights" and created.json()["settings"] == {"epochs": 2}
            job_url = created.headers["Location"]
            poll_provider_now(stack, job_url)
            job = wait_for_evaluation(stack, job_url, timeout=150)

            # What the provider was asked: two epochs, as the fine-tuning API's supervised method.
            (asked,) = stub.finetuning.snapshot()["create_requests"]
            assert asked["method"]["supervised"]["hyperparameters"] == {"n_epochs": 2}
            assert job["status"] == "succeeded" and job["model_name"].startswith("ft:")
            steps = [m["step"] for m in job["metrics"]]
            assert steps == sorted(set(steps)) and len(steps) >= 2
            assert all(isinstance(m["train_loss"], float) for m in job["metrics"])
            assert job["metrics"][-1]["train_loss"] < job["metrics"][0]["train_loss"]
            assert len(job["checkpoints"]) == 2
            assert all(c["model"].startswith("ft:") and "ckpt-step" in c["model"] for c in job["checkpoints"])

            evaluation = job["evaluation"]
            assert evaluation["n"] == 16 and evaluation["completed"] == 16
            assert {s["status"] for s in evaluation["samples"]} == {"done"}
            assert all(s["custom_score"] is not None and s["base_score"] is not None for s in evaluation["samples"])
            assert evaluation["wins"] + evaluation["losses"] + evaluation["ties"] == 16
    finally:
        stub.stop()
