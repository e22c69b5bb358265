"""The offline writer as an ensemble member: three voices of `write_story`."""

from __future__ import annotations

import time

from autotrain.llm.base import Completion, GenerationRequest, Generator
from autotrain.llm.offline.writer import CONTEXT_PASSAGES_READ, write_story


class OfflineGenerator(Generator):
    """An ensemble member backed by `write_story`; needs nothing outside this package and the catalog."""

    def __init__(self, name: str = "offline-template", voice: int = 0) -> None:
        self.name = name
        self.voice = voice

    @property
    def writer_name(self) -> str:
        return "offline"  # the built-in writer, whichever of its voices wrote

    def context_read(self, request: GenerationRequest) -> int:
        return min(len(request.context), CONTEXT_PASSAGES_READ)

    async def complete(self, request: GenerationRequest) -> Completion:
        started = time.perf_counter()
        text = write_story(
            genre=request.genre,
            prompt=request.prompt,
            style_modifier=request.style_modifier,
            seed=request.seed,
            voice=self.voice,
            context=request.context,
        )
        latency = time.perf_counter() - started
        return Completion(
            text=text,
            model=self.name,
            latency=latency,
            prompt_tokens=len(request.prompt.split()),
            completion_tokens=round(len(text.split()) * 1.3),
        )


def default_voices() -> list[OfflineGenerator]:
    """The offline ensemble: three voices of the template writer that write differently for the same item."""
    return [
        OfflineGenerator("offline-template-lyric", voice=0),
        OfflineGenerator("offline-template-noir", voice=1),
        OfflineGenerator("offline-template-classic", voice=2),
    ]
