"""django-q2 entry points: they take ids, call services, and nothing else."""

from __future__ import annotations

from autotrain import services


def run_chunk(run_id: str, start: int, stop: int) -> int:
    return services.run_execute_chunk(run_id=run_id, start=start, stop=stop)


def requeue_stalled() -> int:
    return services.runs_requeue_stalled() + services.evaluations_requeue_stalled()


def evaluation_chunk(evaluation_id: str, start: int, stop: int) -> int:
    return services.evaluation_execute_chunk(evaluation_id=evaluation_id, start=start, stop=stop)


def finetune_execute(job_id: str) -> str | None:
    job = services.finetune_job_execute(job_id=job_id)
    return job.status if job is not None else None


def finetune_poll_active() -> int:
    return services.finetune_jobs_poll_active()
