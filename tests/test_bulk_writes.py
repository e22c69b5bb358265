"""One UPDATE per batch (`autotrain.db.update_rows_where`): each row its own values, only rows that still
match the condition, the same result on the one-statement path and on the row-by-row fallback. Runs on
SQLite in the first pass of `make test` and on PostgreSQL in the second."""

import asyncio
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from autotrain.llm.base import GenerationRequest
from autotrain.llm.offline import write_story
from autotrain.llm.stream import ItemOutcome
from autotrain.models import TrainingExample
from autotrain import db
from autotrain.services import chunks, dedup_cache, run_create
from tests.factories import ExampleFactory, RunFactory
from tests.helpers import FakeEnsemble

Example = TrainingExample
COLUMNS = (
    "status",
    "text",
    "quality_score",
    "quality_breakdown",
    "minhash",
    "claim_token",
    "finished_at",
    "has_dialogue",
)


@pytest.fixture(params=["one statement", "row by row"])
def path(request, monkeypatch):
    if request.param == "row by row":
        monkeypatch.setattr(db, "_supports_update_from_values", lambda connection: False)
    elif not db._supports_update_from_values(connection):
        pytest.skip(f"{connection.vendor} has no UPDATE ... FROM (VALUES ...)")
    return request.param


def _running(run, n, token):
    return [
        ExampleFactory(
            run=run, index=i, status=Example.Status.RUNNING, claim_token=token, text="", quality_score=None
        )
        for i in range(n)
    ]


def _values(i, now):
    return {
        "status": Example.Status.KEPT if i % 2 == 0 else Example.Status.REJECTED,
        "text": f"Text {i} with 'quotes', \"doubles\" and a ; semicolon",
        "quality_score": 7.25 + i,
        "quality_breakdown": {"base": 5.0, "length": 1.5, "nested": {"i": i}},
        "minhash": bytes([i]) * 16,
        "claim_token": None,
        "finished_at": now + timedelta(seconds=i),
        "has_dialogue": i % 3 == 0 if i else None,
    }


@pytest.mark.django_db
def test_each_row_gets_its_own_values_and_only_claimed_rows_are_written(path):
    run = RunFactory(num_examples=6)
    token, other = uuid.uuid4(), uuid.uuid4()
    rows = _running(run, 6, token)
    # Row 4 was taken over by another worker; row 5 is already written.
    Example.objects.filter(id=rows[4].id).update(claim_token=other)
    Example.objects.filter(id=rows[5].id).update(status=Example.Status.KEPT, text="kept before")
    now = timezone.now()

    written = db.update_rows_where(
        Example,
        [(row.id, _values(i, now)) for i, row in enumerate(rows)],
        columns=COLUMNS,
        where={"run": run.id, "claim_token": token, "status": Example.Status.RUNNING},
    )

    assert written == {row.id for row in rows[:4]}
    for i, row in enumerate(rows[:4]):
        row.refresh_from_db()
        expected = _values(i, now)
        assert row.status == expected["status"]
        assert row.text == expected["text"]
        assert row.quality_score == expected["quality_score"]
        assert row.quality_breakdown == expected["quality_breakdown"]
        assert bytes(row.minhash) == expected["minhash"]
        assert row.claim_token is None
        assert row.finished_at == expected["finished_at"]
        assert row.has_dialogue is expected["has_dialogue"]
    untouched = Example.objects.get(id=rows[4].id)
    assert (untouched.status, untouched.claim_token, untouched.text) == (Example.Status.RUNNING, other, "")
    assert Example.objects.get(id=rows[5].id).text == "kept before"


@pytest.mark.django_db
def test_nulls_and_empty_batches(path):
    run = RunFactory(num_examples=1)
    token = uuid.uuid4()
    (row,) = _running(run, 1, token)
    assert db.update_rows_where(Example, [], columns=COLUMNS, where={"claim_token": token}) == set()
    values = {name: None for name in COLUMNS} | {
        "status": Example.Status.REJECTED,
        "text": "",
        "quality_breakdown": {},
    }
    assert db.update_rows_where(
        Example, [(row.id, values)], columns=COLUMNS, where={"claim_token": token}
    ) == {row.id}
    row.refresh_from_db()
    assert (row.status, row.quality_score, row.minhash, row.finished_at) == (
        Example.Status.REJECTED,
        None,
        None,
        None,
    )


def _offline_outcomes(items):
    """What the generation stream hands a chunk for these items: the offline writer's stories."""
    ensemble = FakeEnsemble(
        lambda r: write_story(genre=r.genre, prompt=r.prompt, style_modifier=r.style_modifier, seed=r.seed),
        [],
    )
    outcomes = []
    for item in items:
        request = GenerationRequest(
            genre=item.genre,
            prompt=item.prompt,
            style_modifier=item.style_modifier,
            seed=item.seed,
            index=item.index,
        )
        outcomes.append(ItemOutcome(item.id, request, asyncio.run(ensemble.generate(request))))
    return outcomes


@pytest.mark.django_db
def test_a_batch_of_outcomes_is_one_update_where_the_database_can(user):
    """The chunk's writes: one UPDATE per batch, not one per item (what made PostgreSQL the bottleneck)."""
    if not db._supports_update_from_values(connection):
        pytest.skip(f"{connection.vendor} writes row by row")
    # a fixed plan whose twenty stories the filter keeps (with a random seed the fit to the brief, relearned with each
    # corpus batch, rejected one of them now and then)
    run, _ = run_create(user=user, num_examples=20, genres=["fantasy"], seed=0, enqueue=False)
    token = uuid.uuid4()
    Example.objects.filter(run=run).update(status=Example.Status.RUNNING, claim_token=token)
    outcomes = _offline_outcomes(Example.objects.filter(run=run))
    index = dedup_cache.UserDedup(user_id=user.pk, threshold=0.8)
    with CaptureQueriesContext(connection) as queries:
        assert chunks._write_outcomes(run=run, token=token, outcomes=outcomes, index=index) == 20
    updates = [
        q["sql"]
        for q in queries.captured_queries
        if "autotrain_trainingexample" in q["sql"] and ("UPDATE" in q["sql"].upper())
    ]
    assert len(updates) == 1, updates
    assert Example.objects.filter(run=run, status=Example.Status.KEPT).count() == 20
    assert len(index.known) == 20


@pytest.mark.django_db
def test_a_lost_claim_makes_the_dedup_index_reload_instead_of_keeping_a_signature_never_written(user):
    run, _ = run_create(user=user, num_examples=2, genres=["fantasy"], enqueue=False)
    token = uuid.uuid4()
    Example.objects.filter(run=run).update(status=Example.Status.RUNNING, claim_token=token)
    first, second = Example.objects.filter(run=run).order_by("index")
    Example.objects.filter(id=second.id).update(claim_token=uuid.uuid4())  # taken over by another worker
    outcomes = _offline_outcomes([first, second])
    index = dedup_cache.UserDedup(user_id=user.pk, threshold=0.8)
    kept_ids: list[int] = []
    assert chunks._write_outcomes(run=run, token=token, outcomes=outcomes, index=index, kept_ids=kept_ids) == 1
    assert kept_ids == [first.id]
    assert index.known == set()  # forgotten: it held the second item's signature, which was never written
    index.refresh(timezone.now())
    assert index.known == {first.id}


@pytest.mark.django_db
def test_insert_rows_gives_every_other_column_its_model_default(user):
    run = RunFactory(user=user, num_examples=3)
    before = timezone.now()
    rows = [
        {"index": i, "genre": "horror", "prompt": f"Prompt {i}", "style_modifier": "terse", "seed": 10 + i}
        for i in range(3)
    ]
    db.insert_rows(Example, rows, common={"run": run.id, "user": user.pk}, batch_size=2)
    made = list(Example.objects.filter(run=run).order_by("index"))
    assert [(e.index, e.prompt, e.seed) for e in made] == [(i, f"Prompt {i}", 10 + i) for i in range(3)]
    for example in made:
        assert (example.user_id, example.status, example.text, example.excluded) == (
            user.pk,
            "pending",
            "",
            False,
        )
        assert (example.candidates, example.votes, example.quality_breakdown) == ([], {}, {})
        assert example.quality_score is None and example.claim_token is None and example.attempts == 0
        assert before <= example.created_at <= timezone.now()


@pytest.mark.django_db
def test_statements_stay_within_the_parameter_limit(monkeypatch, path):
    """Where a database allows few parameters per statement, a batch is split, with the same result."""
    monkeypatch.setattr(db, "_rows_per_statement", lambda connection, per_row, wanted: min(wanted, 2))
    run = RunFactory(num_examples=5)
    token = uuid.uuid4()
    rows = _running(run, 5, token)
    now = timezone.now()
    written = db.update_rows_where(
        Example,
        [(row.id, _values(i, now)) for i, row in enumerate(rows)],
        columns=COLUMNS,
        where={"claim_token": token},
    )
    assert written == {row.id for row in rows}
    assert [e.quality_score for e in Example.objects.filter(run=run).order_by("index")] == [
        7.25 + i for i in range(5)
    ]
