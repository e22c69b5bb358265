"""`/generate`: one story for a user, written by their custom model when they have one.

Which writer:
- the user's latest succeeded fine-tune job decides:
  - `openai`: its `ft:` model on the fine-tuning endpoint (ZEGA_FINETUNE_BASE_URL), with the system
    prompt it was trained with;
  - `ollama`: `zega-<username>` on Ollama's OpenAI-compatible endpoint (`<ZEGA_OLLAMA_URL>/v1`);
  - `fewshot`: the configured ensemble (the offline writer by default), given the stored system prompt
    and examples before the request;
- no custom model: the configured ensemble, best candidate by quality.

Context passages (e.g. memory matches) go with the request as examples of the user's taste; the answer
says which were sent. A custom model that fails is an error (502), never silently replaced by another
writer: the caller asked for their model.
"""

from __future__ import annotations

import asyncio
import dataclasses
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count

from autotrain import quality, selectors
from autotrain.llm import registry as llm_registry
from autotrain.llm.base import GenerationRequest, Generator, LLMError
from autotrain.models import FineTuneJob
from autotrain.services.errors import ServiceError

# Context passages sent with one request, at most (each is a whole story; more only dilutes).
MAX_CONTEXT_PASSAGES = 5
MAX_CONTEXT_CHARS = 6000


class GenerationFailed(ServiceError):
    status = 502


class Passage(Protocol):
    """A context passage: memory matches (autotrain.memory.Match) have both attributes."""

    text: str
    example_id: int | None


@dataclass(frozen=True)
class TextPassage:
    text: str
    example_id: int | None = None


@dataclass(frozen=True)
class GeneratedStory:
    text: str
    model: str
    # The custom model's backend ("fewshot", "openai", "ollama"), or None when the ensemble wrote it.
    custom_backend: str | None
    context_used: list[Passage] = field(default_factory=list)

    @property
    def memory_used(self) -> list[int]:
        return [p.example_id for p in self.context_used if p.example_id is not None]


def custom_model_job(*, user_id: int) -> FineTuneJob | None:
    """The job whose model is the user's custom model: their latest success."""
    return (
        FineTuneJob.objects.filter(user_id=user_id, status=FineTuneJob.Status.SUCCEEDED)
        .exclude(model_name="")
        .order_by("-finished_at", "-created_at")
        .first()
    )


def generate_story(
    *,
    user: AbstractBaseUser,
    prompt: str,
    genre: str | None = None,
    context: Sequence[Passage | str] = (),
    seed: int | None = None,
) -> GeneratedStory:
    """Write one story for `user`. Raises GenerationFailed when no writer produced a text."""
    passages = _usable(context)
    job = custom_model_job(user_id=user.pk)
    request = GenerationRequest(
        genre=genre or _favourite_genre(user_id=user.pk),
        prompt=prompt,
        style_modifier="",
        seed=secrets.randbits(31) if seed is None else seed,
        system=(job.artifact.get("system") or None) if job else None,
        context=tuple(p.text for p in passages),
    )
    if job is None:
        text, model = _with_ensemble(request)
        return GeneratedStory(text=text, model=model, custom_backend=None, context_used=passages)
    if job.backend == "fewshot":
        examples = tuple(e["text"] for e in job.artifact.get("examples", []) if e.get("text"))
        # The stored examples first, then the request's own context: all of it reaches the writer.
        fewshot_request = dataclasses.replace(request, context=examples + request.context)
        text, _writer = _with_ensemble(fewshot_request)
        return GeneratedStory(
            text=text, model=job.model_name, custom_backend="fewshot", context_used=passages
        )
    text = _with_custom_model(job, request)
    return GeneratedStory(text=text, model=job.model_name, custom_backend=job.backend, context_used=passages)


def _usable(context: Sequence[Passage | str]) -> list[Passage]:
    chosen: list[Passage] = []
    size = 0
    for item in context:
        passage = TextPassage(text=item) if isinstance(item, str) else item
        text = (passage.text or "").strip()
        if not text or len(chosen) >= MAX_CONTEXT_PASSAGES or size + len(text) > MAX_CONTEXT_CHARS:
            continue
        chosen.append(passage)
        size += len(text)
    return chosen


def _favourite_genre(*, user_id: int) -> str:
    """The genre the user keeps most (ties: by name); "" lets the writer read it from the prompt."""
    counts = (
        selectors.kept_examples(user_id=user_id)
        .order_by()
        .values_list("genre")
        .annotate(n=Count("id"))
        .order_by("-n", "genre")
    )
    first = counts.first()
    return first[0] if first else ""


def _with_ensemble(request: GenerationRequest) -> tuple[str, str]:
    """The configured ensemble's best text and the member that wrote it."""
    threshold = settings.ZEGA_QUALITY_THRESHOLD

    def scorer(text: str, req: GenerationRequest, finish_reason: str | None) -> quality.QualityReport:
        return quality.score(
            text, req.prompt, genre=req.genre or None, threshold=threshold, finish_reason=finish_reason
        )

    async def write() -> tuple[str, str]:
        ensemble = llm_registry.build_ensemble(scorer=scorer)
        try:
            result = await ensemble.generate(request)
        finally:
            await ensemble.aclose()
        if result.winner is None or not result.winner.text:
            errors = "; ".join(f"{c.model}: {c.error}" for c in result.candidates if c.error)
            raise GenerationFailed(f"No writer produced a story: {errors or 'no answer'}")
        winner = result.winner
        # The story without the model's chatter around it, as a run would keep it.
        return (winner.report.text if winner.report is not None else winner.text), winner.model

    return asyncio.run(write())


def _with_custom_model(job: FineTuneJob, request: GenerationRequest) -> str:
    generator = _custom_generator(job)

    async def write() -> str:
        try:
            completion = await generator.complete(request)
        finally:
            await generator.aclose()
        return completion.text

    try:
        return asyncio.run(write())
    except LLMError as exc:
        raise GenerationFailed(f"The custom model {job.model_name} did not answer: {exc}") from exc


def _custom_generator(job: FineTuneJob) -> Generator:
    from autotrain.llm.openai_compat import OpenAICompatGenerator  # only when a provider model exists

    if job.backend == "ollama":
        base_url, api_key = settings.ZEGA_OLLAMA_URL.rstrip("/") + "/v1", None
    else:
        base_url, api_key = settings.ZEGA_FINETUNE_BASE_URL, settings.ZEGA_LLM_API_KEY
    return OpenAICompatGenerator(
        name=job.model_name,
        model=job.model_name,
        base_url=base_url,
        api_key=api_key,
        max_concurrency=1,
        timeout=settings.ZEGA_LLM_TIMEOUT,
        max_retries=min(settings.ZEGA_LLM_MAX_RETRIES, 2),
        max_tokens=settings.ZEGA_LLM_MAX_TOKENS,
        temperature=settings.ZEGA_LLM_TEMPERATURE,
    )
