"""Cut off: a text that stops before its story does.

No sentence end at the close, or a truncation the last character may not show: it stops right after
"Mr." or inside an open quotation. (An answer the provider cut at its length limit is marked from its
`finish_reason` in scoring.py, whatever it ends on.)
"""

from __future__ import annotations

import re

_ENDS_COMPLETE = re.compile(r"(?:[.!?…]|[.!?…—–-][\"”’'»)\]*_]+)$")
# Titles and honorifics: a text that ends on one stopped in the middle of a name.
_ENDS_ON_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Mx|Dr|St|Capt|Cpt|Prof|Lt|Sgt|Col|Gen|Rev|Fr|Sr|Sra|Mme|Mlle|Messrs|Hon|Gov|Pres|Sen"
    r"|Rep|Maj|Cmdr|Adm|Insp|Det|Supt|Const|Cpl|Pvt|Mt|Ft|No|Vol|Ch|Fig|vs)\.\s*$"
)


# A letter or a note in the story signed at its end: "—A Neighbour", "*— M.*", "Love,\nGran".
_SIGNED = re.compile(
    r"(?:[.!?…][\"”’'*_)]*\s*\n[ \t]*[*_]{0,2}[ \t]*(?:[—–]|--?)[ \t]*"
    r"[A-Z][\w.'’]*(?:[ \t]+[\w.'’]+){0,3}[ \t]*[*_]{0,2}"
    # "Respectfully,\nMagister Pell Arundine\nFourth Floor (formerly the Third)"
    r"|(?i:love|yours(?: truly| ever| always| faithfully| sincerely)?|sincerely|respectfully|faithfully|cordially"
    r"|warmly|cheers|with love|all my love|always|regards|best|affectionately|your friend)(?:[^\n.!?]{0,30})?,"
    r"[*_]{0,2}[ \t]*"
    r"(?:\n[ \t]*[*_]{0,2}[ \t]*(?:[—–][ \t]*)?[A-Z][^\n.!?]{0,40}?[*_]{0,2}[ \t]*){1,2}"
    # any short closing of its own under the last sentence: "Your loving mother,\nHelene"
    r"|[.!?…][\"”’'*_)]*[ \t]*\n\s*[*_]{0,2}[A-Z][^\n.!?,:;]{0,40},[*_]{0,2}[ \t]*"
    r"(?:\n[ \t]*[*_]{0,2}[ \t]*(?:[—–][ \t]*)?[A-Z][^\n.!?]{0,40}?[*_]{0,2}[ \t]*){1,2}"
    # a signature in italics of its own: "*O. Fell, Keeper*"
    r"|[.!?…][\"”’'*_)]*\s*\n\s*\n[ \t]*[*_]{1,2}[A-Z][^\n*_]{0,40}[*_]{1,2})[ \t]*$"
)


def signature_lines(text: str) -> int:
    """How many of the last lines are a note's or a letter's signature ("Respectfully," and a name), or 0."""
    match = _SIGNED.search(text[-120:])
    if match is None:
        return 0
    tail = match.group(0).lstrip(".!?…\"”’'*_)")
    return len([line for line in tail.splitlines() if line.strip()])


def is_cut_off(text: str) -> bool:
    if not _ENDS_COMPLETE.search(text[-8:]):
        return not signature_lines(text)
    return stops_mid_way(text)


def stops_mid_way(text: str) -> bool:
    """Cut off in a way the last character may not show: right after an abbreviation ("...turned to
    Mr."), or with a quotation still open ('She said: "It was')."""
    stripped = text.rstrip()
    # Only the last characters can end on an abbreviation (the lookbehind of \b still sees before them).
    if _ENDS_ON_ABBREVIATION.search(stripped, max(0, len(stripped) - 12)):
        return True
    if stripped.count('"') % 2 == 1 and _opens_at(stripped, stripped.rfind('"')):
        return True
    return stripped.count("“") > stripped.count("”") and stripped.rfind("“") > stripped.rfind("”")


def _opens_at(text: str, position: int) -> bool:
    """Whether the straight quote at `position` opens speech (at a line start or after a space)."""
    return position == 0 or text[position - 1] in " \n\t(—–-"
