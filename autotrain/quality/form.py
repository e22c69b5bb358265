"""Is it shaped like story prose? Outlines and lists, markup and code, verse, scripts and labelled
lines, and run-on sentences.

Prose comes in paragraphs: long lines, each a run of sentences. A poem is many short lines that do not
end their sentences; a screenplay, a chat log or an e-mail thread is lines that start with a label
("MARA:", "Q:", "Subject:", "[08:14]"); a run-on is one sentence that never stops.
"""

from __future__ import annotations

import re

from autotrain.quality import prose, register, summary
from autotrain.quality.prose import DATED, DATED_LINE, ITALICS, Guarded, matches_any, without_speech
from autotrain.quality.prose import sentences as split_sentences

# A line of an outline: a bullet, a number, a header, a label ("Setting:", "Chapter 2").
_LIST_LINE = re.compile(
    r"^[ \t]*(?:[-*•●▪◦‣+–][ \t]+\S"
    r"|\d{1,3}[.)][ \t]+\S"
    r"|[a-h][.)][ \t]+[A-Z]"
    r"|#{1,6}[ \t]+\S"
    r"|(?i:(?:chapter|part|act|scene|section|step|title|setting|characters?|protagonist|antagonist|plot"
    r"|summary|outline|synopsis|themes?|conflict|resolution|climax|genre|logline|premise|beginning|middle"
    r"|ending|end|introduction|conclusion|rising action|falling action|tone|word count|moral)\b"
    r"[^\n:.!?]{0,40}:)"
    r"|(?i:(?:chapter|act)[ \t]+(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b[^\n]{0,50}$))",
    re.MULTILINE,
)
# (on one line: numbered lines are _LIST_LINE's)
_INLINE_NUMBERED = re.compile(r"\b1[.)][ \t]+[A-Z][^\n]*?[ \t]2[.)][ \t]+[A-Z][^\n]*?[ \t]3[.)][ \t]+[A-Z]")

# Markup and code, each pattern guarded by the characters it needs (prose rarely has <, {, =, ; ...).
_MARKUP: Guarded = tuple(
    (hints, re.compile(pattern, re.MULTILINE))
    for hints, pattern in (
        (("<",), r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>\n]*)?/?>"),  # HTML tags
        (("&",), r"&(?:nbsp|amp|quot|lt|gt|#\d{2,5});|&&"),  # HTML entities, C-like and
        (("#",), r"^[ \t]{0,3}#{1,6}[ \t]+\S"),  # markdown headers
        (("```", "~~~", "http://", "https://", "||"), r"```|~~~|\bhttps?://|\|\|"),
        (("**", "__"), r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # markdown bold
        (("](",), r"\[[^\]\n]+\]\([^)\s]+\)"),  # markdown links
        (("{", "[", "}", "]"), r"[{\[]\s*\"[^\"\n]{1,40}\"\s*:|^[ \t]*[{}\[\]][ \t]*[;,]?[ \t]*$"),  # JSON
        (("def ", "class "), r"^[ \t]*(?:def|class)[ \t]+\w+[ \t]*[(:]"),  # Python
        (
            ("(",),
            r"function(?<!\wfunction)\s*\w*\s*\([^)\n]*\)\s*\{|\)\s*\{"
            r"|(?:console\.log|System\.out\.print\w*|printf|print)(?<!\wprint)(?<!\wprintf)\(",
        ),
        (("=",), r"=>\s*[{(]|(?:var|let|const)(?<!\wvar)(?<!\wlet)(?<!\wconst)[ \t]+\w+[ \t]*=[^=]"
                 r"|[!=]==?(?=\s*[\w\"'(])"),
        ((";",), r"return(?<!\wreturn)\b[^\n;.!?]*;[ \t]*$"),
        (("import",), r"^[ \t]*(?:import|from)[ \t]+[\w.]+(?:[ \t]+import[ \t]+[\w, ]+)?[ \t]*;?[ \t]*$"),
    )
)

# A line that ends a sentence (possibly inside a closing quote or bracket).
_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’'»)\]*_]*\s*$|[\"”»]\s*$")
_OPENS_QUOTE = re.compile(r"^\s*[\"“‘'«(—–-]")

# A news report's byline ("By Janet Whitcombe, Staff Reporter") and dateline ("HOLLOWAY BAY, Maine — ",
# "ASHBY - ").
_BYLINE_PATTERN = r"By [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}(?:,[^\n]{0,40})?$"
_DATELINE_PATTERN = r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.]+(?: [A-Z][\w.]+)?)? [—–-] "

# A line that starts with a label and a colon: speakers, headers, captions, timestamps, bylines.
_LABEL_LINE = re.compile(
    r"^\s*(?:"
    r"[\[(]?\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?[\])]?\s*[-–—:]?\s"  # [08:14] / 8:14 pm -
    r"|(?:INT|EXT)\.\s"  # screenplay sluglines
    r"|\(\w[^()\n]{0,30}\)$"  # a screenplay's parenthetical: (whispering)
    r"|@\w+:"  # a social-media handle: @tara_roams:
    r"|\d{1,2}/\d{0,2}\s"  # a thread's posts: 1/ ... 2/ ...
    rf"|{_BYLINE_PATTERN}|{_DATELINE_PATTERN}"
    r"|[A-Z][\w'’.]*(?: (?:of |the |de |van |von )?[A-Z][\w'’.]*){0,3} [—–] "  # a cast list: Princess Wren — 9, ...
    r"|[A-Z][A-Z0-9 ,.'’:;!?-]{14,}$"  # a headline in capitals
    r"|(?:Day|Night|Hour|Week|Month|Year|Part|Step|Chapter|Entry|Log|Scene|Act|Photo|Page|Letter)\s+[\dIVX]+\b"
    r"[^\n]{0,40}?[-–—:.]\s"  # Day 1 – ... / Entry 3: ...
    r"|[A-Z][A-Z .'’-]{1,30}:"  # DR. VOSS: / CLONE:
    # Inspector Hale: / Photo 1 (the vicar): / Monday, 9pm: (a label names; "The first memory was easy: ..." tells)
    r"|(?![^:\n]{0,30}\b(?:was|were|is|are|had|has)\b)[A-Z][\w.,'’ -]{0,30}(?:\s\([^)\n]{1,40}\))?:\s"
    r"|(?:Q|A|Me|Them|Him|Her|You|Question|Answer)\s*:"
    # a diary's date alone on its line: June 14th / 3 March 1998 / Tuesday, 12 May
    r"|(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?(?:(?:the )?\d{1,2}(?:st|nd|rd|th)? (?:of )?)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{1,2}(?:st|nd|rd|th)?)?(?:,? \d{4})?\.?$"
    r"|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?: \((?:V\.O|O\.S|O\.C|CONT'D)\.?\))?$"  # a speaker's name on its
    # own line, as screenplays set it: NORA / VOICE (V.O.)
    r")"
)
RUN_ON_CHARS = 360
NARRATION_CHARS = 150  # an unlabelled paragraph this long is narration
# (the thirty-eighth round: from 10) The tune half's run-on answers go 11.9 words a pause and more (most 14 to 280); its
# literary stories told in one long sentence 10.1 to 11.4 (seven of them, and two of a fresh literary batch, l38, were
# rejected at 10), and 12.2 and 12.8 (still rejected).
RUN_ON_WORDS_PER_PAUSE = 11.5
# (the forty-fourth round) The tune half's run-on answers: the sentence is 93% of what they say or more (the whole
# answer, most of them); a story's long sentence among its others, 35% to 53% (l9-009, w77-021, l41-039; a fresh
# batch's l54-028, 37%).
RUN_ON_SHARE = 0.6
VERSE_LINE_CHARS = 70


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# A letter's salutation or signature on its line ("Dear Sam,", "— Léa", "Love always,"): letters traded in a
# story stop there without ending a sentence, and are not verse.
_LETTER_LINE = re.compile(
    r"(?:(?:my )?(?:dear|dearest)\b[^\n]{0,40},|[—–-]\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?"
    r"|(?:love|yours|all my love|always|sincerely|with love)\b[^\n]{0,30},?)\s*$",
    re.IGNORECASE,
)


# Short lines a story quotes that stop without ending a sentence and are not verse: a list's items ("1. On Fire, and
# How Not to Become It"), a text message with its sender ("jo: lol which one"), a sign or a card in capitals ("FIRST
# SNOW — 40"), a diary's date.
_NOT_A_VERSE_LINE = re.compile(
    r"(?:\d{1,2}[.)]|[-*•])\s|[a-z][\w ]{0,19}:\s|[^a-z]+$"
    # a diary's dated heading: "*12th of Sowing*", "Day 4"
    r"|" + DATED_LINE + r"\s*$"
)



def is_verse(lines: list[str]) -> bool:
    """Four or more lines, most of them short, and many that stop without ending a sentence."""
    if len(lines) < 4:
        return False
    short = [line for line in lines if len(line) <= VERSE_LINE_CHARS]
    if len(short) * 10 < len(lines) * 6:
        return False
    # Lines in italics are a message the story quotes ("*is anyone there*"), when they are not most of it: a poem set
    # in italics is still verse.
    italic = [line for line in short if ITALICS.fullmatch(line)]
    quoted = set(italic) if len(italic) * 2 < len(lines) else set()
    broken = sum(
        1
        for line in short
        if not _ENDS_SENTENCE.search(line) and not _OPENS_QUOTE.match(line) and not _LETTER_LINE.match(line)
        and not _NOT_A_VERSE_LINE.match(line) and line not in quoted
    )
    # Short lines that each end a sentence and are not speech are verse too when there are many of them.
    unquoted = sum(1 for line in short if not _OPENS_QUOTE.match(line) and line not in quoted)
    return broken >= 3 and broken * 10 >= len(lines) * 4 or (len(lines) >= 6 and unquoted * 10 >= len(lines) * 8 and
                                                             sum(map(len, lines)) / len(lines) < 50)


_BYLINE = re.compile(_BYLINE_PATTERN)
_DATELINE = re.compile(_DATELINE_PATTERN)


DIARY_ENTRIES = 3


# A journal's entry: a day, a date or an entry number, then prose of its own on the line ("Day 14. Below us since dawn,
# a coastline that appears on no chart aboard, and I have checked every one twice.", "Tuesday: the bathroom, sitting on
# the closed lid, hands in its lap. Nell was at her dad's.").
_JOURNAL_ENTRY = re.compile(
    r"(?:(?:Day|Night|Week|Entry|Log)\s+[\dIVX]+\b|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|" + DATED + r")"
    r"[^\n]{0,40}?[-–—:.]\s+(?P<entry>[A-Za-z\"“‘][^\n]*[.!?…][\"”’')]*)$"
)
JOURNAL_ENTRY_CHARS = 80


def _journal_entry(line: str) -> bool:
    match = _JOURNAL_ENTRY.match(line)
    return match is not None and len(match.group("entry")) >= JOURNAL_ENTRY_CHARS


def is_script(lines: list[str]) -> bool:
    """A screenplay, chat log, e-mail thread, captioned list or table: three or more labelled lines, at
    least a third of all lines, and not two paragraphs of narration besides; or two table rows; or a news
    report, with a byline and a dateline. A journal whose dated entries are prose on their own lines is a
    story told so, not a log."""
    marks = [_LABEL_LINE.match(line) is not None and not _journal_entry(line) for line in lines]
    labelled = sum(marks)
    if labelled >= 2 and any(_BYLINE.match(line) for line in lines) and any(_DATELINE.match(line) for line in lines):
        return True
    if (
        labelled >= 3 and labelled * 3 >= len(lines) and not _sections_under_heads(lines, marks)
        and not _quoted_in_prose(lines, marks)
    ):
        # Labelled moments between paragraphs of narration ("Monday: the kitchen." ... a long paragraph
        # ... "Thursday: the stairs.") are a story's device; a log, a script or a thread has no such
        # paragraphs of its own, and a diary gives each label one entry of its own: label, entry, label,
        # entry ("June 14th" / "I did it..." / "June 15th" / "Met a man on the harbour wall...").
        narration = sum(1 for line, mark in zip(lines, marks) if len(line) >= NARRATION_CHARS and not mark)
        if narration < 2:
            return True
        pairs = list(zip(marks, marks[1:]))
        entries = sum(1 for mark, following in pairs if mark and not following)
        if entries >= DIARY_ENTRIES and not any(mark and following for mark, following in pairs):
            return True
    return sum(1 for line in lines if line.count("|") >= 2) >= 2


# (the forty-fifth round) A story told in sections under bare heads, a numeral or a clock time alone on its line ("I.",
# "IV", "4:50 a.m.", "11:02 p.m."), each over a stretch of narration of its own: a story's device, not a screenplay's
# speaker names or a log's times (a fresh batch of good stories so sectioned, l57, lost eleven of forty-eight to the
# script reading): each section two sentences or more, or a paragraph of narration's length. A log's or a chat's time
# stands over a line of one entry, a speaker's name over one speech.
_SECTION_HEAD = re.compile(r"(?:[IVXL]{1,6}|\d{1,2})\.?|\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?")
SECTION_SENTENCES = 2


def _sections_under_heads(lines: list[str], marks: list[bool]) -> bool:
    heads = [index for index, mark in enumerate(marks) if mark]
    if not all(_SECTION_HEAD.fullmatch(lines[index]) for index in heads):
        return False
    bounds = [*heads, len(lines)]
    sections = [" ".join(lines[start + 1 : end]) for start, end in zip(bounds, bounds[1:])]
    return all(
        len(section) >= NARRATION_CHARS or len(split_sentences(section)) >= SECTION_SENTENCES for section in sections
    )


# (the forty-fifth round) Labelled lines in one run or two, with the story's own lines around them at least twice their
# length: an exchange, a list or a label the story quotes ("SKERROW: There's someone on the rocks. / HARBOUR: Say
# again. Nobody's out tonight." between the gale and the morning after; a seating plan found in the pantry, then the
# inspector's questions; a fresh batch of good stories carrying such inserts, e56, lost three of forty-eight to the
# script reading). A script's or a log's labels run through the whole text, a diary's stand one over each entry.
QUOTED_RUNS = 2
QUOTED_PROSE = 2.0


def _quoted_in_prose(lines: list[str], marks: list[bool]) -> bool:
    runs = sum(1 for index, mark in enumerate(marks) if mark and (index == 0 or not marks[index - 1]))
    labelled = sum(len(line) for line, mark in zip(lines, marks) if mark)
    told = sum(len(line) for line, mark in zip(lines, marks) if not mark)
    return runs <= QUOTED_RUNS and told >= QUOTED_PROSE * labelled


def is_run_on(sentences: list[str]) -> bool:
    """A sentence longer than RUN_ON_CHARS that runs on: words strung together with "and" and hardly a
    pause. A crafted long sentence (a story told in one breath) pauses every few words, at commas and
    semicolons; a run-on goes twelve words or more between them (RUN_ON_WORDS_PER_PAUSE). (The forty-fourth
    round) The answer is a run-on when that sentence is most of it (RUN_ON_SHARE): a long sentence among a
    story's others is the story's own breath ("Mara found out what the camera did the way you find out most
    terrible things, by accident and then all at once, ..." and five sentences after it), when it is written as
    one: a chat's uncapitalised "i stamped it out with my boot while..." is not."""
    told = sum(map(len, sentences))
    for sentence in sentences:
        if len(sentence) > RUN_ON_CHARS and (len(sentence) > RUN_ON_SHARE * told or not prose.capitalised(sentence)):
            pauses = sum(sentence.count(mark) for mark in ",;:—–")
            if sentence.count(" ") + 1 > RUN_ON_WORDS_PER_PAUSE * (pauses + 1):
                return True
    return False


STORY_LIST_ITEM_CHARS = 80
STORY_LIST_PROSE_LINES = 3


def _a_storys_list(lines: list[str], listed: list[str], text: str) -> bool:
    """Whether the list lines are a short list a story told in prose holds (the list a character writes: "1. Nobody is
    coming. / 2. Nothing I left is waiting for me. / ... / 4. Stay."): its lines short and together, the last ones or
    after a line that ends on a colon ("Around the edges, in her cramped hand, were notes:"), and the prose around them
    at least three lines and twice the list's length."""
    start = lines.index(listed[0])
    return (
        lines[start : start + len(listed)] == listed
        and (start + len(listed) == len(lines) or (start > 0 and lines[start - 1].rstrip().endswith(":")))
        and len(lines) - len(listed) >= STORY_LIST_PROSE_LINES
        and all(len(line) <= STORY_LIST_ITEM_CHARS for line in listed)
        and sum(map(len, listed)) * 3 < len(text)
    )


# A list someone in the story keeps, told by its "I" or "we" and closed by a line of prose after it ("...6. Why I
# started.\n\nAud writes the new lines for me and reads the list aloud each night.", "...Found: an iron chest.\n\nWe sail
# at dawn. The crabs seem relieved."): a plan or a guide has no narrator and no coda of its own.
_NARRATOR = re.compile(r"\b(?:I|we|We|me|my|My|us|our|Our)\b")
_CODA = re.compile(r"[A-Z][^:\n]{0,200}[.!?…][\"”’')]*")
KEPT_LIST_ITEMS = 12
KEPT_LIST_ITEM_CHARS = 160


def _a_narrators_list(lines: list[str], listed: list[str]) -> bool:
    last = max(index for index, line in enumerate(lines) if line in listed)
    coda = lines[last + 1 :]
    return (
        0 < len(coda) <= 3 and all(_CODA.fullmatch(line.strip()) for line in coda)
        and len(listed) <= KEPT_LIST_ITEMS and all(len(line) <= KEPT_LIST_ITEM_CHARS for line in listed)
        and any(_NARRATOR.search(line) for line in (*listed, *coda))
    )


# (the forty-fifth round) A story told in numbered sections ("1. The barn smelled of wet hay and lamp oil when Oda heard
# the first crack...", "2. Blood in his mouth, coppery. A cut over one eye."): each number a moment told, not a plot
# point summed up. Neither length, tense nor a narrator tells the two apart in the tune half (an outline's points run as
# long and as often in the past tense); the learned register measure (register.py) mostly does, read over the
# narration: the tune half's good stories so numbered score from -9.5 to 5.3 (32 of 66 at -3.5 or under), its outlines
# without a label -1.8 (ba-079) and over. An outline that labels its points or its parts ("6. Climax: I walk down into
# the village...", "1. **Opening:** ...", v1-007 at -5.1; "Twist: I never opened it at all." under the list) is one
# whatever it reads like. (Numbered meta-talk and cut-off answers read as low; their own penalties hold them.) A fresh
# batch of good stories in numbered sections, l57, lost sixteen of forty-eight to the list reading, twelve of them under
# the bar.
NUMBERED_STORY_REGISTER = -3.5
_NUMBERED = re.compile(r"[ \t]*\d{1,3}[.)][ \t]")
_LABELLED_POINT = re.compile(r"[ \t]*(?:\d{1,3}[.)][ \t]+)?(?:\*\*)?[A-Za-z][\w'’-]*(?: [\w'’-]+){0,2}:")


# (the forty-seventh round) ...and the measure is not asked of a text of fewer words than this: its rates over so few
# mean little (section 4's example of a numbered outline, four points in 28 words, read -3.55 after that round's
# relearning, a story's side of the bar); the tune half's good stories in numbered sections hold 62 words or more.
NUMBERED_STORY_WORDS = 40


# (the forty-eighth round) ...or when the learned summary measure (summary.py) reads the whole text as told, labels and
# all: a found document or a list a character keeps ("Battles Lost by Sir Hew, as Recorded by His Squire: 1. Carrow
# Ford. Arrow through the eye. Got up at dusk and asked what was for supper.", an evidence log, minutes, a form filled
# in) tells its story in items a register measure of narration reads as notes. Of the tune half's texts the list
# reading takes (numbered or not), its good stories score from -8.2 to 1.4 (measured with each one's batch left out of
# the learning, as a story never seen is), its outlines -1.1 (bk-014) and over: the bar keeps a point between them. A
# point labelled as a part of a plot ("4. Climax: He read one word aloud...", "2. **Twist:**") is a plan's, however
# it reads.
LISTED_STORY_SUMMARY = -2.0
_PLOT_PART_POINT = re.compile(
    r"[ \t]*(?:\d{1,3}[.)][ \t]+)?(?:\*\*)?(?:the )?(?:opening|beginning|set-?up|inciting incident|rising action|climax"
    r"|falling action|resolution|ending|twist|conflict|act|scene|beat|hook|midpoint|d[eé]nouement|epilogue|prologue"
    r"|conclusion|intro(?:duction)?|stakes|theme|premise|setting|protagonist|antagonist|characters?|plot|outline"
    r"|summary)\b[^:\n]{0,20}:",
    re.IGNORECASE,
)


def _told_in_numbered_sections(text: str, lines: list[str], listed: list[str]) -> bool:
    if not all(_NUMBERED.match(line) for line in listed):
        return False
    words = prose.WORD.findall(prose.lowered(text))
    if len(words) < NUMBERED_STORY_WORDS:
        return False
    if summary.model().score(words) <= LISTED_STORY_SUMMARY and not any(map(_PLOT_PART_POINT.match, lines)):
        return True
    if any(_LABELLED_POINT.match(line) for line in lines):
        return False
    narration = prose.narration(text)
    return register.model().score(prose.WORD.findall(narration)) <= NUMBERED_STORY_REGISTER


# A plot told as a chain of arrows ("Ilsa runs out of feverwort → she walks into the old wood → ..."): three or more,
# spaced between clauses (a survey's "Stn 41→42" is not one).
_ARROW = re.compile(r"\s(?:→|⟶|->|=>)\s")
_ARROWS = ("→", "⟶", "->", "=>")
ARROW_CHAIN = 3
# A synopsis: the answer tells what its story does instead of telling it. It opens on "The story follows ...", "In this
# story, ...", or it speaks of the rest of the story, its climax, its final scene ("...and the rest of the story is her
# crawling deeper", "In the climax she sits down in the dark ward"); a narrator's "The rest of the story isn't mine to
# write" and a teller's "though the rest of the tale is longer still" are the story's.
_SYNOPSIS_OPENS = re.compile(
    r"\W*(?:in this (?:story|tale)\b|(?:the|this|our) (?:story|tale) (?:follows|opens (?:on|with)|centres on|centers on"
    r"|is about|tells of|begins with|starts with)\b"
    # (the forty-first round) a pitch or a plan under its label: "It's a story about Granny Wren, a village witch who...",
    # "My plan for this: Ruth Garvey, retired from the force...", "Pitch: Two bakeries face each other..."
    r"|(?:it's|it is) a (?:[\w-]+ ){0,2}(?:story|tale) about\b|(?:my )?(?:plan|idea|pitch|logline|premise|concept)"
    r"(?: for (?:this|it|the story))?\s*:"
    # (the forty-fifth round) the pitch's "This follows Dr. Lena Sorvik, a geneticist whose...", "Told in her own voice,
    # this follows Dana Okoro..." (v9: four of eight pitches so opened)
    r"|(?:[^.!?\n]{0,40}, )?this follows\b"
    # (the forty-sixth round) a chatty recap opening on the story as a thing had in mind, read or planned: "Okay, so the
    # story I had in mind went like this.", "So the plot I came up with was about a bike courier...", "Okay so basically
    # the story went like this." (v10: six of eight recaps; a teller's "So the story goes..." tells the story)
    r"|(?:(?:ok(?:ay)?|so|right|alright|well|basically)\b,?\s*)+(?:the|this|my) (?:[\w-]+ ){0,2}(?:story|plot|tale|idea)\b"
    r"(?: (?:i|we) (?:had in mind|had|came up with|read|wanted to (?:write|tell)|was (?:planning|going for|thinking of)"
    r"|planned|pictured|worked out))?(?: (?:basically|really|kind of|sort of))? (?:went|was|is about)\b"
    # ...or on the reader's reaction to it: "Oh, this one was good.", "Man, this one had me up till 2am.", "This one
    # made me laugh and then gave me chills.", "So I read this creepy one last week." (v11: four of eight recaps)
    r"|(?:(?:oh|man|okay|ok|so|honestly|right|well|wow)\b,?\s*)*(?:this one (?:(?:was|is) (?:so |really |pretty "
    r"|honestly )?(?:good|great|fun|creepy|wild|sweet|cute)|(?:had|made|gave|got) me)|so i (?:read|watched|saw|heard) "
    r"this)\b)",
    re.IGNORECASE,
)
# (looked for in the lowercased text, only when it says one of _SYNOPSIS_HINTS: most texts do not) ...and, since the
# forty-first round, the plot told as what the story does: "The story follows him over the next few nights", "the story
# ends with her own self-portrait developing" (not a teller's "how the story ends"), "Then comes the twist:", "The ending
# reveals that...", "The closing beat would be...", "In the final part she reroutes...", "Told in the first person by Sam
# Idris...", "The rest would be her running across the city". (One alternation per common head, "the ", "in the ": a
# flat list of thirteen was asked at every position of the text.)
_SYNOPSIS_PARTS = re.compile(
    r"(?<!how )(?<!way )\b(?:the (?:rest of the story (?:is|will be|would be)|rest would be (?:her|him|them|his|the|a)"
    r"|(?:climax|final scene|last scene|closing scene|opening scene) (?:is|shows|has|reveals|comes|sees)"
    r"|story (?:(?:ends|ended|closes|closed|opens|opened) (?:with|when|at|on|as)|follows|moves|covers|cuts|jumps|skips)"
    r"|ending (?:reveals|shows)|closing (?:beat|image|scene|line) (?:would be|is))"
    r"|in the (?:climax|final scene|last scene|closing scene|opening scene|final part|final act|final section)"
    # (the forty-sixth round: the pitch's "This story follows him from reluctant defender to...", "The story centres on a
    # single brutal night siege", v10)
    r"|this story follows|the story (?:centres|centers) on"
    # (...and its teller named as a part it plays: "Eleanor, who narrates, assumes at first that...", "narrating his own
    # story after the ship goes down", "Telling the story in her own voice, she describes...", "Told in Sela's own voice,
    # this is...", v10, v11)
    r"|who narrates|narrat(?:es|ing) (?:his|her|their) own (?:story|tale)"
    r"|tell(?:s|ing) the story in (?:his|her|their) own (?:voice|words)|told in [a-z]+['’]s own (?:voice|words)"
    r"|then comes the twist|told in the (?:first|second|third) person"
    # (the forty-ninth round) the text named as a piece that does its plot, its heart named, the reader left with its end:
    # "The piece traces her slow, tender obsession with the empty cots until...", "Edith's week after the letter is the
    # heart of the piece", "...and the reader is left with Creel's last knock" (v17)
    r"|the piece (?:traces|follows|explores|ends|closes|opens|centres|centers|moves|builds|lingers|turns|begins)"
    r"|(?:heart|core) of the (?:piece|story|tale)|the reader is left"
    # (the fiftieth round) a treatment saying what it would do: "The story would summarize the investigation through
    # Walter's eyes", "The narrative would summarize her first forty days", "This treatment keeps the castaway story at a
    # distance", "The treatment opens on her apprentice" (v19; not a doctor's "the treatment keeps him alive")
    r"|would summari[sz]e|(?:this|the) treatment (?:opens|ends|closes|begins) (?:on|with)"
    r"|this treatment keeps the (?:[\w-]+ )?(?:story|tale))\b"
)
_SYNOPSIS_HINTS = (
    "climax", "scene", "rest ", "the story ", "this story ", "twist", "the ending", "closing", "final", "person",
    "narrat", "own voice", "own words", "piece", "heart", "core", "reader", "summari", "treatment",
)
# ...and what cleaning took off before it says so: "Sure! Here's a synopsis:", "Here is a rough outline for your story:"
_ANNOUNCED = re.compile(
    r"\b(?:here(?:'s| is)|below is|i've (?:written|put together|sketched)) (?:a |an |the |my )?(?:quick |short |brief "
    r"|rough |full |detailed )?(?:story |plot )?(?:outline|synopsis|summary|treatment|beat sheet)\b",
    re.IGNORECASE,
)
# (the forty-second round) A synopsis is also the plot told as what the reader will be shown: "We open on Marra
# gathering moss...; the reader then sees her hear the first voice" (two such in a paragraph that names the reader: a
# narrator's "we follow its spells the way we follow a recipe" is not), or told as a summary says it: "At the end it is
# revealed that the knocking comes from his own grave", "The case ends with his arrest".
_READERS_PLAN = re.compile(
    r"\b(?:we|the reader) (?:then )?(?:open|begin|start|follow|meet|learn|see|discover|watch|end|close|finish|reveal"
    r"|cut|jump|return|let|bring|drop|linger|realise|realize|understand|find|put|build|arrive|leave|move|switch)s?\b"
    # ...and a second batch's (v4): "the reader should feel from the first page...", "the reader is left to guess"
    r"|\bthe reader (?:should|is (?:left|dropped|locked|put|never|told|shown))\b"
)
READERS_PLAN = 2
_TOLD_AS_SUMMARY = re.compile(
    r"\b(?:it is revealed|is revealed that|the (?:case|novel|book|film) (?:ends|closes) (?:with|when|on))\b"
)
# ...or closed on its theme, the story named as a made thing: "It is a story about letting go of what you love.",
# "At its heart this is a tale about identity...", "It is, in the end, about the pull of the places we cannot leave"
# (its last sentence; a narrator's "It is about the orchid, more or less" says what a page is about, with no kind of
# story and no "in the end").
THEME_CHARS = 300  # the end of the text it is looked for in
_THEME_HINTS = (" about", " explores is", "theme is", "moral is", "message is", " tale of", " story of", "message was",
                "theme was", "moral was", "meant was", "came down to", "point was", "meaning lay")
_THEME_CLOSE = re.compile(
    r"(?:^|[.!?][\"'”’]?\s)[^.!?]{0,30}\b(?:it|this)(?:'s| is| was)(?:"
    r" (?:a|an) (?:[\w-]+,? ){0,3}(?:story|tale|piece|comedy|tragedy|fable|parable|romance|thriller|meditation|portrait"
    r"|warning|question|lesson|study|argument) (?:about|of)"
    r"|,? (?:in the end|at (?:its )?(?:heart|bottom|core)|ultimately|really|above all|in essence),? about)\b"
    r"[^.!?]*[.!?]\s*$"
    # ...and a second batch's (v4): "At bottom it is about grief with nowhere to go.", "Underneath the jokes it is really
    # about loneliness...", "What it explores is how love can turn into a debt...", "The theme is that loyalty..."
    r"|(?:^|[.!?][\"'”’]?\s)(?:(?:at (?:its )?(?:bottom|heart|core)|underneath|beneath|in the end|ultimately"
    r"|in essence)\b[^.!?]{0,40}\b(?:it|this)(?:'s| is| was) (?:really |mostly |ultimately )?"
    r"(?:about|a (?:[\w-]+ ){0,2}(?:warning|question|lesson|study|argument|meditation|story|tale) (?:about|of))"
    r"|what (?:it|the story|the piece) explores is|the (?:theme|moral|message) (?:is|was that)"
    # (the forty-third round) ...told in the past, as a retelling closes (v7): "It was really about mercy and
    # arithmetic...", "In the end it was about listening...", "At heart it was a warning about paying for safety...",
    # "What it all meant was that...", "The point was that...", "Its meaning lay in the idea that..." (a story's "The
    # message was short" is no theme)
    r"|what it (?:all )?(?:meant|came down to) was|the point was that|its meaning lay in)\b[^.!?]*[.!?]\s*$"
)
# ...or the whole plot told in one breath: one or two sentences of clauses chained by semicolons and "then" (three
# links, or a semicolon and a "then"), in the present with no past at all ("Apprentice Tobin Marsh finds a spellbook
# under a loose board; he reads the first charm aloud and then every kettle in the kitchen starts reciting..."). A
# story told in one long sentence so tells it in the past (w75-029, the tune half's one such good answer).
ONE_BREATH = 700  # characters: a sentence longer is a run-on (noise.py)
# (the forty-fourth round) A scene told in one breath is longer and thick with detail between its links ("...and then the
# gates are ahead, and the lantern's light is shrinking, a coin, a button, a spark, and she throws it...": a fresh batch
# of such stories, e52, lost 5 of 12 without this): 350 characters or more with six commas or more outside speech. The
# tune half's plots in one breath run 216 to 410 characters with 0 to 3 commas, or 5 and 6 under 300 (v4-026, v3-046).
SCENE_IN_ONE_BREATH = 350
SCENE_DETAILS = 6
_CHAIN_LINK = re.compile(r"; |\band then\b|, then\b|\b(?:he|she|it|they|we|i|you) then\b")
_IRREGULAR_PAST = (
    "went|found|took|got|came|saw|made|said|told|knew|thought|felt|left|kept|held|stood|sat|ran|began|brought|fell"
    "|gave|grew|heard|lay|led|lost|met|paid|rode|rose|sent|spent|spoke|stole|struck|threw|woke|wore|won|wrote|drove"
    "|drew|ate|fought|flew|forgot|hid|became|did|broke|caught|chose|dug|fled|hung|knelt|lit|meant|rang|sang|sank|shook"
    "|slept|slid|sold|swept|taught|tore|understood|wept|drank|swam|bit|blew|froze|shot|spun|stuck|sought|bought|built"
)
_TOLD_IN_THE_PAST = re.compile(
    r"\b(?:was|were|had)\b|\b(?:he|she|it|they|we|i|you) (?:[a-z]+ed|" + _IRREGULAR_PAST + r")\b"
)
# (a verb the same in both tenses, "put", "read", "let", is neither)
_NEITHER_WORDS = (
    "was|were|had|can|will|must|should|could|would|might|may|never|still|just|only|also|always|then|do|did"
    "|put|read|set|let|cut|hit|shut|cast|spread|cost"
)
_NEITHER = r"(?!(?:" + _NEITHER_WORDS + r")\b)"
_TOLD_IN_THE_PRESENT = re.compile(
    r"\b(?:is|are|am|has|(?:he|she|it) " + _NEITHER + r"[a-z]+s"
    r"|(?:they|we|i|you) " + _NEITHER + r"[a-z]+(?<!ed)(?<!ly)(?<!s))\b"
)

# (the forty-third round) ...or the plot told as what it would be: "It would open on Maren grinding yarrow in her
# cottage...", "We'd follow her into the birchwood at dusk", "It would end with the dam broken": three sentences or
# more, four in five of them saying "would" (or "'d"), and no narrator's "I" or "you" outside speech (a memory's "I'd
# sit by the stove and she would..." and a reader asked "What would you do?" are a story's). A story's habit, "She would
# walk to the pier each morning", breaks off into what happened once.
_WOULD = re.compile(r"\bwould\b|\b(?:he|she|they|we|it)['’]d\b")
_NARRATORS = re.compile(r"\b(?:i|me|my|you|your)\b")
AS_IT_WOULD_BE = 0.8  # the share of sentences
# (the forty-fourth round) A habit is a story's, not a plot's: "Every night after the masters had gone up to bed, Tobin
# would carry a candle stub down...", "After every battle Ser Aldric would wake in the mud...", "At night he would lie in
# the dark" (a fresh batch of such stories, l55, lost 13 of 16 without it, none with it), unless the telling frames
# itself as a story to be made ("Each morning after, the doll would be somewhere new ... It would end with...": v5-025).
_HABIT = re.compile(
    r"\b(?:(?:every|each|some|most|many|other|after every|before every|in each) (?:[a-z]+ )?(?:morning|evening|night"
    r"|day|dawn|dusk|week|month|year|spring|summer|autumn|winter|sunday|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|time|tide|season|battle|town|house|village)s?"
    r"|in the (?:mornings|evenings|afternoons|nights|winters|summers)|at night|always|usually|often|sometimes|whenever"
    r"|on (?:sundays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays))\b"
)
_FRAMED = re.compile(
    r"\b(?:(?:it|the (?:story|tale|book|film|novel|piece|ending|opening|final image|last image|last scene|first scene"
    r"|final scene))(?:['’]d| would) (?:open|begin|start|end|close|finish)|we['’]d"
    r"|we would (?:follow|see|watch|open|begin|start|end|close|meet|learn))\b"
)
# ...or read as a whole, the way a summary closes: "The tale is about self-reliance and inheritance", "The ending
# frames it all as a tale about how institutions survive...", "the case became a quiet argument that patience...", "In
# the end the mystery was less about where the keeper went than...", "the final pages reveal that every previous owner
# had been them too", "It becomes a tale about inheritance".
_WHOLE_HINTS = ("about", "the ending ", "the final ", "becom", "became", "frame")
# (no word boundary before its heads: half the cost on the offline writer's stories, measured; "bathe tale" does not
# occur)
_READ_AS_A_WHOLE = re.compile(
    r"(?:the (?:tale|story|whole thing|ending|mystery) (?:is|was|becomes|became|ends up being) (?:really |ultimately "
    r"|finally |less |more )?about"
    r"| it (?:becomes|became) a (?:[\w-]+ ){0,2}(?:tale|story|fable|parable) (?:about|of)"
    r"|the ending (?:frames|turns|suggests|leaves|makes|asks|lands|recasts|reframes)"
    r"|the final (?:pages|chapters?) (?:reveals?|shows?)"
    r"|(?:becomes?|became) a (?:quiet |gentle )?(?:argument|meditation|study|reflection) (?:on|about|that)"
    r"|frames? it (?:all )?as)\b"
)
# ...or retold flat from a character's introduction, "Sir Aldous Penhallow is a knight of middling reputation ... who
# is sent...", "Anneke and Pieter Dekker are siblings who set out...", with the plot's turns told as turns in the same
# long paragraph: "learns", "realises", "eventually", "turns out", "along the way", "until". A scene's "Priya is the
# only one who sees them go" introduces no one, a story's "The Palm House is a glass cathedral built for a climate
# that..." turns nowhere, and a story that introduces its cook in a paragraph of her own tells what she does next in
# the next.
INTRODUCED_PARAGRAPH = 400  # characters
# (the forty-fourth round) ...and told flat: not one sentence of the paragraph a scene's beat of seven words or fewer
# ("The book is older than the tower.", "He listens. His smile goes."). A fresh batch of good stories opening on such an
# introduction (p7) lost 24 of 48 without it (15 to the "is a ... who" introduction alone), 2 with it; the tune half's
# summaries so caught have none but v7-010.
SCENE_BEAT_WORDS = 7
# (the verb and its "who" looked for first, then the name that opens the sentence before it: a pattern opening on the
# name was tried at every character of every text)
_INTRODUCED = re.compile(
    r" (?:is|are) (?:(?:a|an|the) (?!only\b)[^.;!?\"“”]{0,120}?|[a-z]+ (?:[a-z]+ )?)\b(?:who|that|whose)\b"
)
_INTRODUCED_NAME = re.compile(
    r"(?:^|[.;!?][\"”’']?\s+)(?!(?:There|It|You|That|This|We|I|He|She|They|Here|What|Which|Who|Where|Inside|So|And"
    r"|But|Or|Yet|Then|Now)\b)[A-Z][\w'’.-]+(?: (?:and )?[A-Z][\w'’.-]+){0,3}$"
)
NAME_CHARS = 80  # before the verb, where the name is looked for
_PLOT_TURNS = re.compile(
    r"\b(?:learns?|discovers?|realises?|realizes?|learned|discovered|realised|realized|eventually|finally)\b"
    r"|\bfinds? (?:out|that)\b|\bturns? out\b|\balong the way\b|\bends with\b|\b(?:by|in) the end\b"
    r"|\bover the (?:weeks|months|years|days)\b|\buntil\b|\bgradually\b|\bthe rest of\b"
)


def _synopsis(text: str) -> bool:
    if _SYNOPSIS_OPENS.match(text):
        return True
    lowered = text.lower()
    return (
        (any(hint in lowered for hint in _SYNOPSIS_HINTS) and _SYNOPSIS_PARTS.search(lowered) is not None)
        or (("revealed" in lowered or " ends " in lowered or " closes " in lowered)
            and _TOLD_AS_SUMMARY.search(lowered) is not None)
        or (any(hint in (tail := lowered[-THEME_CHARS:]) for hint in _THEME_HINTS) and _THEME_CLOSE.search(tail) is not None)
        or ("the reader " in lowered and _readers_plan(lowered))
        or ("; " in text and len(text) <= ONE_BREATH and _in_one_breath(text, lowered))
        or _summed_up_after_a_scene(text)
        or (lowered.count("would") + lowered.count("'d ") + lowered.count("’d ") >= 3 and _as_it_would_be(text))
        or (any(hint in lowered for hint in _WHOLE_HINTS) and _READ_AS_A_WHOLE.search(lowered) is not None)
        or _introduced_and_summed_up(text)
        or (text.rstrip().endswith("?") and _asks_as_a_back_cover(text))
        or ((any(closer in lowered for closer in _ARC_CLOSERS) or "at first" in lowered) and _arc_told_flat(text))
        or ("\n" in text and _TAGLINE.fullmatch(text.rstrip().rsplit("\n", 1)[-1].strip()) is not None)
        or (any(hint in lowered for hint in _SOLD_HINTS) and _SOLD.search(lowered) is not None)
    )


# (the fifty-first round) ...or the story sold as a product, to the audience it is for or to an agent: "Perfect for fans
# of country-house puzzles", "Perfect for listeners who like tight spaces", "It will appeal to readers of...", "a crime
# novel complete at 89,000 words", "Now streaming", "The book follows him as he...", "Our pitch: a real-time action
# thriller" (v24, pitches and blurbs: 13 of 48 kept without it; no good answer of the tune half says one; a story's
# "the novel is a" or "this book is a" is not one).
_SOLD = re.compile(
    r"\b(?:perfect for (?:fans|readers|listeners|viewers|anyone)|(?:will|should) appeal to (?:readers|fans|viewers"
    r"|listeners|anyone)|for (?:readers|fans|viewers|listeners) who (?:like|love|crave|enjoy|want|prefer)"
    r"|complete at [\d,]+ words|\d{2,3},?000 words|comparable titles|now streaming|streaming now"
    r"|(?:the|this) (?:book|novel|novella|film|series|script|screenplay) (?:follows|explores|tracks|traces)"
    r"|our pitch|logline)\b"
)
# (each a piece of the phrases above rarer than "who" or "book": only a text that holds one is searched)
_SOLD_HINTS = ("perfect for", "appeal to", "readers", "fans", "viewers", "listeners", "0 words", "comparable",
               "streaming", " follows", " explores", " tracks", " traces", "pitch", "logline")


# (the forty-sixth round) ...or a blurb's closing tagline on a line of its own: a sentence with no verb naming the kind
# of book and who or what it is for, "A warm, mouth-watering romance for anyone who believes the best things rise
# slowly.", "An explosive, breathless adventure that never stops moving.", "A stylish spy thriller where every second
# counts." (v10: six of its eight blurbs close so, three of them kept by every other reading; no answer of the tune half
# closes so; v11's "A razor-sharp techno-thriller where every message could be the last.": the kind may be hyphenated.)
_TAGLINE = re.compile(
    r"(?:an?|the) (?:[\w'’-]+,? ){0,5}(?:[\w'’]+-)*(?:romance|adventure|thriller|mystery|fantasy|tale|story|novel"
    r"|novella|read|page-turner|whodunit|chiller|fable|comedy|caper|horror)\b"
    r" (?:for|that|where|about|of|with|in which|set|to)\b[^.!?\n]*[.!]",
    re.IGNORECASE,
)


# (the forty-sixth round) ...or the whole arc told flat, closing on how it ends: "At first, Hollis Marr thinks the warm
# stone in his hayloft is just a trick of the summer sun. Then it cracks, and... Over the following weeks the creature
# grows too big to hide... In the end they let the dragon fly free over the hills, and...". No speech, four sentences or
# more, not one of them a scene's beat of five words or fewer, at most one in four told in the past, and the last
# opening on "In the end" or "By the end" (not "By the end of the winter"). A batch of summaries, v10, kept 11 of its 16
# so told; none of the tune half's good answers is so told (the nearest, p4-004 and p7-008, in the present, close on a
# beat: "In the end, she opens her hand."). A scene's own last turn, "Eventually, it climbs into her lap and sleeps
# there", "Finally, near dawn, you walk home...", "Ultimately, she knows, she will close her eyes" is no summary's (a
# batch of good stories so closing, e60, lost four of its twelve to those three words).
# ...and (a second batch, v11, in other words) the arc from its "at first" to its close: "at first" in one of the first
# two sentences, the last saying how it ends ("Finally he learns the curse will lift only...", "It ends with Priya lying
# to her bosses...", "By the close it turns out nobody stole the painting"), three sentences or more, no speech, at most
# half of them saying more of the past than of the present (v10 and v11: 14 of 16 so told; none of the tune half's good
# answers, nor of the round's 384 good stories: the nearest tell their story in speech, or have "at first" further in;
# a fable's "At first the masters laughed at the book Pell found..." is told in the past).
ARC_SENTENCES = 4
ARC_BEAT_WORDS = 5
ARC_PAST_SHARE = 0.25
AT_FIRST_SENTENCES = 3
AT_FIRST_PAST_SHARE = 0.5
_ARC_CLOSERS = ("in the end", "by the end")
_ARC_CLOSE = re.compile(r"(?:" + "|".join(_ARC_CLOSERS) + r")\b,? (?!of\b)", re.IGNORECASE)
_AT_FIRST_CLOSE = re.compile(
    r"\b(?:" + "|".join((*_ARC_CLOSERS, "eventually", "finally", "ultimately", "it ends", "by the close", "the last turn"))
    + r")\b"
)


def _in_the_past(lowered: str) -> bool:
    """More words of the past in the (lowercased) sentence ("laughed", "found", "was") than verbs of the present ("is",
    "she walks")."""
    return len(_LOOSE_PAST.findall(lowered)) > len(_TOLD_IN_THE_PRESENT.findall(lowered))


def _arc_told_flat(text: str) -> bool:
    told = split_sentences(text)
    if len(told) < AT_FIRST_SENTENCES or prose.has_dialogue(text):
        return False
    lowered = [sentence.lower() for sentence in told]
    if (
        any("at first" in sentence for sentence in lowered[:2]) and _AT_FIRST_CLOSE.search(lowered[-1])
        and sum(map(_in_the_past, lowered)) <= AT_FIRST_PAST_SHARE * len(told)
    ):
        return True
    # (here the past is what a pronoun or "was", "were", "had" says: "-ed" words alone, "the bricked-up door", are in
    # many summaries' sentences, v9-025)
    past = sum(_TOLD_IN_THE_PAST.search(sentence) is not None for sentence in lowered)
    return (
        len(told) >= ARC_SENTENCES and _ARC_CLOSE.match(told[-1].strip()) is not None
        and past <= ARC_PAST_SHARE * len(told) and all(len(sentence.split()) > ARC_BEAT_WORDS for sentence in told)
    )


# (the forty-fifth round) A back cover's questions: the answer closes on three or four questions in a row about its
# people, none of them a narrator's or put to a "you" ("Will Nessa sell the crown before it claims her? Can a thief ever
# give back what she has taken? And who is really doing the whispering?"), after the set-up they ask about (a batch of
# summaries, v9, kept all eight so shaped). A story that closes on questions asks them as its "I" or of its "you"
# ("Would you dig?", l37-009, l38-047), or asks on (l38-012: six; l39-047: eight); none of the tune half's good answers
# closes so.
BACK_COVER_QUESTIONS = (3, 4)
BACK_COVER_SET_UP = 2  # sentences before the questions
_A_SENTENCE = re.compile(r"[^.!?\n]+[.!?]+[\"”’')]*")
_ASKERS = re.compile(r"\b(?:i|me|my|we|us|our|you|your)\b")


def _asks_as_a_back_cover(text: str) -> bool:
    told = _A_SENTENCE.findall(without_speech(text).replace("’", "'"))
    asked = 0
    while asked < len(told) and told[-1 - asked].rstrip("\"”')").endswith("?"):
        asked += 1
    fewest, most = BACK_COVER_QUESTIONS
    return (
        fewest <= asked <= most and len(told) - asked >= BACK_COVER_SET_UP
        and not any(_ASKERS.search(question.lower()) for question in told[-asked:])
    )


def _as_it_would_be(text: str) -> bool:
    plain = without_speech(text)
    lowered = plain.lower()
    if _NARRATORS.search(lowered):
        return False
    told = split_sentences(plain)
    would = sum(_WOULD.search(sentence.lower()) is not None for sentence in told)
    return (
        would >= 3 and would >= AS_IT_WOULD_BE * len(told)
        and (_HABIT.search(lowered) is None or _FRAMED.search(lowered) is not None)
    )


# (the forty-fourth round) ...or introduced in apposition: "Dot Hammond, the sharp-tongued postmistress of Little
# Aysgarth, is the first to read...", "Luka Petrov, a bicycle courier in Berlin who takes cash jobs..., picks up...": a
# name and a surname (or a title and a name) opening a sentence, the role between commas, the plot going on in the
# present. The offline writer's "Eleanor Price, a harbor constable, set out..." is told in the past, and a story's
# "Inside, the ancient spellbook lay on a heap of rusted armour, dozens of helmets..." names no one. (Found as
# _INTRODUCED is: the role and its verb first, then the name before them.)
_APPOSED = re.compile(r", (?:a|an|the) [^,.;!?\"“”]{3,100}, (?!was\b)(?:is|are|has|have|[a-z]+s)\b")
_APPOSED_NAME = re.compile(
    r"(?:^|[.!?][\"”’']?\s+)(?:(?:Ser|Sir|Dr\.|Lady|Lord|Captain|Detective|Inspector) )?[A-Z][a-z'’-]+"
    r"(?: [A-Z][a-z'’-]+){1,2}$"
)


def _introduced_and_summed_up(text: str) -> bool:
    return any(
        len(paragraph) >= INTRODUCED_PARAGRAPH and (_introduces(paragraph) or _apposed(paragraph))
        and _PLOT_TURNS.search(paragraph.lower()) is not None and _without_a_beat(paragraph)
        for paragraph in text.split("\n")
    )


def _without_a_beat(paragraph: str) -> bool:
    return all(sentence.count(" ") >= SCENE_BEAT_WORDS for sentence in split_sentences(paragraph))


def _apposed(paragraph: str) -> bool:
    return any(
        _APPOSED_NAME.search(paragraph, max(0, role.start() - NAME_CHARS), role.start()) is not None
        for role in _APPOSED.finditer(paragraph)
    )


def _introduces(paragraph: str) -> bool:
    return any(
        _INTRODUCED_NAME.search(paragraph, max(0, verb.start() - NAME_CHARS), verb.start()) is not None
        for verb in _INTRODUCED.finditer(paragraph)
    )


# ...or a scene told in the past, then the rest of the plot summed up in the present: "...she put the ring back in the
# drawer. After that, she keeps trading: her wedding day for a curse on the magistrate, ...", "Then he travels north for
# three weeks, loses his horse in the marsh, and reaches the dragon's hill." A time skip whose subject goes on in the
# present, chaining clauses (two present verbs, or two commas and an "and"), after a scene of two sentences or more with
# three past verbs or more and few present ones (dialogue aside). A story's "Then I put the kettle on" is in the past
# ("put" is neither); its "Then I think of him, sometimes, when the candles lean." chains nothing.
_TIME_SKIP = re.compile(
    r"(?:After that|Then|From there|Afterwards|After this|From then on"
    r"|Over the (?:next|following) [\w ]{1,20}?|For the next [\w ]{1,20}?),?\s+"
    r"(he|she|it|they|we|I|you|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+([a-z]+)\b[^.!?]*"
)
_PAST_WORD = re.compile(r"[a-z]+ed|" + _IRREGULAR_PAST)
_NEITHER_WORD = re.compile(_NEITHER_WORDS)
_LOOSE_PAST = re.compile(r"\b(?:was|were|had|[a-z]{2,}ed|" + _IRREGULAR_PAST + r")\b")
PAST_BEFORE_THE_SKIP = 3


def _goes_on_in_the_present(skip: re.Match[str]) -> bool:
    subject, verb = skip.group(1).lower(), skip.group(2)
    return not (
        _NEITHER_WORD.fullmatch(verb) or _PAST_WORD.fullmatch(verb)
        or (not verb.endswith("s") if subject not in ("i", "we", "they", "you") else verb.endswith(("s", "ly")))
    )


def _summed_up_after_a_scene(text: str) -> bool:
    # (most texts: no time skip going on in the present; the dialogue is taken out only when there is one)
    if not any(map(_goes_on_in_the_present, _TIME_SKIP.finditer(text))):
        return False
    text = without_speech(text)
    for skip in filter(_goes_on_in_the_present, _TIME_SKIP.finditer(text)):
        told = skip.group().lower()
        scene = text[: skip.start()]
        before = scene.lower()
        past = len(_LOOSE_PAST.findall(before))
        if (
            past >= PAST_BEFORE_THE_SKIP and len(_TOLD_IN_THE_PRESENT.findall(before)) * 3 <= past
            and len(split_sentences(scene)) >= 2
            and (len(_TOLD_IN_THE_PRESENT.findall(told)) >= 2 or (told.count(",") >= 2 and ", and " in told))
        ):
            return True
    return False


def _readers_plan(lowered: str) -> bool:
    return any(
        "the reader " in paragraph and len(_READERS_PLAN.findall(paragraph)) >= READERS_PLAN
        for paragraph in lowered.split("\n")
    )


def _in_one_breath(text: str, lowered: str) -> bool:
    semicolons = lowered.count("; ")
    if semicolons < 3 and "then" not in lowered:
        return False
    thens = len(_CHAIN_LINK.findall(lowered)) - semicolons
    if not semicolons or semicolons + thens < 3 and not thens:
        return False
    return (
        len(split_sentences(text)) <= 2
        and _TOLD_IN_THE_PAST.search(lowered) is None and _TOLD_IN_THE_PRESENT.search(lowered) is not None
        and not (len(text) >= SCENE_IN_ONE_BREATH and without_speech(text).count(",") >= SCENE_DETAILS)
    )


def is_outline(text: str, preamble: str = "") -> bool:
    if (
        (any(arrow in text for arrow in _ARROWS) and len(_ARROW.findall(text)) >= ARROW_CHAIN) or _synopsis(text)
        or (preamble and _ANNOUNCED.search(preamble.replace("’", "'")) is not None)
    ):
        return True
    if "\n" in text:
        lines = [line for line in text.splitlines() if line.strip()]
        listed = [line for line in lines if _LIST_LINE.match(line)]
        if (
            len(listed) >= 2 and len(listed) * 3 >= len(lines) and not _a_storys_list(lines, listed, text)
            and not _a_narrators_list(lines, listed) and not _told_in_numbered_sections(text, lines, listed)
        ):
            return True
    return ("1." in text or "1)" in text) and _INLINE_NUMBERED.search(text) is not None


# A diary's or a log's entries headed in bold ("**Day 211**", "**3 March**", "**Nov. 3**", "**Sept 2.** Moved in."): a
# story's form, not markup, when there are a few of them.
_DATED_HEADING = re.compile(r"^[ \t]*\*\*" + DATED + r"(?:,?[ \t][^*\n]{0,30})?[.:]?\*\*", re.MULTILINE)
DATED_HEADINGS = 2


def has_markup(text: str) -> bool:
    if "**" in text and len(_DATED_HEADING.findall(text)) >= DATED_HEADINGS:
        text = _DATED_HEADING.sub("", text)
    return matches_any(text, _MARKUP)
