"""Custom model jobs: what kind (weights a provider trained, or a prompt with examples and no training),
status, settings, the provider's events, metrics and checkpoints, the resulting model name, the error,
the latest evaluation against the base model; cancel, retry."""

from __future__ import annotations

import json

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from autotrain import selectors, services
from autotrain.admin.common import (
    StaffReviewMixin,
    UsernameFilter,
    admin_changelist_url,
    key_value_table,
    redirect_back,
    short_id,
)
from autotrain.finetune import registry
from autotrain.finetune.base import TRAINING_SETTINGS
from autotrain.models import FineTuneJob, TrainingExample

# A failed or cancelled job gave its examples back; retrying starts a new job that takes them again.
RETRYABLE = (FineTuneJob.Status.FAILED, FineTuneJob.Status.CANCELLED)
# Metric rows the detail page lists: the first and last few steps (a long job has thousands).
METRIC_ROWS_SHOWN = 10
KIND_SHORT: dict[str, str] = {
    FineTuneJob.Kind.WEIGHTS: "weights (trained)",
    FineTuneJob.Kind.PROMPT: "prompt-based (no training)",
}


class KindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [
            (FineTuneJob.Kind.WEIGHTS, "weights: the provider trains new weights"),
            (FineTuneJob.Kind.PROMPT, "prompt-based: no weights are trained"),
        ]

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(FineTuneJob)
class FineTuneJobAdmin(StaffReviewMixin, admin.ModelAdmin):
    list_display = [
        "job_id",
        "user",
        "backend",
        "kind_short",
        "status",
        "model_name",
        "num_examples",
        "short_error",
        "created_at",
        "finished_at",
    ]
    list_display_links = ["job_id"]
    list_filter = ["status", KindFilter, "backend", UsernameFilter, ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["=user__username", "model_name", "provider_job_id"]
    show_full_result_count = False
    change_form_template = "admin/autotrain/change_form.html"
    actions = ["cancel_jobs", "retry_jobs"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "user",
                    "backend",
                    "kind_words",
                    "status",
                    "base_model",
                    "settings_display",
                    "model_name",
                    "num_examples",
                    "examples_link",
                    "error",
                    "events_table",
                    "created_at",
                    "finished_at",
                ]
            },
        ),
        (
            "Training (weights jobs)",
            {"fields": ["metrics_display", "checkpoints_display"]},
        ),
        (
            "Evaluation (custom model against its base, the latest)",
            {"fields": ["evaluation_summary", "evaluation_samples"]},
        ),
        (
            "Provider",
            {
                "classes": ["collapse"],
                "fields": ["provider_job_id", "provider_files", "artifact_display", "idempotency_key"],
            },
        ),
    ]
    readonly_fields = [
        "kind_words",
        "settings_display",
        "examples_link",
        "events_table",
        "metrics_display",
        "checkpoints_display",
        "evaluation_summary",
        "evaluation_samples",
        "provider_files",
        "artifact_display",
    ]

    def get_queryset(self, request):
        # The artefact (a system prompt and chosen examples) and the per-step metrics only matter on the
        # detail page.
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            queryset = queryset.defer("artifact", "events", "metrics", "checkpoints")
        return queryset

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.kind != FineTuneJob.Kind.WEIGHTS:
            # Nothing was trained: no metrics or checkpoints to show, and no section pretending otherwise.
            fieldsets = [fs for fs in fieldsets if fs[0] != "Training (weights jobs)"]
        return fieldsets

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        actions = []
        if job is not None and self.has_curate_permission(request):
            if job.status in FineTuneJob.ACTIVE:
                actions.append(("cancel_jobs", "Cancel this job"))
            elif job.status in RETRYABLE:
                actions.append(("retry_jobs", "Retry (start a new job for this user)"))
        extra = {
            # "Change fine-tune job" would claim training for a job that only wrote a prompt.
            **({"title": _title(job)} if job is not None else {}),
            "object_actions_title": "Job actions",
            "object_actions_url": reverse("admin:autotrain_finetunejob_changelist"),
            "object_actions": actions,
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)

    @admin.display(description="job", ordering="created_at")
    def job_id(self, obj: FineTuneJob):
        return short_id(obj.pk)

    @admin.display(description="kind", ordering="kind")
    def kind_short(self, obj: FineTuneJob):
        return KIND_SHORT.get(obj.kind, obj.kind)

    @admin.display(description="kind")
    def kind_words(self, obj: FineTuneJob):
        return obj.kind_label

    @admin.display(description="training settings")
    def settings_display(self, obj: FineTuneJob):
        if obj.training_settings:
            return key_value_table(obj.training_settings.items())
        if obj.kind == FineTuneJob.Kind.WEIGHTS:
            return "the provider's choice (none asked for)"
        return "none: nothing is trained"

    @admin.display(description="metrics (loss per step)")
    def metrics_display(self, obj: FineTuneJob):
        metrics = obj.metrics or []
        if not metrics:
            return "–"
        shown = metrics
        if len(metrics) > 2 * METRIC_ROWS_SHOWN:
            shown = [*metrics[:METRIC_ROWS_SHOWN], {"step": "…"}, *metrics[-METRIC_ROWS_SHOWN:]]
        table = key_value_table(
            [
                (
                    m.get("step", ""),
                    _figure(m.get("train_loss")),
                    _figure(m.get("valid_loss")),
                    _figure(m.get("train_mean_token_accuracy")),
                )
                for m in shown
            ],
            headers=("step", "train loss", "valid loss", "train token accuracy"),
        )
        return format_html("<p>{} steps recorded</p>{}", len(metrics), table)

    @admin.display(description="checkpoints")
    def checkpoints_display(self, obj: FineTuneJob):
        checkpoints = obj.checkpoints or []
        if not checkpoints:
            return "–"
        return key_value_table(
            [
                (c.get("step", ""), c.get("model", ""), _figure((c.get("metrics") or {}).get("train_loss")))
                for c in checkpoints
            ],
            headers=("step", "model", "train loss"),
        )

    @admin.display(description="summary")
    def evaluation_summary(self, obj: FineTuneJob):
        detail = _evaluation(obj)
        if detail is None:
            return "none yet: one starts when the job succeeds, or from the API (POST .../evaluate)"
        custom, base = detail["custom"], detail["base"]
        rows = [
            ("status", f"{detail['status']} ({detail['completed']} of {detail['n']} pairs written)"),
            ("custom model against base", f"won {detail['wins']}, lost {detail['losses']}, tied {detail['ties']}"),
            (
                "mean score",
                f"{_score(custom['mean_score'])} ({custom['model']}) against "
                f"{_score(base['mean_score'])} ({base['model']})",
            ),
            ("kept at the threshold", f"{_share(custom['pass_rate'])} against {_share(base['pass_rate'])}"),
            ("jury", ", ".join(_judge_name(judge) for judge in detail["jury"]) or "none: the filter's scores decide"),
        ]
        if detail["error"]:
            rows.append(("error", detail["error"]))
        return key_value_table(rows)

    @admin.display(description="pairs")
    def evaluation_samples(self, obj: FineTuneJob):
        detail = _evaluation(obj)
        if detail is None or not detail["samples"]:
            return "–"
        return key_value_table(
            [
                (
                    s["index"],
                    s["genre"],
                    s["prompt"],
                    s["winner"] or s["status"],
                    _score(s["custom_score"]),
                    _score(s["base_score"]),
                )
                for s in detail["samples"]
            ],
            headers=("#", "genre", "prompt", "winner", "custom score", "base score"),
        )

    @admin.display(description="error")
    def short_error(self, obj: FineTuneJob):
        return (obj.error[:80] + "…") if len(obj.error) > 80 else obj.error

    @admin.display(description="examples used")
    def examples_link(self, obj: FineTuneJob):
        return format_html(
            '<a href="{}">examples of this job</a>',
            admin_changelist_url(TrainingExample, finetune_job__id__exact=obj.pk),
        )

    @admin.display(description="events")
    def events_table(self, obj: FineTuneJob):
        events = obj.events or []
        if not events:
            return "–"
        return key_value_table(
            [(e.get("at", ""), e.get("level", ""), e.get("message", "")) for e in events],
            headers=("at", "level", "message"),
        )

    @admin.display(description="provider files")
    def provider_files(self, obj: FineTuneJob):
        return key_value_table((obj.provider_file_ids or {}).items()) if obj.provider_file_ids else "–"

    @admin.display(description="artefact")
    def artifact_display(self, obj: FineTuneJob):
        if not obj.artifact:
            return "–"
        return format_html(
            '<pre style="white-space: pre-wrap; max-width: 60em">{}</pre>',
            json.dumps(obj.artifact, indent=2, ensure_ascii=False),
        )

    # --- actions: through the fine-tune service --------------------------------------------------

    @admin.action(description="Cancel the selected unfinished jobs", permissions=["curate"])
    def cancel_jobs(self, request, queryset):
        finished = queryset.exclude(status__in=FineTuneJob.ACTIVE).count()
        cancelled = 0
        for job in list(queryset.filter(status__in=FineTuneJob.ACTIVE)):
            try:
                services.finetune_job_cancel(job=job)
                cancelled += 1
            except services.ServiceError as exc:  # finished meanwhile, or the provider did not answer
                self.message_user(request, f"Job {short_id(job.pk)}: {exc}", messages.WARNING)
        self.message_user(request, f"Cancelled {cancelled} job(s).", messages.SUCCESS)
        if finished:
            self.message_user(
                request, f"{finished} job(s) had already finished; left as they were.", messages.WARNING
            )
        return redirect_back(request)

    @admin.action(
        description="Retry failed or cancelled jobs (a new job per user over their unused examples)",
        permissions=["curate"],
    )
    def retry_jobs(self, request, queryset):
        # Each user's newest selected job: the retry asks for what it asked for.
        retried: dict[int, FineTuneJob] = {}
        for job in queryset.filter(status__in=RETRYABLE).select_related("user").order_by("created_at"):
            retried[job.user_id] = job
        skipped = queryset.exclude(status__in=RETRYABLE).count()
        started = []
        for old in retried.values():
            user = old.user
            try:
                job, _ = services.finetune_job_start(user=user, **_asked_again(old))
                started.append(job)
            except services.ServiceError as exc:  # another job active, or too few unused examples
                self.message_user(request, f"{user.get_username()}: {exc}", messages.WARNING)
        if started:
            names = ", ".join(f"{short_id(job.pk)} ({job.user.get_username()})" for job in started)
            self.message_user(request, f"Started {len(started)} new job(s): {names}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} job(s) neither failed nor cancelled; not retried.", messages.WARNING
            )
        return redirect_back(request)


def _asked_again(job: FineTuneJob) -> dict:
    """The base model and training settings `job` asked for, when the configured backend is still its
    own (another backend may not take them: its defaults apply)."""
    if job.backend != registry.configured_name():
        return {}
    asked = {name: value for name, value in job.training_settings.items() if name in TRAINING_SETTINGS}
    if registry.backend_class(job.backend).base_model_help is not None and job.base_model:
        asked["base_model"] = job.base_model
    return asked


def _figure(value) -> str:
    return "" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)


def _evaluation(job: FineTuneJob) -> dict | None:
    """The job's latest evaluation as the API shows it, read once per page (two fields show it)."""
    if not hasattr(job, "_evaluation_detail"):
        job._evaluation_detail = selectors.evaluation_detail(selectors.latest_evaluation(job_id=job.pk))  # type: ignore[attr-defined]
    return job._evaluation_detail  # type: ignore[attr-defined]


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _share(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"


def _judge_name(judge) -> str:
    return str(judge.get("name") or judge.get("model")) if isinstance(judge, dict) else str(judge)


def _title(job: FineTuneJob) -> str:
    if job.kind == FineTuneJob.Kind.WEIGHTS:
        return f"Fine-tune job {short_id(job.pk)} ({job.kind_label})"
    return f"Custom model job {short_id(job.pk)} ({job.kind_label})"
