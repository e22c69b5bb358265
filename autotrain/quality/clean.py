"""Cleaning: the story alone, without the chatter a chat model wraps it in (CONTRACT section 5).

"Sure! Here's a short story about a dragon egg:", a "Title: ..." or bold title line, a `---` rule before
the story; after it "I hope this captures the mood!", "Let me know if you'd like changes.", "Word count:
512". What is removed is returned too, so the scorer can mark it (a wrapped answer is never
penalty-free) and the example keeps the raw answer beside the cleaned text.

Only the edges are cleaned: chatter in the middle of a story is meta-talk, and the scorer rejects it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autotrain.quality import prose, talk


@dataclass(frozen=True)
class Cleaned:
    text: str
    preamble: str = ""
    postamble: str = ""


# "Happy to!", "I'd be happy to write that!": an assistant agreeing, in either part of an opener below.
_GLAD_TO = r"happy to(?: help)?|i(?:'d| would) (?:be )?(?:happy|glad|delighted) to"
# An opening line of chatter: "Sure!", "Certainly! Below is a passage...:", "Here's my take on it:",
# "Okay, here is a short horror story about the doll." A line, or the first sentence of the first line.
_CHATTY_OPENER = re.compile(
    r"^\s*(?:(?:sure|certainly|of course|absolutely|okay|ok|great|alright|all right|yes|gladly|"
    + _GLAD_TO +
    r"|(?:my )?apologies|sorry|oops"
    r"|with pleasure|here you go|here goes|great prompt|what a (?:fun|great|lovely|wonderful) prompt)"
    r"(?: thing)?\b[^\n]{0,160}?(?:[!.:]|—|$)[^\w\n]*\s*)?"
    r"(?:(?:here(?:'s| is| are| you go| goes)|below (?:is|you'll find)|i(?:'ve| have) (?:written|crafted|created)"
    r"|this is (?:a|my)|i wrote|let me (?:write|tell|share)|presenting"
    # the opener saying what it chose: "What a fun prompt! I went with a quiet take on first contact."
    r"|i(?: went|'ve gone| have gone) (?:with|for))\b[^\n]{0,200}?(?:[:.!]|—|[^\w\s\"'”’)*_]{1,3})[ \t]*(?:\n|$)"
    # on the story's own line: "Here's an atmospheric passage about the explorers: Mist lay..."
    r"|(?:here(?:'s| is)|below is)\b[^\n:]{0,160}\b(?:story|tale|passage|piece|scene|take|version|draft"
    r"|excerpt|narrative|vignette)\b[^\n:]{0,80}:[ \t]+(?=[\"“A-Z])"
    r"|(?:sure|certainly|of course|absolutely|okay|ok|alright|gladly|here you go|" + _GLAD_TO
    + r")\b[^\n]{0,40}?[!.:][^\w\n]*(?:\n|$))",
    re.IGNORECASE,
)
# A title line: "Title: The Last Train", "**The Umbrella**", "# The Umbrella", "*Night Shift*",
# or a short Title Case line with no end punctuation followed by a blank line.
_TITLE = re.compile(
    r"^\s*(?:(?i:(?:story )?title)\s*:[^\n]*"
    r"|\*\*[^*\n]{1,80}\*\*[ \t]*"
    r"|#{1,6}[ \t]+[^\n]{1,80}"
    r"|\*[^*\n]{1,80}\*[ \t]*"
    r"|_[^_\n]{1,80}_[ \t]*"
    r"|\"[A-Z][^\"\n]{0,60}[^.!?,\"\n]\"[ \t]*(?=\n\s*\n)"
    r"|(?:[A-Z0-9][\w'’-]*|a|an|the|of|in|on|at|to|and|for|from|with|by|under|over)"
    r"(?:[ \t]+(?:[A-Z0-9][\w'’-]*|a|an|the|of|in|on|at|to|and|for|from|with|by|under|over|&)){0,8}"
    r"[ \t]*(?=\n\s*\n))"
    r"[ \t]*(?:\n|$)",
)
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,}|~{3,})[ \t]*(?:\n|$)")

# A paragraph (or the last sentences of the last paragraph) that talks to the reader about the answer.
_CHATTER = re.compile(
    r"(?:^|(?<=[.!?\"”’]\s))\s*(?:[^\w\s\"'“‘(\[*_#-]{1,6}\s*)?(?:\(?\s*)"
    r"(?:i hope (?:you|this|that|it)\b|hope (?:you (?:enjoy|like)|this (?:one )?(?:made|makes|brings|brought|gives|gave"
    r"|was|is|works|hits|helps))\b|let me know\b|feel free\b|would you like\b"
    r"|do you want me\b|want me to\b|if you(?:'d| would)? like\b|if you want\b|i can (?:also )?(?:adjust|make|write"
    r"|expand|continue|change|revise|try)\b|i could (?:also )?(?:adjust|make|write|expand|continue)\b"
    r"|happy to (?:adjust|revise|help|write|expand)\b|shall i\b|should i (?:continue|write|make)\b"
    r"|enjoy(?:ed)? (?:the|this|your) (?:story|tale|read)\b"
    r"|thanks? (?:you )?for (?:reading|the (?:\w+ )?prompt|asking|the idea)\b"
    r"|(?:\*\*)?(?:word count|note|author's note|notes?|themes?|key themes|symbols?|symbolism|motifs?|moral"
    r"|what i changed|changes made|changes|revisions?)(?:\*\*)?\s*:"
    r"|(?:(?:in the end|ultimately|at its heart|at its core|overall|in essence),?\s+)?"
    r"this (?:story|passage|piece|version|draft|tale) (?:captures|explores|uses|has|is about|features|aims|tries"
    r"|blends|is really about|shows|reminds)\b"
    r"|the end\.?\s*$"
    # a signature: "— Written by Claude, your AI storyteller"
    r"|[—–-]{1,2}\s*(?:written|crafted|created|generated|composed|brought to you) by\b)",
    re.IGNORECASE,
)


def clean(raw: str) -> Cleaned:
    text = (raw or "").replace("\r\n", "\n").strip()
    preamble_parts: list[str] = []
    # The opening: chatter, then a title and/or a rule, in any order, a few lines at most.
    for _ in range(4):
        match = _CHATTY_OPENER.match(text) or _TITLE.match(text) or _RULE.match(text)
        if match is None or match.end() == 0:
            break
        rest = text[match.end() :].strip()
        if not rest:
            # Nothing after it: an answer that is only chatter (or only a title) stays as it is, for
            # the scorer to reject as it stands.
            break
        preamble_parts.append(text[: match.end()].strip())
        text = rest
    postamble_parts: list[str] = []
    for _ in range(6):
        paragraphs = prose.PARAGRAPH_BREAK.split(text)
        last = paragraphs[-1]
        if len(paragraphs) > 1 and (_RULE.match(last) or _is_chatter_paragraph(last) or _after_rule(paragraphs)):
            postamble_parts.insert(0, last.strip())
            text = "\n\n".join(paragraphs[:-1]).rstrip()
            continue
        if len(paragraphs) > 1 and _RULE.fullmatch(paragraphs[-1].strip() + "\n"):
            text = "\n\n".join(paragraphs[:-1]).rstrip()
            continue
        # Chatter tacked on to the last paragraph: "...she smiled. I hope you enjoyed it!"
        tail = _tail_chatter(last)
        if tail and len(tail) < len(last):
            postamble_parts.insert(0, last[len(last) - len(tail) :].strip())
            text = text[: len(text) - len(tail)].rstrip()
            continue
        break
    # A rule left between the story and removed chatter.
    while True:
        paragraphs = prose.PARAGRAPH_BREAK.split(text)
        if len(paragraphs) > 1 and _RULE.match(paragraphs[-1].strip()):
            text = "\n\n".join(paragraphs[:-1]).rstrip()
            continue
        break
    return Cleaned(text=text, preamble="\n".join(preamble_parts), postamble="\n\n".join(postamble_parts))


def _after_rule(paragraphs: list[str]) -> bool:
    """A last paragraph set off from the story by a rule (`---`) that talks to the user anywhere in it: "I went
    for a hopeful ending. If you'd like a darker take, just let me know!" """
    if len(paragraphs) < 3 or not _RULE.match(paragraphs[-2].strip() + "\n"):
        return False
    last = paragraphs[-1]
    return _tail_chatter(last) != "" or _CHATTER.match(last.strip()) is not None


# Pictographs (prose.PICTOGRAPHS, and the older symbols and dingbats: ☀ ✨ ❤): a short last line that holds
# one is a sign-off ("Sleep tight! 🪞🌙"), not the story's.
_EMOJI = re.compile(f"[{prose.PICTOGRAPHS}\u2600-\u27BF]")
SIGN_OFF_CHARS = 60


def _is_chatter_paragraph(paragraph: str) -> bool:
    stripped = paragraph.strip()
    if len(stripped) <= SIGN_OFF_CHARS and _EMOJI.search(stripped):
        return True
    match = _CHATTER.match(stripped)
    if match is not None and match.start() == 0:
        return True
    # A paragraph that opens by talking about the answer ("I kept the ending open so that...").
    first = _FIRST_SENTENCE.match(stripped)
    if first is None:
        return False
    sentence = first.group(0).lower().replace("’", "'")
    if talk.meta_phrase(sentence) is not None:
        return True
    # A reading of the story after it: "The red scarf represents warmth... between the two characters".
    return _SYMBOLISM.search(sentence) is not None and _ABOUT_THE_STORY.search(stripped.lower()) is not None


_SYMBOLISM = re.compile(r"\b(?:represents|symboli[sz]es|stands for|is a (?:symbol|metaphor) (?:of|for))\b")
_ABOUT_THE_STORY = re.compile(r"\b(?:story|characters?|protagonist|themes?|symbol\w*|reader|narrative)\b")


_FIRST_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|$)")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+")


def _tail_chatter(paragraph: str) -> str:
    """The trailing sentences of `paragraph` that are chatter (from the first of them to the end)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph)]
    for start in ends:
        tail = paragraph[start:]
        # Only outright chatter: an explanation woven into the story's last paragraph is meta-talk, for
        # the scorer to reject, not an edge to trim.
        match = _CHATTER.match(tail.strip())
        if match is not None and match.start() == 0:
            # ...and chatter to the end: a sentence after it that speaks neither to nor as the assistant is
            # the story going on ("If you'd like a part two, I can... Oren glanced at the door."), and the
            # chatter is inside the story.
            rest = _SENTENCE_END.split(tail.strip())[1:]
            if all(_CHATTER.match(part) or _ASSISTANT_WORD.search(part.lower()) for part in rest if part.strip()):
                return tail
            return ""
    return ""


_ASSISTANT_WORD = re.compile(r"\b(?:you|your|i|i'd|i'll|i'm|i've|me|my|let's)\b")
