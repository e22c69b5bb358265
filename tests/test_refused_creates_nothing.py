"""Nothing is created by a refused request, users included (CONTRACT section 3).

Staff may name any user_id and an unknown one is created, but only with the work it was named for: a
request refused after validation (400, 404, 409, 429...) leaves no user behind. Every endpoint of
autotrain/urls.py is listed here, so a new one fails the coverage test until it is.
"""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model

from autotrain import urls
from tests.factories import ExampleFactory, RunFactory

GHOST = "ghost-writer"
UNKNOWN = str(uuid.uuid4())

# name -> (method, path, body or query) of a request that names GHOST and is refused for staff.
REFUSED_FOR_STAFF = {
    # Valid, but the user may not start another run (a limit of 0: the refusal comes after validation).
    "auto-train": ("post", "/auto-train", {"user_id": GHOST, "num_examples": 1}),
    # Valid, but a new user has no examples to fine-tune on: 400 from the service, after validation.
    "finetune": ("post", "/finetune", {"user_id": GHOST}),
    "run-list": ("get", "/auto-train/runs", {"user_id": GHOST}),
    "stats": ("get", "/training/stats", {"user_id": GHOST}),
    "examples": ("get", "/training/examples", {"user_id": GHOST}),
    "export": ("get", "/training/export", {"user_id": GHOST, "format": "openai"}),
    "memory-search": ("get", "/memory/search", {"user_id": GHOST, "q": "a lighthouse"}),
    "finetune-job-list": ("get", "/finetune/jobs", {"user_id": GHOST}),
    "generate": ("post", "/generate", {"user_id": GHOST, "prompt": "A lighthouse keeper finds a bottle"}),
    # Endpoints that name a run, job or example rather than a user: a user_id sent anyway creates nothing.
    "run-detail": ("get", f"/auto-train/runs/{UNKNOWN}", {"user_id": GHOST}),
    "run-cancel": ("post", f"/auto-train/runs/{UNKNOWN}/cancel", {"user_id": GHOST}),
    "example-detail": ("patch", "/training/examples/987654", {"user_id": GHOST, "excluded": True}),
    "finetune-job-detail": ("get", f"/finetune/jobs/{UNKNOWN}", {"user_id": GHOST}),
    "finetune-job-cancel": ("post", f"/finetune/jobs/{UNKNOWN}/cancel", {"user_id": GHOST}),
    "finetune-job-evaluate": ("post", f"/finetune/jobs/{UNKNOWN}/evaluate", {"user_id": GHOST}),
}
# Open endpoints with nothing to refuse and no user to name.
NAMES_NO_USER = {"genres", "healthz"}


def _send(client, method: str, path: str, payload: dict):
    if method == "get":
        return client.get(path, payload)
    return getattr(client, method)(path, payload, format="json")


def _users() -> int:
    return get_user_model().objects.count()


def test_every_endpoint_is_covered():
    names = {pattern.name for pattern in urls.urlpatterns}
    assert names == set(REFUSED_FOR_STAFF) | NAMES_NO_USER


@pytest.fixture
def refusing(settings):
    # No run may start: POST /auto-train is refused by the service, inside its transaction.
    settings.ZEGA_MAX_ACTIVE_RUNS = 0


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(REFUSED_FOR_STAFF) & {pattern.name for pattern in urls.urlpatterns}))
def test_staff_naming_an_unknown_user_on_a_refused_request_creates_nobody(name, staff_api, refusing):
    method, path, payload = REFUSED_FOR_STAFF[name]
    before = _users()
    response = _send(staff_api, method, path, payload)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response.status_code != 403  # refused for what it asked, not for naming someone
    assert _users() == before
    assert not get_user_model().objects.filter(username=GHOST).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(REFUSED_FOR_STAFF) & {pattern.name for pattern in urls.urlpatterns}))
def test_a_normal_user_naming_someone_unknown_creates_nobody(name, api):
    method, path, payload = REFUSED_FOR_STAFF[name]
    before = _users()
    response = _send(api, method, path, payload)
    assert response.status_code in {400, 403, 404}, (response.status_code, response.content[:300])
    assert _users() == before


@pytest.mark.django_db
def test_reads_naming_an_unknown_user_answer_404(staff_api):
    for name in ("run-list", "stats", "examples", "export", "memory-search", "finetune-job-list", "generate"):
        method, path, payload = REFUSED_FOR_STAFF[name]
        response = _send(staff_api, method, path, payload)
        assert response.status_code == 404, name
        assert GHOST in response.json()["detail"]


@pytest.mark.django_db
def test_refused_after_validation_the_answer_is_the_refusal(staff_api, refusing):
    refused_run = _send(staff_api, *REFUSED_FOR_STAFF["auto-train"])
    assert refused_run.status_code == 429
    refused_job = _send(staff_api, *REFUSED_FOR_STAFF["finetune"])
    assert refused_job.status_code == 400
    assert "kept examples" in refused_job.json()["detail"]


@pytest.mark.django_db(transaction=True)
def test_an_accepted_write_creates_the_named_user_with_its_work(staff_api):
    before = _users()
    response = staff_api.post("/auto-train", {"user_id": GHOST, "num_examples": 2}, format="json")
    assert response.status_code == 200
    ghost = get_user_model().objects.get(username=GHOST)
    assert _users() == before + 1
    assert not ghost.has_usable_password()
    assert ghost.training_runs.count() == 1


@pytest.mark.django_db
def test_a_refused_fine_tune_for_an_existing_user_leaves_its_examples_alone(staff_api, other_user):
    run = RunFactory(user=other_user)
    ExampleFactory.create_batch(3, run=run)
    before = _users()
    response = staff_api.post("/finetune", {"user_id": other_user.username}, format="json")
    assert response.status_code == 400
    assert _users() == before
    assert not other_user.finetune_jobs.exists()
    assert not other_user.training_examples.filter(finetune_job__isnull=False).exists()
