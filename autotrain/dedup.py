"""Near-duplicate detection per user: MinHash signatures of word 3-gram shingles, banded LSH lookup.

A signature is NUM_PERM 32-bit MinHash values stored as bytes (so it lives in a BinaryField and indexes
load without re-hashing). The values are exactly those of `datasketch.MinHash(num_perm=NUM_PERM, seed=SEED,
hashfunc=zlib.crc32)` fed the same shingles (a test holds us to it): datasketch keeps them in uint64 but
masks them below 2**32, so uint32 storage is lossless. Two things make it ~2x faster than calling
`MinHash.update_batch`: the permutations are drawn once at import (a MinHash built without
`permutations=` redraws them on every construction), and the `% (2**61 - 1)` of datasketch's universal
hashing is done with shifts and masks (a Mersenne prime) instead of numpy's slow uint64 division.
The permutations are drawn here the way datasketch draws them (same generator, same order), so the
service does not import datasketch at all: it pulls in scipy, ~0.45 s of every process's start-up.
datasketch stays the reference the tests compare against (requirements-dev.txt).

Shingles are hashed with CRC32: deterministic across processes and Python versions (the built-in `hash`
is salted per process, which would make stored signatures useless), and fast; MinHash's own random
affine permutations supply the mixing.

The rules only, no database: a worker's index of each user's kept examples, kept across chunks and
checked against the database, is autotrain/services/dedup_cache.py.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Hashable

import numpy as np

NUM_PERM = 128
SEED = 1
SIGNATURE_BYTES = NUM_PERM * 4
# Fewer words than this cannot form enough 3-grams to compare; such texts use their words instead.
MIN_WORDS_FOR_TRIGRAMS = 5

_MERSENNE = np.uint64((1 << 61) - 1)


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of the universal hash functions, exactly as `datasketch.MinHash._init_permutations`."""
    generator = np.random.RandomState(seed)
    pairs = [
        (generator.randint(1, _MERSENNE, dtype=np.uint64), generator.randint(0, _MERSENNE, dtype=np.uint64))
        for _ in range(num_perm)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a.copy(), b.copy()


_A, _B = _permutations(NUM_PERM, SEED)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHIFT = np.uint64(61)
_EMPTY = np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def _shingles(text: str) -> set[bytes]:
    """Word 3-grams, lowercased, punctuation dropped; the words themselves for very short texts."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    if len(words) < MIN_WORDS_FOR_TRIGRAMS:
        return set(map(str.encode, words))
    return set(map(str.encode, map(" ".join, zip(words, words[1:], words[2:]))))


def _minhash(shingles: set[bytes]) -> np.ndarray:
    if not shingles:
        return _EMPTY.copy()
    hashes = np.fromiter(map(zlib.crc32, shingles), dtype=np.uint64, count=len(shingles))
    # datasketch: ((a * h + b) % p) & MAX_HASH, uint64 arithmetic wrapping as it does there.
    x = np.multiply.outer(hashes, _A)
    x += _B
    high = x >> _SHIFT
    x &= _MERSENNE
    x += high  # x mod p == (x >> 61) + (x & p), at most one p too large
    x[x >= _MERSENNE] -= _MERSENNE
    x &= _MAX_HASH
    return x.min(axis=0)


def signature(text: str) -> bytes:
    """The text's MinHash as NUM_PERM little-endian uint32 values (SIGNATURE_BYTES bytes)."""
    return _minhash(_shingles(text or "")).astype("<u4").tobytes()


def _values(sig: bytes) -> np.ndarray:
    if len(sig) != SIGNATURE_BYTES:
        raise ValueError(f"a signature has {SIGNATURE_BYTES} bytes, got {len(sig)}")
    return np.frombuffer(sig, dtype="<u4")


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(_values(a) == _values(b))) / NUM_PERM


def _false_negative(threshold: float, bands: int, rows: int) -> float:
    # Probability that a pair exactly at the threshold shares no band.
    return (1.0 - threshold**rows) ** bands


def _banding(threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest chance candidates) that still finds a pair at the
    threshold with probability >= 99.5%. Candidates are verified against the full signature anyway."""
    best = (NUM_PERM, 1)
    for rows in range(1, NUM_PERM + 1):
        bands = NUM_PERM // rows
        if _false_negative(threshold, bands, rows) <= 0.005:
            best = (bands, rows)
    return best


class DedupIndex:
    """The kept examples of one user: finds a stored key whose estimated Jaccard >= threshold."""

    def __init__(self, threshold: float = 0.8) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.bands, self.rows = _banding(threshold)
        self._buckets: list[dict[bytes, list[Hashable]]] = [{} for _ in range(self.bands)]
        self._signatures: dict[Hashable, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def _band_keys(self, sig: bytes) -> list[bytes]:
        _values(sig)
        width = self.rows * 4
        return [sig[i * width : (i + 1) * width] for i in range(self.bands)]

    def add(self, key: Hashable, sig: bytes) -> None:
        sig = bytes(sig)  # a BinaryField may hand back a memoryview; band keys must be hashable bytes
        if key in self._signatures:
            # Re-adding a key (a refresh that overlaps) keeps the first signature; nothing to index twice.
            return
        for bucket, band in zip(self._buckets, self._band_keys(sig)):
            bucket.setdefault(band, []).append(key)
        self._signatures[key] = _values(sig)

    def find_duplicate(self, sig: bytes) -> Hashable | None:
        """The most similar stored key at or above the threshold, or None."""
        sig = bytes(sig)
        values = _values(sig)
        seen: set[Hashable] = set()
        best_key: Hashable | None = None
        best = -1
        needed = self.threshold * NUM_PERM
        for bucket, band in zip(self._buckets, self._band_keys(sig)):
            for key in bucket.get(band, ()):
                if key in seen:
                    continue
                seen.add(key)
                matches = int(np.count_nonzero(self._signatures[key] == values))
                if matches >= needed - 1e-9 and matches > best:
                    best_key, best = key, matches
        return best_key
