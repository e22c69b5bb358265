"""The strict input fields and the bases every request and query serializer builds on."""

from __future__ import annotations

from rest_framework import serializers

from autotrain import catalog


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


class StrictNumberField(serializers.FloatField):
    """A JSON number (integer or not) and nothing else: booleans and strings are refused."""

    default_error_messages = {"invalid": "Must be a JSON number."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("invalid")
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


class QuerySerializer(serializers.Serializer):
    """Query parameters: DRF's form rules read `?run=` as "not given"; here an empty value is an error."""

    def to_internal_value(self, data):
        blank = sorted(name for name in self.fields if name in data and data.get(name) == "")
        if blank:
            raise serializers.ValidationError({name: ["May not be blank."] for name in blank})
        return super().to_internal_value(data)


class UserQuerySerializer(QuerySerializer):
    user_id = UserIdField()


class ListQuerySerializer(UserQuerySerializer):
    """A list endpoint's query: whose items (staff may name a user) and which page."""

    page = serializers.IntegerField(required=False, min_value=1, help_text="Page number, from 1.")
