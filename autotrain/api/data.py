"""The catalog and a user's data: genres, stats, examples."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from autotrain import catalog, selectors
from autotrain import serializers as s
from autotrain.api.common import ERRORS, target_user


class GenresView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="training_genres", responses={200: s.GenresSerializer})
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
            run_id=params.get("run"),
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(examples, request, view=self)
        return paginator.get_paginated_response(s.ExampleSerializer(page, many=True).data)
