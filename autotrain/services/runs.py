"""Runs: create, execute chunk by chunk, finish, cancel, recover when stalled."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django_q.tasks import async_task

from autotrain import catalog, dedup, quality, selectors
from autotrain.llm import registry
from autotrain.llm.base import GenerationRequest
from autotrain.models import TrainingExample, TrainingProfile, TrainingRun
from autotrain.pipeline import GenerationStream, ItemOutcome
from autotrain.services.errors import IdempotencyConflict, RunAlreadyFinished, TooManyActiveRuns
from autotrain.services.users import profile_get_or_create, profile_refresh

logger = logging.getLogger(__name__)

Example = TrainingExample
RUNNING_ITEMS = Q(status=Example.Status.RUNNING)


# --- runs ----------------------------------------------------------------------------------------


def request_fingerprint(payload: dict) -> str:
    """A stable digest of a validated request body, to tell a replay from a different request."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def run_create(
    *,
    user: AbstractBaseUser,
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

    chosen_seed = secrets.randbits(63) if seed is None else seed
    items = catalog.plan_items(seed=chosen_seed, num_examples=num_examples, genres=folded)
    try:
        with transaction.atomic():
            profile = profile_get_or_create(user=user)
            # Serialises run creation per user, so two requests cannot both pass the active-run limit.
            TrainingProfile.objects.select_for_update().filter(pk=profile.pk).first()
            active = TrainingRun.objects.filter(user=user, status__in=TrainingRun.UNFINISHED).count()
            if active >= settings.ZEGA_MAX_ACTIVE_RUNS:
                raise TooManyActiveRuns(
                    f"You already have {active} unfinished runs (the limit is {settings.ZEGA_MAX_ACTIVE_RUNS}); "
                    "wait for one to finish or cancel it."
                )
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
                idempotency_key=idempotency_key,
                request_fingerprint=fingerprint,
            )
            Example.objects.bulk_create(
                [
                    Example(
                        run=run,
                        user=user,
                        index=item.index,
                        genre=item.genre,
                        prompt=item.prompt,
                        style_modifier=item.style_modifier,
                        seed=item.seed,
                    )
                    for item in items
                ],
                batch_size=500,
            )
            if enqueue:
                transaction.on_commit(lambda: run_enqueue_chunks(run=run))
    except IntegrityError:
        # A concurrent request with the same idempotency key won the race: answer with its run.
        if idempotency_key:
            existing = _run_for_idempotency_key(user=user, key=idempotency_key, fingerprint=fingerprint)
            if existing is not None:
                return existing, False
        raise
    return run, True


def _run_for_idempotency_key(*, user: AbstractBaseUser, key: str, fingerprint: str) -> TrainingRun | None:
    existing = TrainingRun.objects.filter(user=user, idempotency_key=key).first()
    if existing is not None and existing.request_fingerprint != fingerprint:
        raise IdempotencyConflict("This Idempotency-Key was already used with a different request body.")
    return existing


def run_enqueue_chunks(*, run: TrainingRun, starts: Sequence[int] | None = None) -> int:
    """Put the run's chunk tasks (all, or those starting at `starts`) on the task queue."""
    chunk = run.chunk_size
    starts = range(0, run.num_examples, chunk) if starts is None else starts
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


def run_execute_chunk(
    *,
    run_id: uuid.UUID | str,
    start: int,
    stop: int,
    progress: Callable[[int], None] | None = None,
    ensemble_factory: Callable[[], object] | None = None,
) -> int:
    """Generate, score, dedup and write the still-pending items with start <= index < stop.

    Safe to deliver twice or to several workers at once: items are claimed with a conditional update,
    results are written only over the claim, so no index is generated or written twice.
    Returns how many items this call wrote. Finishes the run when it wrote the last item.
    """
    run = TrainingRun.objects.filter(id=run_id).first()
    if run is None or run.is_finished:
        return 0
    now = timezone.now()
    TrainingRun.objects.filter(id=run.id, status=TrainingRun.Status.QUEUED).update(
        status=TrainingRun.Status.RUNNING, started_at=now, heartbeat_at=now
    )
    token = uuid.uuid4()
    claimable = Q(status=Example.Status.PENDING) | (
        RUNNING_ITEMS & Q(claimed_at__lt=now - timedelta(seconds=settings.ZEGA_CLAIM_TIMEOUT_SECONDS))
    )
    claimed = (
        Example.objects.filter(run=run, index__gte=start, index__lt=stop)
        .filter(claimable)
        .update(status=Example.Status.RUNNING, claim_token=token, claimed_at=now)
    )
    if claimed:
        items = list(
            Example.objects.filter(claim_token=token, status=Example.Status.RUNNING).values(
                "id", "index", "genre", "prompt", "style_modifier", "seed"
            )
        )
        Example.objects.filter(claim_token=token).update(attempts=F("attempts") + 1)
        written = _generate_and_write(
            run=run, token=token, items=items, progress=progress, ensemble_factory=ensemble_factory
        )
    else:
        written = 0
    if not Example.objects.filter(run=run, status__in=Example.UNFINISHED).exists():
        run_finish(run_id=run.id)
    return written


def _generate_and_write(
    *,
    run: TrainingRun,
    token: uuid.UUID,
    items: list[dict],
    progress: Callable[[int], None] | None,
    ensemble_factory: Callable[[], object] | None,
) -> int:
    threshold = run.quality_threshold

    def scorer(text: str, request: GenerationRequest) -> quality.QualityReport:
        return quality.score(text, request.prompt, genre=request.genre, threshold=threshold)

    factory = ensemble_factory or (lambda: registry.build_ensemble(scorer=scorer, threshold=threshold))
    requests = [
        (
            item["id"],
            GenerationRequest(
                genre=item["genre"],
                prompt=item["prompt"],
                style_modifier=item["style_modifier"],
                seed=item["seed"],
                run_id=str(run.id),
                index=item["index"],
            ),
        )
        for item in items
    ]
    index = _UserDedup(user_id=run.user_id, threshold=settings.ZEGA_DEDUP_THRESHOLD)
    written = 0
    # Renew well within the claim timeout, so a live worker's claim never looks abandoned.
    renew_every = min(30.0, settings.ZEGA_CLAIM_TIMEOUT_SECONDS / 3)
    last_check = last_renew = time.monotonic()
    with GenerationStream(requests, ensemble_factory=factory) as stream:
        for batch in stream.batches():
            if batch:
                count = _write_outcomes(run=run, token=token, outcomes=batch, index=index)
                written += count
                if progress is not None:
                    progress(count)
            clock = time.monotonic()
            if clock - last_check >= 1.0:
                last_check = clock
                if TrainingRun.objects.filter(id=run.id, status=TrainingRun.Status.CANCELLED).exists():
                    stream.cancel()
            if clock - last_renew >= renew_every:
                last_renew = clock
                Example.objects.filter(claim_token=token, status=Example.Status.RUNNING).update(
                    claimed_at=timezone.now()
                )
    return written


class _UserDedup:
    """The user's kept examples as a MinHash index, kept current across concurrent writers."""

    # Clock differences between worker machines; rows this much older than the last refresh are
    # loaded again (already-known ids are skipped).
    SKEW = timedelta(seconds=5)

    def __init__(self, *, user_id: int, threshold: float) -> None:
        self.user_id = user_id
        self.index = dedup.DedupIndex(threshold=threshold)
        self.known: set[int] = set()
        self.refreshed_at = None

    def refresh(self, now) -> None:
        rows = Example.objects.filter(user_id=self.user_id, status=Example.Status.KEPT, minhash__isnull=False)
        if self.refreshed_at is not None:
            rows = rows.filter(finished_at__gte=self.refreshed_at - self.SKEW)
        for pk, signature in rows.values_list("id", "minhash"):
            if pk not in self.known:
                self.add(pk, bytes(signature))
        self.refreshed_at = now

    def add(self, pk: int, signature: bytes) -> None:
        self.known.add(pk)
        self.index.add(pk, signature)


def _write_outcomes(
    *, run: TrainingRun, token: uuid.UUID, outcomes: list[ItemOutcome], index: _UserDedup
) -> int:
    written = 0
    with transaction.atomic():
        # One writer per user at a time (PostgreSQL row lock; SQLite serialises writers anyway), and the
        # clock is read after the lock, so the dedup refresh sees every example kept before this batch.
        TrainingProfile.objects.select_for_update().filter(user_id=run.user_id).first()
        now = timezone.now()
        index.refresh(now)
        for outcome in outcomes:
            fields, signature = _outcome_fields(outcome, index)
            fields["finished_at"] = now
            updated = Example.objects.filter(
                id=outcome.item_id, claim_token=token, status=Example.Status.RUNNING
            ).update(**fields)
            if updated:
                written += 1
                if fields["status"] == Example.Status.KEPT:
                    index.add(outcome.item_id, signature)
        TrainingRun.objects.filter(id=run.id).update(heartbeat_at=now)
    return written


def _outcome_fields(outcome: ItemOutcome, index: _UserDedup) -> tuple[dict, bytes | None]:
    result = outcome.result
    if result is None or result.winner is None:
        errors = outcome.error or "; ".join(
            f"{c.model}: {c.error}" for c in (result.candidates if result else []) if c.error
        )
        return (
            {
                "status": Example.Status.REJECTED,
                "reject_reason": Example.RejectReason.GENERATION_ERROR,
                "reject_detail": errors or "no member answered",
                "candidates": [c.as_dict() for c in result.candidates] if result else [],
            },
            None,
        )
    winner = result.winner
    report: quality.QualityReport = result.report  # type: ignore[assignment]
    features = quality.text_features(winner.text or "")
    fields = {
        "text": winner.text or "",
        "quality_score": report.score,
        "quality_breakdown": report.breakdown,
        "candidates": [c.as_dict() for c in result.candidates],
        "votes": {c.model: c.score for c in result.candidates if c.score is not None},
        "winning_model": winner.model,
        "latency": winner.latency,
        "prompt_tokens": winner.prompt_tokens,
        "completion_tokens": winner.completion_tokens,
        "char_count": features.char_count,
        "sentence_count": features.sentence_count,
        "has_dialogue": features.has_dialogue,
        "claim_token": None,
    }
    if not report.kept:
        fields.update(
            status=Example.Status.REJECTED,
            reject_reason=Example.RejectReason.LOW_QUALITY,
            reject_detail=report.reject_reason or "",
        )
        return fields, None
    signature = dedup.signature(fields["text"])
    fields["minhash"] = signature
    duplicate_of = index.index.find_duplicate(signature)
    if duplicate_of is not None:
        fields.update(
            status=Example.Status.REJECTED,
            reject_reason=Example.RejectReason.DUPLICATE,
            reject_detail=f"nearly repeats example {duplicate_of}",
        )
        return fields, None
    fields["status"] = Example.Status.KEPT
    return fields, signature


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
