"""The offline backend: a custom model made of a system prompt plus the user's best examples.

No training happens: `/generate` sends the stored system prompt and examples before each request, to
whatever writes the story (the ensemble, the offline writer included). It needs no network and succeeds
at once, which is why it is the default.

Which examples: the highest-quality ones, spread over the user's preferred genres (round-robin over
genres, the most kept first), within a budget of examples and characters, because every one of them is
sent with every request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from autotrain.finetune.base import SUCCEEDED, Event, FineTuneBackend, JobSpec, Progress
from autotrain.finetune.dataset import Dataset, Record

MAX_EXAMPLES = 6
MAX_CHARS = 4000


def select_examples(
    records: Sequence[Record], *, max_examples: int = MAX_EXAMPLES, max_chars: int = MAX_CHARS
) -> list[Record]:
    """The best examples, spread over genres by preference, within `max_examples` and `max_chars`."""
    by_genre: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.text.strip():
            by_genre[record.genre].append(record)
    for group in by_genre.values():
        group.sort(key=lambda r: (-(r.quality_score or 0.0), r.example_id))
    # Preferred genres first: the most kept, ties by name so the choice is stable.
    queues = [by_genre[g] for g in sorted(by_genre, key=lambda g: (-len(by_genre[g]), g))]
    chosen: list[Record] = []
    used = 0
    while queues and len(chosen) < max_examples:
        for queue in list(queues):
            if len(chosen) >= max_examples:
                break
            # The genre's best example that still fits; a genre with none that fits is done.
            fitting = next((r for r in queue if used + len(r.text) <= max_chars), None)
            if fitting is None:
                queues.remove(queue)
                continue
            queue.remove(fitting)
            chosen.append(fitting)
            used += len(fitting.text)
            if not queue:
                queues.remove(queue)
    return chosen


def artifact_for(dataset: Dataset, examples: Sequence[Record]) -> dict:
    return {
        "system": dataset.system,
        "examples": [
            {
                "example_id": r.example_id,
                "genre": r.genre,
                "prompt": r.prompt,
                "style_modifier": r.style_modifier,
                "text": r.text,
                "quality_score": r.quality_score,
            }
            for r in examples
        ],
    }


class FewShotBackend(FineTuneBackend):
    name = "fewshot"
    default_base_model = ""  # the configured ensemble writes; see services.finetune
    base_model_help = None  # nothing to choose: whatever the ensemble is writes with the prompt

    def __init__(self, *, max_examples: int = MAX_EXAMPLES, max_chars: int = MAX_CHARS) -> None:
        self.max_examples = max_examples
        self.max_chars = max_chars

    def start(self, *, spec: JobSpec, dataset: Dataset) -> Progress:
        examples = select_examples(dataset.records, max_examples=self.max_examples, max_chars=self.max_chars)
        genres = sorted({r.genre for r in examples})
        return Progress(
            status=SUCCEEDED,
            model_name=spec.model_name,
            artifact=artifact_for(dataset, examples),
            events=[
                Event(
                    f"Chose {len(examples)} of {len(dataset.records)} examples "
                    f"({sum(len(r.text) for r in examples)} characters; genres: {', '.join(genres)})"
                ),
                Event(f"Custom model {spec.model_name} is ready"),
            ],
        )
