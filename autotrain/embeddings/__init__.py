"""Embedders: texts in, one L2-normalised float32 row per text out, behind one small base class.

Two, chosen by `ZEGA_EMBEDDINGS` (registry.py): `hashing` (the default, offline; hashing.py) and
`openai:<model>` (any OpenAI-compatible `/v1/embeddings`; openai.py). Every vector is stored with its
embedder's `name` and `dimension`; memory search (autotrain.selectors.memory) compares only vectors of
the embedder configured now.
"""

from autotrain.embeddings.base import Embedder, EmbeddingError, from_bytes, normalize_rows, to_bytes  # noqa: F401
from autotrain.embeddings.hashing import HashingEmbedder  # noqa: F401
from autotrain.embeddings.registry import get_embedder  # noqa: F401
