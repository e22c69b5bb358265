"""Training profiles: what the service learned of each user's taste, and their custom model."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html

from autotrain import services
from autotrain.admin import charts
from autotrain.admin.common import StaffReviewMixin, has_model_permission, key_value_table
from autotrain.models import TrainingProfile


@admin.register(TrainingProfile)
class TrainingProfileAdmin(StaffReviewMixin, admin.ModelAdmin):
    list_display = ["user", "custom_model_name", "preferences", "patterns", "auto_finetune", "updated_at"]
    list_filter = ["auto_finetune"]
    list_select_related = ["user"]
    search_fields = ["=user__username", "custom_model_name"]
    ordering = ["-updated_at"]
    show_full_result_count = False
    fields = [
        "user",
        "custom_model_name",
        "auto_finetune",
        "preferences_table",
        "patterns_table",
        "updated_at",
    ]
    # Preferences and patterns are computed from the examples; only the user's auto fine-tune switch is
    # a setting a person may change.
    readonly_fields = ["user", "custom_model_name", "preferences_table", "patterns_table", "updated_at"]
    actions = ["refresh_profiles"]

    def has_change_permission(self, request, obj=None) -> bool:
        return has_model_permission(request, TrainingProfile, "change")

    @admin.display(description="genre preferences")
    def preferences(self, obj: TrainingProfile):
        prefs = dict(sorted((obj.genre_preferences or {}).items(), key=lambda kv: -kv[1]))
        if not prefs:
            return "–"
        return format_html(
            "{} {}",
            charts.distribution_strip(prefs),
            " · ".join(f"{genre} {n}" for genre, n in prefs.items()),
        )

    @admin.display(description="writing patterns")
    def patterns(self, obj: TrainingProfile):
        p = obj.writing_patterns or {}
        if not p:
            return "–"
        return (
            f"{p.get('average_length', 0):g} chars · {p.get('average_sentences', 0):g} sentences · "
            f"{p.get('dialogue_ratio', 0):.0%} dialogue"
        )

    @admin.display(description="genre preferences (kept examples)")
    def preferences_table(self, obj: TrainingProfile):
        prefs = sorted((obj.genre_preferences or {}).items(), key=lambda kv: -kv[1])
        return key_value_table(prefs, headers=("genre", "kept")) if prefs else "–"

    @admin.display(description="writing patterns")
    def patterns_table(self, obj: TrainingProfile):
        patterns = obj.writing_patterns or {}
        return key_value_table(patterns.items(), headers=("pattern", "value")) if patterns else "–"

    @admin.action(description="Recompute preferences and patterns from the examples", permissions=["curate"])
    def refresh_profiles(self, request, queryset):
        user_ids = list(queryset.values_list("user_id", flat=True))
        for user_id in user_ids:
            services.profile_refresh(user_id=user_id)
        self.message_user(request, f"Refreshed {len(user_ids)} profile(s).", messages.SUCCESS)
