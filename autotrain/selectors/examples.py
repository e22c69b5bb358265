"""Reads of examples: a user's training data, the examples list, what memory and exports take."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import F, Q, QuerySet

from autotrain.models import FineTuneJob, TrainingExample, TrainingRun

Example = TrainingExample
# Examples chosen by a caller: a queryset (an admin selection, a filtered list) or ids.
Examples = QuerySet[TrainingExample] | Iterable[int]
# Every reason an example can be rejected for, in the model's order: the keys of every failure count.
REJECT_REASONS: list[str] = list(Example.RejectReason.values)


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
        # Django takes a UUID's text for a UUID column; the stubs want a UUID object.
        examples = examples.filter(run_id=run_id)  # type: ignore[misc]
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


def examples_chosen(examples: Examples) -> QuerySet[TrainingExample]:
    """A plain queryset over the chosen rows, whatever filters, annotations or ordering came with them."""
    if isinstance(examples, QuerySet):
        return Example.objects.filter(pk__in=examples.order_by().values("pk"))
    return Example.objects.filter(pk__in=list(examples))


def examples_for_export(*, examples: Examples) -> QuerySet[TrainingExample]:
    """Of the chosen examples, those that belong in a dataset: kept and not excluded, oldest first."""
    return (
        examples_chosen(examples)
        .filter(status=Example.Status.KEPT, excluded=False)
        .only("id", "user_id", "genre", "prompt", "style_modifier", "text", "quality_score")
        .order_by("id")
    )


def storable_examples() -> QuerySet[TrainingExample]:
    """Kept examples of runs that asked to be stored in memory."""
    return Example.objects.filter(status=Example.Status.KEPT, run__store_in_memory=True).exclude(text="")
