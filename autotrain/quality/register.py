"""Story or exposition: a learned measure of a whole text's register, a second opinion for relevance.py.

The generic-word count of relevance.py weighs "is" and "has" as an essay's words, and so reads a short
present-tense scene ("It is four in the morning and the barn is warm") as an explainer. This measure weighs
every common word of the text by how often it is said (a logistic model over log rates: "most", "is", "who",
"that", "often" for exposition, "i", "her", "then", "had", "said" for a story), learned from the tune half's
good answers and its exposition answers, the catalog's subject words left out so that what is learned is the
register, not the topic.

Two thresholds. A text the generic-word count calls an essay is one only if this measure agrees, that is,
scores it above `threshold`: the score that misjudges fewest of the tune half's texts the count calls essays
(good ones lost, essays kept), each scored with its batch left out of the learning (folds by corpus file); it
was the score all but one in fifty exposition answers reach, until story-like essays joined the corpus and
pulled that under the present-tense scenes the measure exists to keep. A text under the generic-word level but not far
under it (relevance.REGISTER_LEVEL) is an essay when this measure alone is sure: it scores above `alone`, the
score that all but two in a thousand of the good answers in that band stay under with their batch left out. (It
was set among all the good answers, and a 40-word vignette over the level, a text `alone` never judges, moved it
from 2.37 to 3.17 and let twenty-two essays of the tune half through; the band's 318 good answers set it at 2.34.
One in a thousand of the band's ~630 good answers was their highest score alone: one found note written as a log
entry moved it from 2.16 to 2.65 and let fifteen essays through; two in a thousand is the second highest, 2.11 at
that change. A good answer the script reading rejects sets neither bar: its register changes no verdict, and minutes of
a meeting told in speakers' initials moved `alone` from 2.40 to 2.81.)
Further under the level it is not asked: the offline writer's formulaic stories ("a pawnbroker who knew every corner of...") say
few generic words, but two in a hundred of them read to the measure as exposition, a style no writer of the
corpus has.

`scripts/train_learned.py` (`make learned`) writes register.json from the corpus; a test checks the committed
file is what it writes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from autotrain.quality.learned import Rates, all_but, rates_learned

MODEL_PATH = Path(__file__).with_name("register.json")
MIN_ANSWERS = 15  # words found in fewer answers are not weighed (names, rare words)
STEPS = 300
RATE = 0.5
L2 = 1.0
FOLDS = 5
GOOD_QUANTILE = 0.002


@dataclass(frozen=True)
class Model(Rates):
    alone: float = math.inf  # over this score, a text under the generic-word level is an essay too

    def score(self, words: Sequence[str]) -> float:
        """How expository the text of these words (its narration's, lowercased) reads; at the threshold or
        under, it is a story."""
        return self.rated(words, len(words))


@lru_cache(maxsize=1)
def model() -> Model:
    return Model.load(MODEL_PATH)


def train(texts: Sequence[tuple[list[str], bool, str]], subjects: frozenset[str], asked: Sequence[bool],
          near: Sequence[bool]) -> Model:
    """Learn from (words of the narration, expository or not, corpus file) the weights, and the thresholds from
    the scores with each text's fold left out: `threshold` among the texts the generic-word count calls essays
    (`asked`), `alone` among the good ones it asks the measure alone of (`near`)."""
    vocabulary, w, left_out = rates_learned(
        [(words, len(words), expository, source) for words, expository, source in texts],
        lambda word: word not in subjects, MIN_ANSWERS, FOLDS,
        steps=STEPS, rate=RATE, l2=L2,
    )
    y = np.array([1.0 if expository else 0.0 for _, expository, _ in texts])
    over_level = np.array(asked, dtype=bool)
    threshold = round(fewest_errors(left_out[over_level], y[over_level]), 3)
    alone = round(all_but(left_out[(y == 0) & np.array(near, dtype=bool)], GOOD_QUANTILE), 3)
    weights = {vocabulary[j]: round(float(w[j]), 4) for j in range(len(vocabulary)) if abs(w[j]) >= 1e-4}
    return Model(bias=round(float(w[-1]), 4), threshold=threshold, weights=weights, alone=alone)


def fewest_errors(scores: np.ndarray, labels: np.ndarray) -> float:
    """The threshold (one of the scores) that misjudges fewest of these texts: good ones over it (called essays)
    and essays at it or under (kept); of equal ones, the highest (a good story lost costs more)."""
    order = np.argsort(scores, kind="stable")
    ranked, essay = scores[order], labels[order] == 1
    # with the threshold at ranked[i]: the good texts above i are lost, the essays at i or under are kept
    goods_above = (~essay).sum() - np.cumsum(~essay)
    essays_at_or_under = np.cumsum(essay)
    errors = goods_above + essays_at_or_under
    best = np.flatnonzero(errors == errors.min())[-1]
    return float(ranked[best])
