"""The writer's asides: a learned measure of sentences in which a chat model talks about its text.

The rules of talk.py know the phrasings the corpus has shown them; a fresh batch of stories with the writer
stepping in ("I want this planet to feel like a held breath, so I'm keeping the crew quiet here") found them
catching half. This measure weighs the words and word pairs of one sentence of narration (a logistic model:
a bias plus a weight per token), learned from the tune half of the corpus alone:

- the writer's sentences: the chatter around the good wrapped answers (the assistant speaking of the text: "I
  kept the ending quiet", "Want a darker version?"), as their writers marked the story (else what cleaning takes
  off), and the sentence the rules find in each meta-talk answer (or the asides its writer marked);
- the story's sentences: every sentence of every good answer's story (as marked, else its cleaned text).

A sentence's inserts (a bracket or a pair of dashes inside it) and a question with its short answer are weighed as
sentences too. Tokens are the sentence's words and word pairs, and, in a story with no narrator who says "I", its "I"
marked as the writer's ("~i'll"). Words of the catalog's topic vocabularies (dragons, ledgers, lighthouses)
and words found in fewer than MIN_ANSWERS answers (names) are left out, so what is learned is the register,
not the subject. A text has an aside when one sentence scores above the threshold: the score that only one
in a thousand good answers of the tune half reaches.

`scripts/train_learned.py` (`make learned`) writes asides.json from the corpus; a test checks that the
committed file is what it writes. The weights are plain data: `--show 40` lists the heaviest.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, repeat
from pathlib import Path

from autotrain.quality.learned import Weights
from autotrain.quality.prose import WORD

MODEL_PATH = Path(__file__).with_name("asides.json")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
MIN_WORDS = 3  # shorter "sentences" ("Heh.", "Then:") say too little to weigh
_I_WORDS = frozenset(("i", "i'm", "i've", "i'll", "i'd", "my", "me"))
NARRATOR_I = 3  # first-person words from which the story has a narrator who says "I"

# Training: tokens found in at least MIN_ANSWERS answers, the catalog's subjects left out (but the words about
# a text the topic lists also hold), full-batch gradient descent on the log loss with an L2 penalty, positives
# weighted up to the negatives' count; weights under PRUNE dropped. Deterministic: same corpus, same file.
MIN_ANSWERS = 8
KEEP_WORDS = frozenset("here written write wrote words reader ending twist title version hope".split())
# Never weighed: a narrator says them of its own telling as often as an assistant does ("This story is true.",
# "That's the whole story.", "The story goes that...").
NEVER = frozenset(("story", "stories", "tale", "tales"))
STEPS = 400
RATE = 25.0
L2 = 1.0
PRUNE = 0.05
GOOD_QUANTILE = 0.999
TAIL = 50  # the good answers' highest scores the threshold's tail is fitted on (tail_quantile)


def sentences(narration: str) -> list[str]:
    """The sentences of `narration` (lowercased, quoted speech removed) worth weighing."""
    return [sentence for sentence, _ in sentences_and_words(narration)]


# (the thirty-eighth round) An insert inside a sentence: a bracket opened after a word ("...stood open to the wind
# (open or bolted? open is eerier), and the keeper's boots..."), or words between two dashes ("...the crown — too early
# for it to help her? no, keep it — spoke"), not across a sentence's stop. Weighed as a sentence of its own too (the
# sentences alone split such a note at its question mark and weigh it with the story's words around it), with a mark
# of its own (INSERT, DASH): a story's inserts are many ("— old, heavy oak —"), and weighed with the mark of a
# sentence that opens a bracket they drew that mark's weight down. It is given with a space before it, which tells it
# from such a sentence. With the question and its answer below, in the tune half: 20 meta-talk answers more, and of a
# fresh batch of notes inside the story's sentences (m84), 8 of 48 more; two good answers lost.
_INSERT = re.compile(
    r"(?<=[^\s(\[.!?])[ \t]+([(\[][^()\[\]\n]{2,200}[)\]])|[ \t]([—–][ \t][^—–\n.!]{4,200}?[ \t][—–])(?=[ \t])"
    # ...and words between two dashes typed as two or three hyphens ("-- pacing's meant to be fast, trim? --")
    r"|[ \t](-{2,3}[ \t](?:(?!--)[^—–\n.!]){4,200}?[ \t]-{2,3})(?=[ \t])"
    # ...and a bracket that opens a sentence the story's words go on after ("(switching to past) i walked at dawn")
    r"|(?:^|(?<=[.!?])|(?<=\n))[ \t]*(?P<opens>[(\[][^()\[\]\n]{2,200}[)\]])(?=[ \t]+[a-z])"
)


def sentences_and_words(narration: str) -> list[tuple[str, list[str]]]:
    """Each sentence of MIN_WORDS words or more, with its words, in the order of the text; inserts (_INSERT) as
    sentences of their own, where they stand, and a question with the short answer after it (ANSWER_WORDS) after
    the answer."""
    found: list[tuple[int, str, list[str]]] = []
    inserted = False
    if "(" in narration or "[" in narration or "—" in narration or "–" in narration or "--" in narration:
        for match in _INSERT.finditer(narration):
            insert = match.group(match.lastindex or 0)  # (the one group of the four that matched)
            words = WORD.findall(insert)
            if len(words) >= MIN_WORDS:
                # (after the sentence it opens: callers read the text's first sentence first)
                found.append((match.end() if match.lastgroup == "opens" else match.start(), " " + insert, words))
                inserted = True
    asked = None  # a question just before: (its text, its words, where it ends)
    for match in _SENTENCE.finditer(narration):
        sentence = match.group(0).strip()
        words = WORD.findall(sentence)
        if len(words) >= MIN_WORDS:
            found.append((match.start(), sentence, words))
        if asked is not None and asked[2] == match.start() and len(words) <= ANSWER_WORDS:
            found.append((match.start(), f"{asked[0]} {sentence}", asked[1] + words))
        asked = (sentence, words, match.end()) if sentence.endswith("?") else None
    if inserted:
        found.sort(key=lambda unit: unit[0])  # (stable: a question's answer before the two together)
    return [(sentence, words) for _, sentence, words in found]


# A question and the short answer after it ("Baby or adult crying? Adult is creepier.", "Is the joke landing? Not sure;
# trying it."): the writer deciding on its draft, weighed together as well as apart (a story's "Was he lying?
# Probably." is weighed so too, and taught the measure as the story's).
ANSWER_WORDS = 8


# The words of _I_WORDS where WORD would find them as words of their own (not "my" of "o'my", nor "i" of "i's"):
# searched for alone rather than with every word of the text, and only until the NARRATOR_I-th.
_I_WORD = re.compile(r"(?<![a-z])(?<![a-z]')(?:i(?:'(?:m|ve|ll|d))?|m[ey])(?![a-z])(?!'[a-z])")


def narrator_says_i(narration: str) -> bool:
    return next(islice(_I_WORD.finditer(narration), NARRATOR_I - 1, None), None) is not None


def says_i(narration: str) -> bool:
    """Whether anyone in `narration` says "I" (or "me", "my") at all."""
    return _I_WORD.search(narration) is not None


# A sentence that opens a bracket ("(Skimming the early weeks so the ending gets room.)", "*[Back to her now.]"):
# the shape of an aside, whatever its words. Its words are weighed with a mark "(" before them, a token of its
# own and in pairs ("( skimming"). Out of fold (a fifth of the tune half's files learned from the rest, in turn),
# the mark had the measure alone find 52% of the meta-talk answers rather than 47%, with as many good answers
# over the threshold.
_OPENS_BRACKET = re.compile(r"[\s*_]*[(\[]")
BRACKET = "("


def marked(sentence: str, words: list[str]) -> list[str]:
    """The words of `sentence`, after the mark of an aside when it opens a bracket (or of an insert, INSERT and DASH,
    when it is one), and before the marks of a semicolon in it and of a question in it (a note on a draft weighs its
    parts against each other, "Kept the lizard; cutting it felt cruel.", or asks the user, "Creepy enough, or too
    much?")."""
    if sentence.startswith((" (", " [")):  # (an insert: _INSERT)
        words = [INSERT, *words]
    elif sentence.startswith((" —", " –", " --")):
        words = [DASH, *words]
    elif _OPENS_BRACKET.match(sentence):
        words = [BRACKET, *words]
    if ";" in sentence:
        words = [*words, SEMICOLON]
    if "?" in sentence:
        words = [*words, QUESTION]
    return words


DASH = "—"
INSERT = "(,"
SEMICOLON = ";"
QUESTION = "?"


def words_of(sentence: str) -> list[str]:
    return marked(sentence, WORD.findall(sentence))


def tokens(sentence: str, narrator_i: bool) -> set[str]:
    return _tokens(words_of(sentence), narrator_i)


def _tokens(words: list[str], narrator_i: bool) -> set[str]:
    found = set(words)
    found.update(map(" ".join, zip(words, words[1:])))  # (each pair "a b", joined in C)
    # the word the sentence opens on, as a token of its own ("^kept"): a note on a draft opens on what was done or is
    # to do ("Kept the lizard...", "Should the boy get a name?"), a story's sentence more often on who acts
    opening = words[1:2] if words[:1] in ([BRACKET], [DASH], [INSERT]) else words[:1]
    found.update(f"^{word}" for word in opening)
    if not narrator_i:
        found.update(f"~{word}" for word in words if word in _I_WORDS)
    return found


# What a sentence of the writer nearly always holds: "I", "you", "this", "here", the present or the future. A
# sentence of past narration with none of them ("She did not know how the story would end") is the story's,
# and is not weighed at all (most of a story's sentences: the measure costs little).
_NOW_OR_PERSON = frozenset(
    """i i'm i've i'll i'd me my you you're your you'll you'd let's we we're we'll us our this here is are am
    isn't aren't has have does do don't doesn't will won't can can't it's that's there's here's what's
    may might should maybe need needs""".split()
    + [BRACKET, INSERT, DASH]  # a sentence in brackets, or words between two dashes, weighed whatever its tense
)


def weighed(words: list[str]) -> bool:
    # (or a sentence that opens on an -ing word: "Going with second person so the dread sits with the reader.")
    return not _NOW_OR_PERSON.isdisjoint(words) or (bool(words) and words[0].endswith("ing"))


@dataclass(frozen=True)
class Model(Weights):
    def score(self, sentence: str, narrator_i: bool) -> float:
        return self._score(words_of(sentence), narrator_i)

    def weighs(self, words: list[str]) -> bool:
        """Whether a sentence's words (`marked`) are weighed: as `weighed` says, and (the fortieth round), whatever its
        words, a question ("Keep the mules or cut them?") or a sentence that opens on a word the measure has learned a
        writer's sentence opens on ("Keep the villagers offstage until the very end.", "Too many senses crammed in here,
        pick two?"): the writer's notes to itself are often commands, with no person and no tense."""
        return weighed(words) or (bool(words) and (words[-1] == QUESTION or self.weights.get(f"^{words[0]}", 0.0) > 0))

    def _score(self, words: list[str], narrator_i: bool) -> float:
        get = self.weights.get
        # fsum: the same total whatever order the set gives its tokens in (it moves with the hash seed, and a sum
        # in that order moved a sentence that scores the threshold itself across it, process by process).
        return self.bias + math.fsum(map(get, _tokens(words, narrator_i), repeat(0.0)))

    def aside(self, narration: str) -> str | None:
        """The first sentence of `narration` that scores above the threshold, or None."""
        narrator_i: bool | None = None
        # (of a story with a narrator: the sentences with an "I" in them, while each is over the threshold were its "I"
        # the writer's; None from the first that is not)
        writer: list[str] | None = []
        for sentence, found in sentences_and_words(narration):
            words = marked(sentence, found)
            if not self.weighs(words):
                continue
            if narrator_i is None:
                narrator_i = narrator_says_i(narration)
            if self._score(words, narrator_i) > self.threshold:
                return sentence
            if narrator_i and writer is not None and not _I_WORDS.isdisjoint(words):
                if self._score(words, False) > self.threshold:
                    writer.append(sentence)
                else:
                    writer = None
        # (the fifty-first round) The "I" that made the story a narrator's is all the writer's own: a third-person
        # story whose asides say "I" three times ("I'm putting a lot of weight on touch in this section", "I could
        # end on the fix, but I think..."). Without those sentences, no one says "I" at all.
        if writer and not says_i(_without(narration, writer)):
            return writer[0]
        return None


def _without(narration: str, parts: list[str]) -> str:
    for part in parts:
        narration = narration.replace(part.strip(), " ")
    return narration


@lru_cache(maxsize=1)
def model() -> Model:
    return Model.load(MODEL_PATH)


def aside(narration: str) -> str | None:
    return model().aside(narration)


def train(writer: Sequence[tuple[str, bool]], story: Sequence[tuple[str, bool, str]],
          subjects: frozenset[str], flagged: frozenset[str] = frozenset()) -> Model:
    """Learn the weights from the writer's sentences (sentence, narrator_i) and the story's sentences
    (sentence, narrator_i, answer id), leaving out tokens holding a word of `subjects`. The threshold is set
    on the answers of the story's sentences but those in `flagged` (the good answers the rules already reject as
    meta-talk, and meta-talk answers, whose story sentences are the story's but not a good answer's)."""
    import numpy as np

    positives = [tokens(sentence, narrator_i) for sentence, narrator_i in writer]
    story_rows: list[set[str]] = []
    answers_of: dict[str, set[str]] = {}
    for sentence, narrator_i, answer in story:
        found = tokens(sentence, narrator_i)
        story_rows.append(found)
        for token in found:
            answers_of.setdefault(token, set()).add(answer)
    for number, found in enumerate(positives):
        for token in found:
            answers_of.setdefault(token, set()).add(f"writer-{number}")
    barred = (subjects - KEEP_WORDS) | NEVER
    features = sorted(
        token for token, answers in answers_of.items()
        if len(answers) >= MIN_ANSWERS and not any(part.lstrip("~") in barred for part in token.split())
    )
    index = {token: column for column, token in enumerate(features)}
    rows: list[int] = []
    columns: list[int] = []
    for row, found in enumerate(positives + story_rows):
        for token in sorted(found):
            column = index.get(token)
            if column is not None:
                rows.append(row)
                columns.append(column)
    row_of, column_of = np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64)
    labels = np.array([1.0] * len(positives) + [0.0] * len(story_rows))
    n, d = len(labels), len(features)
    weight_of_row = np.where(labels == 1, (n - labels.sum()) / labels.sum(), 1.0)
    w, bias = np.zeros(d), 0.0
    for _ in range(STEPS):
        z = np.bincount(row_of, weights=w[column_of], minlength=n) + bias
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = (p - labels) * weight_of_row
        w -= RATE * (np.bincount(column_of, weights=g[row_of], minlength=d) / n + L2 * w / n)
        bias -= 0.5 * float(g.mean())
    weights = {features[j]: round(float(w[j]), 3) for j in range(d) if abs(w[j]) > PRUNE}
    bias = round(bias, 3)
    # The threshold: the score one good answer in a thousand reaches with its highest-scoring sentence (fitted on the
    # tail of the highest, tail_quantile).
    draft = Model(bias=bias, threshold=0.0, weights=weights)
    best: dict[str, float] = {}
    for sentence, narrator_i, answer in story:
        words = words_of(sentence)
        if answer not in flagged and draft.weighs(words):
            best[answer] = max(best.get(answer, -1e9), draft._score(words, narrator_i))
    threshold = round(tail_quantile(sorted(best.values()), GOOD_QUANTILE), 3)
    return Model(bias=bias, threshold=threshold, weights=weights)


def tail_quantile(ranked: Sequence[float], quantile: float, tail: int = TAIL) -> float:
    """The score a share 1 - `quantile` of answers reach (`ranked`: each answer's highest score, ascending), from an
    exponential fitted to the `tail` highest: the least of them, plus their mean excess over it times the log of how
    many more of them there are than answers expected over the quantile. Steadier than one order statistic: the 0.999
    quantile of ~5,000 answers is the 5th or 6th highest alone, which moved by a point as batches joined (6.0 to 7.1 on
    the tune half's folds, by file); the fit moves by 0.4 on the same folds."""
    count = len(ranked)
    expected = count * (1 - quantile)
    if count < tail or expected >= tail:
        return ranked[min(count - 1, int(quantile * count))]
    least = ranked[-tail]
    return least + math.fsum(score - least for score in ranked[-tail:]) / tail * math.log(tail / expected)
