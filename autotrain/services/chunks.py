"""A run's chunk, as a worker executes it: claim the chunk's pending items, generate them through the
ensemble (autotrain.llm.stream), and write each outcome over its claim as it arrives, in batches.

An outcome becomes its item's row in `_outcome_choices` (kept, or rejected with its reason), the
near-duplicate check against the user's kept examples is decided under the user's lock in
`_write_outcomes`, with the worker's cached index of the user (dedup_cache.py). The chunk that writes a
run's last item finishes the run (runs.run_finish).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from autotrain import db, dedup, quality
from autotrain.llm import registry
from autotrain.llm.base import EnsembleResult, GenerationRequest
from autotrain.llm.stream import GenerationStream, Generating, ItemOutcome
from autotrain.embeddings import EmbeddingError
from autotrain.models import TrainingExample, TrainingProfile, TrainingRun
from autotrain.services.claims import ClaimWatch
from autotrain.services.dedup_cache import UserDedup
from autotrain.services.memory import memory_store_examples
from autotrain.services.runs import run_finish

logger = logging.getLogger(__name__)

Example = TrainingExample
RUNNING_ITEMS = Q(status=Example.Status.RUNNING)


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
    index = UserDedup.checkout(user_id=run.user_id, threshold=settings.ZEGA_DEDUP_THRESHOLD)
    written = 0
    watch = ClaimWatch(
        cancelled=TrainingRun.objects.filter(id=run.id, status=TrainingRun.Status.CANCELLED).exists,
        renew=lambda: Example.objects.filter(run=run, claim_token=token, status=Example.Status.RUNNING).update(
            claimed_at=timezone.now()
        ),
    )
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
            watch.tick(stream)
    # Only after a chunk that ended normally: an exception may have rolled back rows the index holds.
    index.checkin()
    return written


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
    index: UserDedup,
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


def _decide_duplicate(choices: list[Choice], index: UserDedup) -> Choice:
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
