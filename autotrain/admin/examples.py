"""Training examples: browse, read one in full with its quality breakdown and ensemble vote, curate."""

from __future__ import annotations

from django.conf import settings
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.views.main import ChangeList
from django.db.models import Q
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from autotrain import catalog, quality
from autotrain.quality.jury import CRITERIA as JUDGE_CRITERIA
from autotrain.admin.common import (
    StaffReviewMixin,
    UsernameFilter,
    admin_change_url,
    admin_changelist_url,
    change_link,
    key_value_table,
    redirect_back,
    short_id,
)
from autotrain.admin.quality_page import training_quality_view
from autotrain.models import FineTuneJob, TrainingExample, TrainingRun
from autotrain.services import curation

Example = TrainingExample

# Columns the list never shows and that make a row heavy (texts, every candidate's text, signatures).
LIST_DEFERRED = ("text", "candidates", "votes", "minhash", "prompt", "style_modifier")


class GenreFilter(admin.SimpleListFilter):
    """From the catalog, not a DISTINCT over the table: the genres are known."""

    title = "genre"
    parameter_name = "genre"

    def lookups(self, request, model_admin):
        return [(genre.key, genre.label) for genre in catalog.GENRES.values()]

    def queryset(self, request, queryset):
        return queryset.filter(genre=self.value()) if self.value() else queryset


class OutcomeFilter(admin.SimpleListFilter):
    title = "outcome"
    parameter_name = "outcome"
    QUERIES = {
        "training": Q(status=Example.Status.KEPT, excluded=False),
        "excluded": Q(excluded=True),
        "kept": Q(status=Example.Status.KEPT),
        "rejected": Q(status=Example.Status.REJECTED),
        "unfinished": Q(status__in=Example.UNFINISHED),
    }

    def lookups(self, request, model_admin):
        return [
            ("training", "kept, in training"),
            ("kept", "kept (with excluded)"),
            ("excluded", "excluded by staff"),
            ("rejected", "rejected"),
            ("unfinished", "not generated yet"),
        ]

    def queryset(self, request, queryset):
        query = self.QUERIES.get(self.value() or "")
        return queryset.filter(query) if query is not None else queryset


class QualityRangeFilter(admin.SimpleListFilter):
    title = "quality score"
    parameter_name = "quality"
    QUERIES = {
        "lt7": Q(quality_score__lt=7),
        "7-8": Q(quality_score__gte=7, quality_score__lt=8),
        "8-9": Q(quality_score__gte=8, quality_score__lt=9),
        "gte9": Q(quality_score__gte=9),
        "none": Q(quality_score__isnull=True),
    }

    def lookups(self, request, model_admin):
        return [
            ("lt7", "below 7"),
            ("7-8", "7 – 8"),
            ("8-9", "8 – 9"),
            ("gte9", "9 and above"),
            ("none", "no score"),
        ]

    def queryset(self, request, queryset):
        query = self.QUERIES.get(self.value() or "")
        return queryset.filter(query) if query is not None else queryset


class WinningModelFilter(admin.SimpleListFilter):
    title = "winning model"
    parameter_name = "model"

    def lookups(self, request, model_admin):
        # One DISTINCT over an indexed column: a handful of ensemble members, however many rows.
        models = (
            Example.objects.exclude(winning_model="")
            .order_by("winning_model")
            .values_list("winning_model", flat=True)
            .distinct()
        )
        return [(name, name) for name in models]

    def queryset(self, request, queryset):
        return queryset.filter(winning_model=self.value()) if self.value() else queryset


class ExampleChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer(*LIST_DEFERRED)


def _sum_note(raw: float, score: float | None) -> str:
    """Why the total differs from the sum of the factors, when it does."""
    if score is None or abs(raw - score) < 0.005:
        return ""
    if abs(min(10.0, max(0.0, raw)) - score) < 0.005:
        return f" (the factors sum to {raw:g}; a score stays within 0–10)"
    return f" (the factors sum to {raw:g})"


def _breakdown_title(breakdown: dict) -> str:
    return ", ".join(
        f"{key.removeprefix('penalty_')} {value:+g}" for key, value in quality.ordered_breakdown(breakdown)
    )


class CurationActionForm(ActionForm):
    """The list's action bar, with a box for why examples are excluded (recorded with who and when)."""

    note = forms.CharField(
        required=False,
        max_length=curation.EXCLUSION_NOTE_MAX,
        label="Note",
        widget=forms.TextInput(attrs={"placeholder": "why (for Exclude)", "size": 30}),
    )


@admin.register(TrainingExample)
class TrainingExampleAdmin(StaffReviewMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "user_link",
        "genre",
        "quality",
        "outcome",
        "winning_model",
        "run_link",
        "created_at",
    ]
    list_display_links = ["id"]
    list_filter = [
        GenreFilter,
        OutcomeFilter,
        "reject_reason",
        WinningModelFilter,
        UsernameFilter,
        QualityRangeFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["user"]
    search_fields = ["prompt", "text"]
    search_help_text = "Searches the prompts and the texts."
    ordering = ["-id"]
    # The unfiltered total is one more COUNT over the whole table on every filtered page.
    show_full_result_count = False
    change_form_template = "admin/autotrain/change_form.html"
    action_form = CurationActionForm
    actions = [
        "exclude_from_training",
        "include_in_training",
        "rescore_at_run_threshold",
        "rescore_at_current_threshold",
        "export_openai_jsonl",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "user_link",
                    "run_link",
                    "index",
                    "genre",
                    "prompt",
                    "style_modifier",
                    "outcome",
                    "reject_detail",
                    "excluded",
                    "excluded_by",
                    "excluded_at",
                    "exclusion_note",
                ]
            },
        ),
        ("Text", {"fields": ["text_display", "raw_text_display"]}),
        ("Quality", {"fields": ["quality_score", "breakdown_table"]}),
        ("Jury", {"fields": ["judge_status", "judge_score", "judgements_table"]}),
        ("Ensemble", {"fields": ["winning_model", "candidates_table"]}),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "latency",
                    "prompt_tokens",
                    "completion_tokens",
                    "char_count",
                    "sentence_count",
                    "has_dialogue",
                    "attempts",
                    "finetune_job_link",
                    "created_at",
                    "finished_at",
                ],
            },
        ),
    ]
    readonly_fields = [
        "user_link",
        "run_link",
        "outcome",
        "text_display",
        "raw_text_display",
        "breakdown_table",
        "judgements_table",
        "candidates_table",
        "finetune_job_link",
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Every requested example ends as exactly one row: deleting one would falsify its run's counts.
        return False

    def get_changelist(self, request, **kwargs):
        return ExampleChangeList

    def get_urls(self):
        quality_page = path(
            "quality/",
            self.admin_site.admin_view(self.training_quality),
            name="autotrain_training_quality",
        )
        return [quality_page, *super().get_urls()]

    def training_quality(self, request: HttpRequest):
        return training_quality_view(request, model_admin=self)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = {
            "object_actions_title": "Curate this example",
            "object_actions_note": "why (for Exclude)",
            "object_actions_url": reverse("admin:autotrain_trainingexample_changelist"),
            "object_actions": [
                ("exclude_from_training", "Exclude from training"),
                ("include_in_training", "Include in training"),
                ("rescore_at_run_threshold", "Re-score"),
            ]
            if self.has_curate_permission(request)
            else [],
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context=extra)

    # --- columns and fields ----------------------------------------------------------------------

    @admin.display(description="user", ordering="user__username")
    def user_link(self, obj: TrainingExample):
        return format_html(
            '<a href="{}" title="examples of this user">{}</a>',
            admin_changelist_url(Example, user=obj.user.username),
            obj.user.username,
        )

    @admin.display(description="quality", ordering="quality_score")
    def quality(self, obj: TrainingExample):
        if obj.quality_score is None:
            return "–"
        return format_html(
            '<span title="{}">{}</span>', _breakdown_title(obj.quality_breakdown), f"{obj.quality_score:.2f}"
        )

    @admin.display(description="kept / reject reason", ordering="status")
    def outcome(self, obj: TrainingExample):
        if obj.status == Example.Status.KEPT:
            return mark_safe("<strong>excluded</strong> (kept)") if obj.excluded else "kept"
        if obj.status == Example.Status.REJECTED:
            label = obj.reject_reason or "rejected"
            if obj.reject_detail and obj.reject_reason == Example.RejectReason.LOW_QUALITY:
                label = f"{label}: {obj.reject_detail}"
            return format_html("{}{}", label, " (excluded)" if obj.excluded else "")
        return obj.get_status_display()

    @admin.display(description="run", ordering="run")
    def run_link(self, obj: TrainingExample):
        # The id alone (no join): the run's own page has the rest.
        return format_html(
            '<a href="{}">{}</a>', admin_change_url(TrainingRun, obj.run_id), short_id(obj.run_id)
        )

    @admin.display(description="text")
    def text_display(self, obj: TrainingExample):
        if not obj.text:
            return "(no text)"
        return format_html(
            '<div style="white-space: pre-wrap; max-width: 48em; line-height: 1.5; font-size: 14px">{}</div>'
            '<p class="help">{} characters</p>',
            obj.text,
            len(obj.text),
        )

    @admin.display(description="the model's answer")
    def raw_text_display(self, obj: TrainingExample):
        if not obj.raw_text or obj.raw_text == obj.text:
            return "(the same as the text: nothing was cleaned off)"
        return format_html(
            '<details><summary>{} characters, before its preamble and postamble were removed</summary>'
            '<div style="white-space: pre-wrap; max-width: 48em">{}</div></details>',
            len(obj.raw_text),
            obj.raw_text,
        )

    @admin.display(description="judgements")
    def judgements_table(self, obj: TrainingExample):
        judgements = obj.judgements or {}
        if not judgements:
            return "(no judge answered for this example)" if obj.judge_status != "off" else "(no jury)"
        rows = [
            (
                judge,
                " · ".join(f"{key.replace('_', ' ')} {j.get(key)}" for key in JUDGE_CRITERIA),
                j.get("verdict", ""),
                j.get("reason", ""),
            )
            for judge, j in judgements.items()
        ]
        return key_value_table(rows, headers=("judge", "marks", "verdict", "reason"))

    @admin.display(description="breakdown")
    def breakdown_table(self, obj: TrainingExample):
        breakdown = obj.quality_breakdown or {}
        if not breakdown:
            return "(not scored)"
        rows = []
        for key, points in quality.ordered_breakdown(breakdown):
            if key.startswith("penalty_"):
                factor = f"penalty: {quality.REASONS.get(key, key.removeprefix('penalty_'))}"
            else:
                factor = key
            rows.append((factor, f"{points:+g}" if key != "base" else f"{points:g}"))
        raw = sum(breakdown.values())
        rows.append(
            (
                mark_safe("<strong>total</strong>"),
                format_html(
                    "<strong>{}</strong>{}",
                    f"{obj.quality_score:g}" if obj.quality_score is not None else "–",
                    _sum_note(raw, obj.quality_score),
                ),
            )
        )
        return key_value_table(rows, headers=("factor", "points"))

    @admin.display(description="candidates")
    def candidates_table(self, obj: TrainingExample):
        candidates = obj.candidates or []
        if not candidates:
            return "(no candidates recorded)"
        votes = obj.votes or {}
        rows = []
        for c in candidates:
            model = c.get("model", "?")
            is_winner = model == obj.winning_model and c.get("text") == (obj.raw_text or obj.text)
            rows.append(
                (
                    format_html("<strong>{} ✔</strong>", model) if is_winner else model,
                    "–" if c.get("score") is None else f"{c['score']:g}",
                    "–" if model not in votes else f"{votes[model]:g}",
                    "–" if c.get("judge_score") is None else f"{c['judge_score']:g}",
                    c.get("error") or "",
                    "–" if c.get("latency") is None else f"{c['latency']:.2f}s",
                    f"{c.get('prompt_tokens') or 0} / {c.get('completion_tokens') or 0}",
                    format_html(
                        '<details><summary>{} characters</summary><div style="white-space: pre-wrap; '
                        'max-width: 40em">{}</div></details>',
                        len(c.get("text") or ""),
                        c.get("text") or "",
                    )
                    if c.get("text")
                    else "",
                )
            )
        return format_html(
            '{}<p class="help">Scores and votes as the ensemble saw them when the example was generated.</p>',
            key_value_table(
                rows,
                headers=("model", "score", "vote", "judges", "error", "latency", "tokens in / out", "text"),
            ),
        )

    @admin.display(description="fine-tune job")
    def finetune_job_link(self, obj: TrainingExample):
        return change_link(FineTuneJob, obj.finetune_job_id)

    # --- actions: every one goes through a service -----------------------------------------------

    @admin.action(description="Exclude from training (with the note, if any)", permissions=["curate"])
    def exclude_from_training(self, request, queryset):
        note = (request.POST.get("note") or "").strip()[: curation.EXCLUSION_NOTE_MAX]
        changed = curation.examples_exclude(examples=queryset, by=request.user, note=note)
        self.message_user(request, f"Excluded {changed} example(s) from training.", messages.SUCCESS)
        return redirect_back(request)

    @admin.action(description="Include in training again", permissions=["curate"])
    def include_in_training(self, request, queryset):
        changed = curation.examples_include(examples=queryset)
        self.message_user(request, f"Included {changed} example(s) in training again.", messages.SUCCESS)
        return redirect_back(request)

    @admin.action(
        description="Re-score with the current scorer (each run's threshold)", permissions=["curate"]
    )
    def rescore_at_run_threshold(self, request, queryset):
        self._rescore(request, queryset, threshold=None)
        return redirect_back(request)

    @admin.action(description="Re-score with the current scorer and threshold", permissions=["curate"])
    def rescore_at_current_threshold(self, request, queryset):
        self._rescore(request, queryset, threshold=settings.ZEGA_QUALITY_THRESHOLD)
        return redirect_back(request)

    def _rescore(self, request, queryset, *, threshold: float | None) -> None:
        result = curation.examples_rescore(examples=queryset, threshold=threshold)
        at = "each run's threshold" if threshold is None else f"threshold {threshold:g}"
        self.message_user(
            request,
            f"Re-scored {result.rescored} example(s) at {at}: {result.changed} changed, "
            f"{result.newly_rejected} now rejected, {result.newly_kept} now kept"
            + (f"; {result.skipped} skipped (no text to score)." if result.skipped else "."),
            messages.SUCCESS,
        )

    @admin.action(description="Export kept, non-excluded examples as OpenAI JSONL", permissions=["curate"])
    def export_openai_jsonl(self, request, queryset):
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        response = StreamingHttpResponse(
            curation.examples_export_openai_jsonl(examples=queryset), content_type="application/jsonl"
        )
        response["Content-Disposition"] = f'attachment; filename="training-examples-{stamp}.jsonl"'
        return response
