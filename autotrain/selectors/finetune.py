"""Reads of fine-tuning: how close a user is to the next fine-tune, their custom model, jobs and
evaluations as the API shows them."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet

from autotrain.models import EvaluationPair, FineTuneEvaluation, FineTuneJob, TrainingProfile
from autotrain.selectors.examples import kept_examples

TRAINING_STATS_FIELDS = ("training_examples", "examples_until_next_training", "custom_model_exists")


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


def custom_model_job(*, user_id: int) -> FineTuneJob | None:
    """The job whose model is the user's custom model: their latest success."""
    return (
        FineTuneJob.objects.filter(user_id=user_id, status=FineTuneJob.Status.SUCCEEDED)
        .exclude(model_name="")
        .order_by("-finished_at", "-created_at")
        .first()
    )


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
