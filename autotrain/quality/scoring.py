"""Quality scoring: the rules of CONTRACT section 4.

A passage starts at BASE (7.0), earns small bonuses for what good training prose has (a useful length,
several sentences, descriptive words, dialogue) and takes large penalties for what makes an example
useless or harmful to fine-tune on (refusals, echoes, loops, cut-offs, outlines, markup, garbage, off-topic
prose). Penalties are sized so that one of them sinks even a text that earned every bonus below the
default threshold: the filter must really reject. Short but complete prose is not penalised; it only
misses the length bonus.

Pure Python, no Django: the services, the benchmark and the tests call `score` directly. Everything is
compiled at import; one call on an 800-character text takes well under a millisecond.

This module only weighs the checks; they live by family: the points (points.py), the word lists
(lexicon.py), words, sentences and speech (prose.py), refusals, meta-talk and echoes (talk.py), cut-offs
(cutoff.py), form, outlines and markup (form.py), loops and garbage (noise.py), language (language.py)
and fit to the brief (relevance.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from autotrain.quality import cutoff, form, language, noise, prose, relevance, summary, talk
from autotrain.quality.clean import clean
from autotrain.quality.lexicon import DESCRIPTIVE_LEXICON, GENRE_LEXICON, count_descriptive
from autotrain.quality.points import (
    BASE,
    BONUSES,
    LENGTH_RANGE,
    MAX_SCORE,
    MIN_CHARS,
    PENALTIES,
    REASON_ORDER,
    REASONS,
)
from autotrain.quality.prose import TextFeatures, text_features

__all__ = [
    "BASE",
    "BONUSES",
    "DESCRIPTIVE_LEXICON",
    "GENRE_LEXICON",
    "LENGTH_RANGE",
    "MAX_SCORE",
    "MIN_CHARS",
    "PENALTIES",
    "REASONS",
    "QualityReport",
    "TextFeatures",
    "ordered_breakdown",
    "score",
    "text_features",
]


@dataclass(frozen=True)
class QualityReport:
    score: float
    # factor name -> points it added (bonuses positive, penalties negative), "base" included.
    breakdown: dict[str, float] = field(default_factory=dict)
    # None when kept; otherwise a short human reason naming the main penalty ("refusal", ...).
    reject_reason: str | None = None
    # The cleaned text that was scored: the story without preamble and postamble (clean.py).
    text: str = ""
    # The penalty that named the rejection (a key of PENALTIES), when one did.
    main_penalty: str | None = None

    @property
    def truncated(self) -> bool:
        return self.main_penalty in ("penalty_truncated", "penalty_cut_off")

    @property
    def kept(self) -> bool:
        return self.reject_reason is None


def score(
    text: str,
    prompt: str,
    *,
    genre: str | None = None,
    threshold: float = 7.0,
    finish_reason: str | None = None,
) -> QualityReport:
    """Score one generated passage for `prompt` (and `genre`, a catalog key) against `threshold`.

    The text is cleaned first (clean.py); the report's `text` is the cleaned story. An answer the
    provider cut off at its length limit (`finish_reason="length"`) is truncated whatever it ends on.
    """
    cleaned = clean(text, prompt or "")
    stripped = cleaned.text
    lowered = prose.lowered(stripped)
    words = prose.WORD.findall(lowered)
    vocabulary = set(words)
    sentences = prose.sentences(stripped)
    dialogue = prose.has_dialogue(stripped)

    breakdown: dict[str, float] = {
        "base": BASE,
        "length": BONUSES["length"] if LENGTH_RANGE[0] <= len(stripped) <= LENGTH_RANGE[1] else 0.0,
        "sentences": BONUSES["sentences"] if len(sentences) >= 3 else 0.0,
        "descriptive": BONUSES["descriptive"] if count_descriptive(vocabulary) >= 2 else 0.0,
        "dialogue": BONUSES["dialogue"] if dialogue else 0.0,
    }
    fired: list[str] = []
    if not stripped:
        fired.append("penalty_empty")
    elif not words:
        # Symbols, digits or a script that is not the English prose asked for.
        fired.append("penalty_garbled")
        if len(stripped) < MIN_CHARS:
            fired.append("penalty_too_short")
    else:
        if len(stripped) < MIN_CHARS:
            fired.append("penalty_too_short")
        # Speech inside quotes is the story's, not the model's: a guard may say "I'm sorry, I can't".
        narration = prose.narration(stripped)
        # A refusal stays one when cleaning took it for the opener: "I can't write violence, but here's a gentle
        # version:" and a story that is not the one asked for.
        if talk.is_refusal(lowered, narration) or (
            cleaned.preamble and talk.refuses(prose.narration(cleaned.preamble))
        ):
            fired.append("penalty_refusal")
        elif (
            talk.meta_talk(narration, vocabulary)
            or talk.placeholder(lowered)
            or talk.plans_more(cleaned.postamble, cleaned.preamble)
            or talk.italic_note(stripped, narration)
            or talk.chat_line(stripped)
            or talk.footnoted(stripped, cleaned.postamble)
            or talk.tells_in_chatter(cleaned.postamble)
            # notes on the story longer than the story: the answer is the critique
            or len(cleaned.postamble) > len(stripped)
        ):
            fired.append("penalty_meta_talk")
        prompt_words = prose.WORD.findall((prompt or "").replace("’", "'").lower())
        if (
            talk.is_echo(words, prompt_words)
            or talk.echoes_brief(stripped, words, prompt_words)
            # the brief restated in what cleaning took off is an echo too
            or talk.restates_brief(f"{cleaned.preamble}\n\n{cleaned.postamble}".strip(), prompt_words)
        ):
            fired.append("penalty_echo")
        if noise.is_repetitive(words, sentences) or noise.restarts(lowered, language.ENGLISH_FUNCTION_WORDS):
            fired.append("penalty_repetition")
        if cutoff.is_cut_off(stripped):
            fired.append("penalty_cut_off")
        lines = form.lines_of(stripped)
        # (a summary in plain prose, whatever its shape, that quotes no one: the learned measure of summary.py)
        if form.is_outline(stripped, cleaned.preamble) or (not dialogue and summary.model().sums_up(words)):
            fired.append("penalty_outline")
        elif form.is_script(lines):
            fired.append("penalty_script")
        # a letter's sign-off is not verse (asked only of verse: its lines make the rest no more verse-like)
        elif form.is_verse(lines) and form.is_verse(lines[: len(lines) - cutoff.signature_lines(stripped)]):
            fired.append("penalty_verse")
        if form.has_markup(stripped):
            fired.append("penalty_markup")
        if noise.is_garbled(stripped, words, vocabulary):
            fired.append("penalty_garbled")
        measured = language.measure(stripped, words)
        if measured.not_english or language.changes_language(stripped, measured):
            fired.append("penalty_not_english")
        elif measured.keyword_salad:
            fired.append("penalty_keyword_salad")
        else:
            if form.is_run_on(sentences):
                fired.append("penalty_run_on")
            stems = relevance.text_stems(vocabulary)
            if relevance.narrative(narration, prose.speech_paragraphs(stripped)).exposition:
                fired.append("penalty_exposition")
            else:
                fit = relevance.relevance(stems, prompt or "", genre, words)
                if fit is not None and fit.off_brief:
                    fired.append("penalty_off_topic")
    if finish_reason == "length":
        fired.append("penalty_truncated")
    # The chatter removed around a story costs a little: a wrapped answer is never penalty-free.
    if cleaned.preamble:
        fired.append("penalty_preamble")
    if cleaned.postamble:
        fired.append("penalty_postamble")
    for key in fired:
        breakdown[key] = PENALTIES[key]

    breakdown = {key: round(value, 2) for key, value in breakdown.items()}
    total = round(min(MAX_SCORE, max(0.0, sum(breakdown.values()))), 2)
    reject_reason = main = None
    if total < threshold:
        if fired:
            main = min(fired, key=lambda key: (PENALTIES[key], REASON_ORDER[key]))
            reject_reason = REASONS[main]
        else:
            reject_reason = "below threshold"
    return QualityReport(
        score=total, breakdown=breakdown, reject_reason=reject_reason, text=stripped, main_penalty=main
    )


def ordered_breakdown(breakdown: dict[str, float] | None) -> list[tuple[str, float]]:
    """A breakdown's factors in reading order (base, the bonuses, then penalties), whatever order the
    database kept the keys in (PostgreSQL's jsonb sorts them by length)."""
    rank = {"base": 0, **{name: 1 + i for i, name in enumerate(BONUSES)}}
    return sorted((breakdown or {}).items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
