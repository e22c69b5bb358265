"""Runs: create, execute chunk by chunk, finish, cancel, recover when stalled."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import secrets
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone
from django_q.tasks import async_task

from autotrain import catalog, db, dedup, quality, selectors
from autotrain.llm import registry
from autotrain.llm.base import EnsembleResult, GenerationRequest
from autotrain.llm.stream import GenerationStream, Generating, ItemOutcome
from autotrain.memory import EmbeddingError
from autotrain.models import TrainingExample, TrainingProfile, TrainingRun
from autotrain.services.errors import IdempotencyConflict, RunAlreadyFinished, TooManyActiveRuns
from autotrain.services.finetune import finetune_maybe_autotrigger
from autotrain.services.memory import memory_store_examples
from autotrain.services.users import profile_get_or_create, profile_refresh

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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


def run_execute_chunk(
    *,
    run_id: uuid.UUID | str,
    start: int,
    stop: int,
    progress: Callable[[int], None] | None = None,
    ensemble_factory: Callable[[], Generating[EnsembleResult]] | None = None,
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
        .update(status=Example.Status.RUNNING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    )
    if claimed:
        items = list(
            # By run as well as token: claim_token has no index of its own, (run, status) has.
            Example.objects.filter(run=run, claim_token=token, status=Example.Status.RUNNING).values(
                "id", "index", "genre", "prompt", "style_modifier", "seed"
            )
        )
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
    items: Sequence[Mapping[str, Any]],
    progress: Callable[[int], None] | None,
    ensemble_factory: Callable[[], Generating[EnsembleResult]] | None,
) -> int:
    threshold = run.quality_threshold

    def scorer(text: str, request: GenerationRequest, finish_reason: str | None) -> quality.QualityReport:
        return quality.score(
            text, request.prompt, genre=request.genre, threshold=threshold, finish_reason=finish_reason
        )

    # Shared members: the process keeps their clients and limits across chunks (autotrain.llm.stream).
    factory = ensemble_factory or (
        lambda: registry.build_ensemble(
            scorer=scorer, threshold=threshold, judge_threshold=run.judge_threshold, shared=True
        )
    )
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
    index = _UserDedup.checkout(user_id=run.user_id, threshold=settings.ZEGA_DEDUP_THRESHOLD)
    written = 0
    # Renew well within the claim timeout, so a live worker's claim never looks abandoned.
    renew_every = min(30.0, settings.ZEGA_CLAIM_TIMEOUT_SECONDS / 3)
    last_check = last_renew = time.monotonic()
    with GenerationStream(requests, ensemble_factory=factory) as stream:
        for batch in stream.batches():
            if batch:
                kept_ids: list[int] = []
                count = _write_outcomes(run=run, token=token, outcomes=batch, index=index, kept_ids=kept_ids)
                written += count
                if run.store_in_memory and kept_ids:
                    _store_in_memory(run=run, example_ids=kept_ids)
                if progress is not None:
                    progress(count)
            clock = time.monotonic()
            if clock - last_check >= 1.0:
                last_check = clock
                if TrainingRun.objects.filter(id=run.id, status=TrainingRun.Status.CANCELLED).exists():
                    stream.cancel()
            if clock - last_renew >= renew_every:
                last_renew = clock
                Example.objects.filter(run=run, claim_token=token, status=Example.Status.RUNNING).update(
                    claimed_at=timezone.now()
                )
    # Only after a chunk that ended normally: an exception may have rolled back rows the index holds.
    index.checkin()
    return written


class _UserDedup:
    """The user's kept examples as a MinHash index, kept current across concurrent writers.

    Kept from one chunk to the next in the worker process (`checkout` / `checkin`): loading all of the
    user's signatures at every chunk made each chunk cost more the more the user had kept (a run of
    5,000 spent 40% of its time there). A cached index is brought up to date incrementally like within
    a chunk, then checked against the database once per chunk (count and highest id of the user's kept
    examples, one indexed query); anything it cannot explain (a deleted example, another database after
    a test's rollback) makes it load everything again.
    """

    # Clock differences between worker machines; rows this much older than the last refresh are
    # loaded again (already-known ids are skipped).
    SKEW = timedelta(seconds=5)
    # The process keeps the indexes of its most recent users, up to this many signatures in all.
    CACHE_SIGNATURES = 20_000
    _cache: OrderedDict[tuple[int, float], _UserDedup] = OrderedDict()
    _cache_lock = threading.Lock()

    def __init__(self, *, user_id: int, threshold: float) -> None:
        self.user_id = user_id
        self.threshold = threshold
        self.index = dedup.DedupIndex(threshold=threshold)
        self.known: set[int] = set()
        self.top = 0  # highest known id
        self.refreshed_at = None
        self.verify = False  # check completeness at the next refresh (set when reused from the cache)

    @classmethod
    def checkout(cls, *, user_id: int, threshold: float) -> _UserDedup:
        """The process's cached index of the user (to be verified at its first refresh), or a new one.

        Taken out of the cache while in use, so two chunks of one user in one process (inline tasks on
        a threaded web server) never share one.
        """
        with cls._cache_lock:
            cached = cls._cache.pop((user_id, threshold), None)
        if cached is None:
            return cls(user_id=user_id, threshold=threshold)
        cached.verify = True
        return cached

    def checkin(self) -> None:
        with self._cache_lock:
            cache = self._cache
            cache[(self.user_id, self.threshold)] = self
            cache.move_to_end((self.user_id, self.threshold))
            while len(cache) > 1 and sum(len(i.known) for i in cache.values()) > self.CACHE_SIGNATURES:
                cache.popitem(last=False)

    def _kept_rows(self):
        # No ordering: the model's (run, index) would join the runs table to sort rows nobody needs sorted.
        return Example.objects.filter(
            user_id=self.user_id, status=Example.Status.KEPT, minhash__isnull=False
        ).order_by()

    def refresh(self, now) -> None:
        rows = self._kept_rows()
        if self.refreshed_at is not None:
            # Ids first: most rows of the skew window are known already, their signatures need no reading.
            recent = rows.filter(finished_at__gte=self.refreshed_at - self.SKEW).values_list("id", flat=True)
            rows = rows.filter(id__in=[pk for pk in recent if pk not in self.known])
        for pk, signature in rows.values_list("id", "minhash"):
            if pk not in self.known:
                self.add(pk, bytes(signature))
        if self.verify:
            self.verify = False
            found = self._kept_rows().aggregate(n=Count("id"), top=Max("id"))
            if found["n"] != len(self.known) or (found["top"] or 0) != self.top:
                # Not exactly the user's kept examples: start over from the database.
                self.forget()
                self.refresh(now)
                return
        self.refreshed_at = now

    def forget(self) -> None:
        """Drop everything: the next refresh loads the user's kept examples from the database."""
        self.index = dedup.DedupIndex(threshold=self.threshold)
        self.known, self.top, self.refreshed_at = set(), 0, None

    def add(self, pk: int, signature: bytes) -> None:
        self.known.add(pk)
        self.top = max(self.top, pk)
        self.index.add(pk, signature)


def _store_in_memory(*, run: TrainingRun, example_ids: list[int]) -> None:
    """Store a batch's kept examples in memory, after (never inside) the batch's write transaction.

    An embedder that is down must not cost the run its examples: they stay kept, the run's
    stored_in_memory_count says how many made it, and `manage.py reembed_memory` stores the rest later.
    """
    try:
        memory_store_examples(example_ids=example_ids)
    except EmbeddingError as exc:
        logger.warning("run %s: %d kept examples not stored in memory: %s", run.id, len(example_ids), exc)


def _write_outcomes(
    *,
    run: TrainingRun,
    token: uuid.UUID,
    outcomes: list[ItemOutcome[EnsembleResult]],
    index: _UserDedup,
    kept_ids: list[int] | None = None,
) -> int:
    """Write a batch of outcomes over the claim; returns how many were written. The ids of the
    examples this call kept are appended to `kept_ids` when given."""
    # Everything that needs no lock first (text features, signatures, candidates as JSON): the per-user
    # lock below is held only for the dedup decisions and the writes themselves.
    prepared = [(outcome.item_id, _outcome_choices(outcome)) for outcome in outcomes]
    judged = [outcome.result.jury for outcome in outcomes if outcome.result is not None]
    with transaction.atomic():
        # One writer per user at a time (PostgreSQL row lock; SQLite serialises writers anyway), and the
        # clock is read after the lock, so the dedup refresh sees every example kept before this batch.
        TrainingProfile.objects.select_for_update().filter(user_id=run.user_id).first()
        now = timezone.now()
        index.refresh(now)
        kept: list[int] = []
        rows: list[tuple[int, dict]] = []
        for item_id, choices in prepared:
            fields, signature = _decide_duplicate(choices, index)
            if signature is not None:
                # Added before the write, so a near-repeat later in this batch is caught too.
                index.add(item_id, signature)
                kept.append(item_id)
            fields["finished_at"] = now
            rows.append((item_id, fields))
        written = db.update_rows_where(
            Example,
            rows,
            columns=WRITTEN_COLUMNS,
            where={"run": run.id, "claim_token": token, "status": Example.Status.RUNNING},
        )
        if not written.issuperset(kept):
            # A claim was lost (expired and taken over): the index holds a signature that is not the
            # user's; it is rebuilt from the database at the next refresh.
            index.forget()
        counters: dict = {"heartbeat_at": now}
        if any(j.requests for j in judged):
            counters.update(
                judge_requests=F("judge_requests") + sum(j.requests for j in judged),
                judge_prompt_tokens=F("judge_prompt_tokens") + sum(j.prompt_tokens for j in judged),
                judge_completion_tokens=F("judge_completion_tokens") + sum(j.completion_tokens for j in judged),
            )
        TrainingRun.objects.filter(id=run.id).update(**counters)
    if kept_ids is not None:
        kept_ids.extend(item_id for item_id in kept if item_id in written)
    return len(written)


# What a written item's row holds; an item gets every one of them (those its outcome does not set keep
# the model's default), so a batch of items is one UPDATE.
WRITTEN_COLUMNS = (
    "status",
    "reject_reason",
    "reject_detail",
    "text",
    "raw_text",
    "quality_score",
    "quality_breakdown",
    "candidates",
    "votes",
    "winning_model",
    "judge_score",
    "judge_status",
    "judgements",
    "latency",
    "prompt_tokens",
    "completion_tokens",
    "char_count",
    "sentence_count",
    "has_dialogue",
    "minhash",
    "claim_token",
    "finished_at",
)

# A choice of what an item's row becomes: its fields, and the MinHash signature of its text when it
# passed every check but dedup (None: the fields are final).
Choice = tuple[dict, bytes | None]


def _column_default(name: str) -> Any:
    field = Example._meta.get_field(name)
    assert isinstance(field, models.Field)  # WRITTEN_COLUMNS are the model's own columns, never relations
    return field.get_default()


def _outcome_choices(outcome: ItemOutcome[EnsembleResult]) -> list[Choice]:
    """The item's row as written (every WRITTEN_COLUMNS but finished_at), for each candidate it may keep,
    best first: the winner, then the next candidates that passed, in case the winner nearly repeats
    the user's data (decided under the lock by _decide_duplicate). A rejected item has one, final choice."""
    blank = {name: _column_default(name) for name in WRITTEN_COLUMNS}
    blank["claim_token"] = None
    result = outcome.result
    if result is None or result.winner is None:
        errors = outcome.error or "; ".join(
            f"{c.model}: {c.error}" for c in (result.candidates if result else []) if c.error
        )
        blank.update(
            status=Example.Status.REJECTED,
            reject_reason=Example.RejectReason.GENERATION_ERROR,
            reject_detail=errors or "no member answered",
            candidates=[c.as_dict() for c in result.candidates] if result else [],
        )
        return [(blank, None)]
    blank.update(
        candidates=[c.as_dict() for c in result.candidates],
        votes={c.model: c.score for c in result.candidates if c.score is not None},
        judge_status=result.jury.status,
    )
    winner = result.winner
    report: quality.QualityReport = winner.report
    if not report.kept:
        reason = Example.RejectReason.TRUNCATED if report.truncated else Example.RejectReason.LOW_QUALITY
        fields = _candidate_fields(blank, winner)
        fields.update(status=Example.Status.REJECTED, reject_reason=reason, reject_detail=report.reject_reason or "")
        return [(fields, None)]
    if result.jury_rejection is not None:
        fields = _candidate_fields(blank, winner)
        fields.update(
            status=Example.Status.REJECTED,
            reject_reason=Example.RejectReason.JUDGE,
            reject_detail=result.jury_rejection,
        )
        return [(fields, None)]
    choices: list[Choice] = []
    for candidate in result.ranked or [winner]:
        fields = _candidate_fields(blank, candidate)
        fields["minhash"] = signature = dedup.signature(fields["text"])
        choices.append((fields, signature))
    return choices


def _candidate_fields(blank: dict, candidate) -> dict:
    report: quality.QualityReport = candidate.report
    features = quality.text_features(report.text)
    return {
        **blank,
        "text": report.text,
        "raw_text": candidate.text or "",
        "quality_score": report.score,
        "quality_breakdown": report.breakdown,
        "winning_model": candidate.model,
        "judge_score": candidate.judge_score,
        "judgements": candidate.judgements,
        "latency": candidate.latency,
        "prompt_tokens": candidate.prompt_tokens,
        "completion_tokens": candidate.completion_tokens,
        "char_count": features.char_count,
        "sentence_count": features.sentence_count,
        "has_dialogue": features.has_dialogue,
    }


def _decide_duplicate(choices: list[Choice], index: _UserDedup) -> Choice:
    """The row to write and, when it is kept, its signature (under the user's lock).

    The first choice that does not nearly repeat one of the user's kept examples is kept; when every
    one does, the first is rejected as a duplicate."""
    first_duplicate: tuple[dict, Hashable] | None = None
    for fields, signature in choices:
        if signature is None:
            return fields, None
        duplicate_of = index.index.find_duplicate(signature)
        if duplicate_of is None:
            fields["status"] = Example.Status.KEPT
            return fields, signature
        if first_duplicate is None:
            first_duplicate = (fields, duplicate_of)
    assert first_duplicate is not None  # choices is never empty
    fields, duplicate_of = first_duplicate
    fields.update(
        status=Example.Status.REJECTED,
        reject_reason=Example.RejectReason.DUPLICATE,
        reject_detail=f"nearly repeats example {duplicate_of}",
    )
    return fields, None


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
