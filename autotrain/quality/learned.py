"""What the filter's learned measures (asides.py, register.py, briefs.py) share: their weights as plain data, a
bias, a threshold and a weight per token (and what more a measure keeps), written and read as JSON beside the
module; and, for the two learned with folds by corpus file, the folds and the logistic fit."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
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
