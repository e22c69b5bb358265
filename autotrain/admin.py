"""Staff review. Kept small for now: every model is browsable; curation lands with its own change."""

from django.contrib import admin

from autotrain.models import FineTuneJob, MemoryEntry, TrainingExample, TrainingProfile, TrainingRun


@admin.register(TrainingRun)
class TrainingRunAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "status", "num_examples", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in TrainingRun._meta.fields]


@admin.register(TrainingExample)
class TrainingExampleAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "genre", "quality_score", "status", "reject_reason", "winning_model", "run"]
    list_filter = ["genre", "status", "reject_reason", "winning_model"]
    list_select_related = ["user", "run"]
    search_fields = ["prompt", "text"]
    readonly_fields = [f.name for f in TrainingExample._meta.fields if f.name != "excluded"]


admin.site.register(TrainingProfile)
admin.site.register(FineTuneJob)
admin.site.register(MemoryEntry)
