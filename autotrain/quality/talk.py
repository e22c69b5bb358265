"""The model talking instead of (or as well as) telling: meta-talk anywhere, echoed briefs, cut-offs.

- Meta-talk: the answer speaks about itself or to the user ("(I've made the detective older here)",
  "In this next part, I'll build tension", "The twist here is that...", "You asked for..."). Edges are
  cleaned (clean.py); what is left inside the story rejects it. Checked on the narration only: quoted
  speech belongs to the characters.
- Echo of the brief: "Story prompt: ... / Style modifier: ... / Genre: ..." header lines, or the
  prompt sentence said again and again.
- Truncation the text itself shows: it stops right after "Mr." or inside an open quotation.
"""

from __future__ import annotations

import re

_META = re.compile(
    r"(?:"
    # asides in brackets addressed to the reader of the answer
    r"[(\[]\s*(?:note|nb|author'?s? note|i(?:'ve| have| made| chose| decided| wanted| kept| added| used|'ll| will|'m| am)\b"
    r"|this (?:part|section|scene|paragraph|line|version|could|can)\b|(?:insert|expand|continue|more)\b)"
    # the answer describing how it is built
    r"|\bin this (?:next |final |first |last |opening |closing )?(?:part|section|paragraph|scene|story|version|draft"
    r"|passage|piece|response|take)\b[^.!?\n]{0,60}\b(?:i(?:'ll|'ve|'d| will| have| would| want| chose| tried)"
    r"|we (?:see|follow|meet)|the (?:reader|protagonist|story|tension)|you'll)\b"
    r"|\bi(?:'ll| will| am going to|'m going to) (?:now )?(?:build|add|introduce|show|focus|describe|end|continue|heighten"
    r"|raise|create|establish|reveal|keep the|write|expand|develop|shift|close)\b[^.!?\n]{0,40}"
    r"\b(?:tension|suspense|twist|scene|story|reader|character|passage|pacing|atmosphere|mood|conflict|ending|detail)"
    r"|\b(?:here'?s|here is) how i(?:'d| would)\b|\bi(?:'d| would) (?:approach|open|start|begin|end|frame|structure"
    r"|focus|have [A-Z]?[a-z]+ (?:say|do|notice|realize|discover))\b"
    r"|\bthe (?:story|narrative|scene|passage|piece) (?:would|will|could) (?:open|begin|start|end|follow|focus|center"
    r"|centre|close) (?:with|on|by|in|as|at|when|where)\b"
    r"|\bthe twist (?:here )?(?:is|was) that\b|\b(?:this|the) twist (?:works|reframes|recontextuali[sz]es|reveals|lands)\b"
    r"|\b(?:gives|give|leaves|leave|lets|let|keeps|keep|shows|show|tells|tell) the reader\b"
    r"|\bthe reader(?:'s)? (?:will|would|can|should|might|may|is left|feels|sees|learns|knows|understands)\b"
    r"|\b(?:as|like) (?:you )?requested\b|\byou asked for\b|\bper your request\b|\bas per the prompt\b"
    r"|\b(?:the|your|this) prompt\b|\bword (?:count|choice)s?\b|\bnarrative (?:hook|arc|device|purpose|choice)\b"
    r"|\bstyle modifier\b|\blet me (?:continue|try|rewrite|revise|expand|know)\b"
    r"|\bas an ai\b|\blanguage model\b|\bi(?:'m| am) an ai\b"
    r"|\b(?:could|can|would) you (?:clarify|tell me|let me know|specify|confirm|say more)\b"
    r"|\bbefore i (?:begin|start|write|continue)\b|\bi want to make sure i\b"
    r"|\bi(?:'m| am) not (?:able|comfortable|going) to (?:write|create|produce|help|generate|depict|describe)\b"
    r"|\bi(?:'d| would) be happy to (?:help|write|try|create|adjust|revise)\b"
    r"|\bi can(?:'t|not| not) (?:write|create|help|produce|generate|provide|depict)\b"
    r"|\bi(?:'d| would) (?:like|prefer) to avoid\b"
    # the answer explaining its own craft: "I used longer sentences to slow the pace"
    r"|\bi (?:used|leaned on|chose|went with|opted for|focused on|wanted)\b[^.!?\n]{0,80}"
    r"\b(?:to (?:slow|build|create|convey|heighten|emphasi[sz]e|evoke|establish|mirror|keep the)|sentences|pacing"
    r"|imagery|sensory|the reader)\b"
    r"|\bi(?:'ve| have) (?:left|kept|made|written|tried|aimed|given)\b[^.!?\n]{0,60}"
    r"\b(?:open|ambiguous|unresolved|restrained|the protagonist|the story|this version|the ending|the reader)\b"
    r"|\b(?:content|trigger) (?:note|warning)\b|\btone (?:it|this|that) down\b|\bso now for the\b"
    r"|\bemotional (?:core|hook|beat)\b|\bi(?:'m| am) building (?:toward|towards|up to)\b"
    r")",
    re.IGNORECASE,
)

# "Story prompt: ...", "Style modifier: ...", "Genre: Horror | Prompt: ..." lines: the brief restated.
_BRIEF_HEADER = re.compile(
    r"^\s*(?:\*\*)?(?:story |writing |original )?(?:prompt|style(?: modifier)?|genre|length|response|output"
    r"|request|task|tone)(?:\*\*)?\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_BRIEF = re.compile(r"\b(?:genre|prompt|style)\s*:[^\n|]{1,120}\|\s*(?:genre|prompt|style)\s*:", re.IGNORECASE)

# Titles and honorifics: a text that ends on one stopped in the middle of a name.
_ENDS_ON_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|St|Capt|Cpt|Prof|Lt|Sgt|Col|Gen|Rev|Fr|Sr|Sra|Mme|Mlle|Messrs|Hon|Gov|Pres|Sen"
    r"|Rep|Maj|Cmdr|Adm|Insp|Det|Supt|Const|Cpl|Pvt|Mt|Ft|No|Vol|Ch|Fig|vs)\.\s*$"
)
_PROMPT_WORDS = re.compile(r"[a-z']+")


def meta_talk(narration: str) -> str | None:
    """The first piece of meta-talk in `narration` (quoted speech already removed), or None."""
    match = _META.search(narration)
    return match.group(0) if match else None


def echoes_brief(text: str, prompt: str) -> bool:
    """Header lines restating the brief, or the prompt sentence itself said twice or more."""
    if _BRIEF_HEADER.search(text) or _INLINE_BRIEF.search(text):
        return True
    words = " ".join(_PROMPT_WORDS.findall(prompt.lower()))
    if len(words) < 15:
        return False
    said = " ".join(_PROMPT_WORDS.findall(text.lower()))
    # Said twice, or opening a text too short to be more than the prompt with a clause added.
    return said.count(words) >= 2 or (said.startswith(words) and len(text) < 400)


def stops_mid_way(text: str) -> bool:
    """Cut off in a way the last character may not show: right after an abbreviation ("...turned to
    Mr."), or with a quotation still open ('She said: "It was')."""
    stripped = text.rstrip()
    if _ENDS_ON_ABBREVIATION.search(stripped):
        return True
    if stripped.count('"') % 2 == 1 and _opens_at(stripped, stripped.rfind('"')):
        return True
    return stripped.count("“") > stripped.count("”") and stripped.rfind("“") > stripped.rfind("”")


def _opens_at(text: str, position: int) -> bool:
    """Whether the straight quote at `position` opens speech (at a line start or after a space)."""
    return position == 0 or text[position - 1] in " \n\t(—–-"
