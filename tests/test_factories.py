"""Every factory builds a row the database accepts, with its relations consistent."""

import struct

import pytest

from autotrain.models import (
    EvaluationPair,
    FineTuneEvaluation,
    FineTuneJob,
    MemoryEntry,
    TrainingExample,
    TrainingProfile,
    TrainingRun,
)
from tests.factories import (
    EvaluationFactory,
    EvaluationPairFactory,
    ExampleFactory,
    FineTuneJobFactory,
    MemoryEntryFactory,
    ProfileFactory,
    RunFactory,
    UserFactory,
)

FACTORIES = [
    (UserFactory, None),
    (ProfileFactory, TrainingProfile),
    (RunFactory, TrainingRun),
    (ExampleFactory, TrainingExample),
    (FineTuneJobFactory, FineTuneJob),
    (EvaluationFactory, FineTuneEvaluation),
    (EvaluationPairFactory, EvaluationPair),
    (MemoryEntryFactory, MemoryEntry),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("make", "model"), FACTORIES, ids=[f.__name__ for f, _ in FACTORIES])
def test_each_factory_saves_a_valid_row(make, model):
    first, second = make(), make()
    for row in (first, second):
        assert row.pk is not None
        row.full_clean()  # every field valid, not only what the database enforces
        row.refresh_from_db()
    assert first.pk != second.pk
    if model is not None:
        assert model.objects.count() >= 2


@pytest.mark.django_db
def test_related_rows_belong_to_the_same_user():
    example = ExampleFactory()
    assert example.user_id == example.run.user_id
    entry = MemoryEntryFactory()
    assert entry.user_id == entry.example.user_id and entry.text == entry.example.text
    assert struct.unpack(f"<{entry.dimension}f", bytes(entry.embedding)) == (0.5,) * entry.dimension
    pair = EvaluationPairFactory()
    assert pair.evaluation.job.status == FineTuneJob.Status.SUCCEEDED
    assert set(pair.evaluation.writers) == {"custom", "base"}


@pytest.mark.django_db
def test_a_user_has_one_profile():
    user = UserFactory()
    assert ProfileFactory(user=user).pk == ProfileFactory(user=user).pk
    assert TrainingProfile.objects.filter(user=user).count() == 1
