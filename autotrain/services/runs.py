"""Runs: create (with the planned items and the chunk tasks), finish, cancel, recover when stalled.

What a worker does with one chunk of a run (generate, score, dedup, write) is in chunks.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django_q.tasks import async_task

from autotrain import catalog, db, selectors
from autotrain.llm import registry
from autotrain.models import TrainingExample, TrainingProfile, TrainingRun
from autotrain.services.errors import IdempotencyConflict, RunAlreadyFinished, TooManyActiveRuns
from autotrain.services.finetune import finetune_maybe_autotrigger
from autotrain.services.users import profile_get_or_create, profile_refresh

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Example = TrainingExample


def request_fingerprint(payload: dict) -> str:
    """A stable digest of a validated request body, to tell a replay from a different request."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def run_create(
    *,
    user: User,
    num_examples: int,
    genres: Sequence[str] | None = None,
    store_in_memory: bool = False,
    idempotency_key: str = "",
    seed: int | None = None,
    enqueue: bool = True,
) -> tuple[TrainingRun, bool]:
    """Create a run with all its planned items, and enqueue its chunks once committed.

    Returns (run, created); with an `idempotency_key` already used for the same request, the earlier
    run and False. Raises IdempotencyConflict, TooManyActiveRuns, ValueError (bad genres/num).
    """
    folded = catalog.normalize_genres(genres or [])
    fingerprint = request_fingerprint(
        {"user": user.pk, "num_examples": num_examples, "genres": folded, "store_in_memory": store_in_memory}
    )
    if idempotency_key:
        existing = _run_for_idempotency_key(user=user, key=idempotency_key, fingerprint=fingerprint)
        if existing is not None:
            return existing, False

    # Refused before taking the user's lock: a burst of requests over the limit answers 429 side by side
    # instead of queueing on the lock, each holding a server thread (the check under the lock decides).
    _check_active_runs(user=user)
    chosen_seed = secrets.randbits(63) if seed is None else seed
    items = catalog.plan_items(seed=chosen_seed, num_examples=num_examples, genres=folded)
    jury = registry.describe_jury()
    try:
        with transaction.atomic():
            profile = profile_get_or_create(user=user)
            # Serialises run creation per user, so two requests cannot both pass the active-run limit.
            TrainingProfile.objects.select_for_update().filter(pk=profile.pk).first()
            _check_active_runs(user=user)
            run = TrainingRun.objects.create(
                user=user,
                num_examples=num_examples,
                genres=folded,
                store_in_memory=store_in_memory,
                seed=chosen_seed,
                chunk_size=settings.ZEGA_CHUNK_SIZE,
                ensemble=registry.describe_ensemble(),
                strategy=settings.ZEGA_ENSEMBLE_STRATEGY,
                quality_threshold=settings.ZEGA_QUALITY_THRESHOLD,
                jury=jury,
                judge_threshold=settings.ZEGA_JUDGE_THRESHOLD if jury else None,
                idempotency_key=idempotency_key,
                request_fingerprint=fingerprint,
            )
            db.insert_rows(
                Example,
                [
                    {
                        "index": item.index,
                        "genre": item.genre,
                        "prompt": item.prompt,
                        "style_modifier": item.style_modifier,
                        "seed": item.seed,
                    }
                    for item in items
                ],
                common={"run": run.id, "user": user.pk},
            )
            if enqueue and _queue_in_this_database():
                # The ORM broker's queue is a table of this database: the run, its items and its tasks
                # commit together (no run without tasks if the process dies after the commit), and the
                # POST takes the database's write lock once instead of once more per chunk.
                run_enqueue_chunks(run=run)
            elif enqueue:
                transaction.on_commit(lambda: run_enqueue_chunks(run=run))
    except IntegrityError:
        # A concurrent request with the same idempotency key won the race: answer with its run.
        if idempotency_key:
            existing = _run_for_idempotency_key(user=user, key=idempotency_key, fingerprint=fingerprint)
            if existing is not None:
                return existing, False
        raise
    return run, True


def _check_active_runs(*, user: User) -> None:
    active = TrainingRun.objects.filter(user=user, status__in=TrainingRun.UNFINISHED).count()
    if active >= settings.ZEGA_MAX_ACTIVE_RUNS:
        raise TooManyActiveRuns(
            f"You already have {active} unfinished runs (the limit is {settings.ZEGA_MAX_ACTIVE_RUNS}); "
            "wait for one to finish or cancel it."
        )


def _run_for_idempotency_key(*, user: User, key: str, fingerprint: str) -> TrainingRun | None:
    existing = TrainingRun.objects.filter(user=user, idempotency_key=key).first()
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise IdempotencyConflict("This Idempotency-Key was already used with a different request body.")
    return existing


def _queue_in_this_database() -> bool:
    """True when chunk tasks go to the ORM broker's table in the database the runs live in (not Redis,
    not run inline)."""
    return not settings.ZEGA_RUN_TASKS_INLINE and settings.Q_CLUSTER.get("orm") == TrainingRun.objects.db


def run_enqueue_chunks(*, run: TrainingRun, starts: Sequence[int] | None = None) -> int:
    """Put the run's chunk tasks (all, or those starting at `starts`) on the task queue; on the ORM
    broker, in one transaction."""
    chunk = run.chunk_size
    starts = range(0, run.num_examples, chunk) if starts is None else starts
    # No savepoint: inside run_create's transaction, a failure here fails the whole run creation anyway.
    with transaction.atomic(savepoint=False) if _queue_in_this_database() else contextlib.nullcontext():
        for start in starts:
            async_task(
                "autotrain.tasks.run_chunk",
                str(run.id),
                start,
                min(start + chunk, run.num_examples),
                task_name=f"run {run.id} items {start}-{min(start + chunk, run.num_examples) - 1}",
                group=f"run-{run.id}",
                sync=settings.ZEGA_RUN_TASKS_INLINE,
            )
    return len(starts)


def run_finish(*, run_id: uuid.UUID | str) -> bool:
    """Close a run whose items are all written: its final status, the profile, the stats snapshot.

    Idempotent: only the first caller (of several racing chunks) does the work; returns whether it did.
    """
    with transaction.atomic():
        run = TrainingRun.objects.select_for_update().filter(id=run_id).first()
        if run is None or run.is_finished:
            return False
        if Example.objects.filter(run=run, status__in=Example.UNFINISHED).exists():
            return False
        counts = dict(
            Example.objects.filter(run=run)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        errors = Example.objects.filter(run=run, reject_reason=Example.RejectReason.GENERATION_ERROR)
        all_errored = counts.get(Example.Status.KEPT, 0) == 0 and errors.count() == run.num_examples
        run.status = TrainingRun.Status.FAILED if all_errored else TrainingRun.Status.SUCCEEDED
        if all_errored:
            sample = errors.exclude(reject_detail="").values_list("reject_detail", flat=True).first()
            run.error = f"Every generation failed. First error: {sample or 'unknown'}"
        _close_run(run)
    return True


def _close_run(run: TrainingRun) -> None:
    """Stamp a run as finished and record the user's state after it (inside the caller's transaction)."""
    now = timezone.now()
    run.finished_at = now
    run.started_at = run.started_at or now
    profile_refresh(user_id=run.user_id)
    # The job first (enqueued on commit): the stats then say where the user stands with it created (its
    # examples no longer count towards the next fine-tune), as CONTRACT section 6 asks.
    run.finetune_job = finetune_maybe_autotrigger(run=run)
    stats = selectors.user_training_stats(user_id=run.user_id)
    run.training_stats = {key: stats[key] for key in selectors.TRAINING_STATS_FIELDS}
    run.ready_for_finetuning = stats["ready_for_finetuning"]
    run.save()


def run_cancel(*, run: TrainingRun) -> TrainingRun:
    """Stop an unfinished run: its items not yet written end as rejected/cancelled. 409 when finished."""
    with transaction.atomic():
        locked = TrainingRun.objects.select_for_update().get(id=run.id)
        if locked.is_finished:
            raise RunAlreadyFinished(f"Run {run.id} has already finished ({locked.status}).")
        now = timezone.now()
        # Claimed items too: a worker's later write over its claim finds them no longer running.
        Example.objects.filter(run=locked, status__in=Example.UNFINISHED).update(
            status=Example.Status.REJECTED,
            reject_reason=Example.RejectReason.CANCELLED,
            reject_detail="run cancelled before this example was generated",
            claim_token=None,
            finished_at=now,
        )
        locked.status = TrainingRun.Status.CANCELLED
        _close_run(locked)
    return locked


def runs_requeue_stalled() -> int:
    """Re-enqueue chunks of unfinished runs whose items stopped moving (a worker died, a task was lost).

    Run every minute by the cluster's schedule. Returns how many chunks it enqueued.
    """
    now = timezone.now()
    stalled_before = now - timedelta(seconds=settings.ZEGA_STALL_SECONDS)
    expired_before = now - timedelta(seconds=settings.ZEGA_CLAIM_TIMEOUT_SECONDS)
    enqueued = 0
    runs = TrainingRun.objects.filter(status__in=TrainingRun.UNFINISHED).filter(
        Q(heartbeat_at__lt=stalled_before) | Q(heartbeat_at__isnull=True, created_at__lt=stalled_before)
    )
    for run in runs:
        unfinished = Example.objects.filter(run=run, status__in=Example.UNFINISHED)
        claimable = unfinished.filter(Q(status=Example.Status.PENDING) | Q(claimed_at__lt=expired_before))
        indexes = list(claimable.values_list("index", flat=True))
        if not indexes and not unfinished.exists():
            run_finish(run_id=run.id)  # the last writer died between its write and the finish
            continue
        starts = sorted({(i // run.chunk_size) * run.chunk_size for i in indexes})
        if starts:
            logger.warning("run %s stalled; re-enqueueing chunks starting at %s", run.id, starts)
            TrainingRun.objects.filter(id=run.id).update(heartbeat_at=now)
            enqueued += run_enqueue_chunks(run=run, starts=starts)
    return enqueued
