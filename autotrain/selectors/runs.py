"""Reads of runs: a run's summary as the API shows it (counted from its rows, and kept briefly while
the run is polled), and a user's runs."""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from autotrain.models import FineTuneJob, TrainingExample, TrainingRun
from autotrain.selectors.examples import REJECT_REASONS
from autotrain.selectors.finetune import TRAINING_STATS_FIELDS, finetune_job_brief, user_training_stats

Example = TrainingExample


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
    failures = {reason: 0 for reason in REJECT_REASONS}
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


