"""Service health."""

from __future__ import annotations

from django.db import connection
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from autotrain.api import serializers as s


class HealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="healthz",
        summary="Health",
        description=(
            "Whether the service, its database and its task cluster answer; 503 when the database "
            "does not. Open to everyone."
        ),
        responses={200: s.HealthSerializer, 503: s.HealthSerializer},
    )
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            database = "ok"
        except Exception:  # noqa: BLE001 - reported, not raised: this is the health check
            database = "down"
        body = {
            "status": "ok" if database == "ok" else "degraded",
            "database": database,
            "cluster": _cluster_state(),
        }
        return Response(body, status=200 if database == "ok" else 503)


def _cluster_state() -> str:
    from django_q.status import Stat

    try:
        return "ok" if Stat.get_all() else "down"
    except Exception:  # noqa: BLE001 - an unreachable broker means no cluster we can see
        return "down"
