"""`hashing` (the default, offline): feature hashing of word unigrams, word bigrams and character
n-grams into a fixed number of signed buckets, sub-linear term weights, L2-normalised. Purely lexical,
but real: texts that share words and word pieces ("dragon" / "dragons") end up close."""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from collections.abc import Sequence

import numpy as np

from autotrain.embeddings.base import Embedder

# Words that say nothing about what a passage is about; without an IDF table they would dominate.
_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours out over own same she should so some
    such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours story stories tale write about""".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _stem(word: str) -> str:
    """English plurals folded to the singular ("dragons" -> "dragon", "stories" -> "story"), nothing
    more: the character n-grams already relate the other forms of a word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class HashingEmbedder(Embedder):
    """Feature hashing of words, word bigrams and character n-grams (offline, deterministic).

    Weights: a word (its plural folded) counts 1.0, a bigram 0.5, and the n-grams of a word share about
    1.0 between them, so a long word is not worth more than a short one. Term frequency is damped
    (1 + log tf). The bucket and the sign of a feature come from CRC-32, which (unlike `hash()`) is the
    same in every process, so vectors stored by one worker are comparable with a query embedded by
    another.
    """

    # Bump when the features change: the name is stored with every vector.
    VERSION = 1

    def __init__(self, *, dimension: int = 512, ngram_range: tuple[int, int] = (3, 5)) -> None:
        if dimension < 16:
            raise ValueError("dimension must be at least 16")
        self.dimension = dimension
        self.ngram_range = ngram_range
        self.name = f"hashing-v{self.VERSION}"

    def __repr__(self) -> str:
        return f"HashingEmbedder(dimension={self.dimension})"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            matrix[row] = self._vector(text)
        return matrix

    def features(self, text: str) -> dict[str, float]:
        """Feature -> weight, before hashing (exposed for tests and debugging)."""
        words = [w for w in _WORD.findall(unicodedata.normalize("NFKC", text).casefold()) if w]
        content = [w for w in words if w not in _STOPWORDS and not w.isdigit()]
        counts: dict[str, float] = {}

        def add(feature: str, weight: float) -> None:
            counts[feature] = counts.get(feature, 0.0) + weight

        low, high = self.ngram_range
        for word in content:
            add(f"w:{_stem(word)}", 1.0)
            padded = f"<{word}>"
            grams = [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]
            for gram in grams:
                add(f"c:{gram}", 1.0 / math.sqrt(len(grams)))
        stems = [_stem(word) for word in content]
        for first, second in zip(stems, stems[1:], strict=False):
            add(f"b:{first} {second}", 0.5)
        return counts

    def _vector(self, text: str) -> np.ndarray:
        features = self.features(text)
        if not features:
            return np.zeros(self.dimension, dtype=np.float32)
        buckets = np.empty(len(features), dtype=np.int64)
        weights = np.empty(len(features), dtype=np.float64)
        for i, (feature, weight) in enumerate(features.items()):
            digest = zlib.crc32(feature.encode("utf-8"))
            buckets[i] = digest % self.dimension
            # The top bit picks the sign, so collisions cancel out on average instead of piling up.
            sign = -1.0 if digest & 0x80000000 else 1.0
            # Damped: a word said ten times is not ten times as telling.
            weights[i] = sign * (1.0 + math.log(weight)) if weight >= 1.0 else sign * weight
        vector = np.bincount(buckets, weights=weights, minlength=self.dimension)
        norm = np.linalg.norm(vector)
        return (vector / norm if norm > 0 else vector).astype(np.float32)
