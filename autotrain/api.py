"""The REST API: thin views. Validate with a serializer, call a service or a selector, answer."""

from __future__ import annotations

import re
import time
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from autotrain import catalog, selectors, services
from autotrain import serializers as s
from autotrain.models import TrainingRun

PREFER_ASYNC = re.compile(r"(^|[,;\s])respond-async($|[,;\s])", re.IGNORECASE)


def exception_handler(exc, context):
    """DRF's handler, plus our service errors; every error body is JSON with `detail` or field errors."""
    if isinstance(exc, services.ServiceError):
        return Response({"detail": str(exc)}, status=exc.status)
    return drf_exception_handler(exc, context)


def target_user(request: Request, user_id: str | None, *, create: bool = False):
    """The user a request acts for: the caller, or (staff only) the one named by `user_id`.

    A normal user naming someone else gets 403. Staff naming an unknown user creates it on writes
    (`create=True`) and gets 404 on reads, so a read never leaves a row behind.
    """
    caller = request.user
    if not user_id or user_id == caller.get_username():
        return caller
    if not caller.is_staff:
        raise exceptions.PermissionDenied("You may only act as yourself: user_id must be your username.")
    if create:
        return services.user_get_or_create(username=user_id)
    user = get_user_model().objects.filter(username=user_id).first()
    if user is None:
        raise exceptions.NotFound(f"No user named {user_id!r}.")
    return user


def visible_run(request: Request, run_id) -> TrainingRun:
    """A run the caller may see: their own, or any for staff. Anything else is 404, not 403."""
    try:
        run_id = uuid.UUID(str(run_id))
    except ValueError:
        raise Http404 from None
    runs = TrainingRun.objects.select_related("user", "finetune_job")
    if not request.user.is_staff:
        runs = runs.filter(user=request.user)
    run = runs.filter(id=run_id).first()
    if run is None:
        raise Http404
    return run


def summary_response(run: TrainingRun, *, code: int = status.HTTP_200_OK) -> Response:
    headers = {"Location": f"/auto-train/runs/{run.id}"} if code == status.HTTP_202_ACCEPTED else None
    return Response(s.RunSummarySerializer(selectors.run_summary(run)).data, status=code, headers=headers)


class AutoTrainView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auto_train"

    @extend_schema(
        operation_id="auto_train_create",
        request=s.AutoTrainRequestSerializer,
        parameters=[
            OpenApiParameter("Prefer", str, OpenApiParameter.HEADER, description="respond-async: answer 202 at once"),
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, description="at most 255 characters"),
        ],
        responses={
            200: s.RunSummarySerializer,
            202: s.RunSummarySerializer,
            400: OpenApiResponse(description="field -> messages"),
            403: s.ErrorSerializer,
            422: s.ErrorSerializer,
            429: s.ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"non_field_errors": ["The body must be a JSON object."]})
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > 255:
            raise exceptions.ValidationError({"Idempotency-Key": ["At most 255 characters."]})
        serializer = s.AutoTrainRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user = target_user(request, data.get("user_id"), create=True)
        run, _created = services.run_create(
            user=user,
            num_examples=data["num_examples"],
            genres=data.get("genres") or [],
            store_in_memory=data.get("store_in_memory", False),
            idempotency_key=key,
        )
        if PREFER_ASYNC.search(request.headers.get("Prefer", "")):
            return summary_response(run, code=status.HTTP_202_ACCEPTED)
        run = _wait_for_finish(run, timeout=settings.ZEGA_SYNC_WAIT_SECONDS)
        return summary_response(run, code=status.HTTP_200_OK if run.is_finished else status.HTTP_202_ACCEPTED)


def _wait_for_finish(run: TrainingRun, *, timeout: float) -> TrainingRun:
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        run.refresh_from_db()
        if run.is_finished or time.monotonic() >= deadline:
            return run
        time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
        delay = min(delay * 1.5, 0.5)


class RunListView(APIView):
    @extend_schema(
        operation_id="auto_train_runs_list",
        parameters=[s.RunListQuerySerializer],
        responses={200: s.RunSummarySerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        query = s.RunListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user_id = query.validated_data.get("user_id")
        if user_id and not request.user.is_staff and user_id != request.user.get_username():
            raise exceptions.PermissionDenied("You may only list your own runs.")
        if request.user.is_staff:
            owner = target_user(request, user_id) if user_id else None
        else:
            owner = request.user
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(
            selectors.runs_for_user(user_id=owner.pk if owner else None), request, view=self
        )
        return paginator.get_paginated_response([s.RunSummarySerializer(selectors.run_summary(r)).data for r in page])


class RunDetailView(APIView):
    @extend_schema(operation_id="auto_train_runs_retrieve", responses={200: s.RunSummarySerializer, 404: s.ErrorSerializer})
    def get(self, request: Request, run_id) -> Response:
        return summary_response(visible_run(request, run_id))


class RunCancelView(APIView):
    @extend_schema(
        operation_id="auto_train_runs_cancel",
        request=None,
        responses={200: s.RunSummarySerializer, 404: s.ErrorSerializer, 409: s.ErrorSerializer},
    )
    def post(self, request: Request, run_id) -> Response:
        run = services.run_cancel(run=visible_run(request, run_id))
        return summary_response(run)


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
    @extend_schema(operation_id="training_stats", parameters=[s.UserQuerySerializer], responses={200: s.UserStatsSerializer})
    def get(self, request: Request) -> Response:
        query = s.UserQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = target_user(request, query.validated_data.get("user_id"))
        return Response(s.UserStatsSerializer(selectors.user_training_overview(user_id=user.pk)).data)


class ExamplesView(APIView):
    @extend_schema(
        operation_id="training_examples_list",
        parameters=[s.ExampleQuerySerializer],
        responses={200: s.ExampleSerializer(many=True)},
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


class HealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="healthz", responses={200: s.HealthSerializer, 503: s.HealthSerializer})
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database = "ok"
        except Exception:  # noqa: BLE001 - reported, not raised: this is the health check
            database = "down"
        body = {"status": "ok" if database == "ok" else "degraded", "database": database, "cluster": _cluster_state()}
        return Response(body, status=200 if database == "ok" else 503)


def _cluster_state() -> str:
    from django_q.status import Stat

    try:
        return "ok" if Stat.get_all() else "down"
    except Exception:  # noqa: BLE001 - an unreachable broker means no cluster we can see
        return "down"
