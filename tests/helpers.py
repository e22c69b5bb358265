"""Helpers shared by several test modules (fixtures live in conftest.py, model factories in factories.py)."""

from __future__ import annotations

from collections.abc import Sequence

from autotrain import services
from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest
from autotrain.llm.offline import write_story
from autotrain.models import TrainingExample
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


# --- runs executed with an ensemble the test controls ---------------------------------------------

GOOD = (
    "The young wizard {name} pulled the ancient spellbook from the crumbling shelf, and its silver clasp "
    'burned cold against her trembling fingers. Dust swirled in the pale lantern light. "Who left you '
    'here?" she whispered, and the brittle pages answered with a low, rustling sigh. Far below the tower, '
    "the dark river kept its endless counsel, and she knew that nothing would ever be simple again."
)


class FakeEnsemble:
    """An ensemble whose answer per item is chosen by the test: text, bad text or a failure."""

    def __init__(self, answer, calls):
        self.answer = answer
        self.calls = calls

    async def generate(self, request: GenerationRequest) -> EnsembleResult:
        from autotrain import quality

        self.calls.append(request.index)
        text = self.answer(request)
        if text is None:
            return EnsembleResult(None, [Candidate(model="fake", error="HTTP 500: boom")])
        report = quality.score(text, request.prompt, genre=request.genre)
        winner = Candidate(model="fake", text=text, score=report.score, latency=0.01, completion_tokens=90, report=report)
        return EnsembleResult(winner, [winner], report, ranked=[winner] if report.kept else [])

    async def aclose(self):
        return None


def ensemble_factory(answer, calls=None):
    """What `run_execute_chunk(ensemble_factory=...)` takes: a FakeEnsemble per call, sharing `calls`."""
    calls = [] if calls is None else calls
    return (lambda: FakeEnsemble(answer, calls)), calls


WIZARD_PROMPT = "A young wizard discovers an ancient spellbook"


def run_for(user, n=6, **kwargs):
    """A fantasy run whose items all have the prompt GOOD is written for (the filter checks the brief)."""
    run, _ = services.run_create(user=user, num_examples=n, genres=["fantasy"], enqueue=False, **kwargs)
    TrainingExample.objects.filter(run=run).update(prompt=WIZARD_PROMPT)
    return run


# --- memory ----------------------------------------------------------------------------------------

FANTASY = [
    "The old wizard raised his staff as the dragon circled the tower, its wings blotting out the moon.",
    "Dragons had not been seen in the valley for years, until a young wizard woke one with a spell.",
    "The council of wizards met in the crystal hall to decide what to do about the dragon eggs.",
    "Her first spell went wrong: the tiny dragon she summoned set the wizard's beard on fire.",
]
DETECTIVE = [
    "Detective Harris examined the body in the locked study; the only clue was a torn train ticket.",
    "The inspector lit his pipe and questioned the butler about the missing pearls and the murder.",
    "Rain hammered the precinct windows as the detective pinned another suspect's photo to the board.",
    "Someone had wiped the fingerprints from the revolver, and the detective knew exactly who.",
]


def remember(user, texts, *, genre="fantasy", scores: Sequence[float] | None = None, store=True):
    """Kept examples of `user` with these texts (and `scores`), stored in memory unless `store` is off."""
    run = RunFactory.create(user=user, store_in_memory=True)
    examples = [
        ExampleFactory(run=run, text=text, genre=genre, **({"quality_score": scores[i]} if scores else {}))
        for i, text in enumerate(texts)
    ]
    if store:
        services.memory_store_run(run=run)
    return examples
