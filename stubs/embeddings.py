"""The stub's embeddings: deterministic unit vectors, in the wire format the client asked for."""

from __future__ import annotations

import array
import base64
import hashlib
import json
import math
import re
import sys
from typing import Any

EMBEDDING_DIMENSIONS = 64


def hashed_embedding(text: str) -> list[float]:
    """A deterministic unit vector: signed feature hashing of words, so shared words mean similarity."""
    vector = [0.0] * EMBEDDING_DIMENSIONS
    tokens = re.findall(r"\w+", text.lower()) or [text]
    for token in tokens:
        digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
        vector[digest[0] % EMBEDDING_DIMENSIONS] += 1.0 if digest[1] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


def embedding_inputs(raw: Any) -> list[str] | None:
    """The texts of an embeddings request's `input` (a string, a token list, or a list of either)."""
    single = isinstance(raw, str) or (isinstance(raw, list) and raw and isinstance(raw[0], int))
    inputs = [raw] if single else raw
    if not isinstance(inputs, list) or not inputs:
        return None
    return [item if isinstance(item, str) else json.dumps(item) for item in inputs]


def embedding_data(texts: list[str], encoding_format: str | None) -> list[dict[str, Any]]:
    data = []
    for index, text in enumerate(texts):
        vector = hashed_embedding(text)
        if encoding_format == "base64":  # what openai-python asks for by default
            packed = array.array("f", vector)
            if sys.byteorder == "big":
                packed.byteswap()  # the wire format is little-endian float32
            embedding: Any = base64.b64encode(packed.tobytes()).decode()
        else:
            embedding = vector
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    return data
