"""Memory entries: list, read, delete (through the memory service, so run counts stay right)."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.html import format_html

from autotrain.admin.common import StaffReviewMixin, UsernameFilter, admin_change_url, has_model_permission
from autotrain.models import MemoryEntry, TrainingExample
from autotrain.services.memory import memory_entries_delete


@admin.register(MemoryEntry)
class MemoryEntryAdmin(StaffReviewMixin, admin.ModelAdmin):
    list_display = ["id", "user", "example_link", "excerpt", "embedder", "dimension", "created_at"]
    list_filter = [UsernameFilter, "embedder"]
    list_select_related = ["user"]
    search_fields = ["text"]
    ordering = ["-id"]
    show_full_result_count = False
    fields = ["user", "example_link", "embedder", "dimension", "text_display", "created_at"]
    readonly_fields = ["example_link", "text_display"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("embedding")

    def has_delete_permission(self, request, obj=None) -> bool:
        return has_model_permission(request, MemoryEntry, "delete")

    def delete_model(self, request, obj: MemoryEntry) -> None:
        memory_entries_delete(user=obj.user, entry_ids=[obj.pk])

    def delete_queryset(self, request, queryset) -> None:
        by_user: dict[int, list[int]] = defaultdict(list)
        for pk, user_id in queryset.values_list("pk", "user_id"):
            by_user[user_id].append(pk)
        for user in get_user_model().objects.filter(pk__in=by_user):
            memory_entries_delete(user=user, entry_ids=by_user[user.pk])

    @admin.display(description="example")
    def example_link(self, obj: MemoryEntry):
        return format_html(
            '<a href="{}">{}</a>', admin_change_url(TrainingExample, obj.example_id), obj.example_id
        )

    @admin.display(description="text")
    def excerpt(self, obj: MemoryEntry):
        return obj.text[:80] + ("…" if len(obj.text) > 80 else "")

    @admin.display(description="text")
    def text_display(self, obj: MemoryEntry):
        return format_html('<div style="white-space: pre-wrap; max-width: 48em">{}</div>', obj.text)
