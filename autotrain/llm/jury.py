"""The optional LLM jury: several judge models score the candidates that passed the heuristics.

For each item every judge gets ONE request holding all the candidates (autotrain.quality.jury writes it
and reads the answer), labelled in an order shuffled per item (seeded by the item, so a retried item
asks the same question). A malformed or failed answer is asked once more; a judge that still has no
usable answer is left out of this item, which goes on with the others (or, with none, on the heuristics
alone: `unavailable`). A panel of two or three small judges costs one extra round of requests, sent at
once, each judge within its own concurrency and rate limits (judges are ensemble members on their own
endpoints, autotrain.llm.openai_compat).

`compare` is the evaluation's blind comparison of two texts (a custom model's and its base's): one
request per judge with both texts labelled A and B in a seeded order, each judge naming the better one.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from typing import Protocol

from autotrain.llm.base import Candidate, Completion, GenerationRequest, JuryOutcome, LLMError
from autotrain.quality import jury as rules

logger = logging.getLogger(__name__)

JUDGE_ATTEMPTS = 2  # the first answer, and one retry of a malformed or failed one
JUDGE_MAX_TOKENS = 700  # room for a few candidates' numbers and one-sentence reasons


class ChatMember(Protocol):
    name: str

    async def chat(
        self,
        messages: list[dict[str, str]],
        *,
        seed: int | None = None,
        headers: dict[str, str] | None = None,
        response_format: dict | None = None,
        max_tokens: int | None = None,
    ) -> Completion: ...

    async def aclose(self) -> None: ...


class Jury:
    def __init__(self, judges: Sequence[ChatMember], *, threshold: float = 7.0, owns_judges: bool = True) -> None:
        if not judges:
            raise ValueError("a jury needs at least one judge")
        self.judges = list(judges)
        self.threshold = threshold
        self.owns_judges = owns_judges

    @property
    def names(self) -> list[str]:
        return [judge.name for judge in self.judges]

    async def judge(self, request: GenerationRequest, candidates: Sequence[Candidate]) -> JuryOutcome:
        """Ask every judge about `candidates` (each passed the heuristics); fills their `judgements` and
        `judge_score`. Never raises for a judge's failure."""
        order = list(range(len(candidates)))
        random.Random(f"jury:{request.seed}:{request.run_id}:{request.index}").shuffle(order)
        shown = [candidates[i] for i in order]
        labels = rules.labels(len(shown))
        from autotrain.llm.openai_compat import genre_label, item_headers  # the same brief as members get

        messages = rules.build_messages(
            genre=request.genre,
            genre_label=genre_label(request.genre),
            prompt=request.prompt,
            style=request.style_modifier,
            texts=[c.report.text if c.report is not None else (c.text or "") for c in shown],
        )
        headers = item_headers(request)
        answers = await asyncio.gather(*(self._ask(j, messages, labels, headers) for j in self.judges))
        outcome = JuryOutcome()
        answered: list[str] = []
        for judge, (judged, requests, prompt_tokens, completion_tokens) in zip(self.judges, answers, strict=True):
            outcome.requests += requests
            outcome.prompt_tokens += prompt_tokens
            outcome.completion_tokens += completion_tokens
            if judged is None:
                continue
            answered.append(judge.name)
            for label, candidate in zip(labels, shown, strict=True):
                candidate.judgements[judge.name] = judged[label]
        for candidate in candidates:
            candidate.judge_score = rules.judge_score(candidate.judgements.values())
        outcome.status = "judged" if answered else "unavailable"
        outcome.judges = tuple(answered)
        return outcome

    async def compare(
        self, request: GenerationRequest, texts: dict[str, str], *, seed: object
    ) -> tuple[dict[str, dict], JuryOutcome]:
        """Each judge's blind preference between two texts, e.g. {"custom": ..., "base": ...}.

        One request per judge (and one retry of a malformed or failed answer); the texts are labelled
        A and B in an order seeded by `seed`, so a retried pair asks the same question and neither side
        is always first. Returns ({judge: {"preferred": a key of `texts` or "tie", "reason"}}, the cost);
        a judge without a usable answer is left out. Never raises for a judge's failure.
        """
        sides = list(texts)
        if len(sides) != 2:
            raise ValueError("a comparison is of exactly two texts")
        random.Random(f"compare:{seed}").shuffle(sides)
        from autotrain.llm.openai_compat import genre_label, item_headers

        messages = rules.build_compare_messages(
            genre=request.genre,
            genre_label=genre_label(request.genre),
            prompt=request.prompt,
            style=request.style_modifier,
            first=texts[sides[0]],
            second=texts[sides[1]],
        )
        by_label = {"A": sides[0], "B": sides[1], "tie": "tie"}
        answers = await asyncio.gather(
            *(self._ask(j, messages, [], item_headers(request), parse=rules.parse_compare_answer) for j in self.judges)
        )
        outcome = JuryOutcome()
        preferences: dict[str, dict] = {}
        for judge, (answer, requests, prompt_tokens, completion_tokens) in zip(self.judges, answers, strict=True):
            outcome.requests += requests
            outcome.prompt_tokens += prompt_tokens
            outcome.completion_tokens += completion_tokens
            if answer is not None:
                preferences[judge.name] = {"preferred": by_label[answer["preferred"]], "reason": answer["reason"]}
        outcome.status = "judged" if preferences else "unavailable"
        outcome.judges = tuple(preferences)
        return preferences, outcome

    def approves(self, candidate: Candidate) -> bool:
        judgements = list(candidate.judgements.values())
        if not judgements or candidate.judge_score is None:
            return True  # nobody judged it: the heuristics decide
        return candidate.judge_score >= self.threshold and not rules.rejected_by_majority(judgements)

    def rejection(self, candidate: Candidate) -> str:
        """The judges' case against `candidate`, for the example's reject_detail."""
        reasons = "; ".join(
            f"{name}: {j['verdict']} ({rules.judgement_score(j):.1f}) {j['reason']}".strip()
            for name, j in candidate.judgements.items()
        )
        return f"judge score {candidate.judge_score} (threshold {self.threshold:g}); {reasons}"

    async def _ask(
        self,
        judge: ChatMember,
        messages: list[dict[str, str]],
        labels: list[str],
        headers: dict[str, str],
        parse: Callable[[str], dict] | None = None,
    ) -> tuple[dict | None, int, int, int]:
        """(judgements by label, or `parse`'s reading of the answer, or None; requests sent, prompt
        tokens, completion tokens)."""
        requests = prompt_tokens = completion_tokens = 0
        for attempt in range(1, JUDGE_ATTEMPTS + 1):
            try:
                completion = await judge.chat(
                    messages,
                    headers=headers,
                    response_format={"type": "json_object"},
                    max_tokens=JUDGE_MAX_TOKENS,
                )
            except LLMError as exc:
                # A judge backing off after a run of failures skips the attempt unsent: no request.
                requests += 1 if getattr(exc, "sent", True) else 0
                logger.info("judge %s failed (attempt %d): %s", judge.name, attempt, exc)
                continue
            requests += 1
            prompt_tokens += completion.prompt_tokens or 0
            completion_tokens += completion.completion_tokens or 0
            try:
                parsed = parse(completion.text) if parse is not None else rules.parse_answer(completion.text, labels)
                return parsed, requests, prompt_tokens, completion_tokens
            except rules.JudgeAnswerError as exc:
                logger.info("judge %s answered unusably (attempt %d): %s", judge.name, attempt, exc)
        return None, requests, prompt_tokens, completion_tokens

    async def aclose(self) -> None:
        if self.owns_judges:
            await asyncio.gather(*(j.aclose() for j in self.judges), return_exceptions=True)
