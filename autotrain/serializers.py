"""Input serializers validate strictly (no coercion of "10", 10.0 or true); output ones document shapes."""

from __future__ import annotations

import re

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from autotrain import catalog
from autotrain.finetune.base import BASE_MODEL_MAX_LENGTH, TRAINING_SETTINGS
from autotrain.models import FineTuneJob, TrainingExample
from autotrain.services.curation import EXCLUSION_NOTE_MAX


class StrictIntegerField(serializers.IntegerField):
    """A JSON integer and nothing else: booleans, floats and strings are refused."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Must be a JSON boolean (true or false)."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictCharField(serializers.CharField):
    default_error_messages = {"not_a_string": "Must be a JSON string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class GenreField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=list(catalog.GENRE_KEYS), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_choice", input=data)
        return super().to_internal_value(data)


USERNAME_PATTERN = r"^[A-Za-z0-9_.@+-]+$"


class UserIdField(serializers.RegexField):
    """A username: a JSON string of ASCII letters, digits and @.+-_ (Django's rule, ASCII only, so the
    schema's pattern means the same in every client's regex dialect)."""

    default_error_messages = {
        "not_a_string": "Must be a JSON string.",
        "invalid": "Enter a valid username: letters, digits and @/./+/-/_ only.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 150)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Whose data: defaults to the caller; staff may name any user.")
        super().__init__(regex=USERNAME_PATTERN, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)


class RejectUnknownFieldsMixin:
    """A misspelt field ("num_example") is an error, not silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().to_internal_value(data)


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


class QuerySerializer(serializers.Serializer):
    """Query parameters: DRF's form rules read `?run=` as "not given"; here an empty value is an error."""

    def to_internal_value(self, data):
        blank = sorted(name for name in self.fields if name in data and data.get(name) == "")
        if blank:
            raise serializers.ValidationError({name: ["May not be blank."] for name in blank})
        return super().to_internal_value(data)


class UserQuerySerializer(QuerySerializer):
    user_id = UserIdField()


class RunListQuerySerializer(QuerySerializer):
    user_id = UserIdField()
    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number, from 1.")


EXAMPLE_ORDERINGS = [
    "-created_at",
    "created_at",
    "-quality_score",
    "quality_score",
    "-judge_score",
    "judge_score",
]


class ExampleQuerySerializer(QuerySerializer):
    user_id = UserIdField()
    genre = GenreField(required=False, help_text="Only this catalog genre.")
    min_quality = serializers.FloatField(
        required=False, min_value=0.0, max_value=10.0, help_text="Only examples scored at least this (0-10)."
    )
    kept = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="Only kept (true) or only rejected (false)."
    )
    excluded = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Only examples excluded from training (true) or only those not excluded (false).",
    )
    run = serializers.UUIDField(required=False, help_text="Only the examples of this run.")
    ordering = serializers.ChoiceField(
        choices=EXAMPLE_ORDERINGS,
        required=False,
        help_text="Sort order; a leading - is descending. Default: most recently finished first.",
    )
    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number, from 1.")

    def validate_min_quality(self, value: float) -> float:
        if value != value:  # NaN compares unequal to itself and would match nothing silently
            raise serializers.ValidationError("A valid number is required.")
        return value


# --- output shapes (for the schema and for a stable field order) -----------------------------------


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


class TrainingStatsSerializer(serializers.Serializer):
    training_examples = serializers.IntegerField(help_text="Kept, non-excluded examples the user has.")
    examples_until_next_training = serializers.IntegerField(
        help_text="Unused kept examples still needed before a fine-tune can start (0: ready)."
    )
    custom_model_exists = serializers.BooleanField(help_text="Whether a fine-tune of the user has succeeded.")


# One enum in the schema (JobStatusEnum) for every job status field.
JOB_STATUSES = list(FineTuneJob.Status.values)


class JobBriefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(choices=JOB_STATUSES, help_text="Where the job is.")
    kind = serializers.ChoiceField(
        choices=["weights", "prompt"], help_text="weights: the provider trains new weights; prompt: none."
    )
    kind_label = serializers.CharField(help_text="The kind in words.")
    model_name = serializers.CharField(
        allow_null=True,
        help_text="The custom model's name once known (zega-<username> or the provider's ft: name).",
    )


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


class GenreDetailSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The genre's key, as requests name it.")
    # DRF's metaclass takes declared fields off the class, so this never shadows Field.label as the stubs think.
    label = serializers.CharField(help_text="The genre's name in words.")  # type: ignore[assignment]
    description = serializers.CharField(help_text="What the genre's stories are like.")
    prompts = serializers.ListField(child=serializers.CharField(), help_text="The catalog's prompts for it.")


class GenresSerializer(serializers.Serializer):
    genres = serializers.ListField(child=serializers.CharField(), help_text="The catalog's genre keys.")
    total = serializers.IntegerField(help_text="How many genres there are.")
    description = serializers.CharField(help_text="The catalog in a sentence.")
    details = GenreDetailSerializer(many=True, help_text="Each genre with its name, description and prompts.")
    style_modifiers = serializers.ListField(
        child=serializers.CharField(), help_text="The styles a prompt is paired with."
    )


class WritingPatternsSerializer(serializers.Serializer):
    average_length = serializers.FloatField(help_text="Mean length of the kept examples, in characters.")
    dialogue_ratio = serializers.FloatField(help_text="Share of kept examples with dialogue (0-1).")
    average_sentences = serializers.FloatField(help_text="Mean sentences per kept example.")


class UserStatsSerializer(TrainingStatsSerializer):
    ready_for_finetuning = serializers.BooleanField(
        help_text="Whether enough unused kept examples wait for a fine-tune."
    )
    custom_model = serializers.CharField(
        allow_null=True, help_text="The user's custom model's name; null before a fine-tune succeeded."
    )
    genre_preferences = serializers.DictField(
        child=serializers.IntegerField(), help_text="Kept examples by genre."
    )
    average_quality = serializers.FloatField(
        allow_null=True, help_text="Mean quality score of the kept examples; null when none."
    )
    writing_patterns = WritingPatternsSerializer(help_text="Measured on the kept examples.")
    last_finetune = JobBriefSerializer(allow_null=True, help_text="The user's latest fine-tune job, if any.")


class JudgeMarksSerializer(serializers.Serializer):
    prompt_adherence = serializers.FloatField(help_text="How well it follows the prompt, 1-10.")
    genre_fit = serializers.FloatField(help_text="How well it fits the genre, 1-10.")
    prose = serializers.FloatField(help_text="The quality of its prose, 1-10.")
    completeness = serializers.FloatField(help_text="Whether it is a whole story, 1-10.")
    verdict = serializers.ChoiceField(choices=["keep", "reject"], help_text="The judge's verdict.")
    reason = serializers.CharField(allow_blank=True, help_text="The judge's reason, in its words.")


class CandidateBriefSerializer(serializers.Serializer):
    """One ensemble member's answer for an example, without its text (the winner's is the example's)."""

    model = serializers.CharField(help_text="The ensemble member that answered.")
    score = serializers.FloatField(allow_null=True, help_text="Its heuristic quality score; null: no answer.")
    judge_score = serializers.FloatField(
        allow_null=True, help_text="The jury's mean mark for it; null without a jury or a judge's answer."
    )
    error = serializers.CharField(allow_null=True, help_text="Why it gave no usable answer, if so.")
    chars = serializers.IntegerField(help_text="Length of its answer in characters.")
    won = serializers.BooleanField(help_text="Whether its answer became the example.")


class ExampleSerializer(serializers.ModelSerializer):
    run = serializers.UUIDField(source="run_id", help_text="The run that generated it.")
    kept = serializers.BooleanField(help_text="Kept for training by the filter (before any exclusion).")
    reject_reason = serializers.ChoiceField(
        choices=[choice.value for choice in TrainingExample.RejectReason],
        allow_null=True,
        help_text="Why the filter rejected it; null when kept.",
    )
    votes = serializers.DictField(
        child=serializers.FloatField(), help_text="{model: score} of each ensemble member that answered."
    )
    judgements = serializers.DictField(
        child=JudgeMarksSerializer(),
        help_text="Each judge that answered, by name, and its marks; {} without a jury.",
    )
    candidates = serializers.SerializerMethodField(help_text="Every ensemble member's answer, without texts.")
    excluded_by = serializers.CharField(
        source="excluded_by.username",
        allow_null=True,
        read_only=True,
        help_text="Who excluded it (username); null when not excluded or when a command did.",
    )

    class Meta:
        model = TrainingExample
        fields = [
            "id",
            "run",
            "index",
            "genre",
            "prompt",
            "style_modifier",
            "text",
            "raw_text",
            "quality_score",
            "quality_breakdown",
            "kept",
            "reject_reason",
            "reject_detail",
            "winning_model",
            "votes",
            "candidates",
            "judge_score",
            "judge_status",
            "judgements",
            "excluded",
            "excluded_by",
            "excluded_at",
            "exclusion_note",
            "created_at",
        ]
        # An answer's shape: every field is always there (the schema marks them required).
        read_only_fields = fields
        extra_kwargs = {
            "index": {"help_text": "Its position in the run (0-based)."},
            "genre": {"help_text": "The catalog genre key it was written for."},
            "prompt": {"help_text": "The catalog prompt the writer was given."},
            "style_modifier": {"help_text": "The style the writer was asked for."},
            "text": {"help_text": "The story as kept for training: the answer without preamble or chatter."},
            "raw_text": {"help_text": "The winning model's answer as given, before cleaning."},
            "quality_score": {"help_text": "Heuristic quality score 0-10; null when nothing was generated."},
            "quality_breakdown": {"help_text": "{factor: points} that sum to the score (base, penalty_...)."},
            "reject_detail": {
                "help_text": "The rejection in words: the penalty, the error, the judges' reasons."
            },
            "winning_model": {"help_text": "The ensemble member whose answer won the vote."},
            "judge_score": {"help_text": "The jury's mean mark (1-10) of the winner; null without one."},
            "judge_status": {"help_text": "judged, unavailable (no judge answered) or off (no jury)."},
            "excluded": {
                "help_text": "Left out of training, exports, fine-tunes and memory search by its owner "
                "or staff."
            },
            "excluded_at": {"help_text": "When it was excluded; null when not excluded."},
            "exclusion_note": {
                "help_text": "Why it was excluded; cleared (with excluded_by and excluded_at) "
                "when it is included again."
            },
        }

    @extend_schema_field(CandidateBriefSerializer(many=True))
    def get_candidates(self, instance: TrainingExample) -> list[dict]:
        winner_text = instance.raw_text or instance.text
        return [
            {
                "model": c.get("model") or "",
                "score": c.get("score"),
                "judge_score": c.get("judge_score"),
                "error": c.get("error") or None,
                "chars": len(c.get("text") or ""),
                "won": bool(c.get("text"))
                and c.get("model") == instance.winning_model
                and c.get("text") == winner_text,
            }
            for c in instance.candidates or []
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["reject_reason"] = instance.reject_reason or None
        return data


class ExampleCurationSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    excluded = StrictBooleanField(
        help_text="true: leave the example out of training; false: include it again."
    )
    note = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=EXCLUSION_NOTE_MAX,
        help_text="Why it is excluded (kept with the exclusion; cleared when it is included again).",
    )

    def validate(self, attrs):
        if not attrs["excluded"] and attrs.get("note"):
            raise serializers.ValidationError(
                {"note": ["A note goes with an exclusion, not with including."]}
            )
        return attrs


class HealthSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="ok when the service answers.")
    database = serializers.CharField(help_text="ok when the database answers.")
    cluster = serializers.CharField(help_text="ok when a task cluster worker reported lately, else down.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words.")


def paginated(serializer_class: type[serializers.Serializer]) -> type[serializers.Serializer]:
    """The page envelope PageNumberPagination answers with, around `serializer_class` items."""
    return type(
        f"Paginated{serializer_class.__name__.removesuffix('Serializer')}List",
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(help_text="Items on all pages."),
            "next": serializers.CharField(
                allow_null=True, help_text="The next page's URL; null on the last."
            ),
            "previous": serializers.CharField(
                allow_null=True, help_text="The previous page's URL; null on the first."
            ),
            "results": serializer_class(many=True, help_text="This page's items."),
        },
    )


# --- memory ---------------------------------------------------------------------------------------

MEMORY_SEARCH_MAX_K = 50


class MemorySearchQuerySerializer(QuerySerializer):
    user_id = UserIdField()
    # The pattern puts in the schema what the field enforces: some non-blank text, no null characters.
    q = serializers.RegexField(
        regex=r"^[^\x00]*[^\s\x00][^\x00]*$",
        max_length=4000,
        help_text="What to look for in the user's memory.",
        error_messages={"invalid": "Must hold some non-blank text and no null characters."},
    )
    k = serializers.IntegerField(
        required=False, default=5, min_value=1, max_value=MEMORY_SEARCH_MAX_K, help_text="How many matches."
    )


class MemoryMatchSerializer(serializers.Serializer):
    example_id = serializers.IntegerField(help_text="The example the passage comes from.")
    text = serializers.CharField(help_text="The passage.")
    genre = serializers.CharField(help_text="The example's genre.")
    quality_score = serializers.FloatField(allow_null=True, help_text="The example's quality score.")
    score = serializers.FloatField(help_text="Cosine similarity to the query, -1..1.")


class MemorySearchSerializer(serializers.Serializer):
    results = MemoryMatchSerializer(many=True, help_text="The matches, best first.")


# --- fine-tuning and generation -------------------------------------------------------------------


class StrictNumberField(serializers.FloatField):
    """A JSON number (integer or not) and nothing else: booleans and strings are refused."""

    default_error_messages = {"invalid": "Must be a JSON number."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("invalid")
        return super().to_internal_value(data)


class FineTuneRequestSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """POST /finetune. The training settings are for `weights` backends (openai) only: a prompt-based
    backend (fewshot, ollama) trains nothing, so asking it for epochs is a 400, not a silent no-op.
    `null` for a setting means the same as leaving it out (the provider's choice)."""

    user_id = UserIdField(help_text="Defaults to the caller; staff may name any user.")
    base_model = StrictCharField(
        required=False,
        allow_null=True,
        max_length=BASE_MODEL_MAX_LENGTH,
        help_text="openai: the model to fine-tune; ollama: the model the custom model is created FROM; "
        "fewshot: none (400). Default: ZEGA_FINETUNE_BASE_MODEL, else the backend's own.",
    )
    epochs = StrictIntegerField(
        required=False, allow_null=True, min_value=1, max_value=50, help_text="weights backends: 1-50."
    )
    learning_rate_multiplier = StrictNumberField(
        required=False,
        allow_null=True,
        min_value=0.01,
        max_value=10,
        help_text="weights backends: 0.01-10.",
    )
    batch_size = StrictIntegerField(
        required=False, allow_null=True, min_value=1, max_value=256, help_text="weights backends: 1-256."
    )

    def validate_base_model(self, value):
        if value is not None and not re.fullmatch(r"[^\s\x00-\x1f]+", value):
            raise serializers.ValidationError("Must be a model name: no spaces or control characters.")
        return value

    def validate(self, attrs):
        # The configured backend decides what it can take; refused here, before anything is created.
        from autotrain.finetune import registry

        backend = registry.backend_class(registry.configured_name())
        errors = backend.settings_errors(
            base_model=attrs.get("base_model"),
            training_settings={name: attrs.get(name) for name in TRAINING_SETTINGS},
        )
        if errors:
            raise serializers.ValidationError({name: [message] for name, message in errors.items()})
        return attrs


class FineTuneJobListQuerySerializer(QuerySerializer):
    user_id = UserIdField()
    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number, from 1.")


class FineTuneEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField(help_text="When it happened.")
    message = serializers.CharField(help_text="What happened.")
    level = serializers.ChoiceField(choices=["info", "warn", "error"], help_text="info, warn or error.")
    id = serializers.CharField(required=False, help_text="The provider's event id, when it has one.")


class TrainingSettingsSerializer(serializers.Serializer):
    epochs = serializers.IntegerField(required=False, help_text="Passes over the training data (1-50).")
    learning_rate_multiplier = serializers.FloatField(
        required=False, help_text="Scales the provider's learning rate (0.01-10)."
    )
    batch_size = serializers.IntegerField(required=False, help_text="Examples per training step (1-256).")


class FineTuneMetricSerializer(serializers.Serializer):
    step = serializers.IntegerField(help_text="The training step.")
    train_loss = serializers.FloatField(allow_null=True, help_text="Training loss at this step.")
    valid_loss = serializers.FloatField(
        required=False, allow_null=True, help_text="Validation loss, when the provider measured it."
    )
    train_mean_token_accuracy = serializers.FloatField(
        required=False, allow_null=True, help_text="Share of training tokens predicted right."
    )
    valid_mean_token_accuracy = serializers.FloatField(
        required=False, allow_null=True, help_text="Share of validation tokens predicted right."
    )


class FineTuneCheckpointSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="The provider's checkpoint id.")
    step = serializers.IntegerField(help_text="The training step it was saved at.")
    model = serializers.CharField(help_text="The checkpoint's model name at the provider.")
    metrics = serializers.DictField(
        child=serializers.FloatField(allow_null=True),
        help_text="The provider's figures at that step (loss, accuracy).",
    )
    created_at = serializers.DateTimeField(allow_null=True)


class EvaluationSideSerializer(serializers.Serializer):
    model = serializers.CharField(help_text="What wrote this side.")
    mean_score = serializers.FloatField(allow_null=True, help_text="Mean quality score of its answers.")
    pass_rate = serializers.FloatField(
        allow_null=True, help_text="Share of its answers at or above the quality threshold (0-1)."
    )
    answered = serializers.IntegerField(help_text="Prompts this side answered.")


class EvaluationSampleSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="Its position in the evaluation.")
    genre = serializers.CharField(help_text="The prompt's genre.")
    prompt = serializers.CharField(help_text="The held-out catalog prompt.")
    style_modifier = serializers.CharField(allow_blank=True, help_text="The style asked for.")
    status = serializers.ChoiceField(
        choices=["pending", "done", "failed", "cancelled"], help_text="pending, done, failed or cancelled."
    )
    custom_text = serializers.CharField(allow_blank=True, help_text="What the custom model wrote.")
    base_text = serializers.CharField(allow_blank=True, help_text="What its base wrote.")
    custom_score = serializers.FloatField(
        allow_null=True, help_text="Quality score of the custom model's answer."
    )
    base_score = serializers.FloatField(allow_null=True, help_text="Quality score of the base's answer.")
    winner = serializers.ChoiceField(
        choices=["custom", "base", "tie"], allow_null=True, help_text="custom, base or tie; null until done."
    )
    judgements = serializers.DictField(
        help_text="With a jury: each judge's blind preference {preferred, reason}; empty without one."
    )
    error = serializers.CharField(allow_null=True, help_text="Why the pair failed, if it did.")


class FineTuneEvaluationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    status = serializers.ChoiceField(
        choices=["pending", "running", "succeeded", "failed", "cancelled"],
        help_text="pending, running, then succeeded, failed or cancelled.",
    )
    n = serializers.IntegerField(help_text="Held-out prompts both models write.")
    completed = serializers.IntegerField(help_text="Pairs finished so far.")
    custom = EvaluationSideSerializer(help_text="The custom model's figures.")
    base = EvaluationSideSerializer(help_text="Its base model's figures.")
    wins = serializers.IntegerField(help_text="Pairs the custom model won.")
    losses = serializers.IntegerField(help_text="Pairs its base won.")
    ties = serializers.IntegerField(help_text="Pairs neither won.")
    jury = serializers.ListField(child=serializers.CharField(), help_text="The judges, when a jury compared.")
    quality_threshold = serializers.FloatField(help_text="The threshold pass_rate counts against.")
    error = serializers.CharField(allow_null=True, help_text="Why it failed, if it did.")
    samples = EvaluationSampleSerializer(many=True, help_text="Each prompt with both answers.")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class FineTuneJobSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    url = serializers.CharField()
    user_id = serializers.CharField(help_text="The job's owner (username).")
    backend = serializers.CharField(help_text="What trains it: openai, ollama or fewshot.")
    kind = serializers.ChoiceField(
        choices=["weights", "prompt"],
        help_text="weights: a provider trained new weights (openai); prompt: a system prompt plus "
        "examples, nothing trained (fewshot, ollama).",
    )
    kind_label = serializers.CharField(help_text="The kind in words.")
    settings = TrainingSettingsSerializer(help_text="The training settings asked for (weights jobs).")
    status = serializers.ChoiceField(
        choices=["pending", "validating", "queued", "running", "succeeded", "failed", "cancelled"],
        help_text="Where the job is.",
    )
    base_model = serializers.CharField(allow_blank=True, help_text="The model it starts from.")
    model_name = serializers.CharField(
        allow_null=True, help_text="zega-<username>, or the provider's ft: name."
    )
    provider_job_id = serializers.CharField(
        allow_null=True, help_text="The provider's id for the job, once it has one."
    )
    num_examples = serializers.IntegerField(help_text="Examples the job used, validation ones included.")
    validation_examples = serializers.IntegerField(help_text="Examples held back to validate the training.")
    error = serializers.CharField(allow_null=True, help_text="Why the job failed, if it did.")
    events = FineTuneEventSerializer(many=True, help_text="What happened to the job, oldest first.")
    metrics = FineTuneMetricSerializer(many=True, help_text="The provider's loss per training step.")
    checkpoints = FineTuneCheckpointSerializer(many=True, help_text="The provider's saved checkpoints.")
    evaluation = FineTuneEvaluationSerializer(
        allow_null=True, help_text="The latest evaluation of the custom model against its base."
    )
    triggered_by_run = serializers.UUIDField(
        allow_null=True, help_text="The run that started it by itself, if one did."
    )
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class ExportQuerySerializer(QuerySerializer):
    user_id = UserIdField()
    format = serializers.ChoiceField(
        choices=["openai", "alpaca", "sharegpt", "hf"],
        required=False,
        default="openai",
        help_text="openai, alpaca or sharegpt: one JSONL file; hf: a zip for the Hugging Face Hub "
        "(data/train.jsonl, data/validation.jsonl, README.md with the dataset card).",
    )


class GenerateRequestSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    user_id = UserIdField(help_text="Defaults to the caller; staff may name any user.")
    prompt = StrictCharField(max_length=2000, help_text="What the story is about.")
    genre = GenreField(
        required=False, allow_null=True, help_text="A catalog genre key; default: the user's favourite."
    )
    use_memory = StrictBooleanField(
        required=False,
        default=True,
        help_text="Give the writer the user's closest memory passages as examples.",
    )


class GenerateResponseSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="The story passage.")
    model = serializers.CharField(help_text="The custom model's name, or the ensemble member that wrote it.")
    custom_model = serializers.BooleanField(help_text="Whether the user's custom model wrote it.")
    writer = serializers.CharField(
        help_text="What really wrote the text: the model's name (for a fewshot custom model, the ensemble "
        "member that wrote it), or `offline` for the built-in offline writer."
    )
    memory_used = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Ids of the memory passages that reached the writer. Passages dropped by the size limits "
        "are not listed, nor those a writer does not read: the built-in offline writer reads only the first "
        "three context passages, and a fewshot model's own examples come before the memory passages, so "
        "with it memory passages usually never reach the offline writer ([]).",
    )
