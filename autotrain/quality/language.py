"""Is it English prose at all? The language check and keyword salad, from function words.

Running English prose is about 40% function words (the, of, and, was, she...); a text in French or
German is full of *their* function words instead, and keyword salad ("wizard ancient spellbook magic
arcane tome glowing runes") has almost none of any language. Counting them is cheap and explainable.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from autotrain.quality import prose

ENGLISH_FUNCTION_WORDS = frozenset(
    """
the a an and or but nor of to in on at for with from by as into onto upon about over under after
before through between against without within is was were are be been being am has had have having
do does did will would shall should can could may might must he she it they i you we his her hers
its their theirs my mine your yours our ours him them me us that this these those there here which
who whom whose what when where while why how not no so if then than too very just only also even
still yet all each every some any both either neither one none other such own same off out up down
again once because though although until unless since whether nor's it's i'm i'd i'll i've he'd
she'd he's she's they're they'd we're we'd you're you'd don't didn't wasn't weren't couldn't
wouldn't can't won't isn't aren't hadn't hasn't haven't
""".split()
)

# The most frequent function words of the languages a model most often drifts into; words that are
# also English (a, in, is, die, was, had, son, fin...) are left out below.
_FOREIGN = {
    "french": "le la les un une des du de et est dans pour qui que ne pas sur avec il elle ils elles son sa"
    " ses au aux mais je tu nous vous était avait sont été cette ce comme plus leur sous sans puis",
    "spanish": "el la los las un una unos unas y es en que de del por para con no se su sus al lo como pero"
    " más era había fue está este esta ella él muy sin sobre entre cuando también hasta donde",
    "german": "der die das den dem des ein eine einen einem und ist nicht zu mit von sich auf für im ich sie"
    " er es war hatte wie aber auch noch nach dass wurde ihre sein seine ihr wieder über durch",
    "italian": "il lo la gli le un una di che è non per con del della nel sul ma come era aveva sono si suo"
    " sua dei delle alla anche quando dove poi ancora già",
    "portuguese": "o os as um uma de do da dos das e que em no na não por para com se seu sua mas como era foi"
    " ela ele muito sem sobre quando também já ainda",
    "dutch": "de het een en van is dat niet op te met zijn voor hij zij ze maar om ook als aan naar uit bij"
    " er nog haar hem werd door toen",
    "polish": "i w na z się nie do że to jest jak ale po o jej jego był była było przez tylko już jeszcze",
    "swedish": "och att det som en på är av för med till den har de inte om ett han hon var men sig från"
    " när hade så",
}
FOREIGN_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split()) - ENGLISH_FUNCTION_WORDS - {"a", "in", "is", "die", "was", "had", "son"}
    for language, words in _FOREIGN.items()
}

# Letters outside ASCII: a few (café, naïve, Zoë) are English; a text full of them is not.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

_NON_ASCII_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")

MIN_WORDS = 12


@dataclass(frozen=True)
class Language:
    words: int
    english_share: float  # share of the words that are English function words
    foreign: str | None  # the other language whose function words outnumber English ones
    foreign_share: float
    non_ascii_share: float  # share of the letters outside ASCII

    @property
    def not_english(self) -> bool:
        if self.words < MIN_WORDS:
            return False
        if self.non_ascii_share > 0.2:
            return True
        return self.foreign is not None and self.foreign_share >= 0.12 and self.foreign_share > self.english_share

    @property
    def keyword_salad(self) -> bool:
        """Hardly any function words of any language: keywords strung together, not sentences."""
        return self.words >= MIN_WORDS and not self.not_english and self.english_share < 0.22


def measure(text: str, words: list[str] | None = None) -> Language:
    """`words`: the text's lowercased ASCII words (apostrophes straightened), when the caller has them; they
    are the words this module would find whenever the text has no letter outside ASCII."""
    non_ascii = 0 if text.isascii() else len(_NON_ASCII_LETTER.findall(text))
    if words is None or non_ascii:
        words = [w.replace("’", "'") for w in _WORD.findall(text.lower())]
    n = len(words)
    if not n:
        return Language(0, 0.0, None, 0.0, 0.0)
    counts = Counter(words)
    present = counts.keys()
    english = sum(counts[w] for w in ENGLISH_FUNCTION_WORDS & present)
    best, best_hits = None, 0
    for language, vocabulary in FOREIGN_FUNCTION_WORDS.items():
        hits = sum(counts[w] for w in vocabulary & present)
        if hits > best_hits:
            best, best_hits = language, hits
    letters = sum(map(len, words))
    return Language(
        words=n,
        english_share=english / n,
        foreign=best,
        foreign_share=best_hits / n,
        non_ascii_share=non_ascii / letters if letters else 0.0,
    )


# A paragraph this long in another language is an answer that changed language on the way.
MIN_PARAGRAPH_WORDS = 25


def changes_language(text: str, measured: Language) -> bool:
    """An English answer with a paragraph in another language ("...and I drove out to meet it.\n\nLa
    puerta se abrió..."): looked at paragraph by paragraph once the whole holds some foreign words."""
    if measured.foreign is None or measured.foreign_share < 0.05 or "\n" not in text:
        return False
    paragraphs = prose.PARAGRAPH_BREAK.split(text)
    return len(paragraphs) > 1 and any(
        measure(paragraph).not_english
        for paragraph in paragraphs
        if paragraph.count(" ") + 1 >= MIN_PARAGRAPH_WORDS
    )

