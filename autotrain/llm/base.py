"""The generation interface every backend implements.

A backend turns one `GenerationRequest` into one `Completion`, asynchronously, or raises `LLMError`
saying whether a retry could help (`permanent=False`) or not (`permanent=True`).
Backends are created inside the event loop that uses them (clients and semaphores bind to a loop).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field


@dataclass(frozen=True)
class GenerationRequest:
    """What to write: one planned item, plus optional context passages from memory."""

    genre: str
    prompt: str
    style_modifier: str
    # Deterministic per (run, index): seeded backends write the same text for the same item.
    seed: int = 0
    system: str | None = None
    context: tuple[str, ...] = ()
    # Ids for tracing only (sent as request metadata where the backend allows it).
    run_id: str = ""
    index: int = -1


@dataclass(frozen=True)
class Completion:
    text: str
    model: str
    latency: float
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class LLMError(Exception):
    """A generation failed. `permanent=True` means retrying the same request cannot help."""

    def __init__(self, message: str, *, permanent: bool, model: str = "") -> None:
        super().__init__(message)
        self.permanent = permanent
        self.model = model


class Generator(abc.ABC):
    """One ensemble member: a named model behind some backend."""

    name: str

    @abc.abstractmethod
    async def complete(self, request: GenerationRequest) -> Completion: ...

    async def aclose(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        return None


@dataclass
class Candidate:
    """One member's answer (or failure) for one item, as the ensemble saw it."""

    model: str
    text: str | None = None
    score: float | None = None
    error: str | None = None
    latency: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "text": self.text,
            "score": self.score,
            "error": self.error,
            "latency": round(self.latency, 4),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
        }


@dataclass
class EnsembleResult:
    """The outcome for one item: the winning candidate (None when every member failed) and all of them."""

    winner: Candidate | None
    candidates: list[Candidate] = field(default_factory=list)
    # The winner's quality report (autotrain.quality.QualityReport), kept so it is not computed twice.
    report: object | None = None
