"""Several generators answering as one: every member votes, or members are tried in order.

- `vote`: every member writes a candidate at once; the best-scoring text wins (ties: member order).
  Costs one request per member per item, buys the best of several texts.
- `fallback`: members in order; the first text that passes the quality threshold wins and later members
  are not asked. For tight rate limits: usually one request per item.

Either way every member's answer or failure is kept as a `Candidate`, and a member failing never fails
the item while another member has a text: the ensemble never raises for a member's error. Concurrency
limits, retries and back-off live in each member (see openai_compat), not here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest, Generator, LLMError

logger = logging.getLogger(__name__)

STRATEGIES = ("vote", "fallback")


class Report(Protocol):
    """What the ensemble needs from a quality report (autotrain.quality.QualityReport has it)."""

    score: float
    reject_reason: str | None


Scorer = Callable[[str, GenerationRequest], Report]


class Ensemble:
    def __init__(
        self,
        members: Sequence[Generator],
        *,
        strategy: str = "vote",
        scorer: Scorer,
        threshold: float = 7.0,
        owns_members: bool = True,
    ) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one member")
        if strategy not in STRATEGIES:
            raise ValueError(f"unknown ensemble strategy {strategy!r}; expected one of {STRATEGIES}")
        names = [member.name for member in members]
        if len(set(names)) != len(names):
            raise ValueError(f"ensemble member names must be unique, got {names}")
        self._members = list(members)
        self.strategy = strategy
        self.scorer = scorer
        self.threshold = threshold
        # False: the members are shared with other ensembles (their clients outlive this one), so
        # closing this ensemble leaves them open.
        self.owns_members = owns_members

    @property
    def members(self) -> list[Generator]:
        return list(self._members)

    @property
    def names(self) -> list[str]:
        return [member.name for member in self._members]

    async def generate(self, request: GenerationRequest) -> EnsembleResult:
        if self.strategy == "vote":
            return await self._vote(request)
        return await self._fallback(request)

    async def aclose(self) -> None:
        if not self.owns_members:
            return
        results = await asyncio.gather(*(m.aclose() for m in self._members), return_exceptions=True)
        for member, result in zip(self._members, results, strict=True):
            if isinstance(result, Exception):
                logger.warning("closing ensemble member %s failed: %r", member.name, result)

    # --- strategies ---

    async def _vote(self, request: GenerationRequest) -> EnsembleResult:
        answers = await asyncio.gather(*(self._ask(member, request) for member in self._members))
        candidates = [candidate for candidate, _ in answers]
        best: tuple[Candidate, Report] | None = None
        for candidate, report in answers:
            # Strictly greater: on a tie the earlier member keeps the win.
            if report is not None and (best is None or report.score > best[1].score):
                best = (candidate, report)
        if best is None:
            return EnsembleResult(winner=None, candidates=candidates)
        return EnsembleResult(winner=best[0], candidates=candidates, report=best[1])

    async def _fallback(self, request: GenerationRequest) -> EnsembleResult:
        candidates: list[Candidate] = []
        best: tuple[Candidate, Report] | None = None
        for member in self._members:
            candidate, report = await self._ask(member, request)
            candidates.append(candidate)
            if report is None:
                continue
            if report.reject_reason is None and report.score >= self.threshold:
                return EnsembleResult(winner=candidate, candidates=candidates, report=report)
            if best is None or report.score > best[1].score:
                best = (candidate, report)
        # Nobody was good enough: the best text still wins, so the caller can record why it was rejected.
        if best is None:
            return EnsembleResult(winner=None, candidates=candidates)
        return EnsembleResult(winner=best[0], candidates=candidates, report=best[1])

    async def _ask(self, member: Generator, request: GenerationRequest) -> tuple[Candidate, Report | None]:
        """One member's candidate and its report; a failure becomes a candidate with `error`."""
        started = time.monotonic()
        try:
            completion = await member.complete(request)
        except LLMError as exc:
            kind = "permanent" if exc.permanent else "transient"
            error = f"{kind}: {exc}"
            return Candidate(model=member.name, error=error, latency=time.monotonic() - started), None
        except Exception as exc:  # noqa: BLE001 - a broken member must not sink the others
            logger.exception("ensemble member %s raised unexpectedly", member.name)
            error = f"unexpected: {type(exc).__name__}: {exc}"
            return Candidate(model=member.name, error=error, latency=time.monotonic() - started), None
        report = self.scorer(completion.text, request)
        candidate = Candidate(
            model=member.name,
            text=completion.text,
            score=report.score,
            latency=completion.latency,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
        )
        return candidate, report
