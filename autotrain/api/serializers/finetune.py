"""Fine-tuning: the request, the job with its settings, events, metrics and checkpoints, and the
evaluation of a custom model against its base."""

from __future__ import annotations

import re

from rest_framework import serializers

from autotrain.api.serializers.fields import (
    ListQuerySerializer,
    RejectUnknownFieldsMixin,
    StrictCharField,
    StrictIntegerField,
    StrictNumberField,
    UserIdField,
)
from autotrain.finetune.base import BASE_MODEL_MAX_LENGTH, TRAINING_SETTINGS
from autotrain.models import FineTuneJob


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


class FineTuneJobListQuerySerializer(ListQuerySerializer):
    pass


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
