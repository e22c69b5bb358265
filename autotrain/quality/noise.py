"""Text that is not prose at all: loops (the same sentence or phrase again and again) and garbage
(mojibake, symbol runs, keyboard mash, words glued together, broken apart, stuttered or corrupted).
"""

from __future__ import annotations

import operator
import re
from collections import Counter

from autotrain.quality import prose

_GARBLED_HINT = re.compile(r"[ÃÂâï\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf]|â€|ï¿½|\ufffd|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SYMBOL_RUN = re.compile(r"[^\w\s][^\w\s][^\w\s][^\w\s][^\w\s][^\w\s]")
# (an ASCII text's characters as bytes, a word's or a space's one byte and any other another: a run of six of the others
# is found by a substring search, a tenth of the pattern's pass; the classes are the pattern's own, \w and \s)
_SYMBOL_BYTES = bytes(
    ord("w") if chr(code).isalnum() or chr(code) == "_" or chr(code).isspace() else ord("#") for code in range(128)
) + bytes(128)
_SYMBOL_RUN_BYTES = b"######"
_PUNCTUATION = "\"'“”‘’.,;:!?…—–-()[]*_ "
# Letter pairs that (almost) no English word holds: q not followed by u, and rare consonant pairs.
# (the lookahead first: the letters every pair starts with, which lets the engine skip the others a third faster)
_IMPOSSIBLE_PAIR = re.compile(
    r"(?=[bcdfghjkmpqvwxz])(?:q(?=[a-tv-z])(?!i)|[jqxz][bcdfgjkmnpqtvwxz]|[bcdfgkmpvw][qxj]|v[bcdfghjkmnpqtwxz]|[fhjkq]z"
    r"|z[fhjkq])"
)
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{7,}")
# Lower-case words that open on two consonants no English word opens on ("tnets", "dlbeeitare": letters
# shuffled inside words, or vowels dropped: "mrdn", "cptn"). Names are capitalised and not counted; the
# pairs are looked up at the start of each space-separated token (a set lookup, no regex pass).
_CONSONANTS = "bcdfghjklmnpqrstvwxz"
_ONSETS = frozenset(
    "bl br ch cl cr dr dw fl fr gl gn gr kn ph pl pr ps pt sc sh sk sl sm sn sp st sw th tr tw wh wr sq qu "
    "mr ms dr ts hm pf kh zh dj sv mn pn rh".split()  # and tsar, hmm, pfft, khaki, djinn, svelte, mnemonic, rhythm
)
_ODD_ONSETS = frozenset(
    a + b for a in _CONSONANTS for b in _CONSONANTS if a != b and a + b not in _ONSETS
)
# And words that end on two consonants no English word ends on ("stepepd", "stufefd", "donw": letters swapped
# near the end). A plural's -s ends anything. Looked up on the scorer's lower-case words.
_CODAS = frozenset(
    "ck ct ft ld lf lk ll lm ln lp lt mb mp mn nd ng nk nt nc nx pt rb rc rd rf rg rk rl rm rn rp rt sh sk sp "
    "ss st th wl wn wd wk wt xt ch gh ph ht bt gn gm lb sm tz rz zz ff dd gg bb tt rr nn mm pp cc rv lv lx hm".split()
)
_ODD_CODAS = frozenset(
    a + b for a in _CONSONANTS for b in _CONSONANTS if a != b and b != "s" and a + b not in _CODAS
)
# Optical character recognition's confusions: the digit 1 or 0 for l or o inside a word ("1ibrary",
# "he1d", "c0ld").
_OCR_DIGIT = re.compile(r"\b[a-z]+[01][a-z]+\b|\b[01][a-z]{2,}\b")
_CASE_FLIP = re.compile(r"[a-z][A-Z]")
# (a flip needs a capital: an ASCII text's capitals, counted by a bytes table, bound the flips from above)
_CAPITALS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Words put out of order ("Tension the room of filled", "hungry was he for power, for the."): an article or
# "than" left before a stop, which English never does ("the.", "older than the than."). Stories hold one at
# most (a sentence broken off in speech); scrambled text, two or more.
# The stop first and the word behind it: a regex that starts on a rare character is five times cheaper.
_STRANDED = re.compile(r"[.,;!?](?:(?<=\bthe.)|(?<=\ban.)|(?<=\bthan.))")
_STRANDED_HINTS = tuple(word + stop for word in ("the", "an") for stop in ".,;!?")  # ("than." holds "an.")
STRANDED_LEVEL = 2
# The English words of one or two letters (and the usual abbreviations and interjections that short).
_SHORT_WORDS = frozenset(
    "a i o am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ox ah uh ha mr ms "
    "dr st re eh mm ye yo ma pa em ya oi ow aw er um hm id ad ex lo la km cm kg ft pm tv".split()
)


REFRAIN_WORDS = 8


def is_repetitive(words: list[str], sentences: list[str]) -> bool:
    if len(sentences) >= 2:
        # Sentences of 3+ words, compared by their words: "The door opened." twice is a loop, "No." twice
        # is a style.
        normalized = [key for key in (" ".join(s.lower().split()).strip(_PUNCTUATION) for s in sentences)
                      if key.count(" ") >= 2]
        if len(normalized) >= 2 and len(set(normalized)) < len(normalized):
            counts = Counter(normalized)
            duplicates = len(normalized) - len(counts)
            line, times = counts.most_common(1)[0]
            # A short line said three times among many other sentences is a refrain ("The radio only
            # plays at midnight."), a long one or one said more often a loop.
            refrain = times == 3 and line.count(" ") < REFRAIN_WORDS and times * 4 <= len(normalized)
            if (times >= 3 and not refrain) or duplicates / len(normalized) >= 0.3:
                return True
    n = len(words)
    if n >= 17:
        total = n - 2
        distinct = len(set(zip(words, words[1:], words[2:])))
        if distinct / total < 0.6:
            return True
        # One phrase that makes up a large share of the text (needs 3+ repeats, so only then count).
        if total - distinct >= 3:
            top = Counter(zip(words, words[1:], words[2:])).most_common(1)[0][1]
            if top >= 4 and top * 3 / n >= 0.25:
                return True
    if 30 <= n <= 300 and len(set(words)) / n < 0.3:
        return True
    return n > 300 and len(set(words)) / n < 0.2


def is_garbled(text: str, words: list[str], vocabulary: set[str]) -> bool:
    if _GARBLED_HINT.search(text) and _MOJIBAKE.search(text):
        return True
    if _symbol_run(text):
        return True
    # Letters counted from the words already found (ASCII, lowercased): cheaper than a regex pass.
    non_space = len(text) - text.count(" ") - text.count("\n") - text.count("\t")
    letters = sum(map(len, words))
    if non_space and letters / non_space < 0.7:
        return True
    # Keyboard mash ("asdfghjkl", "qwrtzxcvbnm") or one letter held down ("aaaaaaaaaaaaa").
    long_words = [w for w in vocabulary if len(w) >= 7]
    if long_words:
        for match in _CONSONANT_RUN.finditer(" ".join(long_words)):
            if len(set(match.group())) >= 5:
                return True
        for word in long_words:
            if len(word) > 40 or (len(word) >= 12 and len(set(word)) <= 2):
                return True
        # Words glued together ("thewizardopenedthebook"): English words seldom pass 18 letters.
        if sum(1 for word in long_words if len(word) >= 20) >= 2:
            return True
    # Words joined by something other than spaces ("I_woke_on_the_sand", "the.wizard.opened"): prose has
    # about one space or line break per word.
    if len(words) >= 20 and (text.count(" ") + text.count("\n")) * 3 < len(words):
        return True
    # Words broken apart by stray spaces ("the rain came dow n so hard th at"): English has only a few
    # words of one or two letters, and prose holds under 4% of anything else that short.
    if len(words) >= 20:
        odd = {word for word in vocabulary if len(word) <= 2} - _SHORT_WORDS
        if odd and sum(1 for word in words if word in odd) * 10 >= len(words):
            # (not abbreviations, each with its stop: "p. 4, violet: Do not attempt...", "p. 9, pencil: which goat")
            lowered = text.lower()
            odd = {word for word in odd if re.search(rf"\b{word}\.", lowered) is None}
            if odd and sum(1 for word in words if word in odd) * 10 >= len(words):
                return True
    # Stuttered words ("the the the best man walked in in in"): prose seldom says a word twice in a row.
    if len(words) >= 20:
        stutters = sum(map(operator.eq, words, words[1:]))
        if stutters * 10 >= len(words):
            return True
        # Capitals flipping inside words ("tHe KnIgHt RoDe"): a name or two (McKay, DeLuca) at most in prose.
        if _capitals_at_most(text) * 5 >= len(words) and len(_CASE_FLIP.findall(text)) * 5 >= len(words):
            return True
        if any(hint in text for hint in _STRANDED_HINTS) and len(_STRANDED.findall(text)) >= STRANDED_LEVEL:
            return True
    # Corrupted words ("the wizqrd opxned the bouk"): letter pairs English words never hold.
    if len(words) >= 20:
        if ("1" in text or "0" in text) and len(_OCR_DIGIT.findall(text)) >= 3:
            return True
        odd_onsets = sum(1 for token in text.split() if token[:2] in _ODD_ONSETS and len(token) >= 3)
        if odd_onsets * 100 >= len(words) * 4:
            return True
        # Letters swapped anywhere in a word show at one of its ends or the other: good stories hold under
        # 3 such words in 100 (names, a foreign word), text with swapped letters 4 or more.
        # (looked up once per distinct word, then the few odd ones counted where they recur)
        odd_codas = sum(map(words.count, [word for word in vocabulary if word[-2:] in _ODD_CODAS and len(word) >= 3]))
        swapped = odd_onsets + odd_codas
        if swapped >= 3 and swapped * 100 >= len(words) * 4:  # three at least: a word cut off mid-way is one
            return True
        # One pass over the words (a word with two odd pairs counts twice: close enough). Every pair holds one of
        # j, q, x, z or v, and pairs found do not overlap: those letters' count bounds the pairs from above, and
        # English holds too few of them for the level (the pass is asked only when it could reach it).
        joined = " ".join(words)
        if sum(map(joined.count, "jqxzv")) * 100 >= len(words) * 12:
            odd_pairs = len(_IMPOSSIBLE_PAIR.findall(joined))
            if odd_pairs * 100 >= len(words) * 12:
                return True
    return False


def _symbol_run(text: str) -> bool:
    """Whether `text` holds six characters in a row that are neither a word's nor a space (_SYMBOL_RUN)."""
    if not text.isascii():
        return _SYMBOL_RUN.search(text) is not None
    return _SYMBOL_RUN_BYTES in text.encode("ascii").translate(_SYMBOL_BYTES)


def _capitals_at_most(text: str) -> int:
    """How many capitals `text` holds at most: its ASCII capitals counted exactly, any other text's length."""
    if not text.isascii():
        return len(text)
    raw = text.encode("ascii")
    return len(raw) - len(raw.translate(None, _CAPITALS))


# Content words a paragraph needs before it is compared, and the overlap (Jaccard) from which two
# paragraphs tell the same thing: paragraphs of different moments of a story share under 0.2, a retelling
# ("When Lady Cecily vanished from Thornfield House..." told again in other words) 0.6, a paragraph said
# twice 1.0. A circular story's last paragraph echoes its first as closely, so the retold paragraphs must
# also be a large share of the text: a restart tells the story (or most of it) twice.
RESTART_MIN_WORDS = 8
RESTART_OVERLAP = 0.45
RESTART_SHARE = 0.4
_NO_PUNCTUATION = str.maketrans("", "", "\"“”‘’.,;:!?…—–()[]*_")


def restarts(lowered: str, function_words: frozenset[str]) -> bool:
    """The story told twice: paragraphs that repeat most of an earlier one's words, in any order, and
    make up RESTART_SHARE of the text or more (`lowered`: the text in lower case)."""
    if "\n" not in lowered:
        return False
    seen: list[set[str]] = []
    retold = 0
    # Punctuation deleted and tokens split by str methods; paragraphs break at blank lines as elsewhere.
    for paragraph in prose.PARAGRAPH_BREAK.split(lowered.translate(_NO_PUNCTUATION)):
        words = set(paragraph.split()) - function_words
        if len(words) < RESTART_MIN_WORDS:
            continue
        if any(len(words & earlier) >= RESTART_OVERLAP * len(words | earlier) for earlier in seen):
            retold += len(paragraph)
        seen.append(words)
    return retold >= RESTART_SHARE * len(lowered)
