"""Auto-train runs: start one, list, read, cancel."""

from __future__ import annotations

import re
import time

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from autotrain import selectors, services
from autotrain.api import serializers as s
from autotrain.api.common import ERRORS, RUN_ID, list_owner, summary_response, visible_run, writing_as
from autotrain.models import TrainingRun
from autotrain.services.waits import sync_wait_slot

PREFER_ASYNC = re.compile(r"(^|[,;\s])respond-async($|[,;\s])", re.IGNORECASE)


class AutoTrainView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auto_train"

    @extend_schema(
        operation_id="auto_train_create",
        summary="Start a run",
        description=(
            "Generates `num_examples` examples for the user: each catalog prompt and style goes to "
            "every ensemble member, the best-scoring answer wins, and it is kept when it passes the "
            "quality filter (and the jury, when one is configured) and is not a near-duplicate of "
            "the user's data. Waits for the run up to ZEGA_SYNC_WAIT_SECONDS and answers 200 with "
            "the finished summary, or 202 with the run as it stands; `Prefer: respond-async` answers "
            "202 at once."
        ),
        request=s.AutoTrainRequestSerializer,
        parameters=[
            OpenApiParameter(
                "Prefer", str, OpenApiParameter.HEADER, description="respond-async: answer 202 at once"
            ),
            OpenApiParameter(
                "Idempotency-Key", str, OpenApiParameter.HEADER, description="at most 255 characters"
            ),
        ],
        responses={
            200: s.RunSummarySerializer,
            202: s.RunSummarySerializer,
            **ERRORS,
            415: s.ErrorSerializer,
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
        with writing_as(request, data.get("user_id")) as user:
            run, _created = services.run_create(
                user=user,
                num_examples=data["num_examples"],
                genres=data.get("genres") or [],
                store_in_memory=data.get("store_in_memory", False),
                idempotency_key=key,
            )
        if PREFER_ASYNC.search(request.headers.get("Prefer", "")):
            return summary_response(run, code=status.HTTP_202_ACCEPTED)
        if not run.is_finished:
            # Each wait holds a server thread: past ZEGA_MAX_SYNC_WAITS of the user's (replays of one
            # Idempotency-Key included) the answer is 202 at once, so one user cannot occupy them all.
            with sync_wait_slot(user_id=user.pk) as may_wait:
                if may_wait:
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
        summary="List runs",
        description=(
            "The caller's runs, newest first, paginated; staff see everyone's unless they name a `user_id`."
        ),
        parameters=[s.RunListQuerySerializer],
        responses={200: s.paginated(s.RunSummarySerializer), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = s.RunListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        owner = list_owner(request, query.validated_data.get("user_id"))
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(
            selectors.runs_for_user(user_id=owner.pk if owner else None), request, view=self
        )
        return paginator.get_paginated_response(
            [s.RunSummarySerializer(selectors.run_summary(r)).data for r in page or []]
        )


class RunDetailView(APIView):
    @extend_schema(
        operation_id="auto_train_runs_retrieve",
        summary="One run",
        description="A run's summary: poll it for progress.",
        parameters=[RUN_ID],
        responses={200: s.RunSummarySerializer, 404: s.ErrorSerializer},
    )
    def get(self, request: Request, run_id) -> Response:
        return summary_response(visible_run(request, run_id))


class RunCancelView(APIView):
    @extend_schema(
        operation_id="auto_train_runs_cancel",
        summary="Cancel a run",
        description=(
            "Stops an unfinished run: examples not generated yet count as failed (`cancelled`). A "
            "finished run answers 409."
        ),
        parameters=[RUN_ID],
        request=None,
        responses={200: s.RunSummarySerializer, 409: s.ErrorSerializer, **ERRORS},
    )
    def post(self, request: Request, run_id) -> Response:
        run = services.run_cancel(run=visible_run(request, run_id))
        return summary_response(run)
