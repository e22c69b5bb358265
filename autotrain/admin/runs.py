"""Training runs: outcome at a glance in the list, the full summary on the detail page, cancel."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from autotrain import selectors, services
from autotrain.admin import charts
from autotrain.admin.common import (
    StaffReviewMixin,
    UsernameFilter,
    admin_changelist_url,
    change_link,
    key_value_table,
    redirect_back,
    short_id,
)
from autotrain.models import FineTuneJob, TrainingExample, TrainingRun
from autotrain.selectors.quality import REJECT_REASONS, run_outcomes

EMPTY_OUTCOME = {
    "kept": 0,
    "failed": 0,
    "unfinished": 0,
    "failures": {reason: 0 for reason in REJECT_REASONS},
    "genre_distribution": {},
    "average_quality": None,
}


def _outcome(run: TrainingRun) -> dict[str, Any]:
    """The run's counts, which RunChangeList put on each run of the page."""
    return run.__dict__["outcome"]


class RunChangeList(ChangeList):
    """Fetches the outcome counts of the page's runs in one grouped query after paging.

    Annotating them on the queryset instead would make the paginator's COUNT (and SQLite's ORDER BY
    ... LIMIT) aggregate every example of every run; this costs one query over the page's examples.
    """

    def get_results(self, request):
        super().get_results(request)
        self.result_list = list(self.result_list)
        outcomes = run_outcomes(run.pk for run in self.result_list)
        for run in self.result_list:
            run.outcome = outcomes.get(run.pk, EMPTY_OUTCOME)


def _distribution_text(distribution: dict) -> str:
    return " · ".join(f"{genre} {n}" for genre, n in distribution.items())


@admin.register(TrainingRun)
class TrainingRunAdmin(StaffReviewMixin, admin.ModelAdmin):
    list_display = [
        "run_id",
        "user",
        "status",
        "num_examples",
        "kept",
        "failed",
        "failure_reasons",
        "genre_distribution",
        "average_quality",
        "created_at",
        "examples_link",
    ]
    list_display_links = ["run_id"]
    list_filter = ["status", UsernameFilter, ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["=user__username"]
    search_help_text = "An exact username."
    show_full_result_count = False
    change_form_template = "admin/autotrain/change_form.html"
    actions = ["cancel_runs"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "user",
                    "status",
                    "error",
                    "examples_link",
                    "summary_numbers",
                    "failures_table",
                    "genre_chart",
                    "models_table",
                    "finetune_job_link",
                ]
            },
        ),
        (
            "Request and settings",
            {
                "classes": ["collapse"],
                "fields": [
                    "num_examples",
                    "genres",
                    "store_in_memory",
                    "stored_in_memory_count",
                    "seed",
                    "chunk_size",
                    "ensemble",
                    "strategy",
                    "quality_threshold",
                    "idempotency_key",
                    "training_stats",
                    "ready_for_finetuning",
                    "created_at",
                    "started_at",
                    "finished_at",
                    "heartbeat_at",
                ],
            },
        ),
    ]
    readonly_fields = [
        "examples_link",
        "summary_numbers",
        "failures_table",
        "genre_chart",
        "models_table",
        "finetune_job_link",
    ]

    def get_changelist(self, request, **kwargs):
        return RunChangeList

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        actions = []
        if run is not None and not run.is_finished and self.has_curate_permission(request):
            actions = [("cancel_runs", "Cancel this run")]
        extra = {
            "object_actions_title": "Run actions",
            "object_actions_url": reverse("admin:autotrain_trainingrun_changelist"),
            "object_actions": actions,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)

    # --- list columns (from the page's outcomes) -------------------------------------------------

    @admin.display(description="run", ordering="created_at")
    def run_id(self, obj: TrainingRun):
        return short_id(obj.pk)

    @admin.display(description="kept")
    def kept(self, obj: TrainingRun):
        return _outcome(obj)["kept"]

    @admin.display(description="failed")
    def failed(self, obj: TrainingRun):
        outcome = _outcome(obj)
        unfinished = outcome["unfinished"]
        return f"{outcome['failed']} (+{unfinished} to go)" if unfinished else outcome["failed"]

    @admin.display(description="failure reasons")
    def failure_reasons(self, obj: TrainingRun):
        failures = [(reason, n) for reason, n in _outcome(obj)["failures"].items() if n]
        if not failures:
            return "–"
        return format_html_join(mark_safe("<br>"), '<span style="white-space: nowrap">{} {}</span>', failures)

    @admin.display(description="genre distribution (kept)")
    def genre_distribution(self, obj: TrainingRun):
        distribution = _outcome(obj)["genre_distribution"]
        if not distribution:
            return "–"
        top = list(distribution.items())[:3]
        more = len(distribution) - len(top)
        return format_html(
            '<span title="{}" style="white-space: nowrap">{}<br>{}{}</span>',
            _distribution_text(distribution),
            charts.distribution_strip(distribution),
            _distribution_text(dict(top)),
            f" +{more} more" if more else "",
        )

    @admin.display(description="avg quality")
    def average_quality(self, obj: TrainingRun):
        value = _outcome(obj)["average_quality"]
        return "–" if value is None else f"{value:.2f}"

    @admin.display(description="examples")
    def examples_link(self, obj: TrainingRun):
        return format_html(
            '<a href="{}">examples</a>', admin_changelist_url(TrainingExample, run__id__exact=obj.pk)
        )

    # --- detail page (the API's own summary, computed once per page) -----------------------------

    def _summary(self, obj: TrainingRun) -> dict:
        cached = obj.__dict__
        if "_admin_summary" not in cached:
            cached["_admin_summary"] = selectors.run_summary(obj)
        return cached["_admin_summary"]

    @admin.display(description="summary")
    def summary_numbers(self, obj: TrainingRun):
        s = self._summary(obj)
        rows = [
            ("requested", s["total_requested"]),
            ("kept (successful)", s["successful"]),
            ("failed", s["failed"]),
            ("progress", f"{s['progress']['completed']} / {s['progress']['total']}"),
            ("average kept quality", "–" if s["average_quality"] is None else s["average_quality"]),
            ("total time", f"{s['total_time']:.1f} s"),
            ("stored in memory", s["stored_in_memory_count"] if s["stored_in_memory"] else "no"),
            ("ready for fine-tuning", "yes" if s["ready_for_finetuning"] else "no"),
        ]
        return key_value_table(rows)

    @admin.display(description="failure reasons")
    def failures_table(self, obj: TrainingRun):
        failures = self._summary(obj)["failures"]
        rows = [
            (
                format_html(
                    '<a href="{}">{}</a>',
                    admin_changelist_url(TrainingExample, run__id__exact=obj.pk, reject_reason=reason),
                    reason,
                ),
                n,
            )
            for reason, n in failures.items()
        ]
        return key_value_table(rows, headers=("reason", "examples"))

    @admin.display(description="genre distribution (kept)")
    def genre_chart(self, obj: TrainingRun):
        distribution = self._summary(obj)["genre_distribution"]
        if not distribution:
            return "(no kept examples)"
        ordered = sorted(distribution.items(), key=lambda kv: -kv[1])
        return charts.stacked_bars(
            [
                (genre, [charts.Segment(n, charts.GENRE_COLORS.get(genre, charts.OTHER_COLOR), "kept")])
                for genre, n in ordered
            ],
            title="Kept examples per genre",
            width=520,
        )

    @admin.display(description="models")
    def models_table(self, obj: TrainingRun):
        performance = self._summary(obj)["model_performance"]
        if not performance:
            return "–"
        return key_value_table(
            [(model, p["wins"], p["average_quality"]) for model, p in performance.items()],
            headers=("model", "wins", "average quality"),
        )

    @admin.display(description="fine-tune job")
    def finetune_job_link(self, obj: TrainingRun):
        return change_link(FineTuneJob, obj.finetune_job_id)

    # --- actions ---------------------------------------------------------------------------------

    @admin.action(description="Cancel the selected unfinished runs", permissions=["curate"])
    def cancel_runs(self, request, queryset):
        cancelled = 0
        finished = queryset.exclude(status__in=TrainingRun.UNFINISHED).count()
        for run in list(queryset.filter(status__in=TrainingRun.UNFINISHED)):
            try:
                services.run_cancel(run=run)
                cancelled += 1
            except services.RunAlreadyFinished:  # finished between the list and the click
                finished += 1
        self.message_user(request, f"Cancelled {cancelled} run(s).", messages.SUCCESS)
        if finished:
            self.message_user(
                request, f"{finished} run(s) had already finished; left as they were.", messages.WARNING
            )
        return redirect_back(request)
