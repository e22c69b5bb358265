"""The offline writer: a seeded template writer (no network, no model weights; not a language model).

It exists so the whole service can be tried on a machine with no LLM endpoint: every ensemble member
defaults to one of three "voices" of this writer, named `offline-template-<voice>` so run summaries,
model wins and exports say what wrote the text; `/generate` reports it as the writer `offline`. A story
is assembled from beats (opening, premise, development, style, dialogue, turn, closing), each drawn from
a large hand-written grammar and filled from per-genre lexicons, so texts follow the prompt, the genre
and the style modifier and stay varied enough that a user's near-duplicate filter does not reject most
of them.
"""

from autotrain.llm.offline.generator import OfflineGenerator, default_voices
from autotrain.llm.offline.writer import CONTEXT_PASSAGES_READ, planned_stories, write_story

__all__ = ["CONTEXT_PASSAGES_READ", "OfflineGenerator", "default_voices", "planned_stories", "write_story"]
