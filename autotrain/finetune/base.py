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
    """What to make: the custom model's name, its base, and a seed for providers that take one."""

    job_id: str
    username: str
    model_name: str
    base_model: str
    seed: int


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

    @property
    def is_final(self) -> bool:
        return self.status in FINAL


# What a backend makes (FineTuneJob.Kind): new weights, or a prompt with examples and no training.
WEIGHTS = "weights"
PROMPT = "prompt"


class FineTuneBackend(abc.ABC):
    """One way of making a custom model. Subclasses set `name`, `kind`, `default_base_model`, `polled`."""

    name: str
    kind: str = PROMPT
    default_base_model: str = ""
    # True: jobs stay queued/running at the provider after `start` and are finished through `poll`.
    polled: bool = False

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
