"""Prose measured as the scorer measures it: words, sentences, quoted speech and the narration around it.

Shared by the families of checks (talk.py, form.py, noise.py) and by `text_features`, so per-user
patterns count sentences and dialogue exactly as `score` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Patterns that run only when one of their hints (plain substrings) is in the text.
Guarded = tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]


@dataclass(frozen=True)
class TextFeatures:
    char_count: int
    sentence_count: int
    has_dialogue: bool


WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
# A diary's or a letter's date, or a log's entry: "Day 211", "12th of Sowing", "3 March", "Nov. 3", "Sept 2".
DATED = (
    r"(?:(?:Day|Night|Week|Entry|Log|Sol)[ \t]+[\dIVX]+|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?[A-Z][a-z]+\.?"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?)"
)
# ...on a line of its own, in italics or bold or not, with a few words after it: "*12th of Sowing*", "**Day 1, 14:20.**"
DATED_LINE = r"[*_]{0,2}" + DATED + r"(?:,?[ \t][^*_\n]{0,30})?[.:]?[*_]{0,2}"
# Words in italics: "*Come,*", "_Hope that strikes the right balance_" (not a snake_case word's underscores).
ITALICS = re.compile(r"\*[^*\n]+\*|(?<!\w)_[^_\n]+_(?!\w)")
# A story told as one letter opens with its salutation on a line of its own: "To the Parish Council of Lower Wenham,",
# "Dear new family,", "*My dear Tom,*" (not a letter to the reader: "Dear reader," is the assistant's address).
LETTER_OPENING = re.compile(
    r"\s*[*_]{0,2}(?:to|dear|dearest|my dear|my dearest)\b(?! readers?\b)[^\n.!?]{0,60},[*_]{0,2}[ \t]*\n", re.IGNORECASE
)
# Paragraphs are separated by a blank line (spaces or tabs on it allowed).
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a next word that
# does not start lowercase ("Run!" she cried. is one sentence). Titles are not sentence ends.
# After a stop, not an abbreviation's: "Mr. Ellis" is one sentence (to follow a sentence's closing mark).
NOT_AN_ABBREVIATION = r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bProf\.)"
_SENT_SPLIT = re.compile(r"[.!?…]" + NOT_AN_ABBREVIATION + r"[\"”’')\]*_]*\s+(?![a-z])")
_HAS_LETTER = re.compile(r"[A-Za-z]")
# Quoted speech: straight or curly double quotes; curly/straight single quotes only in the unambiguous
# 'Capital ... punctuation,' shape, so apostrophes (don't, 'tis, the wizards' tower) never count. The
# bounded repeat keeps a long line full of unclosed 'Quotes linear.
_DOUBLE_QUOTED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")
_SINGLE_QUOTED = re.compile(
    # (opening on a capital, or after a comma on the line its tag broke: "'Mum,' she said, 'what would you do?'")
    r"(?:[‘'](?<![^\s(—–-][‘'])[A-Z]|(?<=, )[‘'][a-z])(?:[^‘’'\n]|(?<=[A-Za-z])['’](?=[A-Za-z])){0,400}?"
    r"[,.!?…—–-][’'](?=[\s,.;:!?)—–-]|$)"
)
_SPEECH_INSIDE = re.compile(r"[A-Za-z]")
_SPEECH_SHAPE = re.compile(r"\s|[,.!?…—–-]")
_SINGLE_QUOTE_HINT = re.compile(r"[‘'][A-Z]")


def matches_any(text: str, guarded: Guarded) -> bool:
    return any(any(h in text for h in hints) and pattern.search(text) for hints, pattern in guarded)


def capitalised(text: str) -> bool:
    """Whether the first letter of `text` is a capital: a sentence written as one (a chat's "i stamped it out..." is
    not)."""
    return next((char for char in text if char.isalpha()), "").isupper()


def sentences(text: str) -> list[str]:
    return [s for s in _SENT_SPLIT.split(text) if _HAS_LETTER.search(s)]


# The emoji block of Unicode (🙂 🕵 🔥): no story's narration holds one.
PICTOGRAPHS = "\U0001F300-\U0001FAFF"

_SPEECH_OPENING = re.compile(rf"(?:^|{PARAGRAPH_BREAK.pattern})[ \t]*[\"“'‘]")


def speech_paragraphs(text: str) -> int:
    """Paragraphs that open with a line of speech: a scene told in dialogue has several, an essay none or one."""
    return len(_SPEECH_OPENING.findall(text)) if ('"' in text or "“" in text or "'" in text or "‘" in text) else 0


def has_dialogue(text: str) -> bool:
    if '"' in text or "“" in text:
        for match in _DOUBLE_QUOTED.finditer(text):
            inside = match.group(1) or match.group(2)
            if _SPEECH_INSIDE.search(inside) and _SPEECH_SHAPE.search(inside.strip()):
                return True
    if _SINGLE_QUOTE_HINT.search(text):
        return _SINGLE_QUOTED.search(text) is not None
    return False


def text_features(text: str) -> TextFeatures:
    """Length, sentences and dialogue, measured as `score` measures them (for per-user patterns)."""
    stripped = (text or "").strip()
    return TextFeatures(
        char_count=len(stripped),
        sentence_count=len(sentences(stripped)),
        has_dialogue=has_dialogue(stripped),
    )


def lowered(text: str) -> str:
    """The text lowercased, its curly apostrophes and single quotes straightened (as the word lists spell them)."""
    if "’" in text or "‘" in text:
        return text.replace("’", "'").replace("‘", "'").lower()
    return text.lower()


# Speech set in italics by its tag: "*Thank you,* says the forest. *I hope you will come again.*"
_SPEECH_TAG = r"(?:says|said|asks|asked|whispers|whispered|replies|replied|answers|answered|calls|called)"
_ITALIC_SPEECH = re.compile(
    r"\*[^*\n]{1,300}\*(?=,?[ \t]+" + _SPEECH_TAG + r"\b)"
    r"|\b(" + _SPEECH_TAG + r"\b[^.!?*\n]{0,30}[.,:][ \t]+)\*[^*\n]{1,300}\*"
)


# Writing the story quotes in a paragraph of its own, after a sentence of narration that names it and ends on a colon:
# "Clipped to it was a note in Halloran's small, square handwriting:\n\nStandard terms. Payment on completion. Let me
# know if you have any questions. — H.", all its lines (not an assistant's "A quick note on the pacing:", which names
# the text, nor a narrator's "a note in my sister's hand:", whose words may be the narrator's own; nor under a first
# line of the text).
_WRITING_BROUGHT_IN = re.compile(
    r"(?<=[.!?\n])[ \t]*(?=[^\n.!?:]*\b(?:note|letter|message|card|postcard|telegram|handwriting|pencil|ink|scrawl"
    r"|scrawled|notice|label|inscription|entry|sign)\b)"
    r"(?![^\n.!?:]*\b(?:i|i'm|i've|my|me|you|your|story|scene|pacing|ending|draft|version|tone|reader|prompt|twist"
    r"|chapter|paragraph|quick|brief)\b)"
    r"((?:[^\s.!?:]+[ \t]+){5,}[^\s.!?:]*:)[ \t]*\n[ \t]*\n[^\n]+(?:\n[ \t]*\S[^\n]*)*",
    re.IGNORECASE,
)


def narration(text: str) -> str:
    """The lowercased text without its quoted speech (and without writing it quotes after a colon)."""
    if ":\n" in text:
        # (not after the text's first line: an answer that only quotes, "From the Highland Almanac:", is what it quotes)
        text = _WRITING_BROUGHT_IN.sub(lambda match: match.group(1) + "\n\n", text)
    if "*" in text:
        text = _ITALIC_SPEECH.sub(lambda match: f"{match.group(1) or ''} ", text)
    text = without_speech(text)
    if "’" in text:
        text = text.replace("’", "'")
    return text.lower()


def without_speech(text: str) -> str:
    """The text without its quoted speech, its case kept (narration's, which lowercases it too)."""
    if '"' in text or "“" in text:
        text = _DOUBLE_QUOTED.sub(" ", text)
    if _SINGLE_QUOTE_HINT.search(text):
        text = _SINGLE_QUOTED.sub(" ", text)
    return text
