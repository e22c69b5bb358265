"""factory_boy factories, one per model of autotrain/models.py (and the user)."""

import struct

import factory
from django.contrib.auth import get_user_model

from autotrain.models import (
    EvaluationPair,
    FineTuneEvaluation,
    FineTuneJob,
    MemoryEntry,
    TrainingExample,
    TrainingProfile,
    TrainingRun,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"writer{n}")
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-1")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingProfile
        django_get_or_create = ("user",)  # one profile per user, as the services keep it

    user = factory.SubFactory(UserFactory)


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRun

    user = factory.SubFactory(UserFactory)
    num_examples = 3
    seed = factory.Sequence(lambda n: n)
    chunk_size = 50
    quality_threshold = 7.0


class ExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingExample

    run = factory.SubFactory(RunFactory)
    user = factory.SelfAttribute("run.user")
    index = factory.Sequence(lambda n: n)
    genre = "fantasy"
    prompt = "A young wizard discovers an ancient spellbook"
    style_modifier = "Use vivid sensory details"
    seed = factory.Sequence(lambda n: 1000 + n)
    status = TrainingExample.Status.KEPT
    text = factory.Sequence(lambda n: f"Story number {n}. The wizard opened the old book.")
    quality_score = 8.5
    winning_model = "offline-template-lyric"
    char_count = 400
    sentence_count = 5
    has_dialogue = False


class FineTuneJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FineTuneJob

    user = factory.SubFactory(UserFactory)
    backend = "fewshot"
    kind = FineTuneJob.Kind.PROMPT
    status = FineTuneJob.Status.PENDING
    base_model = "stub-a"
    num_examples = 12


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FineTuneEvaluation

    job = factory.SubFactory(FineTuneJobFactory, status=FineTuneJob.Status.SUCCEEDED)
    quality_threshold = 7.0
    writers = factory.LazyAttribute(lambda o: {"custom": o.job.model_name or "zega-writer", "base": o.job.base_model})


class EvaluationPairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationPair

    evaluation = factory.SubFactory(EvaluationFactory)
    index = factory.Sequence(lambda n: n)
    genre = "fantasy"
    prompt = "A young wizard discovers an ancient spellbook"
    style_modifier = "Use vivid sensory details"
    seed = factory.Sequence(lambda n: 5000 + n)


class MemoryEntryFactory(factory.django.DjangoModelFactory):
    """A stored example with a small float32 vector (the bytes layout the embedders write)."""

    class Meta:
        model = MemoryEntry

    example = factory.SubFactory(ExampleFactory)
    user = factory.SelfAttribute("example.user")
    text = factory.SelfAttribute("example.text")
    embedder = "hashing-test"
    dimension = 4
    embedding = factory.LazyAttribute(lambda o: struct.pack(f"<{o.dimension}f", *[0.5] * o.dimension))


# What a reviewer is given on top of is_staff: the curation actions need each model's change
# permission, deleting memory entries its delete permission (CONTRACT section 8).
REVIEW_PERMISSIONS = [
    "change_trainingexample",
    "change_trainingrun",
    "change_finetunejob",
    "change_trainingprofile",
    "delete_memoryentry",
]


def grant_review_permissions(user):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="autotrain",
                                                         codename__in=REVIEW_PERMISSIONS))
    return user
