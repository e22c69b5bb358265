"""Helpers shared by several test modules (fixtures live in conftest.py, model factories in factories.py)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

import httpx
from django.urls import reverse

from autotrain import quality, services
from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest
from autotrain.llm.offline import write_story
from autotrain.models import FineTuneJob, TrainingExample
from stubs.openai import StubServer
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
    """A fantasy run whose items all have the prompt GOOD is written for (the filter checks the brief), planned with
    seed 0 unless told: tests answer its items with the offline writer's story for each item's seed and count them
    kept, and a random plan gave one the filter rejects now and then (about 1 in 300 stories)."""
    kwargs.setdefault("seed", 0)
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


# --- the LLM jury: a judge's answer and stories the heuristics keep --------------------------------

JURY_PROMPT = "A dragon egg hatches"
JURY_MARKS = {"prompt_adherence": 8, "genre_fit": 7, "prose": 9, "completeness": 10}


def jury_answer(**entries: object) -> str:
    return json.dumps({"candidates": entries})


def jury_entry(verdict: object = "keep", reason: str = "fine", **marks) -> dict:
    return {**JURY_MARKS, **marks, "verdict": verdict, "reason": reason}


@functools.cache
def jury_story(seed: int) -> str:
    """The offline writer's story for JURY_PROMPT from `seed` on: the first the heuristics keep (they are
    another module's and change; these tests need good stories, not any one of them)."""
    for attempt in range(seed, seed + 50):
        text = write_story(genre="fantasy", prompt=JURY_PROMPT, style_modifier="", seed=attempt)
        if quality.score(text, JURY_PROMPT, genre="fantasy").kept:
            return text
    raise AssertionError(f"no offline story from seed {seed} on passes the heuristics")


# --- the admin site ------------------------------------------------------------------------------

ADMIN_EXAMPLES = reverse("admin:autotrain_trainingexample_changelist")
ADMIN_RUNS = reverse("admin:autotrain_trainingrun_changelist")
ADMIN_QUALITY = reverse("admin:autotrain_training_quality")
BREAKDOWN = {"base": 7.0, "length": 1.0, "sentences": 0.5, "descriptive": 0.0, "dialogue": 0.0}


def example_change(example) -> str:
    return reverse("admin:autotrain_trainingexample_change", args=[example.pk])


def listed(response) -> list[int]:
    return sorted(obj.pk for obj in response.context["cl"].result_list)


def post_action(client, url: str, action: str, objects, **extra):
    return client.post(
        url, {"action": action, "_selected_action": [o.pk for o in objects], "index": 0, **extra}
    )


# --- fine-tuning ---------------------------------------------------------------------------------


def start_finetune(user, **asked) -> FineTuneJob:
    """Start a fine-tune job for `user` and run it at once, as the queued task would."""
    job, _ = services.finetune_job_start(user=user, enqueue=False, **asked)
    executed = services.finetune_job_execute(job_id=job.id)
    assert executed is not None, "a pending job runs"
    return executed


# --- texts the quality heuristics score ------------------------------------------------------------

# ~500 characters: every bonus (length, sentences, descriptive words, dialogue).
GOOD_WIZARD = (
    "Elias found the spellbook wedged behind a crumbling shelf in the tower library, its leather cover "
    "cracked and warm beneath his trembling fingers. The pages glowed a faint, eerie blue as he turned them. "
    '"You should not be here," whispered a dry voice from the binding itself. Elias froze, heart pounding, '
    "but he did not close the book. Instead he read the first spell aloud, and the candles around him bent "
    "their flames toward the ancient words, hungry and bright."
)
GOOD_COLONY = (
    "The colony ship Meridian had been falling toward the violet planet for eleven years when Captain Osei "
    "woke from cryosleep to the shrill sound of alarms. Frost still clung to her eyelashes. Through the "
    "viewport the world hung like a bruised marble, its oceans swirling beneath clouds the color of rust. "
    '"Status," she croaked. The ship answered in its calm voice: the reactor was failing, two thousand '
    "colonists were still asleep, and the landing window would close in nine hours."
)
# Short (under 200 characters) but complete, well written and on the prompt.
SHORT_COMPLETE = (
    "The old wizard opened the spellbook. Its pages hummed with a quiet, golden light. "
    "He smiled and began to read."
)
# Earns no bonus at all and triggers no penalty: exactly the base.
PLAIN = "The wizard opened the spellbook and read the first page aloud to his apprentice."
DRAGON_KNIGHT = (
    "The dragon circled the castle twice before landing in the courtyard. Sir Aldric drew his sword, "
    "though his hands shook. The old king watched from the tower, silent and grim."
)
OFFICE = (
    "The quarterly budget meeting ran long again. Marcus refilled his coffee and reviewed the spreadsheet "
    "twice. Everyone agreed the numbers looked better than last year."
)

BONUS_KEYS = ("length", "sentences", "descriptive", "dialogue")


def penalties(report: quality.QualityReport) -> dict[str, float]:
    return {key: value for key, value in report.breakdown.items() if key.startswith("penalty_")}


# --- requests to the loopback stub -----------------------------------------------------------------

STORY_MESSAGE = (
    "Genre: dark fantasy\n"
    "Prompt: A necromancer raises an army of the undead\n"
    "Style: Create tension and suspense\n\n"
    "Write the new passage now."
)


def chat_body(model: str = "stub-a", content: str = STORY_MESSAGE, **extra: object) -> dict:
    return {"model": model, "messages": [{"role": "user", "content": content}], **extra}


def post_chat(stub: StubServer, body: dict | None = None, **kwargs: Any) -> httpx.Response:
    return httpx.post(f"{stub.base_url}/chat/completions", json=body or chat_body(), timeout=5, **kwargs)
