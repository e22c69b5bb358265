"""The reads behind the admin's "Training quality" page and its run list: every count comes from a GROUP BY
in the database (a bounded number of groups, whatever the number of examples), never a loop over rows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Floor
from django.utils import timezone

from autotrain.models import TrainingExample
from autotrain.selectors.examples import REJECT_REASONS

Example = TrainingExample
# Histogram bins of HISTOGRAM_STEP points from 0 to 10; a perfect 10 goes in the last bin.
HISTOGRAM_STEP = 0.5
HISTOGRAM_BINS = int(10 / HISTOGRAM_STEP)


@dataclass(frozen=True)
class QualityFilters:
    user_id: int | None = None
    # Inclusive calendar days (UTC, the project's time zone) of the examples' creation.
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def finished_examples(filters: QualityFilters) -> QuerySet[TrainingExample]:
    examples = Example.objects.exclude(status__in=Example.UNFINISHED).order_by()
    if filters.user_id is not None:
        examples = examples.filter(user_id=filters.user_id)
    # Bounds as instants, not `created_at__date`, so the column is compared as it is stored.
    if filters.date_from is not None:
        examples = examples.filter(created_at__gte=start_of_day(filters.date_from))
    if filters.date_to is not None:
        examples = examples.filter(created_at__lt=start_of_day(filters.date_to + datetime.timedelta(days=1)))
    return examples


def start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _round(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


class _Tally:
    """Counts and score sums of one slice (all, a genre, a model), folded from the grouped rows."""

    def __init__(self) -> None:
        self.finished = self.kept = self.excluded = self.rejected = 0
        self.by_reason = {reason: 0 for reason in REJECT_REASONS}
        self.kept_sum = self.all_sum = 0.0
        self.kept_scored = self.all_scored = 0

    def add(self, row: dict) -> None:
        n, scored, total = row["n"], row["scored"], row["score_sum"] or 0.0
        self.finished += n
        self.all_scored += scored
        self.all_sum += total
        if row["status"] == Example.Status.KEPT:
            self.kept += n
            self.kept_scored += scored
            self.kept_sum += total
            if row["excluded"]:
                self.excluded += n
        elif row["status"] == Example.Status.REJECTED:
            self.rejected += n
            self.by_reason[row["reject_reason"]] = self.by_reason.get(row["reject_reason"], 0) + n

    def as_dict(self) -> dict:
        return {
            "finished": self.finished,
            "kept": self.kept,
            "in_training": self.kept - self.excluded,
            "excluded": self.excluded,
            "rejected": self.rejected,
            "rejected_by_reason": dict(self.by_reason),
            "average_kept_quality": _round(self.kept_sum / self.kept_scored if self.kept_scored else None),
            "average_quality": _round(self.all_sum / self.all_scored if self.all_scored else None),
        }


def _grouped(examples: QuerySet[TrainingExample]) -> QuerySet:
    """One GROUP BY over every column the page slices by. The groups are few (genres x outcomes x models
    x score bins, a few thousand at most) however many examples there are, and the columns are all in
    the `example_quality_cover` index, so the database reads that index instead of the wide rows."""
    return (
        examples.annotate(bin=Floor(F("quality_score") / HISTOGRAM_STEP))
        .values("genre", "status", "reject_reason", "excluded", "winning_model", "bin")
        .annotate(n=Count("id"), scored=Count("quality_score"), score_sum=Sum("quality_score"))
        .order_by()
    )


def quality_overview(filters: QualityFilters) -> dict:
    """Everything the Training quality page shows, from one grouped query.

    `kept` counts kept examples (staff-excluded ones included, also counted in `excluded`);
    `in_training` is what datasets use. `average_kept_quality` is over kept examples, as in a run's
    summary; `average_quality` over every scored one. A model's `wins` are the kept examples it wrote,
    `rejected` the ones it won that were rejected anyway.
    """
    totals = _Tally()
    genres: dict[str, _Tally] = {}
    models: dict[str, _Tally] = {}
    bins = [
        {"low": i * HISTOGRAM_STEP, "high": (i + 1) * HISTOGRAM_STEP, "kept": 0, "rejected": 0}
        for i in range(HISTOGRAM_BINS)
    ]
    for row in _grouped(finished_examples(filters)):
        totals.add(row)
        genres.setdefault(row["genre"], _Tally()).add(row)
        if row["winning_model"]:
            models.setdefault(row["winning_model"], _Tally()).add(row)
        if row["bin"] is not None:
            i = min(max(int(row["bin"]), 0), HISTOGRAM_BINS - 1)
            bins[i]["kept" if row["status"] == Example.Status.KEPT else "rejected"] += row["n"]
    per_model = [
        {
            "model": model,
            "wins": tally.kept,
            "rejected": tally.finished - tally.kept,
            "average_quality": tally.as_dict()["average_kept_quality"],
            "average_all": tally.as_dict()["average_quality"],
        }
        for model, tally in models.items()
    ]
    per_model.sort(key=lambda row: (-row["wins"], row["model"]))
    return {
        "totals": totals.as_dict(),
        "per_genre": {genre: genres[genre].as_dict() for genre in sorted(genres)},
        "histogram": bins,
        "per_model": per_model,
    }


def run_outcomes(run_ids: Iterable) -> dict:
    """Per run (of a page of runs): kept and failed counts, failures by reason, kept per genre, average
    kept quality. One grouped query for the whole page, so the run list makes no query per row."""
    outcomes: dict = {}
    rows = (
        Example.objects.filter(run_id__in=list(run_ids))
        .order_by()
        .values("run_id", "status", "reject_reason", "genre")
        .annotate(n=Count("id"), quality_sum=Sum("quality_score"))
    )
    for row in rows:
        run = outcomes.setdefault(
            row["run_id"],
            {
                "kept": 0,
                "failed": 0,
                "unfinished": 0,
                "failures": {reason: 0 for reason in REJECT_REASONS},
                "genre_distribution": {},
                "_quality_sum": 0.0,
            },
        )
        n = row["n"]
        if row["status"] == Example.Status.KEPT:
            run["kept"] += n
            run["genre_distribution"][row["genre"]] = run["genre_distribution"].get(row["genre"], 0) + n
            run["_quality_sum"] += row["quality_sum"] or 0.0
        elif row["status"] == Example.Status.REJECTED:
            run["failed"] += n
            run["failures"][row["reject_reason"]] = run["failures"].get(row["reject_reason"], 0) + n
        else:
            run["unfinished"] += n
    for run in outcomes.values():
        total = run.pop("_quality_sum")
        run["average_quality"] = round(total / run["kept"], 2) if run["kept"] else None
        run["genre_distribution"] = dict(sorted(run["genre_distribution"].items(), key=lambda kv: -kv[1]))
    return outcomes
