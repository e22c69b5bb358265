"""Shared by the fine-tuning tests: kept examples in bulk, fast password hashing.

Modules import `fast_password_hashing` (an autouse fixture) to get it.
"""

from __future__ import annotations

import pytest

from autotrain.llm.offline import write_story
from tests.factories import ExampleFactory, RunFactory

GENRES = ("fantasy", "sci_fi", "horror")
PROMPT = "A young wizard discovers an ancient spellbook"


def make_kept(user, n: int, *, genres=GENRES, texts=None, scores=None, run=None, **fields):
    """`n` kept examples of `user` in one run, with distinct, well-formed story texts (or `texts`)."""
    run = run or RunFactory(user=user, num_examples=n)
    examples = []
    for i in range(n):
        genre = genres[i % len(genres)]
        text = (
            texts[i] if texts else write_story(genre=genre, prompt=PROMPT, style_modifier="", seed=1000 + i)
        )
        score = scores[i] if scores else round(8.0 + (i % 5) / 5, 2)
        examples.append(ExampleFactory(run=run, genre=genre, text=text, quality_score=score, **fields))
    return examples


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Factories set a password per user; the production hasher costs ~0.5 s each (more on a busy box).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
