"""The generation interface every backend implements.

A backend turns one `GenerationRequest` into one `Completion`, asynchronously, or raises `LLMError`
saying whether a retry could help (`permanent=False`) or not (`permanent=True`).
Backends are created inside the event loop that uses them (clients and semaphores bind to a loop).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any


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
    # The provider's reason the answer ended: "stop", or "length" when the token limit cut it off.
    finish_reason: str | None = "stop"


class LLMError(Exception):
    """A generation failed. `permanent=True` means retrying the same request cannot help.

    `sent=False`: no request reached the server (a member backing off after a failure streak skips
    the attempt), so it cost nothing and counts as no request."""

    def __init__(self, message: str, *, permanent: bool, model: str = "", sent: bool = True) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.model = model
        self.sent = sent


class Generator(abc.ABC):
    """One ensemble member: a named model behind some backend."""

    name: str

    @abc.abstractmethod
    async def complete(self, request: GenerationRequest) -> Completion: ...

    @property
    def writer_name(self) -> str:
        """What wrote a text, as `/generate` reports it: the model's name (members may be nicknamed)."""
        return getattr(self, "model", None) or self.name

    def context_read(self, request: GenerationRequest) -> int:
        """How many of `request.context`'s leading passages reach the writer (all, for a chat model,
        which gets every one in its request)."""
        return len(request.context)

    async def aclose(self) -> None:  # noqa: B027 - optional hook, most backends hold nothing
        return None


@dataclass
class Candidate:
    """One member's answer (or failure) for one item, as the ensemble saw it.

    `text` is the member's raw answer; `report` its quality report (whose `text` is the cleaned story).
    With a jury, `judge_score` and `judgements` are the judges' view of it.
    """

    model: str
    text: str | None = None
    score: float | None = None
    error: str | None = None
    latency: float = 0.0
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None
    report: Any = None
    judge_score: float | None = None
    # {judge: {"prompt_adherence", "genre_fit", "prose", "completeness", "verdict", "reason"}}
    judgements: dict[str, dict] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """Passed the heuristics (the jury's verdict is the ensemble's to weigh)."""
        return self.report is not None and self.report.reject_reason is None

    def as_dict(self) -> dict:
        return {
            "model": self.model,
            "text": self.text,
            "score": self.score,
            "error": self.error,
            "latency": round(self.latency, 4),
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "finish_reason": self.finish_reason,
            "reject_reason": self.report.reject_reason if self.report is not None else None,
            "judge_score": self.judge_score,
        }


@dataclass
class JuryOutcome:
    """What the jury did for one item: "judged" (at least one judge answered), "unavailable" (none did)
    or "off" (no jury, or no candidate passed the heuristics); requests and tokens it cost."""

    status: str = "off"
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # Judges that answered; a verdict majority is counted over them.
    judges: tuple[str, ...] = ()


@dataclass
class EnsembleResult:
    """The outcome for one item: the winning candidate (None when every member failed) and all of them."""

    winner: Candidate | None
    candidates: list[Candidate] = field(default_factory=list)
    # The winner's quality report (autotrain.quality.QualityReport), kept so it is not computed twice.
    report: Any = None
    # Every candidate that passed (heuristics and, with a jury, the judges), best first; the winner
    # first when it passed. The writer falls back along it when the winner is a near-duplicate.
    ranked: list[Candidate] = field(default_factory=list)
    jury: JuryOutcome = field(default_factory=JuryOutcome)
    # Why the jury rejected the winner (the judges' reasons), when it did.
    jury_rejection: str | None = None
