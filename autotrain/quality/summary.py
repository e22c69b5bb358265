"""Told or summed up: a learned measure of whether a text tells a story or gives its plot, beside form.py's readings.

form.py knows the shapes of a summary the corpus has shown it (a back-cover blurb's tagline, "this story follows",
the whole arc told flat from "at first" to "in the end"); a synopsis in the plain middle register ("Over the
following weeks, Lira follows the map inland... Meanwhile, the landmarks begin to shift...") or a retelling in the
past ("Borrin took the commission without knowing whose king it was. He worked the forge for forty days...") has none
of them. What such a text has is its register: the plot's connectives and verbs ("when", "eventually", "realises",
"spends", "the final", "whether") said at a rate a story does not say them, and a story's scene ("said", "looked",
"hands", "the door", "like a") missing. This measure weighs the words and word pairs of a text (its speech too: the
words scoring.py has read already; learned from the narration alone, without speech, it did no better) by how often it
says them (learned.Rates: a logistic model over log rates), learned from the tune half's good answers and its outline
answers, the catalog's subject words left out so that what is learned is the register, not the topic.

The built-in writer's stories (llm/offline) tell their plot in a register of their own, formulaic ("The subtle weeks
that followed tested him more than he had thought possible."), that no writer of the corpus has: learned from the
corpus alone, the measure called 79 of the 3,000 stories of a default run (`quality_report.py --offline 1000`)
summaries. It learns from 3,000 of them too, from another plan (OFFLINE_SEED in train_learned.py), as stories: then
none of the default run's.

It is asked only of a text that quotes no one (scoring.py: no dialogue): a summary seldom quotes (eight of the 119
outline answers of the tune half it alone found, asked of them all, did), and the built-in writer's stories that do,
nearly half of them, are spared its cost (0.05 to 0.1 ms of CPU a text). form.py asks it too, of a text in numbered
points, whose list a story may keep (a found document, a character's own list): read as told, it is not an outline.

A text of MIN_WORDS words or more is a summary when it scores above the threshold: the score that all but GOOD_QUANTILE
of the good answers stay at or under, each scored with its batch left out of the learning (folds by corpus file), as a
story never seen is. (Set among the good answers of MIN_WORDS words or more alone, it is lower, and out of sample it
found one summary more of two fresh batches, and lost a good story of a third.) A text of SHORT_WORDS to MIN_WORDS words
is one when it scores above a bar of its own, `short_threshold`: the highest score of the good answers that short, out
of fold.

`scripts/train_learned.py` (`make learned`) writes summary.json from the corpus; a test checks the committed file is
what it writes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from autotrain.quality.learned import Rates, all_but, rates_learned

MODEL_PATH = Path(__file__).with_name("summary.json")
MIN_ANSWERS = 15  # tokens found in fewer answers are not weighed (names, rare words)
STEPS = 300
RATE = 0.5
L2 = 1.0
FOLDS = 5
GOOD_QUANTILE = 0.0005
# Asked only of a text of this many words or more: a shorter one says too few of them for their rates to mean much (the
# hand-written guards of good prose, micro-stories of 80 to 90 words that tell a habit and then a night, read to it as
# summaries), and the outlines it finds that form.py's readings miss are mostly longer (of the tune half's, out of fold,
# 62 are found when it is asked from 80 words and 39 from 100; from 100, no good answer the rules keep is lost).
MIN_WORDS = 100
# (the forty-eighth round) ...but a shorter text of SHORT_WORDS words or more (a blurb, a pitch of a paragraph or two) is
# asked too, against a bar of its own, learned: the highest score of a good answer that short, out of fold. Rates over
# so few words swing wide: the tune half's good answers of 60 to 99 words reach 3.85 where its longer ones stay under
# 2.9, and from 40 words 4.0; a hand-written guard of 51 words (a cook, a spellbook, every pot singing) reads 4.3. Over
# the bar, out of fold, no good answer of 60 to 99 words, and 26 of the outlines the rest of the filter keeps.
SHORT_WORDS = 60


def tokens(words: Sequence[str]) -> list[str]:
    """A text's words (lowercased, in order) and its word pairs ("the end", "and then")."""
    return [*words, *map(" ".join, zip(words, words[1:]))]


@dataclass(frozen=True)
class Model(Rates):
    short_threshold: float = math.inf  # the bar of a text of SHORT_WORDS to MIN_WORDS words

    def score(self, words: Sequence[str]) -> float:
        """How much the text of these words reads as a summary of a story; at the threshold or under, it is told."""
        return self.rated(tokens(words), len(words))

    def sums_up(self, words: Sequence[str]) -> bool:
        if len(words) >= MIN_WORDS:
            return self.score(words) > self.threshold
        return len(words) >= SHORT_WORDS and self.score(words) > self.short_threshold


@lru_cache(maxsize=1)
def model() -> Model:
    return Model.load(MODEL_PATH)


def train(
    texts: Sequence[tuple[list[str], bool, str]], subjects: frozenset[str], written: Sequence[list[str]] = ()
) -> Model:
    """Learn from (words of the text, a summary or not, corpus file) the weights, and the threshold from the good
    answers' scores with each one's fold left out. `written`: the words of stories by the built-in writer, learned from
    as stories (but not setting the threshold: they are not answers of the corpus)."""
    learned_from = [(tokens(words), len(words), summed_up, source) for words, summed_up, source in texts]
    learned_from += [(tokens(words), len(words), False, f"{WRITTEN}-{number}") for number, words in enumerate(written)]
    vocabulary, w, left_out = rates_learned(
        learned_from, lambda token: subjects.isdisjoint(token.split()), MIN_ANSWERS, FOLDS,
        steps=STEPS, rate=RATE, l2=L2,
    )
    good = np.array([not summed_up for _, summed_up, _ in texts] + [False] * len(written))
    threshold = round(all_but(left_out[good], GOOD_QUANTILE), 3)
    short = good & np.array([SHORT_WORDS <= n < MIN_WORDS for _, n, _, _ in learned_from])
    short_threshold = round(float(left_out[short].max()), 3) if short.any() else math.inf
    weights = {vocabulary[j]: round(float(w[j]), 4) for j in range(len(vocabulary)) if abs(w[j]) >= 1e-4}
    return Model(bias=round(float(w[-1]), 4), threshold=threshold, weights=weights, short_threshold=short_threshold)


WRITTEN = "written"  # (the built-in writer's stories, each its own "file", so that the folds share them out)
