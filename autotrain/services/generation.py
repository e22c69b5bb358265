"""Who writes a story for a user, and `/generate`: one story, by their custom model when they have one.

A `Writer` says who writes: the configured ensemble (the offline writer by default), optionally given a
system prompt and examples before the request, or one model on an OpenAI-compatible endpoint. The user's
latest succeeded fine-tune job decides (`custom_writer`):
  - `openai`: its `ft:` model on the fine-tuning endpoint (ZEGA_FINETUNE_BASE_URL), with the system
    prompt it was trained with;
  - `ollama`: `zega-<username>` on Ollama's OpenAI-compatible endpoint (`<ZEGA_OLLAMA_URL>/v1`);
  - `fewshot`: the configured ensemble, given the stored system prompt and examples;
and without a custom model the plain ensemble writes, best candidate by quality.

`base_writer` is the same writer without the customisation (the ensemble with no prompt or examples;
the job's base model on the same endpoint): the evaluation (services.evaluation) has both write the same
prompts, through `write` as /generate does, so what it measures is what users get.

Context passages (e.g. memory matches) go with the request as examples of the user's taste, after a
fewshot model's own examples; the answer says which of them reached the writer (a writer may read only
the first few: autotrain.llm.base.Generator.context_read). A custom model that fails is an error (502),
never silently replaced by another writer: the caller asked for their model.
"""

from __future__ import annotations

import asyncio
import dataclasses
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count

from autotrain import quality, selectors
from autotrain.llm import registry as llm_registry
from autotrain.llm.base import GenerationRequest, Generator, LLMError
from autotrain.llm.ensemble import Ensemble
from autotrain.models import FineTuneJob
from autotrain.services.errors import ServiceError

# Context passages sent with one request, at most (each is a whole story; more only dilutes).
MAX_CONTEXT_PASSAGES = 5
MAX_CONTEXT_CHARS = 6000
# /generate answers a person waiting: a custom model gets fewer retries than a run's members.
GENERATE_MAX_RETRIES = 2


class GenerationFailed(ServiceError):
    status = 502


class Passage(Protocol):
    """A context passage: memory matches (autotrain.selectors.Match) have both attributes."""

    @property
    def text(self) -> str: ...

    @property
    def example_id(self) -> int | None: ...


@dataclass(frozen=True)
class TextPassage:
    text: str
    example_id: int | None = None


# --- who writes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Writer:
    """Who writes one story: `model` on `base_url`, or (model None) the configured ensemble."""

    label: str  # what the API calls it: the custom model's name, the base model, the ensemble's members
    system: str | None = None
    examples: tuple[str, ...] = ()
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = None
    # The custom model's backend ("fewshot", "openai", "ollama"); None for a writer that is no custom model.
    backend: str | None = None

    @property
    def uses_ensemble(self) -> bool:
        return self.model is None

    def request_for(self, request: GenerationRequest) -> GenerationRequest:
        """`request` as this writer gets it: its system prompt, its examples before the request's context."""
        return dataclasses.replace(
            request, system=self.system or request.system, context=self.examples + request.context
        )


def ensemble_label() -> str:
    return ", ".join(member["name"] for member in llm_registry.describe_ensemble())[:200]


def custom_writer(job: FineTuneJob) -> Writer:
    """Exactly what writes for the user of succeeded `job`."""
    system = job.artifact.get("system") or None
    if job.backend == "fewshot":
        examples = tuple(e["text"] for e in job.artifact.get("examples", []) if e.get("text"))
        return Writer(label=job.model_name, system=system, examples=examples, backend="fewshot")
    base_url, api_key = _endpoint(job)
    return Writer(
        label=job.model_name, system=system, model=job.model_name, base_url=base_url, api_key=api_key,
        backend=job.backend,
    )


def base_writer(job: FineTuneJob) -> Writer:
    """`custom_writer(job)` without the customisation: what the user's model was made from."""
    if job.backend == "fewshot":
        return Writer(label=job.base_model or ensemble_label())
    base_url, api_key = _endpoint(job)
    return Writer(label=job.base_model, model=job.base_model, base_url=base_url, api_key=api_key)


def _endpoint(job: FineTuneJob) -> tuple[str, str | None]:
    if job.backend == "ollama":
        return (settings.ZEGA_OLLAMA_URL or "").rstrip("/") + "/v1", None
    return settings.ZEGA_FINETUNE_BASE_URL or "", settings.ZEGA_LLM_API_KEY


# --- writing -----------------------------------------------------------------------------------------


@dataclass
class Written:
    """One writer's answer: the story (cleaned as a run keeps it), or `error` when none came."""

    text: str = ""
    raw_text: str = ""
    # What really wrote it: a chat model's name, or "offline" for the built-in writer.
    writer: str = ""
    # The ensemble member that wrote it (its configured name), or the model.
    member: str = ""
    report: Any = None  # autotrain.quality.QualityReport of the answer
    finish_reason: str | None = None
    # How many leading passages of the request's context reached the writer.
    context_read: int = 0
    error: str | None = None


def scorer_for(threshold: float):
    """A run's scorer: the cleaning and the heuristics of autotrain.quality."""

    def scorer(text: str, req: GenerationRequest, finish_reason: str | None) -> quality.QualityReport:
        return quality.score(
            text, req.prompt, genre=req.genre or None, threshold=threshold, finish_reason=finish_reason
        )

    return scorer


def open_writer(writer: Writer, *, threshold: float, shared: bool = False, jury: bool = True) -> Ensemble | Generator:
    """What `write` sends `writer`'s requests through. Call it inside the event loop that will use it;
    close it with `aclose()` unless `shared` (then the process keeps its clients and limits).
    `jury=False`: the ensemble picks on the heuristics alone (the evaluation's jury judges afterwards)."""
    if writer.uses_ensemble:
        return llm_registry.build_ensemble(
            scorer=scorer_for(threshold), threshold=threshold, shared=shared, with_jury=jury
        )
    assert writer.model and writer.base_url
    return llm_registry.model_member(
        model=writer.model, base_url=writer.base_url, api_key=writer.api_key, shared=shared
    )


async def write(writer: Writer, through: Ensemble | Generator, request: GenerationRequest, *, threshold: float) -> Written:
    """`writer`'s story for `request` (its prompt and examples added), scored as a run scores it.
    Never raises for a writer's failure: `error` says what went wrong."""
    asked = writer.request_for(request)
    if isinstance(through, Ensemble):
        result = await through.generate(asked)
        winner = result.winner
        if winner is None or not winner.text:
            errors = "; ".join(f"{c.model}: {c.error}" for c in result.candidates if c.error)
            return Written(error=errors or "no answer")
        member = next(m for m in through.members if m.name == winner.model)
        return Written(
            text=winner.report.text if winner.report is not None else winner.text,
            raw_text=winner.text,
            writer=member.writer_name,
            member=member.name,
            report=winner.report,
            finish_reason=winner.finish_reason,
            context_read=member.context_read(asked),
        )
    try:
        completion = await through.complete(asked)
    except LLMError as exc:
        return Written(error=f"{writer.label}: {exc}")
    report = scorer_for(threshold)(completion.text, asked, completion.finish_reason)
    return Written(
        text=report.text,
        raw_text=completion.text,
        writer=through.writer_name,
        member=through.name,
        report=report,
        finish_reason=completion.finish_reason,
        context_read=through.context_read(asked),
    )


# --- /generate ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeneratedStory:
    text: str
    model: str
    # The custom model's backend ("fewshot", "openai", "ollama"), or None when the ensemble wrote it.
    custom_backend: str | None
    # What really wrote the text: the model's name, or "offline" for the built-in writer.
    writer: str = ""
    # The request's context passages that reached the writer.
    context_used: list[Passage] = field(default_factory=list)

    @property
    def memory_used(self) -> list[int]:
        return [p.example_id for p in self.context_used if p.example_id is not None]


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
    job = selectors.custom_model_job(user_id=user.pk)
    writer = custom_writer(job) if job is not None else Writer(label="")
    request = GenerationRequest(
        genre=genre or _favourite_genre(user_id=user.pk),
        prompt=prompt,
        style_modifier="",
        seed=secrets.randbits(31) if seed is None else seed,
        context=tuple(p.text for p in passages),
    )
    threshold = settings.ZEGA_QUALITY_THRESHOLD

    async def run() -> Written:
        through = open_writer(writer, threshold=threshold)
        if isinstance(through, Generator):
            through.max_retries = min(through.max_retries, GENERATE_MAX_RETRIES)  # type: ignore[attr-defined]
        try:
            return await write(writer, through, request, threshold=threshold)
        finally:
            await through.aclose()

    written = asyncio.run(run())
    if written.error is not None:
        if writer.uses_ensemble:
            raise GenerationFailed(f"No writer produced a story: {written.error}")
        raise GenerationFailed(f"The custom model {writer.label} did not answer: {written.error}")
    # The request's passages come after the writer's own examples; only those it read count as used.
    reached = max(0, written.context_read - len(writer.examples))
    return GeneratedStory(
        text=written.text,
        model=writer.label if job is not None else written.member,
        custom_backend=writer.backend,
        writer=written.writer,
        context_used=passages[:reached],
    )


def _usable(context: Sequence[Passage | str]) -> list[Passage]:
    chosen: list[Passage] = []
    size = 0
    for item in context:
        passage: Passage = TextPassage(text=item) if isinstance(item, str) else item
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
