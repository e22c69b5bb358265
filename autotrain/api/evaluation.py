"""`POST /finetune/jobs/<id>/evaluate`: the custom model against its base, on held-out prompts."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from autotrain import services
from autotrain.api import serializers as s
from autotrain.api.common import JOB_ID
from autotrain.api.finetune import job_response, visible_job


class FineTuneJobEvaluateView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "finetune"

    @extend_schema(
        operation_id="finetune_jobs_evaluate",
        summary="Evaluate a custom model against its base",
        parameters=[JOB_ID],
        request=None,
        description=(
            "Starts an evaluation: the job's custom model and its base write the same held-out prompts "
            "(ZEGA_EVAL_PROMPTS), each answer is scored like a run's, and the job's `evaluation` shows "
            "the figures as pairs finish. 409 when the job has not succeeded or an evaluation of it is "
            "still unfinished."
        ),
        responses={
            202: s.FineTuneJobSerializer,
            401: s.ErrorSerializer,
            404: s.ErrorSerializer,
            409: s.ErrorSerializer,
            429: s.ErrorSerializer,
        },
    )
    def post(self, request: Request, job_id) -> Response:
        job = visible_job(request, job_id)
        services.evaluation_start(job=job)
        return job_response(job, code=status.HTTP_202_ACCEPTED)
