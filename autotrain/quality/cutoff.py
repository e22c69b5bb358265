"""Cut off: a text that stops before its story does.

No sentence end at the close, or a truncation the last character may not show: it stops right after
"Mr." or inside an open quotation. (An answer the provider cut at its length limit is marked from its
`finish_reason` in scoring.py, whatever it ends on.)
"""

from __future__ import annotations

import re

from autotrain.quality import prose

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
    r"|warmly|cheers|with love|all my love|always|regards|best|affectionately|your friend)(?:[^\n.!?]{0,60})?,"
    r"[*_]{0,2}[ \t]*"
    # (the thirty-seventh round: a signer named in lowercase too, "With love, and without forgiveness,\nthe girl in
    # the red scarf", e18-021)
    # (its name lines after a blank line too: "With all my love, and more apology than this page will hold,\n\nYour
    # father,\nBenedek Várkonyi")
    # (a name with initials or a title: "Yours sincerely,\nMrs. J. Hollis")
    r"(?:\n\s*[*_]{0,2}[ \t]*(?:[—–][ \t]*)?(?:[A-Z]|the |a |your )(?:[^\n.!?]|\.(?=[ \t]*[A-Z])){0,40}?[*_]{0,2}[ \t]*){1,2}"
    # any short closing of its own under the last sentence: "Your loving mother,\nHelene", "Your daughter, still,\nIlse"
    r"|[.!?…][\"”’'*_)]*[ \t]*\n\s*[*_]{0,2}[A-Z][^\n.!?,:;]{0,40}(?:,[ \t]*[a-z][^\n.!?,:;]{0,20})?,[*_]{0,2}[ \t]*"
    r"(?:\n[ \t]*[*_]{0,2}[ \t]*(?:[—–][ \t]*)?[A-Z][^\n.!?]{0,40}?[*_]{0,2}[ \t]*){1,2}"
    # (the forty-first round) a closing and its signer on one line under the last sentence: "Yours, from under the water"
    r"|[.!?…][\"”’'*_)]*[ \t]*\n[ \t]*[*_]{0,2}(?i:yours|love|with love|all my love|ever yours|always)"
    r",[ \t]*[^\n.!?,:;]{1,50}[*_]{0,2}"
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


# A story told as one letter, opened by its salutation ("To the Parish Council of Lower Wenham,", "Dear new family,",
# "To whoever I am tomorrow,"), may sign off with what its writer calls herself, which is no name: "\n\nA friend of
# the Ashbys", "\n\n— you". A short last line under a sentence end, not opening the way a sentence goes on ("And
# then the wind") nor ending on a word a line is cut in.
_SIGNED_AS = re.compile(r"[.!?…][\"”’'*_)]*[ \t]*\n\s*[*_]{0,2}[ \t]*(?:[—–][ \t]*)?(?P<signed>[^\n.!?]{1,40}?)[*_]{0,2}[ \t]*$")
SIGNED_AS_WORDS = 6
_GOES_ON = frozenset("and but then so now there this that when if as i we he she they it".split())


def signed_letter(text: str) -> bool:
    if not prose.LETTER_OPENING.match(text):
        return False
    match = _SIGNED_AS.search(text[-80:])
    if match is None:
        return False
    words = match.group("signed").split()
    return (
        0 < len(words) <= SIGNED_AS_WORDS
        and words[0].lower() not in _GOES_ON
        and words[-1].lower().strip(",;") not in _CUT_IN
    )


# Words the story quotes after a colon, without a full stop of their own: a message, a sign, an inscription
# ("The cursor blinked. Then: i can see your webcam light", "signed at the bottom:\n\nYour loving Ada, aged
# nine", "its letters peeling:\n\nWARD 9 — PLEASE DO NOT WAKE SLEEPING BABIES"). A few words at most, not
# ending on a word a line is cut in, and not a name or a title ("read it out loud, slowly: Captain Josiah").
_QUOTED_AFTER_COLON = re.compile(r":[ \t]*(?:\n\s*)?(?P<quoted>[^\n:.!?]{1,100})$")
QUOTED_WORDS = 12
TITLE_SET_APART_WORDS = 3
# The words a title leaves in lowercase.
_TITLE_SMALL_WORDS = frozenset("a an the and or of in on at to for by with from".split())
# ...or a letter quoted inline and signed after its last sentence: "The letter said: Meg, ... I'll always
# understand. Daniel"
_SIGNED_INLINE = re.compile(r":[ \t][^\n]*[.!?][ \t]+[A-Z][a-z]+$")
# A message the story quotes in lowercase as its last paragraph (a child's note, a text): "i stayd in so you wud
# stop looking for me. now look behind you". A paragraph a text was cut in began with a capital.
_LOWERCASE_PARAGRAPH = re.compile(r"\n\s*\n[ \t]*[a-z][^A-Z\n]*$")


# The words a line is cut in; a message may end on an object ("now look behind you", "do not look for it").
_CUT_IN = _OPEN_ENDED - frozenset(("it", "you", "her", "me", "him", "them", "us"))


def ends_on_quoted_line(text: str) -> bool:
    """Whether a text without a full stop at its close ends on words it quotes (see above), not cut in a line."""
    tail = text[-300:].rstrip()
    words = tail.split()
    if not words or words[-1].lower().strip(",;*_\"'”’") in _CUT_IN or tail.endswith((",", ";", "—", "–", "-", "(")):
        return False
    if _SIGNED_INLINE.search(tail) or _LOWERCASE_PARAGRAPH.search(tail):
        return True
    match = _QUOTED_AFTER_COLON.search(tail[-110:])
    if match is None:
        return False
    quoted = match.group("quoted").strip()
    if len(quoted) < 2 or quoted[:1] in "\"“‘'" and quoted[-1:] not in "\"”’'":
        return False  # speech opened and not closed: 'she said: "I never'
    said = [word for word in quoted.split() if any(c.isalnum() for c in word)]
    if not 0 < len(said) <= QUOTED_WORDS:
        return False
    # a name or a title, in capitals and not all capitals, may be cut in: "...of the Sunken City of Ael" (unless
    # the story sets it apart as a paragraph of its own, the way a page shows a title: "at the top of the first page
    # he wrote:\n\nThe Chapter of Aldric, Who Was Forgotten, and Is Not")
    named = [word for word in said if word.lower() not in _TITLE_SMALL_WORDS]
    set_apart = re.search(r":[ \t]*\n[ \t]*\n", match.group(0)) is not None and len(named) >= TITLE_SET_APART_WORDS
    return set_apart or not all(word[:1].isupper() and not word.isupper() for word in named)


# A heading with nothing under it: the next part never came ("II. What the Log", "Chapter Two").
_HEADING_LAST = re.compile(
    r"\n\s*\n[ \t]*[#*_]*[ \t]*(?:[IVX]{1,5}\.|\d{1,2}\.|(?i:chapter|part)[ \t]+[\w]+[.:]?)(?:[ \t]+[^\n]{0,50})?(?<![.!?\"”])[*_]*[ \t]*$"
)


# A note in italics the story quotes to where its writer broke off, and closes: "*Lamp lit 4.10pm. Someone on the
# rocks below, waving. Going down to*" (a text cut by its length limit never closes its italics).
_ITALICS_CLOSED = re.compile(r"(?:^|\s)\*[^*\n]*\w\*[ \t]*$")


# A message signed after its last sentence with a dash and a name or an initial, in its quotation marks or not:
# '"They have him. You can unlock the door now. - M"', "...see you at dawn. — Ros"
# (the thirty-seventh round: or in lowercase, "Don't deliver this. Don't trust Docklands. — a friend", e13-044)
_SIGNED_DASH = re.compile(
    r"[.!?][ \t]+[-—–][ \t]?(?:[A-Z][\w.]{0,20}|(?:a|an|your|my|the) [a-z]+(?: [a-z]+){0,2})[\"”’']?[ \t]*$"
)


# A list the story quotes at its close, each item on its line, after a line that ends on a colon (and a heading of
# the list's own, perhaps): "...I do not understand a word of it:\n\nThings not to sell\n1. Anna\n2. the river
# at Colley Bridge\n3. the reason"
_LIST_AT_CLOSE = re.compile(r":[ \t]*\n\s*(?:[^\n:.!?]{1,40}\n)?(?:[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+[^\n]{1,80}\n){1,11}"
                            r"[ \t]*(?:\d{1,2}[.)]|[-*•])[ \t]+[^\n]{1,80}$")

# ...not its last item cut in: on a word a line is cut in, or one word after a comma ("3. Train whistle every hour,
# heading")
_CUT_IN_ITEM = re.compile(r"(?:,[ \t]*\S+|\b(?:" + "|".join(sorted(_CUT_IN)) + r"))[ \t]*$", re.IGNORECASE)


def is_cut_off(text: str) -> bool:
    # (bold opened and not closed on the last line: "**Day 12 — The Ci")
    if _HEADING_LAST.search(text[-80:]) or text.rstrip().rsplit("\n", 1)[-1].count("**") % 2 == 1:
        return True
    if not _ENDS_COMPLETE.search(text[-8:]):
        return not (
            signature_lines(text) or signed_by_name(text) or signed_letter(text) or ends_on_quoted_line(text)
            or _ITALICS_CLOSED.search(text[-400:])
            or (_SIGNED_DASH.search(text[-40:]) and text.rsplit(None, 1)[-1].lower() not in _CUT_IN)
            or (_LIST_AT_CLOSE.search(text[-1200:]) and not _CUT_IN_ITEM.search(text[-100:]))
        )
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
