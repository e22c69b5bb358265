"""The embedder interface: texts in, L2-normalised float32 rows out, and the stored form of a vector."""

from __future__ import annotations

import abc
from collections.abc import Sequence

import numpy as np


class EmbeddingError(Exception):
    """Embedding failed. `permanent=True` means retrying the same request cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Embedder(abc.ABC):
    """Texts in, one L2-normalised float32 row per text out."""

    # Stored with every entry; entries are comparable only when name and dimension both match.
    name: str

    @abc.abstractmethod
    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), dimension) float32 array of unit rows (a zero text gives a zero row)."""

    def embed_query(self, text: str) -> np.ndarray:
        """One vector for a search, made while someone waits for the answer."""
        return self.embed([text])[0]


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0).astype(np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    """The stored form: little-endian float32."""
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f4")
