"""The reads. Every number the API, the page, the admin and the commands show is computed here."""

from __future__ import annotations

import re
import threading
import time

from django.conf import settings
from django.db.models import Avg, Count, F, Q, QuerySet, Sum
from django.utils import timezone

from autotrain.models import (
    EvaluationPair,
    FineTuneEvaluation,
    FineTuneJob,
    TrainingExample,
    TrainingProfile,
    TrainingRun,
)

Example = TrainingExample
TRAINING_STATS_FIELDS = ("training_examples", "examples_until_next_training", "custom_model_exists")
FAILURE_REASONS = [choice.value for choice in Example.RejectReason]


def kept_examples(*, user_id: int) -> QuerySet[TrainingExample]:
    """The user's training data: kept and not excluded by staff."""
    return Example.objects.filter(user_id=user_id, status=Example.Status.KEPT, excluded=False)


def dataset_export_inputs(*, user_id: int) -> tuple[list[TrainingExample], list[TrainingRun], int]:
    """What a dataset export with its card needs: the user's training data oldest first, the runs it
    came from, and how many kept examples curation left out."""
    examples = list(
        kept_examples(user_id=user_id)
        .only(
            "id", "run_id", "genre", "prompt", "style_modifier", "text", "quality_score",
            "judge_score", "judge_status", "winning_model",
        )
        .order_by("id")
    )
    runs = list(
        TrainingRun.objects.filter(id__in={e.run_id for e in examples})
        .only("id", "quality_threshold", "ensemble", "jury", "judge_threshold")
        .order_by("created_at")
    )
    excluded = Example.objects.filter(user_id=user_id, status=Example.Status.KEPT, excluded=True).count()
    return examples, runs, excluded


def unused_kept_examples(*, user_id: int) -> QuerySet[TrainingExample]:
    """Kept examples no fine-tune job has used yet (a failed or cancelled job gives its examples back)."""
    used = Q(finetune_job__isnull=False) & ~Q(
        finetune_job__status__in=[FineTuneJob.Status.FAILED, FineTuneJob.Status.CANCELLED]
    )
    return kept_examples(user_id=user_id).exclude(used)


def user_training_stats(*, user_id: int) -> dict:
    threshold = settings.ZEGA_FINETUNE_THRESHOLD
    # Read on every poll of a run in progress: two queries, and the join with the jobs only for users
    # that have any (until a first fine-tune, every kept example is unused).
    job_statuses = set(FineTuneJob.objects.filter(user_id=user_id).values_list("status", flat=True).distinct())
    kept = kept_examples(user_id=user_id).order_by()
    if job_statuses:
        used = Q(finetune_job__isnull=False) & ~Q(
            finetune_job__status__in=[FineTuneJob.Status.FAILED, FineTuneJob.Status.CANCELLED]
        )
        counts = kept.aggregate(kept=Count("id"), used=Count("id", filter=used))
    else:
        counts = {"kept": kept.count(), "used": 0}
    unused = counts["kept"] - counts["used"]
    return {
        "training_examples": counts["kept"],
        "examples_until_next_training": max(0, threshold - unused),
        "custom_model_exists": FineTuneJob.Status.SUCCEEDED in job_statuses,
        "ready_for_finetuning": unused >= threshold,
    }


def user_training_overview(*, user_id: int) -> dict:
    """`GET /training/stats`: the training stats plus what the profile knows of the user."""
    stats = user_training_stats(user_id=user_id)
    profile = TrainingProfile.objects.filter(user_id=user_id).first()
    kept = kept_examples(user_id=user_id)
    average = kept.aggregate(value=Avg("quality_score"))["value"]
    last_job = FineTuneJob.objects.filter(user_id=user_id).order_by("-created_at").first()
    return {
        **stats,
        "custom_model": _custom_model_name(user_id=user_id, profile=profile),
        "genre_preferences": dict(
            kept.order_by().values_list("genre").annotate(n=Count("id")).values_list("genre", "n")
        ),
        "average_quality": round(average, 2) if average is not None else None,
        "writing_patterns": (profile.writing_patterns if profile else None)
        or {"average_length": 0.0, "dialogue_ratio": 0.0, "average_sentences": 0.0},
        "last_finetune": finetune_job_brief(last_job),
    }


def _custom_model_name(*, user_id: int, profile: TrainingProfile | None) -> str | None:
    if profile and profile.custom_model_name:
        return profile.custom_model_name
    job = (
        FineTuneJob.objects.filter(user_id=user_id, status=FineTuneJob.Status.SUCCEEDED)
        .order_by("-finished_at")
        .first()
    )
    return job.model_name if job and job.model_name else None


def finetune_job_brief(job: FineTuneJob | None) -> dict | None:
    if job is None:
        return None
    return {
        "id": str(job.id),
        "status": job.status,
        "kind": job.kind,
        "kind_label": job.kind_label,
        "model_name": job.model_name or None,
    }


def run_summary(run: TrainingRun) -> dict:
    """A run as the API shows it (CONTRACT section 3, POST /auto-train response)."""
    if run.is_finished:
        figures = _run_figures(run)
        figures["training_stats"] = dict(run.training_stats or {})
        job = run.finetune_job
        if job is not None and job.status == FineTuneJob.Status.SUCCEEDED:
            # The job this run started finished after it: the user has their custom model now.
            figures["training_stats"]["custom_model_exists"] = True
        figures["ready_for_finetuning"] = bool(run.ready_for_finetuning)
    else:
        figures = _live_figures(run)
    return {
        "id": str(run.id),
        "url": f"/auto-train/runs/{run.id}",
        "user_id": run.user.username,
        "status": run.status,
        "total_requested": run.num_examples,
        **{name: figures[name] for name in _ROW_FIGURES},
        "progress": {"completed": figures["successful"] + figures["failed"], "total": run.num_examples},
        "genres": run.genres,
        "total_time": _total_time(run),
        # The truth, not the wish: true when examples of this run are in memory (count below).
        "stored_in_memory": run.store_in_memory and run.stored_in_memory_count > 0,
        "stored_in_memory_count": run.stored_in_memory_count,
        "jury": {
            "judges": [judge["name"] for judge in run.jury or []],
            "threshold": run.judge_threshold,
            "requests": run.judge_requests,
            "prompt_tokens": run.judge_prompt_tokens,
            "completion_tokens": run.judge_completion_tokens,
        },
        "training_stats": figures["training_stats"],
        "ready_for_finetuning": figures["ready_for_finetuning"],
        "finetune_job": finetune_job_brief(run.finetune_job),
        "error": run.error or None,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }


_ROW_FIGURES = (
    "successful",
    "failed",
    "failures",
    "genre_distribution",
    "average_quality",
    "model_performance",
)


def _run_figures(run: TrainingRun) -> dict:
    """What a run's summary counts from its rows, in one grouped pass over them."""
    successful = failed = 0
    failures = {reason: 0 for reason in FAILURE_REASONS}
    genre_distribution: dict[str, int] = {}
    wins: dict[str, list] = {}  # model -> [kept examples won, their quality summed]
    for status, reason, genre, model, n, quality in (
        Example.objects.filter(run=run)
        .order_by()
        .values_list("status", "reject_reason", "genre", "winning_model")
        .annotate(n=Count("id"), quality=Sum("quality_score"))
    ):
        if status == Example.Status.KEPT:
            successful += n
            genre_distribution[genre] = genre_distribution.get(genre, 0) + n
            model_wins = wins.setdefault(model, [0, 0.0])
            model_wins[0] += n
            model_wins[1] += quality or 0.0
        elif status == Example.Status.REJECTED:
            failed += n
            failures[reason] = failures.get(reason, 0) + n
    average_quality = sum(total for _, total in wins.values()) / successful if successful else None
    return {
        "successful": successful,
        "failed": failed,
        "failures": failures,
        "genre_distribution": genre_distribution,
        "average_quality": round(average_quality, 2) if average_quality is not None else None,
        "model_performance": {
            model: {"wins": n, "average_quality": round(total / n, 2)} for model, (n, total) in wins.items()
        },
    }


# A run in progress is polled by every page showing it (every 0.5 s each) and by API clients; counting
# its rows and its user's kept examples on every poll cost the web server time growing with the run and
# the user's history. The figures are kept per process with the run's status and heartbeat (moved in the
# same transaction as every batch of results written) and shared by the polls that follow, while neither
# has moved and for at most ZEGA_RUN_STATUS_CACHE_SECONDS (what else changes them, a staff edit or
# another run of the same user, shows within that). A finished run is always counted afresh.
_live: dict = {}  # run id -> (status, heartbeat, monotonic time computed, figures)
_live_lock = threading.Lock()
_counting: dict = {}  # run id -> lock held while one thread counts that run
_LIVE_MAX = 1000


def _live_figures(run: TrainingRun) -> dict:
    seconds = settings.ZEGA_RUN_STATUS_CACHE_SECONDS
    with _live_lock:
        figures = _still_current(run, seconds)
        if figures is not None:
            return figures
        counting = _counting.setdefault(run.id, threading.Lock())
    # One thread counts; the polls that missed with it wait for its figures instead of counting too (at
    # each batch written, every poll in flight would otherwise count the same rows at once).
    with counting:
        with _live_lock:
            figures = _still_current(run, seconds)
        if figures is not None:
            return figures
        figures = _run_figures(run)
        current = user_training_stats(user_id=run.user_id)
        figures["training_stats"] = {key: current[key] for key in TRAINING_STATS_FIELDS}
        figures["ready_for_finetuning"] = current["ready_for_finetuning"]
        if seconds > 0:
            now = time.monotonic()
            with _live_lock:
                if len(_live) >= _LIVE_MAX:
                    for key in [key for key, entry in _live.items() if now - entry[2] >= seconds]:
                        del _live[key]
                        _counting.pop(key, None)
                    if len(_live) >= _LIVE_MAX:
                        _live.clear()
                        _counting.clear()
                _live[run.id] = (run.status, run.heartbeat_at, now, figures)
    return figures


def _still_current(run: TrainingRun, seconds: float) -> dict | None:
    """The kept figures of `run` if no batch was written since (or they are newer than this poll's view
    of the run) and they are younger than `seconds`. Called under _live_lock."""
    entry = _live.get(run.id)
    if entry is None or entry[0] != run.status or time.monotonic() - entry[2] >= seconds:
        return None
    kept_at, seen = entry[1], run.heartbeat_at
    if kept_at == seen or (kept_at is not None and seen is not None and kept_at > seen):
        return entry[3]
    return None


def _total_time(run: TrainingRun) -> float:
    if run.started_at is None:
        return 0.0
    end = run.finished_at or timezone.now()
    return round((end - run.started_at).total_seconds(), 3)


def runs_for_user(*, user_id: int | None) -> QuerySet[TrainingRun]:
    runs = TrainingRun.objects.select_related("user", "finetune_job").order_by("-created_at")
    return runs if user_id is None else runs.filter(user_id=user_id)


def examples_for_user(
    *,
    user_id: int,
    genre: str | None = None,
    min_quality: float | None = None,
    kept: bool | None = None,
    excluded: bool | None = None,
    run_id: str | None = None,
    ordering: str | None = None,
) -> QuerySet[TrainingExample]:
    """The user's finished examples, filtered; `ordering` is a field name, `-` first for descending
    (examples without that figure come last either way); by default the most recently finished first."""
    examples = (
        Example.objects.filter(user_id=user_id)
        .exclude(status__in=Example.UNFINISHED)
        .select_related("excluded_by")
    )
    if genre:
        examples = examples.filter(genre=genre)
    if min_quality is not None:
        examples = examples.filter(quality_score__gte=min_quality)
    if kept is not None:
        examples = (
            examples.filter(status=Example.Status.KEPT)
            if kept
            else examples.exclude(status=Example.Status.KEPT)
        )
    if excluded is not None:
        examples = examples.filter(excluded=excluded)
    if run_id:
        examples = examples.filter(run_id=run_id)
    if ordering:
        field = F(ordering.removeprefix("-"))
        order = field.desc(nulls_last=True) if ordering.startswith("-") else field.asc(nulls_last=True)
        return examples.order_by(order, "-id")
    return examples.order_by("-finished_at", "-id")


def example_for_user(*, example_id, user_id: int | None) -> TrainingExample | None:
    """One finished or unfinished example, if it exists and belongs to the user (`user_id` None: anyone's)."""
    # Digits only, and short enough for a 64-bit column: anything else names no example.
    if not re.fullmatch(r"[0-9]{1,18}", str(example_id)):
        return None
    examples = Example.objects.select_related("excluded_by").filter(pk=int(example_id))
    if user_id is not None:
        examples = examples.filter(user_id=user_id)
    return examples.first()


# --- fine-tuning -----------------------------------------------------------------------------------


def finetune_jobs_for_user(*, user_id: int | None) -> QuerySet[FineTuneJob]:
    jobs = FineTuneJob.objects.select_related("user").order_by("-created_at")
    return jobs if user_id is None else jobs.filter(user_id=user_id)


def finetune_job_detail(job: FineTuneJob) -> dict:
    """A job as the API shows it (CONTRACT section 3, Fine-tuning)."""
    run = job.triggered_by_runs.order_by("created_at").values_list("id", flat=True).first()
    return {
        "id": str(job.id),
        "url": f"/finetune/jobs/{job.id}",
        "user_id": job.user.get_username(),
        "backend": job.backend,
        "kind": job.kind,
        "kind_label": job.kind_label,
        "settings": job.training_settings,
        "status": job.status,
        "base_model": job.base_model,
        "model_name": job.model_name or None,
        "provider_job_id": job.provider_job_id or None,
        "num_examples": job.num_examples,
        "validation_examples": len(job.artifact.get("validation_example_ids", [])),
        "error": job.error or None,
        "events": job.events,
        "metrics": job.metrics,
        "checkpoints": job.checkpoints,
        "evaluation": evaluation_detail(latest_evaluation(job_id=job.id)),
        "triggered_by_run": str(run) if run else None,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


# --- evaluations ------------------------------------------------------------------------------------


def latest_evaluation(*, job_id) -> FineTuneEvaluation | None:
    return FineTuneEvaluation.objects.filter(job_id=job_id).order_by("-created_at").first()


def _side(pairs: list[EvaluationPair], side: str, model: str, threshold: float) -> dict:
    answered = [p for p in pairs if getattr(p, f"{side}_score") is not None]
    scores = [getattr(p, f"{side}_score") for p in answered]
    # Passed as a run would keep it: the heuristics at the threshold and, with a jury, the judges.
    passed = [p for p in answered if getattr(p, f"{side}_passed")]
    return {
        "model": model,
        "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
        "pass_rate": round(len(passed) / len(scores), 3) if scores else None,
        "answered": len(scores),
    }


def evaluation_detail(evaluation: FineTuneEvaluation | None) -> dict | None:
    """An evaluation as the API shows it (CONTRACT section 6): figures counted from its pairs."""
    if evaluation is None:
        return None
    pairs = list(evaluation.pairs.order_by("index"))
    done = [p for p in pairs if p.status == EvaluationPair.Status.DONE]
    winners = [p.winner for p in done]
    writers = evaluation.writers or {}
    threshold = evaluation.quality_threshold
    return {
        "id": str(evaluation.id),
        "status": evaluation.status,
        "n": len(pairs),
        "completed": sum(1 for p in pairs if p.status != EvaluationPair.Status.PENDING),
        "custom": _side(done, "custom", writers.get("custom", ""), threshold),
        "base": _side(done, "base", writers.get("base", ""), threshold),
        "wins": winners.count(EvaluationPair.Winner.CUSTOM),
        "losses": winners.count(EvaluationPair.Winner.BASE),
        "ties": winners.count(EvaluationPair.Winner.TIE),
        "jury": evaluation.jury,
        "quality_threshold": threshold,
        "error": evaluation.error or None,
        "samples": [
            {
                "index": p.index,
                "genre": p.genre,
                "prompt": p.prompt,
                "style_modifier": p.style_modifier,
                "status": p.status,
                "custom_text": p.custom_text,
                "base_text": p.base_text,
                "custom_score": p.custom_score,
                "base_score": p.base_score,
                "winner": p.winner or None,
                "judgements": p.judgements,
                "error": p.error or None,
            }
            for p in pairs
        ],
        "created_at": evaluation.created_at,
        "finished_at": evaluation.finished_at,
    }
