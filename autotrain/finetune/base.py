"""The interface every fine-tune backend implements.

A backend turns a validated dataset into a custom model, or says why it could not. Backends never touch
the database: the services hand them plain values (`JobSpec`, `Dataset`) and record what they answer
(`Progress`). A backend whose provider works in the background (OpenAI) answers a non-final status from
`start` and is asked again through `poll` by the minute schedule; the others finish inside `start`.

Errors are `FineTuneError(permanent=...)`: `permanent=True` means repeating the same call cannot help
(bad request, unknown model, the provider refused the data), `False` that it may (a dead server, a 5xx,
a rate limit).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field

from autotrain.finetune.dataset import Dataset

# Our job statuses, as FineTuneJob.Status spells them (kept here so backends need no model import).
VALIDATING = "validating"
QUEUED = "queued"
RUNNING = "running"
SUCCEEDED = "succeeded"
FAILED = "failed"
CANCELLED = "cancelled"
FINAL = frozenset({SUCCEEDED, FAILED, CANCELLED})


class FineTuneError(Exception):
    """A backend call failed. `permanent=True` means retrying the same call cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class JobSpec:
    """What to make: the custom model's name, its base, a seed for providers that take one, and the
    training settings asked for (None: the provider's choice; only `weights` backends get any)."""

    job_id: str
    username: str
    model_name: str
    base_model: str
    seed: int
    epochs: int | None = None
    learning_rate_multiplier: float | None = None
    batch_size: int | None = None

    @property
    def training_settings(self) -> dict:
        """The settings asked for, without the ones left to the provider."""
        return {name: getattr(self, name) for name in TRAINING_SETTINGS if getattr(self, name) is not None}


@dataclass(frozen=True)
class Event:
    message: str
    level: str = "info"  # "info" | "warn" | "error"
    # The provider's event id, so a later poll does not record the same event twice.
    provider_id: str | None = None
    # The provider's time (unix seconds), when it sent one.
    created_at: int | None = None


@dataclass
class Progress:
    """Where a job stands after a backend call; the services copy it onto the job row."""

    status: str
    model_name: str = ""
    provider_job_id: str = ""
    provider_file_ids: dict[str, str] = field(default_factory=dict)
    error: str = ""
    events: list[Event] = field(default_factory=list)
    # What the backend built and the custom model needs at generation time (system prompt, examples).
    artifact: dict = field(default_factory=dict)
    # The provider's training metrics, one dict per step ({"step", "train_loss", "valid_loss"?, ...}),
    # and its checkpoints ({"id", "step", "model", "metrics", "created_at"}); the services merge them
    # into the job by step, so a backend may send the same step again.
    metrics: list[dict] = field(default_factory=list)
    checkpoints: list[dict] = field(default_factory=list)

    @property
    def is_final(self) -> bool:
        return self.status in FINAL


# What a backend makes (FineTuneJob.Kind): new weights, or a prompt with examples and no training.
WEIGHTS = "weights"
PROMPT = "prompt"

# Training settings POST /finetune accepts for `weights` backends, with their bounds (CONTRACT section 6).
TRAINING_SETTINGS: dict[str, tuple[type, float, float]] = {
    "epochs": (int, 1, 50),
    "learning_rate_multiplier": (float, 0.01, 10),
    "batch_size": (int, 1, 256),
}
BASE_MODEL_MAX_LENGTH = 200  # FineTuneJob.base_model


def kind_in_words(kind: str, *, finished: bool = True) -> str:
    """A kind as people read it (FineTuneJob.kind_label); before a weights job ends, training is to come."""
    if kind == WEIGHTS:
        return "weights: the provider " + ("trained new weights" if finished else "trains new weights")
    return "prompt-based: no weights were trained"


def merge_by_step(old: list[dict], new: list[dict]) -> list[dict]:
    """One entry per step, ordered by step; for a step in both, `new`'s values win where it has one
    (so a later, fuller source such as a result file completes what events said, and nothing repeats)."""
    merged: dict[int, dict] = {}
    for entry in [*old, *new]:
        step = entry.get("step") if isinstance(entry, dict) else None
        if isinstance(step, bool) or not isinstance(step, int):
            continue
        current = merged.setdefault(step, {})
        current.update({k: v for k, v in entry.items() if v is not None or k not in current})
    return [merged[step] for step in sorted(merged)]


class FineTuneBackend(abc.ABC):
    """One way of making a custom model. Subclasses set `name`, `kind`, `default_base_model`, `polled`,
    and say what a request may choose (`base_model_help`; None when it may not choose a base)."""

    name: str
    kind: str = PROMPT
    default_base_model: str = ""
    # True: jobs stay queued/running at the provider after `start` and are finished through `poll`.
    polled: bool = False
    # What `base_model` on POST /finetune means for this backend, or None when it takes none.
    base_model_help: str | None = None

    @classmethod
    def settings_errors(cls, *, base_model: str | None, training_settings: dict) -> dict[str, str]:
        """Why this backend refuses what a request asked for, by field ({} when it accepts it all).

        Types and bounds are checked here too, so callers other than the API (admin, commands) get the
        same answer; the API's serializer has already refused wrong JSON types with its own messages.
        """
        errors: dict[str, str] = {}
        if base_model is not None:
            if cls.base_model_help is None:
                errors["base_model"] = (
                    f"The {cls.name} backend has no base model of its own to choose; leave base_model out."
                )
            elif not isinstance(base_model, str) or not base_model.strip():
                errors["base_model"] = "Must be a non-blank model name."
            elif len(base_model) > BASE_MODEL_MAX_LENGTH:
                errors["base_model"] = f"At most {BASE_MODEL_MAX_LENGTH} characters."
        for name, value in training_settings.items():
            if name not in TRAINING_SETTINGS:
                errors[name] = "Unknown training setting."
                continue
            if value is None:
                continue
            if cls.kind != WEIGHTS:
                errors[name] = (
                    f"The {cls.name} backend is prompt-based (a system prompt plus examples, no weights are "
                    f"trained), so it takes no {name}; only a weights backend (openai) does."
                )
                continue
            wanted, low, high = TRAINING_SETTINGS[name]
            numeric = (int, float) if wanted is float else (int,)
            if isinstance(value, bool) or not isinstance(value, numeric) or not low <= value <= high:
                errors[name] = (
                    f"Must be a {'number' if wanted is float else 'whole number'} from {low} to {high}."
                )
        return errors

    def model_name_for(self, username: str) -> str:
        """The custom model's name before the provider names it: `zega-<username>`."""
        return f"zega-{username}"

    @abc.abstractmethod
    def start(self, *, spec: JobSpec, dataset: Dataset) -> Progress:
        """Hand the dataset to the provider. Raises FineTuneError."""

    def poll(self, *, provider_job_id: str, seen_event_ids: set[str]) -> Progress:
        """Where a provider job stands now, with the events not in `seen_event_ids`."""
        raise NotImplementedError(f"the {self.name} backend finishes its jobs in start()")

    def cancel(self, *, provider_job_id: str) -> Progress:
        """Ask the provider to stop a job. Backends that finish in `start` have nothing to stop."""
        return Progress(status=CANCELLED)
