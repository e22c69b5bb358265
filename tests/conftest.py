from collections.abc import Callable, Iterator
from typing import Any

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from autotrain.models import TrainingRun
from stubs.ollama import OllamaStub
from stubs.openai import StubConfig, StubServer
from tests.factories import RunFactory, UserFactory, grant_review_permissions


@pytest.fixture(autouse=True)
def _tasks_inline(settings):
    """Enqueued tasks run in the test process; tests that need a real cluster start one themselves."""
    settings.ZEGA_RUN_TASKS_INLINE = True
    settings.ZEGA_SYNC_WAIT_SECONDS = 5.0
    # A job's success would otherwise start 32 more stories in the test process; the evaluation's tests
    # turn it on (tests/cluster_stack.py turns it off likewise for the real clusters).
    settings.ZEGA_AUTO_EVALUATE = False
    # Real password hashing costs ~0.5 s per user under load; tests need correctness, not strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return UserFactory(username="alice")


@pytest.fixture
def other_user(db):
    return UserFactory(username="bob")


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staffer", is_staff=True)


def _client_for(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def client_for():
    return _client_for


@pytest.fixture
def api(user):
    return _client_for(user)


@pytest.fixture
def staff_api(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def anon_api():
    return APIClient()


# --- the loopback stubs (stubs/): real HTTP on 127.0.0.1 -------------------------------------------


@pytest.fixture
def stub_server() -> Iterator[StubServer]:
    """The OpenAI-compatible stub, default config (no latency, no faults): change `stub_server.config`
    at any time, point a client at `stub_server.base_url`, read `stub_server.stats`."""
    with StubServer(StubConfig()) as stub:
        yield stub


@pytest.fixture
def stub_server_factory() -> Iterator[Callable[..., StubServer]]:
    """Start more stubs (e.g. one per endpoint): `stub_server_factory(latency=0.1)`; all stop afterwards."""
    started: list[StubServer] = []

    def start(**config: Any) -> StubServer:
        stub = StubServer(StubConfig(**config)).start()
        started.append(stub)
        return stub

    yield start
    for stub in started:
        stub.stop()


@pytest.fixture
def ollama_stub() -> Iterator[OllamaStub]:
    with OllamaStub() as stub:
        yield stub


# --- the admin site ------------------------------------------------------------------------------


@pytest.fixture
def fast_password_hashing(settings):
    # Factories set a password per user; the production hasher costs ~0.5 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(client, staff_user):
    """A logged-in reviewer: staff with the change permissions the curation actions need."""
    client.force_login(grant_review_permissions(staff_user))
    return client


@pytest.fixture
def run(user):
    """A succeeded run of `user` with four examples (modules that need another run define their own)."""
    return RunFactory(user=user, num_examples=4, status=TrainingRun.Status.SUCCEEDED)


# --- fine-tuning ---------------------------------------------------------------------------------


@pytest.fixture
def provider(settings, stub_server):
    """The loopback stub as the OpenAI fine-tuning provider (modules needing another define their own)."""
    settings.ZEGA_FINETUNE_BACKEND = "openai"
    settings.ZEGA_FINETUNE_BASE_URL = stub_server.base_url
    settings.ZEGA_FINETUNE_BASE_MODEL = None
    stub_server.config.api_key = "sk-test"
    settings.ZEGA_LLM_API_KEY = "sk-test"
    return stub_server
