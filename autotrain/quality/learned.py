"""What the filter's learned measures (asides.py, register.py, summary.py, briefs.py) share: their weights as plain
data, a bias, a threshold and a weight per token (and what more a measure keeps), written and read as JSON beside the
module; for those learned with folds by corpus file, the folds and the logistic fit; and, for the two that weigh a
whole text's words by how often it says them (register.py, summary.py), that weighing and its learning."""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Self

import numpy as np


@dataclass(frozen=True)
class Weights:
    bias: float
    threshold: float
    weights: dict[str, float]

    def to_json(self) -> str:
        ordered = dict(sorted(self.weights.items(), key=lambda item: (-item[1], item[0])))
        more = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("bias", "threshold", "weights")}
        return json.dumps({"bias": self.bias, "threshold": self.threshold, "weights": ordered, **more}, indent=0) + "\n"

    @classmethod
    def load(cls, path: Path) -> Self:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(**raw)


def fit_logistic(x: np.ndarray, y: np.ndarray, *, steps: int, rate: float, l2: float) -> np.ndarray:
    """Logistic weights by full-batch gradient descent (deterministic: the same files from the same corpus), the
    two labels weighed alike however many of each there are."""
    weight_of_row = np.where(y == 1, (len(y) - y.sum()) / max(y.sum(), 1.0), 1.0)
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        w -= rate * (x.T @ ((p - y) * weight_of_row) / len(y) + l2 * w / len(y))
    return w


def folds_by_file(sources: Sequence[str], folds: int) -> np.ndarray:
    """Each answer's fold, by the corpus file it came from (a batch is never split between learning and
    measuring: its writer's habits would be learned and then found again). A file's fold is a checksum of its
    name, so a batch joining the corpus goes to one fold and leaves every other file where it was (numbered in
    sorted order, a new file moved every file after it to another fold, and the thresholds jumped with it)."""
    return np.array([zlib.crc32(source.encode()) % folds for source in sources])


def all_but(scores: np.ndarray, share: float) -> float:
    """The score that all but `share` of these (good answers' scores, out of fold) stay at or under."""
    ranked = np.sort(scores)[::-1]
    return float(ranked[int(share * len(ranked))])


# A whole text's measure by rates: each token weighed by log(1 + its count per RATE_SCALE words of the text).
RATE_SCALE = 100.0


@dataclass(frozen=True)
class Rates(Weights):
    def rated(self, tokens: Sequence[str], words: int) -> float:
        """The score of a text of `words` words saying these tokens (its words, or its words and word pairs)."""
        n = words or 1
        get = self.weights.get
        return self.bias + sum(
            weight * math.log1p(RATE_SCALE * count / n)
            for token, count in Counter(tokens).items()
            if (weight := get(token)) is not None
        )


def rates_learned(
    texts: Sequence[tuple[Sequence[str], int, bool, str]], kept: Callable[[str], bool], min_answers: int,
    folds: int, *, steps: int, rate: float, l2: float,
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Of texts (tokens, word count, positive or not, corpus file): the tokens weighed (said in `min_answers` texts
    or more, and `kept`), the logistic weights learned from all of them (the bias last), and each text's score with
    its fold (by file) left out of the learning. The texts' rates are kept sparse (a text says a few hundred of
    the tens of thousands of tokens), as (row, column, value) entries."""
    answers: Counter[str] = Counter()
    for tokens, _, _, _ in texts:
        answers.update(set(tokens))
    vocabulary = sorted(token for token, n in answers.items() if n >= min_answers and kept(token))
    index = {token: column for column, token in enumerate(vocabulary)}
    bias = len(vocabulary)
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    for row, (tokens, words, _, _) in enumerate(texts):
        n = words or 1
        for token, count in Counter(tokens).items():
            column = index.get(token)
            if column is not None:
                rows.append(row)
                columns.append(column)
                values.append(math.log1p(RATE_SCALE * count / n))
        rows.append(row)
        columns.append(bias)
        values.append(1.0)
    row_of, column_of, value_of = np.array(rows), np.array(columns), np.array(values)
    y = np.array([1.0 if positive else 0.0 for _, _, positive, _ in texts])
    fold_of = folds_by_file([source for _, _, _, source in texts], folds)

    def fit(learned_from: np.ndarray) -> np.ndarray:  # (a mask of the texts)
        entries = learned_from[row_of]
        renumbered = np.cumsum(learned_from) - 1
        return _fit_sparse(renumbered[row_of[entries]], column_of[entries], value_of[entries], y[learned_from],
                           bias + 1, steps=steps, rate=rate, l2=l2)

    left_out = np.zeros(len(texts))
    for fold in range(folds):
        w = fit(fold_of != fold)
        scores = np.bincount(row_of, weights=value_of * w[column_of], minlength=len(texts))
        left_out[fold_of == fold] = scores[fold_of == fold]
    return vocabulary, fit(np.ones(len(texts), dtype=bool)), left_out


def _fit_sparse(rows: np.ndarray, columns: np.ndarray, values: np.ndarray, y: np.ndarray, width: int, *, steps: int,
                rate: float, l2: float) -> np.ndarray:
    """fit_logistic on a matrix given by its (row, column, value) entries."""
    n = len(y)
    weight_of_row = np.where(y == 1, (n - y.sum()) / max(y.sum(), 1.0), 1.0)
    w = np.zeros(width)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(np.bincount(rows, weights=values * w[columns], minlength=n), -30, 30)))
        g = (p - y) * weight_of_row
        w -= rate * (np.bincount(columns, weights=values * g[rows], minlength=width) / n + l2 * w / n)
    return w
