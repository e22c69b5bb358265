"""The service's own shapes: health, errors and the page envelope of list answers."""

from __future__ import annotations

from rest_framework import serializers


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
