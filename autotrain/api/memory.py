"""Memory: search the caller's stored examples."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from autotrain import embeddings, selectors
from autotrain.api import serializers as s
from autotrain.api.common import ERRORS, target_user


class EmbeddingsUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The embeddings endpoint is not answering; try again later."
    default_code = "embeddings_unavailable"


class MemorySearchView(APIView):
    @extend_schema(
        operation_id="memory_search",
        summary="Search a user's memory",
        description=(
            "The user's memory passages closest to `q` by cosine similarity, best first; examples "
            "excluded from training take no part."
        ),
        parameters=[s.MemorySearchQuerySerializer],
        responses={200: s.MemorySearchSerializer, **ERRORS, 503: s.ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        query = s.MemorySearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        user = target_user(request, params.get("user_id"))
        try:
            matches = selectors.memory_search(user_id=user.pk, query=params["q"], k=params["k"])
        except embeddings.EmbeddingError as exc:
            raise EmbeddingsUnavailable(f"Could not embed the query: {exc}") from exc
        return Response(s.MemorySearchSerializer({"results": matches}).data)
