"""Several generators answering as one: every member votes, or members are tried in order.

- `vote`: every member writes a candidate at once; the best-scoring text wins (ties: member order).
  Costs one request per member per item, buys the best of several texts.
- `fallback`: members in order; the first text that passes the quality threshold wins and later members
  are not asked. For tight rate limits: usually one request per item.

Either way every member's answer or failure is kept as a `Candidate`, and a member failing never fails
the item while another member has a text: the ensemble never raises for a member's error. Concurrency
limits, retries and back-off live in each member (see openai_compat), not here.

With a jury (autotrain.llm.jury), the candidates that passed the heuristics are judged in one more round
of requests and the judges' score picks the winner. The result ranks every candidate that passed, so
the writer can fall back to the next one when the winner nearly repeats the user's data.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from typing import Protocol

from autotrain.llm.base import Candidate, EnsembleResult, GenerationRequest, Generator, JuryOutcome, LLMError

logger = logging.getLogger(__name__)

STRATEGIES = ("vote", "fallback")


class Report(Protocol):
    """What the ensemble needs from a quality report (autotrain.quality.QualityReport has it).

    Read-only, so a frozen dataclass (QualityReport is one) satisfies it."""

    @property
    def score(self) -> float: ...

    @property
    def reject_reason(self) -> str | None: ...

    @property
    def text(self) -> str: ...


# (the member's raw answer, the item, the answer's finish_reason) -> its report
Scorer = Callable[[str, GenerationRequest, str | None], Report]


class Jury(Protocol):
    """What the ensemble needs from a jury (autotrain.llm.jury.Jury)."""

    async def judge(self, request: GenerationRequest, candidates: Sequence[Candidate]) -> JuryOutcome: ...

    def approves(self, candidate: Candidate) -> bool: ...

    def rejection(self, candidate: Candidate) -> str: ...

    async def aclose(self) -> None: ...


class Ensemble:
    def __init__(
        self,
        members: Sequence[Generator],
        *,
        strategy: str = "vote",
        scorer: Scorer,
        threshold: float = 7.0,
        owns_members: bool = True,
        jury: Jury | None = None,
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
        # closing this ensemble leaves them open (the jury's judges likewise).
        self.owns_members = owns_members
        self.jury = jury

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
        if self.jury is not None:
            await self.jury.aclose()

    # --- strategies ---

    async def _vote(self, request: GenerationRequest) -> EnsembleResult:
        candidates = list(await asyncio.gather(*(self._ask(member, request) for member in self._members)))
        jury = JuryOutcome()
        passed = [c for c in candidates if c.passed]
        if self.jury is not None and passed:
            jury = await self.jury.judge(request, passed)
        return self._decide(candidates, jury)

    async def _fallback(self, request: GenerationRequest) -> EnsembleResult:
        candidates: list[Candidate] = []
        jury = JuryOutcome()
        for member in self._members:
            candidate = await self._ask(member, request)
            candidates.append(candidate)
            if not candidate.passed or candidate.score is None or candidate.score < self.threshold:
                continue
            if self.jury is None:
                break
            asked = await self.jury.judge(request, [candidate])
            jury = _add(jury, asked)
            if self.jury.approves(candidate) or asked.status != "judged":
                break  # good enough for the judges (or none could say): later members are not asked
        return self._decide(candidates, jury)

    def _decide(self, candidates: list[Candidate], jury: JuryOutcome) -> EnsembleResult:
        """The winner and the ranking of the candidates that passed.

        Without a verdict of the judges: the best heuristic score wins (ties: member order). With one:
        the best judge score among the candidates the jury approves, then (fallback strategy: a later
        member's round the judges could not answer) the candidates no judge saw, on the heuristics; when
        there are none of either, the best judged candidate is the (rejected) winner and the judges'
        reasons say why.
        """
        position = {id(c): i for i, c in enumerate(candidates)}
        scored = [c for c in candidates if c.report is not None]
        if not scored:
            return EnsembleResult(winner=None, candidates=candidates, jury=jury)
        by_score = sorted(scored, key=lambda c: (-(c.score or 0.0), position[id(c)]))
        passed = [c for c in by_score if c.passed and (c.score or 0.0) >= self.threshold]
        if self.jury is not None and jury.status == "judged":
            judged = [c for c in passed if c.judge_score is not None]
            judged.sort(key=lambda c: (-(c.judge_score or 0.0), -(c.score or 0.0), position[id(c)]))
            approved = [c for c in judged if self.jury.approves(c)]
            # Nobody could judge these (a judge's failure never fails the item): the heuristics decide.
            approved += [c for c in passed if c.judge_score is None]
            if approved:
                return self._result(approved[0], candidates, approved, jury)
            if judged:
                result = self._result(judged[0], candidates, [], jury)
                result.jury_rejection = self.jury.rejection(judged[0])
                return result
        winner = passed[0] if passed else by_score[0]
        return self._result(winner, candidates, passed, jury)

    @staticmethod
    def _result(winner: Candidate, candidates: list[Candidate], ranked: list[Candidate], jury: JuryOutcome) -> EnsembleResult:
        return EnsembleResult(winner=winner, candidates=candidates, report=winner.report, ranked=ranked, jury=jury)

    async def _ask(self, member: Generator, request: GenerationRequest) -> Candidate:
        """One member's candidate with its report; a failure becomes a candidate with `error`."""
        started = time.monotonic()
        try:
            completion = await member.complete(request)
        except LLMError as exc:
            kind = "permanent" if exc.permanent else "transient"
            error = f"{kind}: {exc}"
            return Candidate(model=member.name, error=error, latency=time.monotonic() - started)
        except Exception as exc:  # noqa: BLE001 - a broken member must not sink the others
            logger.exception("ensemble member %s raised unexpectedly", member.name)
            error = f"unexpected: {type(exc).__name__}: {exc}"
            return Candidate(model=member.name, error=error, latency=time.monotonic() - started)
        report = self.scorer(completion.text, request, completion.finish_reason)
        return Candidate(
            model=member.name,
            text=completion.text,
            score=report.score,
            latency=completion.latency,
            prompt_tokens=completion.prompt_tokens,
            completion_tokens=completion.completion_tokens,
            finish_reason=completion.finish_reason,
            report=report,
        )


def _add(total: JuryOutcome, more: JuryOutcome) -> JuryOutcome:
    """Two jury rounds of one item (fallback asks the jury once per passing member) as one."""
    return JuryOutcome(
        status="judged" if "judged" in (total.status, more.status) else more.status,
        requests=total.requests + more.requests,
        prompt_tokens=total.prompt_tokens + more.prompt_tokens,
        completion_tokens=total.completion_tokens + more.completion_tokens,
        judges=tuple(dict.fromkeys(total.judges + more.judges)),
    )
