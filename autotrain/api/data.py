"""The catalog and a user's data: genres, stats, examples."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from autotrain import catalog, selectors
from autotrain.api import serializers as s
from autotrain.api.common import ERRORS, caller_of, target_user
from autotrain.models import TrainingExample
from autotrain.services import curation


class GenresView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="training_genres",
        summary="The catalog",
        description=(
            "The genre keys with their names, descriptions and prompts, and the style modifiers. "
            "Open to everyone."
        ),
        responses={200: s.GenresSerializer},
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                "genres": list(catalog.GENRE_KEYS),
                "total": len(catalog.GENRE_KEYS),
                "description": catalog.GENRES_DESCRIPTION,
                "details": [
                    {"key": g.key, "label": g.label, "description": g.description, "prompts": list(g.prompts)}
                    for g in catalog.GENRES.values()
                ],
                "style_modifiers": list(catalog.STYLE_MODIFIERS),
            }
        )


class StatsView(APIView):
    @extend_schema(
        operation_id="training_stats",
        summary="A user's training stats",
        description=(
            "How much training data the user has, whether a fine-tune can start, their custom model, "
            "genre preferences, mean quality, writing patterns and last fine-tune."
        ),
        parameters=[s.UserQuerySerializer],
        responses={200: s.UserStatsSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = s.UserQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = target_user(request, query.validated_data.get("user_id"))
        return Response(s.UserStatsSerializer(selectors.user_training_overview(user_id=user.pk)).data)


class ExamplesView(APIView):
    @extend_schema(
        operation_id="training_examples_list",
        summary="List a user's examples",
        description=(
            "The user's finished examples (kept and rejected), most recently finished first unless "
            "`ordering` says otherwise, with why each was kept or rejected: its quality breakdown, the "
            "ensemble's votes and candidates, the jury's judgements and its curation."
        ),
        parameters=[s.ExampleQuerySerializer],
        responses={200: s.paginated(s.ExampleSerializer), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = s.ExampleQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        user = target_user(request, params.get("user_id"))
        examples = selectors.examples_for_user(
            user_id=user.pk,
            genre=params.get("genre"),
            min_quality=params.get("min_quality"),
            kept=params.get("kept"),
            excluded=params.get("excluded"),
            run_id=params.get("run"),
            ordering=params.get("ordering"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(examples, request, view=self)
        return paginator.get_paginated_response(s.ExampleSerializer(page, many=True).data)


def _curation_body(excluded: bool, note_max: int, note_help: str) -> dict:
    return {
        "type": "object",
        "title": "Exclude" if excluded else "Include",
        "properties": {
            "excluded": {"type": "boolean", "enum": [excluded], "description": _CURATION_FIELDS["excluded"]},
            "note": {"type": "string", "maxLength": note_max, "description": note_help},
        },
        "required": ["excluded"],
        "additionalProperties": False,
    }


_CURATION_FIELDS = {
    name: str(field.help_text) for name, field in s.ExampleCurationSerializer().fields.items()
}
# The body as the serializer takes it: a note goes with an exclusion only (an include's may be empty).
EXAMPLE_CURATION_BODY = {
    "application/json": {
        "oneOf": [
            _curation_body(True, s.EXCLUSION_NOTE_MAX, _CURATION_FIELDS["note"]),
            _curation_body(False, 0, "Empty or absent: including an example again clears its note."),
        ]
    }
}
EXAMPLE_ID = OpenApiParameter("example_id", int, OpenApiParameter.PATH, description="The example's id.")


class ExampleDetailView(APIView):
    """One example: the owner's or, for staff, anyone's; any other answers 404."""

    def _example(self, request: Request, example_id) -> TrainingExample:
        owner = None if request.user.is_staff else request.user.pk
        example = selectors.example_for_user(example_id=example_id, user_id=owner)
        if example is None:
            raise Http404
        return example

    @extend_schema(
        operation_id="training_example_detail",
        summary="One example",
        description="One example in full, with its quality breakdown, votes, candidates, judgements and "
        "curation.",
        parameters=[EXAMPLE_ID],
        responses={200: s.ExampleSerializer, **ERRORS},
    )
    def get(self, request: Request, example_id) -> Response:
        return Response(s.ExampleSerializer(self._example(request, example_id)).data)

    @extend_schema(
        operation_id="training_example_curate",
        summary="Exclude an example from training, or include it again",
        description="`excluded: true` leaves the example out of `training_examples`, the readiness count, "
        "exports, fine-tune datasets and memory search, recording who, when and the optional `note`; "
        "`excluded: false` includes it again and clears that record. Answers the example.",
        parameters=[EXAMPLE_ID],
        request=EXAMPLE_CURATION_BODY,
        responses={200: s.ExampleSerializer, **ERRORS},
    )
    def patch(self, request: Request, example_id) -> Response:
        example = self._example(request, example_id)
        body = s.ExampleCurationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        example = curation.example_curate(
            example=example,
            excluded=body.validated_data["excluded"],
            by=caller_of(request),
            note=body.validated_data.get("note"),
        )
        return Response(s.ExampleSerializer(example).data)
