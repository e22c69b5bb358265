"""Helpers shared by several test modules (fixtures live in conftest.py, model factories in factories.py)."""

from __future__ import annotations

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
