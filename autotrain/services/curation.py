"""Curation of examples: exclude from / include in training, re-score, export a selection.

The admin's actions and `PATCH /training/examples/<id>` (owners curating their own data) call these;
every change keeps the profile's numbers (genre preferences, writing patterns) in step with the rows,
because those are computed from the kept, non-excluded examples.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from autotrain import dedup, quality
from autotrain.finetune import dataset
from autotrain.models import TrainingExample, TrainingProfile
from autotrain.selectors.examples import Examples, examples_chosen, examples_for_export
from autotrain.services.users import profile_refresh

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

Example = TrainingExample

# Rejections whose example has no text to score: nothing the scorer could change.
UNSCORABLE_REASONS = (Example.RejectReason.GENERATION_ERROR, Example.RejectReason.CANCELLED)
# Rejections the heuristics made, which a new score may reverse (a jury's rejection stays: the judges
# are not asked again).
QUALITY_REASONS = (Example.RejectReason.LOW_QUALITY, Example.RejectReason.TRUNCATED)
RESCORE_BATCH = 500


def _user_ids(examples: QuerySet[TrainingExample]) -> list[int]:
    return list(examples.order_by().values_list("user_id", flat=True).distinct())


# --- exclude / include -----------------------------------------------------------------------------


EXCLUSION_NOTE_MAX = 1000


def examples_exclude(*, examples: Examples, by: AbstractBaseUser | None = None, note: str = "") -> int:
    """Leave the examples out of training: exports, fine-tune datasets, `training_examples`, memory search.

    They stay on record (and keep their kept/rejected state), with who excluded them (`by`, None for a
    command or a script), when, and why (`note`). Examples already excluded keep their first record.
    Returns how many changed.
    """
    targets = examples_chosen(examples).filter(excluded=False)
    fields = {"excluded": True, "excluded_by": by, "excluded_at": timezone.now(), "exclusion_note": note}
    return _update_and_refresh(targets, fields)


def examples_include(*, examples: Examples) -> int:
    """Undo `examples_exclude`: the example is back in training, and who / when / why are cleared (an
    example in training carries no exclusion record). Returns how many changed."""
    targets = examples_chosen(examples).filter(excluded=True)
    fields = {"excluded": False, "excluded_by": None, "excluded_at": None, "exclusion_note": ""}
    return _update_and_refresh(targets, fields)


def example_curate(
    *, example: TrainingExample, excluded: bool, by: AbstractBaseUser | None, note: str | None = None
) -> TrainingExample:
    """One example's curation, as its owner or staff asked (`PATCH /training/examples/<id>`).

    Excluding an example already excluded with a new `note` records the new note, who and when (the
    latest reason is the one that counts); `note` None keeps the record as it is.
    """
    if excluded and example.excluded:
        if note is not None and note != example.exclusion_note:
            fields = {"excluded_by": by, "excluded_at": timezone.now(), "exclusion_note": note}
            Example.objects.filter(pk=example.pk).update(**fields)
    elif excluded:
        examples_exclude(examples=[example.pk], by=by, note=note or "")
    else:
        examples_include(examples=[example.pk])
    return Example.objects.select_related("user", "excluded_by").get(pk=example.pk)


def _update_and_refresh(targets: QuerySet[TrainingExample], fields: dict) -> int:
    with transaction.atomic():
        user_ids = _user_ids(targets)
        changed = targets.update(**fields)
        for user_id in user_ids:
            profile_refresh(user_id=user_id)
    return changed


# --- re-score --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RescoreResult:
    rescored: int
    # Of those: score or breakdown moved, kept examples now rejected, rejected ones now kept.
    changed: int
    newly_rejected: int
    newly_kept: int
    # No text to score: generation errors, cancelled or unfinished items.
    skipped: int


def examples_rescore(*, examples: Examples, threshold: float | None = None) -> RescoreResult:
    """Score the examples' texts again with the current `quality.score`, and honour the result.

    `threshold`: None scores each example against its run's threshold; a number scores all against it.
    A kept example now below the threshold becomes rejected (`low_quality`); a `low_quality` one now at
    or above it becomes kept, unless it nearly repeats one the user already keeps (then `duplicate`);
    a `duplicate` now below the threshold is `low_quality` (the pipeline checks quality first).
    The ensemble's candidates and votes stay as they were when generated: they record that vote.
    """
    targets = examples_chosen(examples)
    scorable = (
        targets.filter(status__in=[Example.Status.KEPT, Example.Status.REJECTED])
        .exclude(reject_reason__in=[*UNSCORABLE_REASONS, Example.RejectReason.JUDGE])
        .exclude(text="")
    )
    total = targets.count()
    rescored = changed = newly_rejected = newly_kept = 0
    for user_id in _user_ids(scorable):
        counts = _rescore_user(scorable.filter(user_id=user_id), user_id=user_id, threshold=threshold)
        rescored += counts[0]
        changed += counts[1]
        newly_rejected += counts[2]
        newly_kept += counts[3]
    return RescoreResult(
        rescored=rescored,
        changed=changed,
        newly_rejected=newly_rejected,
        newly_kept=newly_kept,
        skipped=total - rescored,
    )


_RESCORE_FIELDS = [
    "text",
    "quality_score",
    "quality_breakdown",
    "status",
    "reject_reason",
    "reject_detail",
    "minhash",
]


def _rescore_user(
    rows: QuerySet[TrainingExample], *, user_id: int, threshold: float | None
) -> tuple[int, int, int, int]:
    rescored = newly_rejected = newly_kept = 0
    dirty: list[TrainingExample] = []
    promotions: list[TrainingExample] = []
    demoted: set[int] = set()
    written = 0
    with transaction.atomic():
        TrainingProfile.objects.get_or_create(user_id=user_id)
        # The same per-user lock the run pipeline takes before writing, so a run finishing meanwhile
        # and this re-score do not both keep two near-duplicates.
        TrainingProfile.objects.select_for_update().filter(user_id=user_id).first()
        for example in _in_batches(rows):
            rescored += 1
            limit = threshold if threshold is not None else example.run_threshold
            # The model's answer as given (cleaned again by the current rules); a length cut-off stays one.
            cut_off = "penalty_truncated" in (example.quality_breakdown or {})
            report = quality.score(
                example.raw_text or example.text,
                example.prompt,
                genre=example.genre,
                threshold=limit,
                finish_reason="length" if cut_off else None,
            )
            moved = (
                example.quality_score != report.score
                or example.quality_breakdown != report.breakdown
                or example.text != report.text
            )
            if example.text != report.text:
                example.text, example.minhash = report.text, dedup.signature(report.text)
            example.quality_score = report.score
            example.quality_breakdown = report.breakdown
            if example.status == Example.Status.KEPT and not report.kept:
                _reject_low_quality(example, report)
                demoted.add(example.pk)
                newly_rejected += 1
                moved = True
            elif example.reject_reason in QUALITY_REASONS and report.kept:
                promotions.append(example)  # decided below, once every demotion is known
                continue
            elif not report.kept and (
                example.reject_reason == Example.RejectReason.DUPLICATE
                or (
                    example.reject_reason in QUALITY_REASONS
                    and example.reject_detail != report.reject_reason
                )
            ):
                _reject_low_quality(example, report)
                moved = True
            if moved:
                dirty.append(example)
            if len(dirty) >= RESCORE_BATCH:
                written += _flush(dirty)
        if promotions:
            newly_kept = _promote(promotions, user_id=user_id, demoted=demoted)
            dirty.extend(promotions)
        written += _flush(dirty)
    profile_refresh(user_id=user_id)
    return rescored, written, newly_rejected, newly_kept


class _RunThreshold(TypedDict):
    run_threshold: float


def _in_batches(rows: QuerySet[TrainingExample]) -> Iterator[WithAnnotations[TrainingExample, _RunThreshold]]:
    """The rows oldest first, loaded RESCORE_BATCH at a time by id: no cursor stays open over the
    table while the caller writes to it."""
    ids = list(rows.order_by("finished_at", "id").values_list("id", flat=True))
    fields = ["id", "user_id", "genre", "prompt", "raw_text", *_RESCORE_FIELDS]
    for start in range(0, len(ids), RESCORE_BATCH):
        chunk = ids[start : start + RESCORE_BATCH]
        loaded = Example.objects.filter(id__in=chunk).annotate(run_threshold=F("run__quality_threshold"))
        by_id = {example.pk: example for example in loaded.only(*fields)}
        yield from (by_id[pk] for pk in chunk if pk in by_id)


def _reject_low_quality(example: TrainingExample, report: quality.QualityReport) -> None:
    example.status = Example.Status.REJECTED
    example.reject_reason = (
        Example.RejectReason.TRUNCATED if report.truncated else Example.RejectReason.LOW_QUALITY
    )
    example.reject_detail = report.reject_reason or ""


def _promote(promotions: list[TrainingExample], *, user_id: int, demoted: set[int]) -> int:
    """Keep each former low-quality example unless it nearly repeats one the user keeps."""
    index = dedup.DedupIndex(threshold=settings.ZEGA_DEDUP_THRESHOLD)
    kept = Example.objects.filter(user_id=user_id, status=Example.Status.KEPT, minhash__isnull=False)
    for pk, signature in kept.values_list("id", "minhash").iterator(chunk_size=2000):
        if pk not in demoted and signature is not None:  # never None here: narrows the nullable column
            index.add(pk, bytes(signature))
    newly_kept = 0
    for example in promotions:
        signature = bytes(example.minhash) if example.minhash else dedup.signature(example.text)
        example.minhash = signature
        duplicate_of = index.find_duplicate(signature)
        if duplicate_of is not None:
            example.reject_reason = Example.RejectReason.DUPLICATE
            example.reject_detail = f"nearly repeats example {duplicate_of}"
            continue
        example.status = Example.Status.KEPT
        example.reject_reason = ""
        example.reject_detail = ""
        index.add(example.pk, signature)
        newly_kept += 1
    return newly_kept


def _flush(dirty: list[TrainingExample]) -> int:
    count = len(dirty)
    if dirty:
        Example.objects.bulk_update(dirty, _RESCORE_FIELDS, batch_size=RESCORE_BATCH)
        dirty.clear()
    return count


# --- export ----------------------------------------------------------------------------------------


def examples_export_openai_jsonl(*, examples: Examples) -> Iterator[str]:
    """The chosen kept, non-excluded examples as OpenAI chat fine-tuning JSONL lines (each with its
    newline), written exactly as `GET /training/export` and the fine-tune jobs write them
    (autotrain.finetune.dataset): per user, with that user's system prompt, users in name order."""
    chosen = examples_for_export(examples=examples)
    usernames = dict(get_user_model().objects.filter(pk__in=_user_ids(chosen)).values_list("pk", "username"))
    for user_id, username in sorted(usernames.items(), key=lambda item: item[1]):
        records = dataset.records_from(chosen.filter(user_id=user_id))
        system = dataset.system_prompt(model_name=f"zega-{username}", username=username, records=records)
        for line in dataset.jsonl_lines(records, fmt="openai", system=system):
            yield line + "\n"
