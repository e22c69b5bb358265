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


# A letter or a note signed with a bare name under its last sentence ("\n\nTomas", "\n\nA friend in Wrenmoor",
# "\n\nDr. Halina Wiśniewska"), or after a dash, on its line or the last sentence's ("\n— Tomas Reyes, aged
# sixteen, of the brig Halcyon", "Bar the door behind me. — Pell"; not after a quotation on its line: "'A
# masterclass.' — The Northern Review" is a blurb's attribution). Not one of the closings signature_lines
# knows: cleaning asks that of a last paragraph, and a bare capitalised line there may be a sign-off ("Enjoy").
_SIGNED_BY_NAME = re.compile(
    r"(?:[.!?…][\"”’'*_)]*[ \t]*\n\s*|[.!?…][ \t]+(?=[—–]))[*_]{0,2}[ \t]*"
    r"(?:[—–][ \t]*(?P<dashed>[A-Z][^\n!?]{0,60}?)|(?P<name>[A-Z][^\n!?]{0,30}?))[*_]{0,2}[ \t]*$"
)
NAME_WORDS = 5
DASHED_WORDS = 8
# A line a text was cut in ("He turned to") ends on such a word; a name, a place or a role does not.
_OPEN_ENDED = frozenset(
    "a an the and or but of to in on at for with from by as is was were be had has have he she it they i we you "
    "his her my our their its that this then so".split()
)


def signed_by_name(text: str) -> bool:
    match = _SIGNED_BY_NAME.search(text[-120:])
    if match is None:
        return False
    words = (match.group("dashed") or match.group("name")).split()
    if words[-1].lower().strip(",") in _OPEN_ENDED:
        return False
    if match.group("dashed"):
        return len(words) <= DASHED_WORDS
    # a name, mostly capitalised ("A friend in Wrenmoor", "Dr. Halina Wiśniewska"), and no sentence in it
    capitalised = sum(1 for word in words if word[:1].isupper())
    return len(words) <= NAME_WORDS and capitalised * 2 >= len(words) and ". " not in " ".join(words[1:])


def is_cut_off(text: str) -> bool:
    if not _ENDS_COMPLETE.search(text[-8:]):
        return not signature_lines(text) and not signed_by_name(text)
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
