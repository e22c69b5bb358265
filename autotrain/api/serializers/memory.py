"""The user's memory: searching it, and generating a passage with it."""

from __future__ import annotations

from rest_framework import serializers

from autotrain.api.serializers.fields import (
    GenreField,
    QuerySerializer,
    RejectUnknownFieldsMixin,
    StrictBooleanField,
    StrictCharField,
    UserIdField,
)


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
