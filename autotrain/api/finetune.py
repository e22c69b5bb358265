"""Fine-tuning: start a job, list, read, cancel; and the training data export it is made from."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from autotrain import selectors, services
from autotrain.api import serializers as s
from autotrain.api.common import ERRORS, JOB_ID, caller_of, list_owner, target_user, writing_as
from autotrain.finetune import dataset, dataset_card
from autotrain.models import FineTuneJob


def job_response(job: FineTuneJob, *, code: int = status.HTTP_200_OK) -> Response:
    headers = {"Location": f"/finetune/jobs/{job.id}"} if code == status.HTTP_202_ACCEPTED else None
    return Response(
        s.FineTuneJobSerializer(selectors.finetune_job_detail(job)).data, status=code, headers=headers
    )


def visible_job(request: Request, job_id) -> FineTuneJob:
    """A job the caller may see: their own, or any for staff. Anything else is 404, not 403."""
    try:
        job_id = uuid.UUID(str(job_id))
    except ValueError:
        raise Http404 from None
    jobs = FineTuneJob.objects.select_related("user")
    if not request.user.is_staff:
        jobs = jobs.filter(user=caller_of(request))
    job = jobs.filter(id=job_id).first()
    if job is None:
        raise Http404
    return job


class FineTuneView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "finetune"

    @extend_schema(
        operation_id="finetune_create",
        summary="Start a fine-tune",
        description=(
            "Creates a job over the user's unused kept examples (400 under the minimum) and answers "
            "202 with it; optional training settings for `weights` backends."
        ),
        request=s.FineTuneRequestSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", str, OpenApiParameter.HEADER, description="at most 255 characters"
            ),
        ],
        responses={
            202: s.FineTuneJobSerializer,
            **ERRORS,
            409: s.ErrorSerializer,
            415: s.ErrorSerializer,
            422: s.ErrorSerializer,
            429: s.ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        data = request.data if request.data is not None else {}
        if not isinstance(data, dict):
            raise exceptions.ValidationError({"non_field_errors": ["The body must be a JSON object."]})
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > 255:
            raise exceptions.ValidationError({"Idempotency-Key": ["At most 255 characters."]})
        serializer = s.FineTuneRequestSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        asked = serializer.validated_data
        with writing_as(request, asked.get("user_id")) as user:
            job, _created = services.finetune_job_start(
                user=user,
                idempotency_key=key,
                base_model=asked.get("base_model"),
                epochs=asked.get("epochs"),
                learning_rate_multiplier=asked.get("learning_rate_multiplier"),
                batch_size=asked.get("batch_size"),
            )
        return job_response(job, code=status.HTTP_202_ACCEPTED)


class FineTuneJobListView(APIView):
    @extend_schema(
        operation_id="finetune_jobs_list",
        summary="List fine-tune jobs",
        description=(
            "The caller's jobs, newest first, paginated; staff see everyone's unless they name a "
            "`user_id`."
        ),
        parameters=[s.FineTuneJobListQuerySerializer],
        responses={200: s.paginated(s.FineTuneJobSerializer), **ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = s.FineTuneJobListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user_id = query.validated_data.get("user_id")
        owner = list_owner(request, user_id)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(
            selectors.finetune_jobs_for_user(user_id=owner.pk if owner else None), request, view=self
        )
        return paginator.get_paginated_response(
            [s.FineTuneJobSerializer(selectors.finetune_job_detail(job)).data for job in page or []]
        )


class FineTuneJobDetailView(APIView):
    @extend_schema(
        operation_id="finetune_jobs_retrieve",
        summary="One fine-tune job",
        description="A job with its events, metrics, checkpoints and latest evaluation.",
        parameters=[JOB_ID],
        responses={200: s.FineTuneJobSerializer, 401: s.ErrorSerializer, 404: s.ErrorSerializer},
    )
    def get(self, request: Request, job_id) -> Response:
        return job_response(visible_job(request, job_id))


class FineTuneJobCancelView(APIView):
    @extend_schema(
        operation_id="finetune_jobs_cancel",
        summary="Cancel a fine-tune job",
        description=(
            "Stops an unfinished job (at the provider too). A succeeded job whose evaluation is still "
            "unfinished: the evaluation is cancelled instead (200, the job as it was). Otherwise a finished "
            "job answers 409."
        ),
        parameters=[JOB_ID],
        request=None,
        responses={
            200: s.FineTuneJobSerializer,
            401: s.ErrorSerializer,
            404: s.ErrorSerializer,
            409: s.ErrorSerializer,
            502: s.ErrorSerializer,
        },
    )
    def post(self, request: Request, job_id) -> Response:
        job = visible_job(request, job_id)
        # A succeeded job is cancellable while its evaluation runs: that is what stops.
        evaluation = services.unfinished_evaluation(job=job) if job.status == FineTuneJob.Status.SUCCEEDED else None
        if evaluation is not None:
            services.evaluation_cancel(evaluation=evaluation)
            return job_response(job)
        return job_response(services.finetune_job_cancel(job=job))


class _IgnoreFormatParameter(DefaultContentNegotiation):
    """`?format=` names the dataset format here, not one of DRF's renderers."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(APIView):
    content_negotiation_class = _IgnoreFormatParameter

    @extend_schema(
        operation_id="training_export",
        summary="Download the training data",
        description="The user's kept examples, less those excluded by curation, as a download: one JSONL "
        "file (`openai`, `alpaca`, `sharegpt`), or with `format=hf` a zip for the Hugging Face Hub holding "
        "`data/train.jsonl`, `data/validation.jsonl` (10%) and `README.md`, a dataset card with YAML "
        "metadata and the data's figures (genres, quality, jury, writers, filter settings).",
        parameters=[s.ExportQuerySerializer],
        responses={
            (200, "application/jsonl"): OpenApiResponse(
                OpenApiTypes.STR, description="One JSON document per line, one line per kept example."
            ),
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="format=hf: the dataset as a zip."
            ),
            **ERRORS,
        },
    )
    def get(self, request: Request) -> HttpResponse:
        query = s.ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = target_user(request, query.validated_data.get("user_id"))
        fmt = query.validated_data["format"]
        username = user.get_username()
        if fmt == "hf":
            examples, runs, excluded = selectors.dataset_export_inputs(user_id=user.pk)
            export = dataset_card.build(examples=examples, runs=runs, username=username, excluded=excluded)
            response = HttpResponse(export.archive, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="zega-{username}-hf.zip"'
            return response
        records = dataset.records_from(selectors.kept_examples(user_id=user.pk).order_by("id"))
        system = dataset.system_prompt(model_name=f"zega-{username}", username=username, records=records)
        response = HttpResponse(
            dataset.to_jsonl(records, fmt=fmt, system=system), content_type="application/jsonl; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="zega-{username}-{fmt}.jsonl"'
        return response
