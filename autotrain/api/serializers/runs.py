"""Generation runs: the request that starts one, the list query and the run summary."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from autotrain import catalog
from autotrain.api.serializers.data import TrainingStatsSerializer
from autotrain.api.serializers.fields import (
    GenreField,
    ListQuerySerializer,
    RejectUnknownFieldsMixin,
    StrictBooleanField,
    StrictIntegerField,
    UserIdField,
)
from autotrain.api.serializers.finetune import JobBriefSerializer


class AutoTrainRequestSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    user_id = UserIdField(help_text="Defaults to the caller; staff may name any user.")
    num_examples = StrictIntegerField(min_value=1, help_text="1..ZEGA_MAX_EXAMPLES (default 500).")
    genres = serializers.ListField(
        child=GenreField(),
        required=False,
        allow_null=True,
        allow_empty=True,
        max_length=64,
        help_text="Catalog genre keys; null or [] for all genres. Repeats are folded.",
    )
    store_in_memory = StrictBooleanField(
        required=False,
        default=False,
        help_text="Also store the kept examples in the user's memory (for /memory/search and /generate).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The bound is a setting: read it per request (and per schema generation), not at import.
        self.fields["num_examples"] = StrictIntegerField(
            min_value=1, max_value=settings.ZEGA_MAX_EXAMPLES, help_text="1..ZEGA_MAX_EXAMPLES (default 500)."
        )

    def validate_genres(self, value):
        return catalog.normalize_genres(value or [])


class RunListQuerySerializer(ListQuerySerializer):
    pass


class FailuresSerializer(serializers.Serializer):
    generation_error = serializers.IntegerField(help_text="No model produced a usable answer.")
    low_quality = serializers.IntegerField(help_text="Scored below the run's quality threshold.")
    truncated = serializers.IntegerField(help_text="Cut off by the length limit or mid-sentence.")
    judge = serializers.IntegerField(help_text="Passed the heuristics; the LLM jury would not keep it.")
    duplicate = serializers.IntegerField(help_text="Nearly repeats an example the user already has.")
    cancelled = serializers.IntegerField(help_text="Not generated: the run was cancelled first.")


class JurySummarySerializer(serializers.Serializer):
    judges = serializers.ListField(
        child=serializers.CharField(), help_text="The jury's judges ([]: no jury)."
    )
    threshold = serializers.FloatField(
        allow_null=True, help_text="ZEGA_JUDGE_THRESHOLD when the run started."
    )
    requests = serializers.IntegerField(help_text="Judge requests sent, retries included.")
    prompt_tokens = serializers.IntegerField(help_text="Tokens the judges read.")
    completion_tokens = serializers.IntegerField(help_text="Tokens the judges wrote.")


class ProgressSerializer(serializers.Serializer):
    completed = serializers.IntegerField(help_text="Examples finished (kept or rejected).")
    total = serializers.IntegerField(help_text="Examples requested.")


class ModelPerformanceSerializer(serializers.Serializer):
    wins = serializers.IntegerField(help_text="Kept examples this model wrote.")
    average_quality = serializers.FloatField(help_text="Their mean quality score.")


class RunSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    url = serializers.CharField()
    user_id = serializers.CharField(help_text="The run's owner (username).")
    status = serializers.ChoiceField(
        choices=["queued", "running", "succeeded", "failed", "cancelled"],
        help_text="queued, running, then succeeded, failed or cancelled.",
    )
    total_requested = serializers.IntegerField(help_text="Examples asked for.")
    successful = serializers.IntegerField(help_text="Examples kept.")
    failed = serializers.IntegerField(help_text="Examples not kept, for any reason (see failures).")
    failures = FailuresSerializer(help_text="Examples not kept, by reason.")
    progress = ProgressSerializer(help_text="How far the run is.")
    genres = serializers.ListField(child=serializers.CharField(), help_text="The genres asked for ([]: all).")
    genre_distribution = serializers.DictField(
        child=serializers.IntegerField(), help_text="Kept examples by genre."
    )
    average_quality = serializers.FloatField(
        allow_null=True, help_text="Mean quality score of the kept examples; null when none."
    )
    model_performance = serializers.DictField(
        child=ModelPerformanceSerializer(),
        help_text="Per ensemble member: kept examples it wrote and their mean quality.",
    )
    total_time = serializers.FloatField(help_text="Seconds from start to finish (so far, while running).")
    stored_in_memory = serializers.BooleanField(
        help_text="Whether the run stores its kept examples in memory."
    )
    stored_in_memory_count = serializers.IntegerField(help_text="How many of them are in memory now.")
    jury = JurySummarySerializer(help_text="The LLM jury the run used, and what it cost.")
    training_stats = TrainingStatsSerializer(help_text="The user's training stats after this run.")
    ready_for_finetuning = serializers.BooleanField(
        help_text="Whether the user had enough unused kept examples for a fine-tune after this run."
    )
    finetune_job = JobBriefSerializer(
        allow_null=True, help_text="The fine-tune job this run started by itself, if any."
    )
    error = serializers.CharField(allow_null=True, help_text="Why the run failed; null otherwise.")
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
