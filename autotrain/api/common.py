"""What every API view shares: error bodies, whose data a request may touch."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from autotrain import selectors, services
from autotrain.api import serializers as s
from autotrain.models import TrainingRun

if TYPE_CHECKING:
    from django.contrib.auth.models import User


# Path parameters, described once for the schema (strings: anything else in the path is a 404).
RUN_ID = OpenApiParameter("run_id", str, OpenApiParameter.PATH, description="The run's id (a UUID).")
JOB_ID = OpenApiParameter(
    "job_id", str, OpenApiParameter.PATH, description="The fine-tune job's id (a UUID)."
)

# What an authenticated endpoint may answer besides its success (for the schema).
ERRORS = {
    400: OpenApiResponse(description="Invalid input: an object of field -> messages."),
    401: s.ErrorSerializer,
    403: s.ErrorSerializer,
    404: s.ErrorSerializer,
}


def exception_handler(exc, context):
    """DRF's handler, plus our service errors; every error body is JSON with `detail` or field errors."""
    if isinstance(exc, services.ServiceError):
        return Response({"detail": str(exc)}, status=exc.status)
    return drf_exception_handler(exc, context)


def caller_of(request: Request) -> User:
    """The authenticated caller: every view here requires a login (DRF answered 401 before)."""
    return cast("User", request.user)


def target_user(request: Request, user_id: str | None) -> User:
    """The user a request reads for: the caller, or (staff only) the one named by `user_id`.

    A normal user naming someone else gets 403; staff naming an unknown user get 404, so a read never
    leaves a row behind. Writes use `writing_as`.
    """
    user = _named_user(request, user_id)
    if user is None:
        raise exceptions.NotFound(f"No user named {user_id!r}.")
    return user


@contextmanager
def writing_as(request: Request, user_id: str | None) -> Iterator[User]:
    """The user a write acts for; staff naming an unknown user create it (unusable password).

    The new user is created in one transaction with the work done inside the block, so a request
    refused there (400, 409, 429...) leaves no user behind (CONTRACT section 3). Run the work inside
    the block and anything slow (waiting for a run) after it.
    """
    user = _named_user(request, user_id)
    if user is not None:
        yield user
        return
    with transaction.atomic():
        yield services.user_get_or_create(username=str(user_id))


def _named_user(request: Request, user_id: str | None) -> User | None:
    """The caller, the existing user staff named, or None for an unknown name (staff only); 403 for a
    normal user naming someone else."""
    caller = caller_of(request)
    if not user_id or user_id == caller.get_username():
        return caller
    if not caller.is_staff:
        raise exceptions.PermissionDenied("You may only act as yourself: user_id must be your username.")
    return get_user_model().objects.filter(username=user_id).first()


def list_owner(request: Request, user_id: str | None) -> User | None:
    """Whose items a list shows: staff see everyone's unless they name a user; others only their own
    (naming someone else is 403)."""
    if request.user.is_staff and not user_id:
        return None
    return target_user(request, user_id)


def visible_run(request: Request, run_id) -> TrainingRun:
    """A run the caller may see: their own, or any for staff. Anything else is 404, not 403."""
    try:
        run_id = uuid.UUID(str(run_id))
    except ValueError:
        raise Http404 from None
    runs = TrainingRun.objects.select_related("user", "finetune_job")
    if not request.user.is_staff:
        runs = runs.filter(user=caller_of(request))
    run = runs.filter(id=run_id).first()
    if run is None:
        raise Http404
    return run


def summary_response(run: TrainingRun, *, code: int = status.HTTP_200_OK) -> Response:
    headers = {"Location": f"/auto-train/runs/{run.id}"} if code == status.HTTP_202_ACCEPTED else None
    return Response(s.RunSummarySerializer(selectors.run_summary(run)).data, status=code, headers=headers)


def schema_without_trailing_slashes(result, generator, request, public):
    """Paths answer with and without a trailing slash; the schema names them the contract's way."""
    result["paths"] = {path.rstrip("/") or "/": item for path, item in result["paths"].items()}
    # Request bodies that refuse unknown fields say so, so clients and fuzzers know.
    components = result.get("components", {}).get("schemas", {})
    for serializer in _subclasses(s.RejectUnknownFieldsMixin):
        name = serializer.__name__.removesuffix("Serializer")
        for component in (name, f"{name}Request"):
            if component in components:
                components[component]["additionalProperties"] = False
    return result


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found
