"""Is it this brief's story? A learned measure of a text's fit to each catalog prompt, beside relevance.py's.

relevance.py asks whether a text names the prompt's core concepts from hand-written vocabularies, and how it
ranks among the catalog's prompts by those words. That misses both ways: an oblique literary story names its
brief in other words than the lists hold, and a story written for the prompt's world but not its premise
names enough of them in passing. This measure learns what the stories of each prompt talk about from the tune
half's good answers: a profile per catalog prompt (the tf-idf centroid of its good stories' stems and, at
TOPIC_WEIGHT, of its topic vocabulary; the TOP_STEMS heaviest kept), and asks how close a text is to its own
prompt's profile and to the closest other one (cosine). A logistic model over those two closenesses and the
share of core concepts named (relevance.py) says how far off the brief the text is; above the threshold it is.

It is learned (scripts/train_learned.py, `make learned`) with the corpus files split in FOLDS: the profiles that
give an answer its closeness are built without its own fold, as for a text never seen; the logistic weights are
learned on those closenesses, the good answers against the off-brief ones; the threshold is the score that all
but GOOD_LOSS of the good answers stay under with their fold left out of that learning too. A test checks the
committed briefs.json is what the tune half gives. Prompts outside the catalog have no profile: relevance.py's
own rules judge them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from autotrain.quality.learned import Weights, all_but, fit_logistic, folds_by_file
from autotrain.quality.stems import _stem_keys

MODEL_PATH = Path(__file__).with_name("briefs.json")
TOPIC_WEIGHT = 0.5  # the topic vocabulary counts as half a good story in a prompt's profile
TOP_STEMS = 300  # a profile keeps its heaviest stems only
FOLDS = 5
MIN_ANSWERS = 2  # a stem said in fewer of a prompt's good answers (a name, a one-off) is not in its profile
GOOD_LOSS = 0.005  # the share of good answers (out of fold) the threshold lets go
STEPS = 3000
RATE = 0.5
L2 = 0.01
FEATURES = ("own", "best_other", "cores")
WORD_CACHE = 100_000  # words whose row is remembered (cleared when full)
FLOOR = 0.01  # added to a closeness before its log: a text that shares nothing with a profile is 0


def stems(words: Iterable[str]) -> Counter[str]:
    """The text's stems (each word's first, words of three letters or more) and how often each is said."""
    counts = Counter(word for word in words if len(word) >= 3)
    found: Counter[str] = Counter()
    for word, count in counts.items():
        found[_stem_keys(word)[0]] += count
    return found


@dataclass(frozen=True)
class Model(Weights):
    idf: dict[str, float] = field(default_factory=dict)
    profiles: dict[str, dict[str, float]] = field(default_factory=dict)

    @cached_property
    def _index(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, dict[str, int]]:
        """Each stem's row, the profiles as a matrix (a column per prompt), each row's idf, each prompt's column."""
        rows = {stem: row for row, stem in enumerate(sorted(self.idf))}
        prompts = {prompt: column for column, prompt in enumerate(self.profiles)}
        matrix = np.zeros((len(rows), len(prompts)))
        for prompt, profile in self.profiles.items():
            for stem, weight in profile.items():
                matrix[rows[stem], prompts[prompt]] = weight
        return rows, matrix, np.array([self.idf[stem] for stem in sorted(self.idf)]), prompts

    @cached_property
    def _row_of_word(self) -> dict[str, int]:
        return {}

    def knows(self, prompt: str) -> bool:
        return prompt in self.profiles

    def counts_of_stems(self, found: Counter[str]) -> dict[int, int]:
        rows = self._index[0]
        return {rows[stem]: count for stem, count in found.items() if stem in rows}

    def counts_of_words(self, words: Iterable[str]) -> dict[int, int]:
        """What counts_of_stems(stems(words)) gives, by a cache of each word's row (-1: no stem of the profiles)."""
        rows, cache = self._index[0], self._row_of_word
        counts: dict[int, int] = {}
        for word, count in Counter(words).items():
            row = cache.get(word)
            if row is None:
                if len(cache) >= WORD_CACHE:
                    cache.clear()
                row = cache[word] = rows.get(_stem_keys(word)[0], -1) if len(word) >= 3 else -1
            if row >= 0:
                counts[row] = counts.get(row, 0) + count
        return counts

    def closeness(self, counts: dict[int, int], prompt: str) -> tuple[float, float]:
        """Cosine closeness of the text's stems (counts by row) to `prompt`'s profile and to the closest other
        prompt's."""
        if not counts:
            return 0.0, 0.0
        _, matrix, idf, prompts = self._index
        index = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
        vector = np.fromiter(counts.values(), dtype=float, count=len(counts)) * idf[index]
        norm = float(np.sqrt(vector @ vector)) or 1.0
        close = (vector @ matrix[index]) / norm
        own = prompts[prompt]
        mine = float(close[own])
        close[own] = -1.0
        return mine, float(close.max())

    def score(self, words: Iterable[str], prompt: str, cores_share: float) -> float:
        """How far off `prompt`'s brief the text of these words (lowercased) reads; over the threshold it is off."""
        own, other = self.closeness(self.counts_of_words(words), prompt)
        return _logit(self.weights, self.bias, (own, other, cores_share))


def _features(own: float, other: float, cores_share: float) -> tuple[float, float, float]:
    return math.log(own + FLOOR), math.log(other + FLOOR), cores_share


def _logit(weights: dict[str, float], bias: float, values: tuple[float, float, float]) -> float:
    return bias + sum(weights[name] * value for name, value in zip(FEATURES, _features(*values), strict=True))


@lru_cache(maxsize=1)
def model() -> Model:
    return Model.load(MODEL_PATH)


@dataclass(frozen=True)
class Answer:
    """One tune answer to learn from: its stems, its prompt, the share of the prompt's core concepts it names,
    whether it is off the brief (else good), and the corpus file it came from (folds go by file)."""

    stems: Counter[str]
    prompt: str
    cores_share: float
    off: bool
    source: str


def profiles(answers: Sequence[Answer], topics: dict[str, Counter[str]]) -> tuple[dict, dict]:
    """The idf of every stem and each prompt's profile (unit length, its TOP_STEMS heaviest stems) from the
    good answers given and the prompts' topic vocabularies."""
    summed: dict[str, Counter[str]] = {prompt: Counter() for prompt in topics}
    said_in: dict[str, Counter[str]] = {prompt: Counter() for prompt in topics}
    for answer in answers:
        if not answer.off and answer.prompt in summed:
            total = sum(answer.stems.values()) or 1
            summed[answer.prompt].update({stem: count / total for stem, count in answer.stems.items()})
            said_in[answer.prompt].update(answer.stems.keys())
    for prompt, profile in summed.items():
        for stem in [stem for stem in profile if said_in[prompt][stem] < MIN_ANSWERS]:
            del profile[stem]
    for prompt, topic in topics.items():
        total = sum(topic.values()) or 1
        summed[prompt].update({stem: TOPIC_WEIGHT * count / total for stem, count in topic.items()})
    holders = Counter(stem for profile in summed.values() for stem in profile)
    idf = {stem: math.log(len(summed) / n) for stem, n in holders.items() if n < len(summed)}
    shaped: dict[str, dict[str, float]] = {}
    for prompt, profile in summed.items():
        weighted = sorted(
            ((stem, value * idf[stem]) for stem, value in profile.items() if stem in idf), key=lambda i: (-i[1], i[0])
        )[:TOP_STEMS]
        norm = math.sqrt(sum(value * value for _, value in weighted)) or 1.0
        shaped[prompt] = {stem: value / norm for stem, value in weighted}
    kept = {stem for profile in shaped.values() for stem in profile}
    return {stem: value for stem, value in idf.items() if stem in kept}, shaped


def _out_of_fold(answers: Sequence[Answer], topics: dict[str, Counter[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The folds (by corpus file) and each answer's features, its closeness taken to profiles built without
    its fold (a column of ones last, for the bias)."""
    folds = folds_by_file([answer.source for answer in answers], FOLDS)
    x = np.zeros((len(answers), len(FEATURES) + 1))
    x[:, -1] = 1.0
    for fold in range(FOLDS):
        idf, shaped = profiles([a for a, f in zip(answers, folds, strict=True) if f != fold], topics)
        unseen = Model(bias=0.0, threshold=0.0, weights={}, idf=_rounded(idf), profiles=_rounded_profiles(shaped))
        for row in np.flatnonzero(folds == fold):
            answer = answers[row]
            own, other = unseen.closeness(unseen.counts_of_stems(answer.stems), answer.prompt)
            x[row, :-1] = _features(own, other, answer.cores_share)
    return folds, x


def _fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return fit_logistic(x, y, steps=STEPS, rate=RATE, l2=L2)


def cross_validated(answers: Sequence[Answer], topics: dict[str, Counter[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Each answer's score with its fold left out of everything learned, and the labels (1: off the brief)."""
    folds, x = _out_of_fold(answers, topics)
    y = np.array([1.0 if answer.off else 0.0 for answer in answers])
    left_out = np.zeros(len(answers))
    for fold in range(FOLDS):
        inside = folds != fold
        left_out[~inside] = x[~inside] @ _fit(x[inside], y[inside])
    return left_out, y


def train(answers: Sequence[Answer], topics: dict[str, Counter[str]]) -> Model:
    left_out, y = cross_validated(answers, topics)
    threshold = round(all_but(left_out[y == 0], GOOD_LOSS), 3)
    w = _fit(_out_of_fold(answers, topics)[1], y)
    idf, shaped = profiles(answers, topics)
    return Model(
        bias=round(float(w[-1]), 4),
        threshold=threshold,
        weights={name: round(float(w[j]), 4) for j, name in enumerate(FEATURES)},
        idf=_rounded(idf),
        profiles=_rounded_profiles(shaped),
    )


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {key: round(value, 4) for key, value in sorted(values.items())}


def _rounded_profiles(shaped: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {prompt: {stem: round(value, 4) for stem, value in profile.items()} for prompt, profile in shaped.items()}
