"""Evaluations: the custom model of a succeeded job and its base write the same held-out prompts.

- `evaluation_start` (one transaction, the job row locked): refuses a job that has not succeeded or
  whose evaluation is still unfinished (409), chooses the held-out prompts (autotrain.finetune.evaluation),
  creates the evaluation with one pair per prompt, and enqueues its chunks once committed.
- `evaluation_execute_chunk` (a task): claims the chunk's pending pairs (as run items are claimed), has
  both writers answer each one concurrently on the process's generation loop (autotrain.llm.stream, the
  members' concurrency and rate limits shared with runs), scores each answer as a run does (cleaning,
  heuristics, the jury when configured) and, with a jury, has the judges compare the two texts blind.
  Each pair is written with a conditional update over its claim, so a chunk delivered twice redoes
  nothing; the chunk that writes the last pair finishes the evaluation. The writers are /generate's
  (services.generation.custom_writer / base_writer); with a jury, the judges referee the pair instead of
  also picking among an ensemble's candidates, so both sides are written the same way.
- `evaluation_cancel`: pending pairs end `cancelled`, and so does the evaluation; a running chunk sees it
  within a second and stops taking new pairs (its writes over cancelled pairs change nothing).
- `evaluation_after_success` (on commit of a job's success, with ZEGA_AUTO_EVALUATE) and
  `evaluations_requeue_stalled` (the minute schedule) start and recover them by themselves.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django_q.tasks import async_task

from autotrain import catalog
from autotrain.finetune import evaluation as rules
from autotrain.llm import registry as llm_registry
from autotrain.llm.base import Candidate, GenerationRequest
from autotrain.llm.stream import GenerationStream, ItemOutcome
from autotrain.models import EvaluationPair, FineTuneEvaluation, FineTuneJob, TrainingExample
from autotrain.services.claims import ClaimWatch
from autotrain.services.errors import ServiceError
from autotrain.services.generation import Writer, Written, base_writer, custom_writer, open_writer, write

logger = logging.getLogger(__name__)

Evaluation = FineTuneEvaluation
Pair = EvaluationPair


class EvaluationNotPossible(ServiceError):
    status = 409


class EvaluationUnfinished(ServiceError):
    status = 409


# --- start -----------------------------------------------------------------------------------------


def evaluation_start(*, job: FineTuneJob, enqueue: bool = True) -> FineTuneEvaluation:
    """A new evaluation of `job`'s model against its base, its chunks enqueued once committed."""
    with transaction.atomic():
        locked = FineTuneJob.objects.select_for_update().select_related("user").get(id=job.id)
        if locked.status != FineTuneJob.Status.SUCCEEDED or not locked.model_name:
            raise EvaluationNotPossible(
                f"Fine-tune job {job.id} is {locked.status}: only a succeeded job's model can be evaluated."
            )
        unfinished = Evaluation.objects.filter(job=locked, status__in=Evaluation.UNFINISHED).first()
        if unfinished is not None:
            raise EvaluationUnfinished(
                f"Evaluation {unfinished.id} of this job is still {unfinished.status}; wait for it or cancel it."
            )
        genres = rules.genres_by_preference(_kept_counts(locked))
        prompts = rules.choose_prompts(
            seed=rules.evaluation_seed(locked.id),
            n=settings.ZEGA_EVAL_PROMPTS,
            genres=genres,
            trained_on=_trained_on(locked),
            then=[genre for genre in catalog.GENRE_KEYS if genre not in genres],
        )
        evaluation = Evaluation.objects.create(
            job=locked,
            writers={"custom": custom_writer(locked).label, "base": base_writer(locked).label},
            jury=[judge["name"] for judge in llm_registry.describe_jury()],
            quality_threshold=settings.ZEGA_QUALITY_THRESHOLD,
        )
        Pair.objects.bulk_create(
            Pair(
                evaluation=evaluation,
                index=p.index,
                genre=p.genre,
                prompt=p.prompt,
                style_modifier=p.style_modifier,
                seed=p.seed,
            )
            for p in prompts
        )
        if not prompts:
            _close(evaluation.id, error="Every catalog prompt and style was in the training set.")
        elif enqueue:
            transaction.on_commit(lambda: evaluation_enqueue_chunks(evaluation_id=evaluation.id))
    return evaluation


def _kept_counts(job: FineTuneJob) -> dict[str, int]:
    from autotrain import selectors

    kept = selectors.kept_examples(user_id=job.user_id).order_by().values_list("genre")
    return dict(kept.annotate(n=Count("id")).values_list("genre", "n"))


def _trained_on(job: FineTuneJob) -> set[tuple[str, str]]:
    """The (prompt, style) pairs of the job's examples: the ones it took, and the ids its artifact kept."""
    ids = set(job.artifact.get("training_example_ids", [])) | set(job.artifact.get("validation_example_ids", []))
    examples = TrainingExample.objects.filter(Q(finetune_job=job) | Q(id__in=ids))
    return set(examples.values_list("prompt", "style_modifier"))


def pairs_per_chunk() -> int:
    # Each pair is two stories: half a run's chunk of items keeps a chunk's requests alike.
    return max(1, settings.ZEGA_CHUNK_SIZE // 2)


def evaluation_enqueue_chunks(*, evaluation_id: uuid.UUID | str, ranges: list[tuple[int, int]] | None = None) -> int:
    """Put the evaluation's chunk tasks (all of them, or `ranges` of pair indexes) on the task queue."""
    if ranges is None:
        n = Pair.objects.filter(evaluation_id=uuid.UUID(str(evaluation_id))).count()
        size = pairs_per_chunk()
        ranges = [(start, min(start + size, n)) for start in range(0, n, size)]
    for start, stop in ranges:
        async_task(
            "autotrain.tasks.evaluation_chunk",
            str(evaluation_id),
            start,
            stop,
            task_name=f"evaluation {evaluation_id} pairs {start}-{stop - 1}",
            group=f"evaluation-{evaluation_id}",
            sync=settings.ZEGA_RUN_TASKS_INLINE,
        )
    return len(ranges)


def evaluation_after_success(*, job_id: uuid.UUID | str) -> FineTuneEvaluation | None:
    """A job just succeeded: evaluate its model when ZEGA_AUTO_EVALUATE is on. Never raises: the job's
    success stands whatever happens here."""
    if not settings.ZEGA_AUTO_EVALUATE:
        return None
    job = FineTuneJob.objects.filter(id=job_id).first()
    if job is None:
        return None
    try:
        return evaluation_start(job=job)
    except ServiceError as exc:
        logger.info("job %s: no automatic evaluation: %s", job_id, exc)
    except Exception:
        logger.exception("job %s: starting the automatic evaluation failed", job_id)
    return None


# --- execute ---------------------------------------------------------------------------------------


@dataclass
class PairResult:
    custom: Written
    base: Written
    # With a jury: each side's candidate as the judges saw it (judge_score, judgements), if it passed.
    judged: dict[str, Candidate] = field(default_factory=dict)
    approved: dict[str, bool] = field(default_factory=dict)
    # {judge: {"preferred": "custom"|"base"|"tie", "reason"}}
    preferences: dict[str, dict] = field(default_factory=dict)


class PairWriter:
    """Both sides of one pair, for GenerationStream: built inside the generation loop, from the
    process's shared members (their concurrency and rate limits hold across runs and evaluations)."""

    def __init__(self, *, custom: Writer, base: Writer, threshold: float, evaluation_id: str) -> None:
        self.writers = {"custom": custom, "base": base}
        self.threshold = threshold
        self.evaluation_id = evaluation_id
        # The jury is the referee here, so it does not also pick inside a side's ensemble.
        self.through = {side: open_writer(w, threshold=threshold, shared=True, jury=False) for side, w in self.writers.items()}
        self.jury = llm_registry.build_jury(shared=True)

    async def generate(self, request: GenerationRequest) -> PairResult:
        custom, base = await asyncio.gather(
            *(write(self.writers[side], self.through[side], request, threshold=self.threshold) for side in ("custom", "base"))
        )
        result = PairResult(custom=custom, base=base)
        if self.jury is None:
            return result
        sides = {"custom": custom, "base": base}
        passing = {
            side: Candidate(model=side, text=w.raw_text, score=w.report.score, report=w.report)
            for side, w in sides.items()
            if w.error is None and w.report is not None and w.report.kept
        }
        if passing:
            await self.jury.judge(request, list(passing.values()))
            result.judged = passing
            result.approved = {side: self.jury.approves(c) for side, c in passing.items()}
        if custom.error is None and base.error is None:
            result.preferences, _cost = await self.jury.compare(
                request, {"custom": custom.text, "base": base.text}, seed=f"{self.evaluation_id}:{request.index}"
            )
        return result

    async def aclose(self) -> None:
        return None  # shared members stay open for the process's next chunk


def evaluation_execute_chunk(*, evaluation_id: uuid.UUID | str, start: int, stop: int) -> int:
    """Write the still-pending pairs with start <= index < stop; returns how many this call wrote.
    Finishes the evaluation when no pair is left pending."""
    evaluation = Evaluation.objects.select_related("job", "job__user").filter(id=evaluation_id).first()
    if evaluation is None or evaluation.status not in Evaluation.UNFINISHED:
        return 0
    now = timezone.now()
    Evaluation.objects.filter(id=evaluation.id, status=Evaluation.Status.PENDING).update(
        status=Evaluation.Status.RUNNING, started_at=now
    )
    token = uuid.uuid4()
    expired = now - timedelta(seconds=settings.ZEGA_CLAIM_TIMEOUT_SECONDS)
    claimed = (
        Pair.objects.filter(evaluation=evaluation, index__gte=start, index__lt=stop, status=Pair.Status.PENDING)
        .filter(Q(claim_token__isnull=True) | Q(claimed_at__lt=expired))
        .update(claim_token=token, claimed_at=now)
    )
    written = _write_pairs(evaluation, token) if claimed else 0
    if not Pair.objects.filter(evaluation=evaluation, status=Pair.Status.PENDING).exists():
        evaluation_finish(evaluation_id=evaluation.id)
    return written


def _write_pairs(evaluation: FineTuneEvaluation, token: uuid.UUID) -> int:
    job = evaluation.job
    pairs = list(Pair.objects.filter(evaluation=evaluation, claim_token=token, status=Pair.Status.PENDING))
    requests = [
        (
            pair.id,
            GenerationRequest(
                genre=pair.genre,
                prompt=pair.prompt,
                style_modifier=pair.style_modifier,
                seed=pair.seed,
                run_id=f"evaluation-{evaluation.id}",
                index=pair.index,
            ),
        )
        for pair in pairs
    ]
    custom, base = custom_writer(job), base_writer(job)
    threshold = evaluation.quality_threshold

    def factory() -> PairWriter:
        return PairWriter(custom=custom, base=base, threshold=threshold, evaluation_id=str(evaluation.id))

    written = 0
    watch = ClaimWatch(
        cancelled=Evaluation.objects.filter(id=evaluation.id, status=Evaluation.Status.CANCELLED).exists,
        renew=lambda: Pair.objects.filter(
            evaluation=evaluation, claim_token=token, status=Pair.Status.PENDING
        ).update(claimed_at=timezone.now()),
    )
    with GenerationStream(requests, ensemble_factory=factory) as stream:
        for batch in stream.batches():
            for outcome in batch:
                written += _write_pair(evaluation, token, outcome)
            watch.tick(stream)
    return written


def _write_pair(evaluation: FineTuneEvaluation, token: uuid.UUID, outcome: ItemOutcome[PairResult]) -> int:
    """One pair's row over its claim (0 when the claim was lost or the pair cancelled meanwhile)."""
    result = outcome.result
    now = timezone.now()
    if result is None:
        fields: dict = {"status": Pair.Status.FAILED, "error": outcome.error or "no answer"}
    else:
        fields = {
            **_side_fields("custom", result, evaluation.quality_threshold),
            **_side_fields("base", result, evaluation.quality_threshold),
            "judgements": result.preferences,
        }
        custom_score = fields["custom_score"] if result.custom.error is None else None
        base_score = fields["base_score"] if result.base.error is None else None
        preferences = [p["preferred"] for p in result.preferences.values()]
        decided = rules.winner(custom_score=custom_score, base_score=base_score, preferences=preferences)
        errors = [f"{side}: {w.error}" for side, w in (("custom", result.custom), ("base", result.base)) if w.error]
        fields.update(
            status=Pair.Status.DONE if decided is not None else Pair.Status.FAILED,
            winner=decided or "",
            error="; ".join(errors),
        )
    fields.update(claim_token=None, finished_at=now)
    return Pair.objects.filter(
        id=outcome.item_id, evaluation=evaluation, claim_token=token, status=Pair.Status.PENDING
    ).update(**fields)


def _side_fields(side: str, result: PairResult, threshold: float) -> dict:
    written: Written = getattr(result, side)
    if written.error is not None or written.report is None:
        return {f"{side}_text": "", f"{side}_score": None, f"{side}_passed": False, f"{side}_breakdown": {}}
    report = written.report
    passed = report.kept and report.score >= threshold and result.approved.get(side, True)
    judged = result.judged.get(side)
    breakdown = {
        "quality": report.breakdown,
        "reject_reason": report.reject_reason,
        "writer": written.writer,
        "member": written.member,
        "finish_reason": written.finish_reason,
        "judge_score": judged.judge_score if judged is not None else None,
        "judgements": judged.judgements if judged is not None else {},
    }
    return {
        f"{side}_text": written.text,
        f"{side}_score": report.score,
        f"{side}_passed": passed,
        f"{side}_breakdown": breakdown,
    }


def evaluation_finish(*, evaluation_id: uuid.UUID | str) -> bool:
    """Close an evaluation whose pairs are all written; idempotent (only the first caller does it)."""
    with transaction.atomic():
        evaluation = Evaluation.objects.select_for_update().filter(id=evaluation_id).first()
        if evaluation is None or evaluation.status not in Evaluation.UNFINISHED:
            return False
        counts = dict(evaluation.pairs.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
        if counts.get(Pair.Status.PENDING):
            return False
        failed = counts.get(Pair.Status.FAILED, 0)
        error = ""
        if failed and failed == sum(counts.values()):
            sample = evaluation.pairs.exclude(error="").values_list("error", flat=True).first()
            error = f"No pair could be compared. First error: {sample or 'unknown'}"
        _close(evaluation.id, error=error)
    return True


def _close(evaluation_id, *, error: str = "") -> None:
    status = Evaluation.Status.FAILED if error else Evaluation.Status.SUCCEEDED
    now = timezone.now()
    Evaluation.objects.filter(id=evaluation_id, status__in=Evaluation.UNFINISHED).update(
        status=status, error=error, finished_at=now
    )


# --- cancel, recover -------------------------------------------------------------------------------


def evaluation_cancel(*, evaluation: FineTuneEvaluation) -> FineTuneEvaluation:
    """Stop an unfinished evaluation: its pending pairs end cancelled. 409 when it already finished."""
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(id=evaluation.id)
        if locked.status not in Evaluation.UNFINISHED:
            raise EvaluationNotPossible(f"Evaluation {evaluation.id} has already finished ({locked.status}).")
        now = timezone.now()
        # Claimed pairs too: a worker's later write over its claim finds them no longer pending.
        locked.pairs.filter(status=Pair.Status.PENDING).update(
            status=Pair.Status.CANCELLED, claim_token=None, finished_at=now
        )
        locked.status = Evaluation.Status.CANCELLED
        locked.finished_at = now
        locked.save(update_fields=["status", "finished_at"])
    return locked


def unfinished_evaluation(*, job: FineTuneJob) -> FineTuneEvaluation | None:
    return Evaluation.objects.filter(job=job, status__in=Evaluation.UNFINISHED).order_by("-created_at").first()


def evaluations_requeue_stalled() -> int:
    """The minute schedule: re-enqueue the pairs of unfinished evaluations that stopped moving (a worker
    died, a task was lost), and finish those whose last writer died before finishing. Returns tasks
    enqueued."""
    now = timezone.now()
    stalled_before = now - timedelta(seconds=settings.ZEGA_STALL_SECONDS)
    expired_before = now - timedelta(seconds=settings.ZEGA_CLAIM_TIMEOUT_SECONDS)
    enqueued = 0
    for evaluation in Evaluation.objects.filter(status__in=Evaluation.UNFINISHED, created_at__lt=stalled_before):
        pairs = evaluation.pairs.order_by()
        pending = pairs.filter(status=Pair.Status.PENDING)
        if not pending.exists():
            evaluation_finish(evaluation_id=evaluation.id)
            continue
        moved = pairs.aggregate(claimed=Max("claimed_at"), finished=Max("finished_at"))
        last = max([m for m in (moved["claimed"], moved["finished"], evaluation.started_at) if m] or [evaluation.created_at])
        if last >= stalled_before:
            continue  # still moving
        indexes = list(
            pending.filter(Q(claim_token__isnull=True) | Q(claimed_at__lt=expired_before)).values_list("index", flat=True)
        )
        if indexes:
            logger.warning("evaluation %s stalled; re-enqueueing pairs %s", evaluation.id, indexes)
            enqueued += evaluation_enqueue_chunks(
                evaluation_id=evaluation.id, ranges=[(min(indexes), max(indexes) + 1)]
            )
    return enqueued
