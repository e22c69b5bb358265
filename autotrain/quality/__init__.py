"""The quality rules (CONTRACT sections 4 and 5): what a kept example must be.

- `clean`: the story alone, without a chat model's preamble and postamble (clean.py);
- `score(text, prompt, genre=..., finish_reason=...)`: heuristics, every factor in the breakdown
  (scoring.py, with the families of checks in their own modules);
- the optional LLM jury's prompt and parsing (jury.py).

Pure Python, no Django: services, the benchmark and the tests call it directly.
"""

from autotrain.quality.scoring import (
    BONUSES,
    DESCRIPTIVE_LEXICON,
    GENRE_LEXICON,
    PENALTIES,
    REASONS,
    QualityReport,
    TextFeatures,
    ordered_breakdown,
    score,
    text_features,
)

__all__ = [
    "BONUSES",
    "DESCRIPTIVE_LEXICON",
    "GENRE_LEXICON",
    "PENALTIES",
    "REASONS",
    "QualityReport",
    "TextFeatures",
    "ordered_breakdown",
    "score",
    "text_features",
]
