"""Property-based fuzzing of the whole API from its own OpenAPI schema: no 5xx, every answer as documented."""

import uuid

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory
from zega.wsgi import application


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes old connections around each request; inside a test transaction on
    PostgreSQL that would close the test's own connection (Django's test client unhooks it the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db, settings, _keep_the_test_connection):
    # Keep inline runs tiny so hypothesis can try many requests quickly; the schema is loaded after
    # this, so it documents the same bound the server enforces.
    settings.ZEGA_MAX_EXAMPLES = 3
    settings.ZEGA_MAX_ACTIVE_RUNS = 1000
    # Runs stay queued here (no commit in a test transaction, no cluster): answer 202 at once.
    settings.ZEGA_SYNC_WAIT_SECONDS = 0
    return schemathesis.openapi.from_wsgi("/api/schema", application)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def auth_headers(db):
    token, _ = Token.objects.get_or_create(user=UserFactory(username="fuzzer"))
    return {"Authorization": f"Token {token.key}"}


@schema.parametrize()
@hypothesis_settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_matches_its_schema(case, auth_headers):
    if case.headers and "Idempotency-Key" in case.headers:
        # Each generated request is a new request: a key reused with another body is a correct 422
        # that depends on history, not on the request; keep keys unique to test the request itself.
        case.headers["Idempotency-Key"] = f"{case.headers['Idempotency-Key'][:200]}-{uuid.uuid4()}"
    case.call_and_validate(headers=auth_headers)


def test_the_schema_itself_validates(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn")
    assert "openapi: 3" in capsys.readouterr().out
