"""The evaluation of a custom model against its base: the held-out prompts and the winner rule (pure), and
the services with tasks run inline: start, the writers of each side, the jury's blind comparison,
cancel, a chunk delivered twice, stall recovery, and the automatic start after a job's success."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from autotrain import catalog, selectors, services, tasks
from autotrain.finetune import evaluation as rules
from autotrain.models import EvaluationPair, FineTuneEvaluation, FineTuneJob
from tests.helpers import make_kept

OFFLINE_VOICES = {"offline-template-lyric", "offline-template-noir", "offline-template-classic"}


# --- held-out prompts ------------------------------------------------------------------------------


def test_prompts_are_held_out_spread_over_the_genres_and_stable():
    genres = ["horror", "fantasy"]
    trained = {(p, s) for p in catalog.GENRES["horror"].prompts[:5] for s in catalog.STYLE_MODIFIERS}
    chosen = rules.choose_prompts(seed=42, n=16, genres=genres, trained_on=trained)
    assert len(chosen) == 16 and [p.index for p in chosen] == list(range(16))
    assert not {(p.prompt, p.style_modifier) for p in chosen} & trained
    assert [p.genre for p in chosen[:4]] == ["horror", "fantasy", "horror", "fantasy"]
    assert sum(p.genre == "horror" for p in chosen) == 8
    for p in chosen:
        assert p.prompt in catalog.GENRES[p.genre].prompts and p.style_modifier in catalog.STYLE_MODIFIERS
    # Within a genre no prompt comes back before every other (unused) one was asked.
    horror = [p.prompt for p in chosen if p.genre == "horror"]
    assert len(set(horror[:5])) == 5 and set(horror) == set(catalog.GENRES["horror"].prompts[5:])
    assert len(set((p.prompt, p.style_modifier) for p in chosen)) == 16
    again = rules.choose_prompts(seed=42, n=16, genres=genres, trained_on=trained)
    assert again == chosen
    other = rules.choose_prompts(seed=43, n=16, genres=genres, trained_on=trained)
    assert other != chosen


def test_the_favourite_genres_come_first_and_all_genres_when_none_is_kept():
    assert rules.genres_by_preference({"mystery": 3, "horror": 9, "romance": 0}) == ["horror", "mystery"]
    assert rules.genres_by_preference({}) == list(catalog.GENRE_KEYS)
    chosen = rules.choose_prompts(seed=1, n=16, genres=list(catalog.GENRE_KEYS), trained_on=set())
    assert {p.genre for p in chosen} == set(catalog.GENRE_KEYS)
    # Three genres, 16 prompts: the favourites get the remainder.
    chosen = rules.choose_prompts(seed=1, n=16, genres=["thriller", "romance", "adventure"], trained_on=set())
    counts = [sum(p.genre == g for p in chosen) for g in ("thriller", "romance", "adventure")]
    assert counts == [6, 5, 5]


def test_a_genre_with_every_pair_trained_on_is_skipped():
    everything = {(p, s) for p in catalog.GENRES["romance"].prompts for s in catalog.STYLE_MODIFIERS}
    chosen = rules.choose_prompts(seed=5, n=4, genres=["romance", "mystery"], trained_on=everything)
    assert [p.genre for p in chosen] == ["mystery"] * 4
    assert rules.choose_prompts(seed=5, n=4, genres=["romance"], trained_on=everything) == []
    # The user's genres used up: the other genres rather than nothing.
    chosen = rules.choose_prompts(seed=5, n=4, genres=["romance"], trained_on=everything, then=["horror", "thriller"])
    assert [p.genre for p in chosen] == ["horror", "thriller", "horror", "thriller"]


def test_the_evaluation_seed_is_stable_per_job():
    assert rules.evaluation_seed("a") == rules.evaluation_seed("a") != rules.evaluation_seed("b")


# --- the winner rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("custom", "base", "preferences", "expected"),
    [
        (8.5, 7.5, [], "custom"),
        (7.5, 8.5, [], "base"),
        (8.0, 8.2, [], "tie"),  # under the margin
        (8.0, 8.25, [], "base"),  # at the margin: a difference
        (None, 8.0, [], "base"),  # a side that failed to answer loses
        (3.0, None, [], "custom"),
        (None, None, [], None),
        (7.0, 9.0, ["custom", "custom"], "custom"),  # the jury decides
        (9.0, 7.0, ["base", "tie", "base"], "base"),
        (9.0, 7.0, ["custom", "base"], "custom"),  # split jury: the heuristics break the tie
        (8.0, 8.1, ["tie", "tie"], "tie"),
        (8.0, 8.1, ["custom", "tie"], "custom"),
    ],
)
def test_winner_rule(custom, base, preferences, expected):
    assert rules.winner(custom_score=custom, base_score=base, preferences=preferences) == expected


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


# --- the pairwise judge's request and answer, and the stub's side of it -----------------------------


def test_the_compare_request_holds_the_brief_and_both_passages_and_the_answer_is_validated():
    from autotrain.quality import jury as judge_rules

    messages = judge_rules.build_compare_messages(
        genre="sci_fi", genre_label="sci-fi", prompt="A ship  wakes\\nits crew", style="Be brief", first="One.", second="Two."
    )
    assert messages[0] == {"role": "system", "content": judge_rules.COMPARE_SYSTEM_PROMPT}
    user = messages[1]["content"]
    assert user.startswith("Genre: sci-fi\nPrompt: A ship wakes\\nits crew\nStyle: Be brief\n")
    assert '<passage label="A">\nOne.\n</passage>\n<passage label="B">\nTwo.\n</passage>' in user
    assert judge_rules.parse_compare_answer('{"preferred": "b", "reason": " Better. "}') == {
        "preferred": "B",
        "reason": "Better.",
    }
    assert judge_rules.parse_compare_answer('```json\n{"preferred": "TIE"}\n```') == {"preferred": "tie", "reason": ""}
    for bad in ("not json", "[]", '{"preferred": "C"}', '{"preferred": 1}', '{"reason": "x"}'):
        with pytest.raises(judge_rules.JudgeAnswerError):
            judge_rules.parse_compare_answer(bad)


def test_the_stub_answers_comparisons_as_scripted():
    import json

    from stubs.replies import compare_answer, compare_passages, judge_candidates
    from autotrain.quality import jury as judge_rules

    messages = judge_rules.build_compare_messages(
        genre="horror", prompt="A house", style="", first="The lighthouse stood.", second="The harbour slept."
    )
    payload = {"messages": messages, "response_format": {"type": "json_object"}}
    passages = compare_passages(payload)
    assert passages == {"A": "The lighthouse stood.", "B": "The harbour slept."}
    assert judge_candidates(payload) is None  # not mistaken for a jury's scoring request
    assert compare_passages({"messages": messages}) is None  # no json_object: a story request

    def preferred(behaviour):
        return json.loads(compare_answer("judge-a", passages, behaviour))["preferred"]

    assert preferred("A") == "A" and preferred("B") == "B" and preferred("tie") == "tie"
    assert preferred("prefer:harbour") == "B" and preferred("prefer:LIGHTHOUSE") == "A"
    assert preferred("prefer:the") == "tie"  # both mention it
    assert preferred("prefer:moon") == "tie"  # neither does
    # The default picks by text, not by label: swapping the order keeps the same passage.
    first = preferred(None)
    swapped = {"A": passages["B"], "B": passages["A"]}
    assert json.loads(compare_answer("judge-a", swapped))["preferred"] == ("B" if first == "A" else "A")
    with pytest.raises(ValueError):
        compare_answer("judge-a", passages, "sometimes")
    with pytest.raises(json.JSONDecodeError):
        json.loads(compare_answer("judge-a", passages, "garbage"))


# --- who writes each side ----------------------------------------------------------------------------


def test_each_backend_has_its_custom_writer_and_its_base(settings):
    from autotrain.services.generation import base_writer, custom_writer

    settings.ZEGA_FINETUNE_BASE_URL = "http://provider.test/v1"
    settings.ZEGA_LLM_API_KEY = "sk-x"
    settings.ZEGA_OLLAMA_URL = "http://ollama.test:11434/"
    artifact = {"system": "Write like Alice.", "examples": [{"text": "One."}, {"text": ""}, {"text": "Two."}]}

    fewshot = FineTuneJob(backend="fewshot", model_name="zega-alice", base_model="offline-a, offline-b", artifact=artifact)
    custom, base = custom_writer(fewshot), base_writer(fewshot)
    assert custom.uses_ensemble and (custom.label, custom.system, custom.examples) == (
        "zega-alice", "Write like Alice.", ("One.", "Two.")
    )
    assert base.uses_ensemble and (base.label, base.system, base.examples) == ("offline-a, offline-b", None, ())

    openai = FineTuneJob(backend="openai", model_name="ft:gpt-x:org:zega-alice:1", base_model="gpt-x", artifact=artifact)
    custom, base = custom_writer(openai), base_writer(openai)
    assert (custom.model, custom.base_url, custom.api_key, custom.system) == (
        "ft:gpt-x:org:zega-alice:1", "http://provider.test/v1", "sk-x", "Write like Alice."
    )
    assert (base.model, base.base_url, base.api_key, base.system, base.label) == (
        "gpt-x", "http://provider.test/v1", "sk-x", None, "gpt-x"
    )

    ollama = FineTuneJob(backend="ollama", model_name="zega-alice", base_model="llama3.2", artifact={})
    custom, base = custom_writer(ollama), base_writer(ollama)
    assert (custom.model, custom.base_url, custom.api_key) == ("zega-alice", "http://ollama.test:11434/v1", None)
    assert (base.model, base.base_url, base.examples) == ("llama3.2", "http://ollama.test:11434/v1", ())


@pytest.mark.django_db
def test_an_ollama_model_is_evaluated_against_its_base_on_ollamas_chat_endpoint(user, settings):
    from stubs.ollama import OllamaStub

    with OllamaStub(base_models={"llama3.1"}) as ollama:
        settings.ZEGA_FINETUNE_BACKEND = "ollama"
        settings.ZEGA_OLLAMA_URL = ollama.url
        settings.ZEGA_FINETUNE_BASE_MODEL = None
        settings.ZEGA_EVAL_PROMPTS = 5
        make_kept(user, 12)
        job, _ = services.finetune_job_start(user=user, enqueue=False)
        job = services.finetune_job_execute(job_id=job.id)
        assert (job.status, job.model_name, job.base_model) == ("succeeded", "zega-alice", "llama3.1")
        evaluation = services.evaluation_start(job=job, enqueue=False)
        assert evaluation.writers == {"custom": "zega-alice", "base": "llama3.1"}
        assert services.evaluation_execute_chunk(evaluation_id=evaluation.id, start=0, stop=5) == 5
        assert sorted(ollama.chat_models) == ["llama3.1"] * 5 + ["zega-alice"] * 5
        systems = {model: messages[0]["content"] for model, messages in zip(ollama.chat_models, ollama.chat_messages)}
        assert systems["zega-alice"] == job.artifact["system"] != systems["llama3.1"]
    evaluation.refresh_from_db()
    assert evaluation.status == "succeeded"
    for pair in evaluation.pairs.all():
        assert pair.status == "done" and pair.custom_breakdown["writer"] == "zega-alice"
        assert pair.base_breakdown["writer"] == "llama3.1"
