"""Tokens, throttling, production settings, secrets."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from rest_framework.test import APIClient

ROOT = Path(__file__).resolve().parent.parent


def run_command(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_token_created_by_command_works_and_revoked_is_401():
    key = run_command("create_api_token", "carol").strip().splitlines()[-1]
    assert run_command("create_api_token", "carol").strip().splitlines()[-1] == key  # same key again
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/training/stats").status_code == 200
    assert "Revoked" in run_command("revoke_api_token", "carol")
    assert client.get("/training/stats").status_code == 401
    fresh = run_command("create_api_token", "carol").strip().splitlines()[-1]
    assert fresh != key


@pytest.mark.django_db
def test_create_api_token_staff_flag_and_unusable_password():
    from django.contrib.auth import get_user_model

    run_command("create_api_token", "dora", "--staff")
    user = get_user_model().objects.get(username="dora")
    assert user.is_staff and not user.has_usable_password()


@pytest.mark.django_db
def test_session_auth_needs_csrf(user):
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(request=HttpRequest(), username="alice", password="pw-for-tests-1")
    refused = client.post("/auto-train", {"num_examples": 1}, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert client.get("/training/stats").status_code == 200  # reads need no token


@pytest.fixture
def throttle_rates(settings):
    """Set scoped throttle rates for one test (DRF reads them once, at import: patch the class too)."""
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import ScopedRateThrottle

    cache.clear()

    def apply(**rates):
        ScopedRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, **rates}

    yield apply
    ScopedRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_starting_runs_is_throttled_per_user(api, client_for, other_user, throttle_rates):
    throttle_rates(auto_train="2/hour")
    codes = [api.post("/auto-train", {"num_examples": 1}, format="json").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client_for(other_user).post("/auto-train", {"num_examples": 1}, format="json").status_code == 200


@pytest.mark.django_db
def test_starting_fine_tune_jobs_is_throttled_per_user(api, throttle_rates):
    throttle_rates(finetune="1/hour")
    first = api.post("/finetune", {}, format="json")
    assert first.status_code == 400  # too few examples: refused, and it still counts as an attempt
    second = api.post("/finetune", {}, format="json")
    assert second.status_code == 429
    assert "detail" in second.json()


def _django(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZEGA_"))}
    env.update(env_extra)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_production_settings_pass_the_deploy_check():
    done = _django(
        {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-0123456789",
         "DJANGO_ALLOWED_HOSTS": "zega.example.com"},
        "check", "--deploy", "--fail-level", "WARNING",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key():
    done = _django({"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "zega.example.com"}, "check")
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in done.stderr


@pytest.mark.django_db
def test_keys_are_never_returned_or_logged(settings, caplog, staff_api):
    secret = "sk-test-very-secret-0123456789"
    settings.ZEGA_LLM_API_KEY = secret
    settings.ZEGA_LLM_BASE_URL = "http://127.0.0.1:9/v1"
    settings.ZEGA_LLM_MODELS = ["m-a"]
    from autotrain.llm import registry

    described = registry.describe_ensemble()
    assert secret not in repr(described)
    with caplog.at_level("DEBUG"):
        body = staff_api.get("/api/schema", HTTP_ACCEPT="application/json").content.decode()
        body += staff_api.get("/training/stats").content.decode()
    assert secret not in body
    assert secret not in caplog.text
