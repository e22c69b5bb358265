"""Logins are throttled per username and per address; admin curation needs the model's change
permission, not just staff status (CONTRACT section 8)."""

from __future__ import annotations

import time

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from autotrain.models import FineTuneJob, MemoryEntry, TrainingExample, TrainingProfile, TrainingRun
from tests.factories import ExampleFactory, RunFactory, UserFactory, grant_review_permissions
from zega.login_throttle import client_ip

PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's
LOGINS = {"site": "/accounts/login/", "admin": "/admin/login/"}


def _login(path: str, username: str, password: str, address: str = "10.0.0.1", **headers):
    return Client(REMOTE_ADDR=address).post(path, {"username": username, "password": password}, **headers)


def _logged_in(response) -> bool:
    return response.status_code == 302


@pytest.fixture
def limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


@pytest.fixture
def people(db):
    return UserFactory(username="alice", is_staff=True), UserFactory(username="bob", is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("which", sorted(LOGINS))
def test_failed_logins_for_one_username_lock_that_username_from_any_address(which, people, limit):
    path = LOGINS[which]
    codes = [_login(path, "alice", "wrong", address=f"10.0.1.{attempt}").status_code for attempt in range(limit)]
    assert codes == [200] * (limit - 1) + [429]  # the attempt that reaches the limit is told at once
    locked = _login(path, "alice", PASSWORD, address="10.0.2.1")  # the right password, a new address
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Too many failed login attempts" in body and "try again in 15 minutes" in body
    assert _logged_in(_login(path, "bob", PASSWORD, address="10.0.2.1"))  # others are not locked out


@pytest.mark.django_db
@pytest.mark.parametrize("which", sorted(LOGINS))
def test_failed_logins_from_one_address_lock_that_address_for_every_username(which, people, limit):
    path = LOGINS[which]
    for attempt in range(limit):
        _login(path, f"guess{attempt}", "wrong", address="10.0.3.3")
    assert _login(path, "bob", PASSWORD, address="10.0.3.3").status_code == 429
    assert _logged_in(_login(path, "bob", PASSWORD, address="10.0.3.4"))


@pytest.mark.django_db
def test_under_the_limit_a_good_login_starts_the_count_again(people, limit):
    path = LOGINS["site"]
    for _ in range(limit - 1):
        _login(path, "alice", "wrong")
    assert _logged_in(_login(path, "alice", PASSWORD))
    for _ in range(limit - 1):
        _login(path, "alice", "wrong")
    assert _logged_in(_login(path, "alice", PASSWORD))


@pytest.mark.django_db
def test_the_lock_lifts_after_the_cool_off(people, limit, settings):
    settings.AXES_COOLOFF_TIME = 1 / 3600  # hours: one second
    path = LOGINS["site"]
    for _ in range(limit):
        _login(path, "alice", "wrong")
    assert _login(path, "alice", PASSWORD).status_code == 429
    time.sleep(1.2)
    assert _logged_in(_login(path, "alice", PASSWORD))


@pytest.mark.django_db
def test_an_api_client_gets_the_lockout_as_json(people, limit):
    for _ in range(limit):
        _login(LOGINS["site"], "alice", "wrong")
    locked = _login(LOGINS["site"], "alice", PASSWORD, HTTP_ACCEPT="application/json")
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.json()["detail"]


def test_the_defaults_are_five_attempts_and_fifteen_minutes():
    from zega import settings as production

    assert production.AXES_FAILURE_LIMIT == 5
    assert production.AXES_COOLOFF_TIME * 60 == 15
    assert production.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_behind_proxies_the_address_is_the_one_the_outermost_proxy_saw(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4, 10.0.0.5")
    settings.ZEGA_LOGIN_PROXY_COUNT = 0
    assert client_ip(request) == "10.9.9.9"  # no proxy configured: the header is the client's own words
    settings.ZEGA_LOGIN_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.5"
    settings.ZEGA_LOGIN_PROXY_COUNT = 2
    assert client_ip(request) == "1.2.3.4"
    settings.ZEGA_LOGIN_PROXY_COUNT = 5  # fewer hops than proxies: not trusted
    assert client_ip(request) == "10.9.9.9"


# --- admin: staff without the change permission --------------------------------------------------


def _post_action(client, model: str, action: str, objects):
    return client.post(
        reverse(f"admin:autotrain_{model}_changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects], "index": 0},
    )


def _actions(client, model: str) -> set[str]:
    page = client.get(reverse(f"admin:autotrain_{model}_changelist"))
    assert page.status_code == 200  # staff still review
    form = page.context["action_form"]  # None: no action is allowed
    return {value for value, _ in form.fields["action"].choices if value} if form else set()


@pytest.fixture
def bare_staff(client, db):
    """Staff, so a reviewer who may look, but without any model permission."""
    client.force_login(UserFactory(username="looker", is_staff=True))
    return client


@pytest.mark.django_db
def test_staff_without_the_change_permission_see_no_curation_actions(bare_staff):
    for model in ("trainingexample", "trainingrun", "finetunejob", "trainingprofile"):
        assert _actions(bare_staff, model) == set(), model


@pytest.mark.django_db
def test_staff_without_the_change_permission_cannot_run_them(bare_staff, user):
    run = RunFactory(user=user, status=TrainingRun.Status.RUNNING, num_examples=2)
    example = ExampleFactory(run=run, user=user)
    job = FineTuneJob.objects.create(user=user, backend="fewshot", status=FineTuneJob.Status.PENDING)
    for model, action, obj in [
        ("trainingexample", "exclude_from_training", example),
        ("trainingexample", "rescore_at_current_threshold", example),
        ("trainingexample", "export_openai_jsonl", example),
        ("trainingrun", "cancel_runs", run),
        ("finetunejob", "cancel_jobs", job),
    ]:
        response = _post_action(bare_staff, model, action, [obj])
        assert response.status_code in {200, 302}, (action, response.status_code)
        assert response.get("Content-Type", "").startswith("text/html"), action  # no export download
    example.refresh_from_db()
    run.refresh_from_db()
    job.refresh_from_db()
    assert not example.excluded
    assert run.status == TrainingRun.Status.RUNNING
    assert job.status == FineTuneJob.Status.PENDING
    page = bare_staff.get(reverse("admin:autotrain_finetunejob_change", args=[job.pk])).content.decode()
    assert 'value="cancel_jobs"' not in page


@pytest.mark.django_db
def test_the_change_permission_is_what_lets_staff_curate(client, user):
    staff = UserFactory(username="curator", is_staff=True)
    client.force_login(staff)
    example = ExampleFactory(run=RunFactory(user=user), user=user)
    _post_action(client, "trainingexample", "exclude_from_training", [example])
    example.refresh_from_db()
    assert not example.excluded
    grant_review_permissions(staff)
    assert {"exclude_from_training", "include_in_training", "export_openai_jsonl"} <= _actions(
        client, "trainingexample"
    )
    _post_action(client, "trainingexample", "exclude_from_training", [example])
    example.refresh_from_db()
    assert example.excluded


@pytest.mark.django_db
def test_profiles_and_memory_need_their_own_permissions(bare_staff, user):
    profile = TrainingProfile.objects.create(user=user, auto_finetune=True)
    response = bare_staff.post(reverse("admin:autotrain_trainingprofile_change", args=[profile.pk]), {})
    assert response.status_code == 403
    entry = MemoryEntry.objects.create(
        user=user, example=ExampleFactory(run=RunFactory(user=user), user=user), text="t", embedding=b"",
        embedder="hashing", dimension=0,
    )
    response = bare_staff.post(reverse("admin:autotrain_memoryentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert MemoryEntry.objects.filter(pk=entry.pk).exists()
    assert TrainingExample.objects.filter(pk=entry.example_id).exists()
