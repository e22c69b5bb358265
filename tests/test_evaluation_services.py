"""The evaluation services with tasks run inline: start, the writers of each side, the jury's blind
comparison, cancel, a chunk delivered twice, stall recovery, the automatic start after a job's success,
and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from autotrain import catalog, selectors, services, tasks
from autotrain.finetune import evaluation as rules
from autotrain.models import EvaluationPair, FineTuneEvaluation, FineTuneJob
from tests.helpers import make_kept

OFFLINE_VOICES = {"offline-template-lyric", "offline-template-noir", "offline-template-classic"}


# --- services (tasks inline) -------------------------------------------------------------------------


def fewshot_job(user, n=12, **kwargs) -> FineTuneJob:
    make_kept(user, n, **kwargs)
    started, _ = services.finetune_job_start(user=user, enqueue=False)
    job = services.finetune_job_execute(job_id=started.id)
    assert job is not None and job.status == "succeeded"
    return job


@pytest.mark.django_db(transaction=True)
def test_a_fewshot_job_is_evaluated_by_itself_when_it_succeeds(user, settings):
    settings.ZEGA_AUTO_EVALUATE = True
    job = fewshot_job(user, genres=("horror", "fantasy", "horror"))
    evaluation = FineTuneEvaluation.objects.get(job=job)
    assert evaluation.status == "succeeded" and evaluation.started_at and evaluation.finished_at
    assert evaluation.writers == {"custom": "zega-alice", "base": job.base_model}
    assert job.base_model == "offline-template-lyric, offline-template-noir, offline-template-classic"
    pairs = list(evaluation.pairs.all())
    assert len(pairs) == 16 and all(p.status == "done" for p in pairs)
    assert {p.genre for p in pairs} == {"horror", "fantasy"}
    assert sum(p.genre == "horror" for p in pairs) == 8  # the favourite first, but an even split of 16
    for pair in pairs:
        assert pair.custom_text and pair.base_text and pair.custom_text != pair.base_text
        assert pair.custom_score is not None and pair.base_score is not None
        assert pair.custom_breakdown["writer"] == pair.base_breakdown["writer"] == "offline"
        assert pair.custom_breakdown["member"] in OFFLINE_VOICES
        assert pair.winner == rules.winner(custom_score=pair.custom_score, base_score=pair.base_score)
        assert pair.judgements == {} and pair.claim_token is None
    shown = selectors.finetune_job_detail(job)["evaluation"]
    assert shown["status"] == "succeeded" and shown["n"] == 16 and shown["completed"] == 16
    assert shown["wins"] + shown["losses"] + shown["ties"] == 16
    custom_scores = [p.custom_score for p in pairs]
    assert shown["custom"]["mean_score"] == round(sum(custom_scores) / 16, 2)
    assert shown["custom"]["pass_rate"] == round(sum(p.custom_passed for p in pairs) / 16, 3)
    assert len(shown["samples"]) == 16


@pytest.mark.django_db
def test_the_custom_side_gets_the_prompt_and_examples_the_base_side_does_not(user, settings, stub_server):
    captured = []

    def writer(model, messages):
        captured.append(messages)
        custom = "<example>" in messages[-1]["content"]
        body = (
            "Wren read the letter twice at the harbour wall before she believed a word of it, and the "
            "gulls wheeled over the grey water while the ink ran in the salt wind."
            if custom
            else "The letter came."
        )
        return body + ' "Come home," it said, in her brother\'s careful hand. She folded it and went.'

    stub_server.config.text_source = writer
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    job = fewshot_job(user)
    evaluation = services.evaluation_start(job=job, enqueue=False)
    assert evaluation.writers == {"custom": "zega-alice", "base": "stub-a"}
    assert services.evaluation_execute_chunk(evaluation_id=evaluation.id, start=0, stop=16) == 16
    with_examples = [m for m in captured if "<example>" in m[-1]["content"]]
    without = [m for m in captured if "<example>" not in m[-1]["content"]]
    assert len(with_examples) == len(without) == 16
    assert all(m[0]["content"] == job.artifact["system"] for m in with_examples)
    assert all(m[0]["content"] != job.artifact["system"] for m in without)
    evaluation.refresh_from_db()
    assert evaluation.status == "succeeded"
    pairs = list(evaluation.pairs.all())
    assert all(p.custom_breakdown["writer"] == "stub-a" for p in pairs)
    # The longer, fuller story wins on the heuristics.
    assert all(p.custom_score > p.base_score for p in pairs)
    assert all(p.winner == "custom" for p in pairs)
    # A chunk delivered again (or a second worker) redoes nothing.
    asked = len(captured)
    assert services.evaluation_execute_chunk(evaluation_id=evaluation.id, start=0, stop=16) == 0
    assert len(captured) == asked


@pytest.mark.django_db
def test_prompts_exclude_what_the_job_trained_on(user):
    horror = catalog.GENRES["horror"].prompts
    # Every horror prompt but the first, in every style: only the first is left for the held-out set.
    make_kept(user, 1, genres=("horror",), prompt=horror[0], style_modifier=catalog.STYLE_MODIFIERS[0])
    for prompt in horror[1:]:
        for style in catalog.STYLE_MODIFIERS:
            make_kept(user, 1, genres=("horror",), prompt=prompt, style_modifier=style, texts=[f"{prompt} / {style}. " * 6])
    job, _ = services.finetune_job_start(user=user, enqueue=False)
    job = services.finetune_job_execute(job_id=job.id)
    evaluation = services.evaluation_start(job=job, enqueue=False)
    pairs = list(evaluation.pairs.values_list("genre", "prompt", "style_modifier"))
    # Horror first (the user's only genre) while it lasts: its nine unused pairs, then other genres.
    assert len(pairs) == 16
    assert {(g, p) for g, p, _ in pairs[:9]} == {("horror", horror[0])}
    assert catalog.STYLE_MODIFIERS[0] not in {s for _, _, s in pairs[:9]}
    assert all(g != "horror" for g, _, _ in pairs[9:])


@pytest.mark.django_db
def test_only_a_succeeded_job_is_evaluated_and_one_evaluation_at_a_time(user):
    make_kept(user, 12)
    pending, _ = services.finetune_job_start(user=user, enqueue=False)
    with pytest.raises(services.EvaluationNotPossible):
        services.evaluation_start(job=pending)
    job = services.finetune_job_execute(job_id=pending.id)
    first = services.evaluation_start(job=job, enqueue=False)
    with pytest.raises(services.EvaluationUnfinished):
        services.evaluation_start(job=job, enqueue=False)
    assert FineTuneEvaluation.objects.filter(job=job).count() == 1
    services.evaluation_cancel(evaluation=first)
    first.refresh_from_db()
    assert first.status == "cancelled" and first.finished_at
    assert set(first.pairs.values_list("status", flat=True)) == {"cancelled"}
    # A cancelled evaluation's chunk does nothing; a new evaluation may start.
    assert services.evaluation_execute_chunk(evaluation_id=first.id, start=0, stop=16) == 0
    with pytest.raises(services.EvaluationNotPossible):
        services.evaluation_cancel(evaluation=first)
    second = services.evaluation_start(job=job, enqueue=False)
    assert list(second.pairs.values_list("prompt", "style_modifier")) == list(
        first.pairs.values_list("prompt", "style_modifier")
    )  # the same held-out prompts: seeded by the job


@pytest.mark.django_db
def test_a_stalled_evaluation_is_enqueued_again_by_the_minute_schedule(user, settings):
    job = fewshot_job(user)
    settings.ZEGA_EVAL_PROMPTS = 6
    evaluation = services.evaluation_start(job=job, enqueue=False)  # as if its tasks were lost
    assert tasks.requeue_stalled() == 0  # too young to be stalled
    FineTuneEvaluation.objects.filter(id=evaluation.id).update(created_at=timezone.now() - timedelta(minutes=10))
    # A pair claimed by a worker that died long ago is taken over too.
    EvaluationPair.objects.filter(evaluation=evaluation, index=2).update(
        claim_token="00000000-0000-0000-0000-000000000001", claimed_at=timezone.now() - timedelta(minutes=10)
    )
    assert tasks.requeue_stalled() == 1  # runs inline: writes all six
    evaluation.refresh_from_db()
    assert evaluation.status == "succeeded"
    assert set(evaluation.pairs.values_list("status", flat=True)) == {"done"}
    assert tasks.requeue_stalled() == 0


@pytest.mark.django_db
def test_every_pair_failing_fails_the_evaluation(user, settings, stub_server):
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    settings.ZEGA_LLM_MAX_RETRIES = 0
    settings.ZEGA_EVAL_PROMPTS = 3
    job = fewshot_job(user)
    stub_server.config.known_models = {"other"}
    evaluation = services.evaluation_start(job=job, enqueue=False)
    services.evaluation_execute_chunk(evaluation_id=evaluation.id, start=0, stop=3)
    evaluation.refresh_from_db()
    assert evaluation.status == "failed" and "No pair could be compared" in evaluation.error
    assert set(evaluation.pairs.values_list("status", "winner")) == {("failed", "")}
    shown = selectors.evaluation_detail(evaluation)
    assert (shown["wins"], shown["losses"], shown["ties"], shown["custom"]["mean_score"]) == (0, 0, 0, None)


@pytest.mark.django_db
def test_with_a_jury_each_side_is_judged_and_the_pair_compared_blind(user, settings, stub_server):
    def writer(model, messages):
        custom = "<example>" in messages[-1]["content"]
        place = "lighthouse" if custom else "harbour"
        return (
            f"Wren read the letter twice at the {place} before she believed a word of it, and the gulls "
            f'wheeled over the grey water. "Come home," it said, in her brother\'s careful hand. She went.'
        )

    stub_server.config.text_source = writer
    stub_server.config.compare_replies = {"judge-a": "prefer:lighthouse", "judge-b": "prefer:lighthouse"}
    settings.ZEGA_LLM_BASE_URL = stub_server.base_url
    settings.ZEGA_LLM_MODELS = ["stub-a"]
    settings.ZEGA_JUDGE_MODELS = ["judge-a", "judge-b"]
    settings.ZEGA_EVAL_PROMPTS = 6
    job = fewshot_job(user)
    evaluation = services.evaluation_start(job=job, enqueue=False)
    assert evaluation.jury == ["judge-a", "judge-b"]
    services.evaluation_execute_chunk(evaluation_id=evaluation.id, start=0, stop=6)
    evaluation.refresh_from_db()
    assert evaluation.status == "succeeded"
    stats = stub_server.stats.snapshot()
    assert stats["compare_requests"] == 12  # one per judge per pair
    pairs = list(evaluation.pairs.all())
    passing = [p for p in pairs if p.custom_breakdown["reject_reason"] is None or p.base_breakdown["reject_reason"] is None]
    # Both sides that passed the heuristics are scored in one request per judge, as a run's candidates are.
    assert stats["judge_requests"] == 2 * len(passing)
    compares = [r for r in stats["requests"] if r.kind == "compare"]
    assert {(r.model, r.index) for r in compares} == {(j, i) for j in ("judge-a", "judge-b") for i in range(6)}
    for pair in pairs:
        assert pair.judgements == {
            "judge-a": {"preferred": "custom", "reason": "judge-a prefers the passage about lighthouse."},
            "judge-b": {"preferred": "custom", "reason": "judge-b prefers the passage about lighthouse."},
        }
        assert pair.winner == "custom"
        if pair.custom_breakdown["reject_reason"] is None:
            assert set(pair.custom_breakdown["judgements"]) == {"judge-a", "judge-b"}
            assert 7.0 <= pair.custom_breakdown["judge_score"] <= 9.0
        else:
            assert pair.custom_breakdown["judge_score"] is None and not pair.custom_passed

    # The judges preferring the base: the base wins, whatever the heuristics say.
    stub_server.config.compare_replies = {"judge-a": "prefer:harbour", "judge-b": "garbage"}
    again = services.evaluation_start(job=job, enqueue=False)
    services.evaluation_execute_chunk(evaluation_id=again.id, start=0, stop=6)
    for pair in again.pairs.all():
        assert set(pair.judgements) == {"judge-a"}  # judge-b answered garbage twice: left out
        assert pair.judgements["judge-a"]["preferred"] == "base" and pair.winner == "base"


def test_the_evaluation_settings_default_to_on_and_sixteen():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("ZEGA_")} | {"DJANGO_DEBUG": "true"}
    read = "from django.conf import settings as s; print(s.ZEGA_AUTO_EVALUATE, s.ZEGA_EVAL_PROMPTS)"
    shown = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", read], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip().splitlines()[-1].split() == ["True", "16"]
    env |= {"ZEGA_AUTO_EVALUATE": "false", "ZEGA_EVAL_PROMPTS": "4"}
    shown = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", read], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip().splitlines()[-1].split() == ["False", "4"]


# --- a run that auto-triggers a job (CONTRACT section 6) ---------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_run_that_starts_a_job_reports_the_stats_after_it_and_its_model_once_it_succeeded(
    settings, client_for, stub_server
):
    from tests.factories import UserFactory

    settings.ZEGA_FINETUNE_BACKEND = "openai"
    settings.ZEGA_FINETUNE_BASE_URL = stub_server.base_url
    settings.ZEGA_FINETUNE_BASE_MODEL = None
    settings.ZEGA_FINETUNE_THRESHOLD = 10
    settings.ZEGA_AUTO_EVALUATE = True
    stub_server.config.finetune_statuses = ["validating_files", "running", "succeeded"]
    writer = UserFactory(username="writer")
    api = client_for(writer)
    run = api.post("/auto-train", {"num_examples": 14, "genres": ["mystery"]}, format="json").json()
    assert run["status"] == "succeeded" and run["successful"] >= 10
    assert run["finetune_job"]["status"] == "validating"
    # The job took every unused example: the next fine-tune needs the whole threshold again.
    assert run["training_stats"] == {
        "training_examples": run["successful"],
        "examples_until_next_training": 10,
        "custom_model_exists": False,
    }
    assert run["ready_for_finetuning"] is False
    job_url = f"/finetune/jobs/{run['finetune_job']['id']}"
    while api.get(job_url).json()["status"] != "succeeded":
        tasks.finetune_poll_active()
    again = api.get(run["url"]).json()
    assert again["training_stats"]["custom_model_exists"] is True
    assert again["training_stats"]["examples_until_next_training"] == 10
    # The success started the evaluation (inline here): the ft: model and its base both answered.
    job = api.get(job_url).json()
    assert job["evaluation"]["status"] == "succeeded" and job["evaluation"]["n"] == 16
    assert job["evaluation"]["custom"]["model"] == job["model_name"]
    assert job["evaluation"]["base"]["model"] == job["base_model"] == "gpt-4o-mini-2024-07-18"
    by_model = stub_server.stats.snapshot()["by_model"]
    assert by_model[job["model_name"]] == 16 and by_model["gpt-4o-mini-2024-07-18"] == 16


# --- the API ---------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_post_evaluate_answers_202_with_the_job_and_its_evaluation(api, user, settings):
    settings.ZEGA_EVAL_PROMPTS = 4
    job = fewshot_job(user)
    for path in (f"/finetune/jobs/{job.id}/evaluate", f"/finetune/jobs/{job.id}/evaluate/"):
        response = api.post(path)
        assert response.status_code == 202, response.content
        assert response["Location"] == f"/finetune/jobs/{job.id}"
        body = response.json()
        assert body["id"] == str(job.id)
        evaluation = body["evaluation"]
        # Tasks run inline here: the evaluation is done by the time the POST answers.
        assert evaluation["status"] == "succeeded" and evaluation["n"] == 4
        assert evaluation["wins"] + evaluation["losses"] + evaluation["ties"] == 4
        assert set(evaluation["custom"]) >= {"mean_score", "pass_rate"} and set(evaluation["base"]) >= {
            "mean_score",
            "pass_rate",
        }
        for sample in evaluation["samples"]:
            assert set(sample) >= {"prompt", "custom_text", "base_text", "custom_score", "base_score", "winner"}
    assert FineTuneEvaluation.objects.filter(job=job).count() == 2
    assert api.get(f"/finetune/jobs/{job.id}").json()["evaluation"]["id"] == body["evaluation"]["id"]


@pytest.mark.django_db
def test_post_evaluate_refuses_what_cannot_be_evaluated(api, user, other_user, client_for, staff_api):
    make_kept(user, 12)
    pending, _ = services.finetune_job_start(user=user, enqueue=False)
    response = api.post(f"/finetune/jobs/{pending.id}/evaluate")
    assert response.status_code == 409 and "only a succeeded job" in response.json()["detail"]
    job = services.finetune_job_execute(job_id=pending.id)
    services.evaluation_start(job=job, enqueue=False)  # unfinished: its tasks are not run here
    response = api.post(f"/finetune/jobs/{job.id}/evaluate")
    assert response.status_code == 409 and "still pending" in response.json()["detail"]
    assert client_for(other_user).post(f"/finetune/jobs/{job.id}/evaluate").status_code == 404
    assert api.post("/finetune/jobs/not-a-uuid/evaluate").status_code == 404
    assert staff_api.post(f"/finetune/jobs/{job.id}/evaluate").status_code == 409  # staff see it, same rule
    assert FineTuneEvaluation.objects.filter(job=job).count() == 1


@pytest.mark.django_db
def test_cancelling_a_succeeded_job_cancels_its_unfinished_evaluation(api, user, client_for, other_user):
    job = fewshot_job(user)
    evaluation = services.evaluation_start(job=job, enqueue=False)
    assert client_for(other_user).post(f"/finetune/jobs/{job.id}/cancel").status_code == 404
    response = api.post(f"/finetune/jobs/{job.id}/cancel")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "succeeded"  # the job stays what it was
    assert body["evaluation"]["status"] == "cancelled"
    assert {s["status"] for s in body["evaluation"]["samples"]} == {"cancelled"}
    evaluation.refresh_from_db()
    assert evaluation.status == "cancelled"
    # Nothing left to stop: a finished job answers 409 as before.
    assert api.post(f"/finetune/jobs/{job.id}/cancel").status_code == 409


@pytest.mark.django_db
def test_the_schema_documents_evaluate_and_writer(api):
    schema = api.get("/api/schema", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/finetune/jobs/{job_id}/evaluate"]["post"]
    assert operation["operationId"] == "finetune_jobs_evaluate"
    assert set(operation["responses"]) >= {"202", "404", "409"}
    generated = schema["components"]["schemas"]["GenerateResponse"]
    assert "writer" in generated["required"] and "offline" in generated["properties"]["writer"]["description"]
