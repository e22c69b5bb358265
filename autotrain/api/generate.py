"""`POST /generate`: a story written for the user, by their custom model when they have one."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from autotrain import selectors, services
from autotrain.api import serializers as s
from autotrain.api.common import ERRORS, target_user


class GenerateView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "generate"

    @extend_schema(
        operation_id="generate",
        summary="Write a story",
        description=(
            "Writes one passage for the prompt with the user's custom model when one exists, else "
            "with the ensemble, optionally with the user's closest memory passages as examples."
        ),
        request=s.GenerateRequestSerializer,
        responses={
            200: s.GenerateResponseSerializer,
            **ERRORS,
            415: s.ErrorSerializer,
            429: s.ErrorSerializer,
            502: s.ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"non_field_errors": ["The body must be a JSON object."]})
        serializer = s.GenerateRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        # A read for someone else: staff naming an unknown user get 404, nothing is created.
        user = target_user(request, data.get("user_id"))
        # The user's best memory matches for the prompt go to the writer as examples of their taste.
        context = selectors.memory_context_for(user=user, prompt=data["prompt"]) if data["use_memory"] else []
        story = services.generate_story(
            user=user, prompt=data["prompt"], genre=data.get("genre"), context=context
        )
        return Response(
            s.GenerateResponseSerializer(
                {
                    "text": story.text,
                    "model": story.model,
                    "custom_model": story.custom_backend is not None,
                    "writer": story.writer,
                    "memory_used": story.memory_used,
                }
            ).data
        )
