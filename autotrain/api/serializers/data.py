"""The user's data: genres, stats, examples, their curation and the training-data export."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from autotrain.api.serializers.fields import (
    GenreField,
    ListQuerySerializer,
    QuerySerializer,
    RejectUnknownFieldsMixin,
    StrictBooleanField,
    StrictCharField,
    UserIdField,
)
from autotrain.api.serializers.finetune import JobBriefSerializer
from autotrain.models import TrainingExample
from autotrain.services.curation import EXCLUSION_NOTE_MAX


EXAMPLE_ORDERINGS = [
    "-created_at",
    "created_at",
    "-quality_score",
    "quality_score",
    "-judge_score",
    "judge_score",
]


class ExampleQuerySerializer(ListQuerySerializer):
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

    def validate_min_quality(self, value: float) -> float:
        if value != value:  # NaN compares unequal to itself and would match nothing silently
            raise serializers.ValidationError("A valid number is required.")
        return value


class ExportQuerySerializer(QuerySerializer):
    user_id = UserIdField()
    format = serializers.ChoiceField(
        choices=["openai", "alpaca", "sharegpt", "hf"],
        required=False,
        default="openai",
        help_text="openai, alpaca or sharegpt: one JSONL file; hf: a zip for the Hugging Face Hub "
        "(data/train.jsonl, data/validation.jsonl, README.md with the dataset card).",
    )


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


class TrainingStatsSerializer(serializers.Serializer):
    training_examples = serializers.IntegerField(help_text="Kept, non-excluded examples the user has.")
    examples_until_next_training = serializers.IntegerField(
        help_text="Unused kept examples still needed before a fine-tune can start (0: ready)."
    )
    custom_model_exists = serializers.BooleanField(help_text="Whether a fine-tune of the user has succeeded.")


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
