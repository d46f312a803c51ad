"""A static sentence encoder: token ids to rows of an embedding matrix, averaged, normalised.

The matrix was distilled from all-MiniLM-L6-v2 with model2vec (``build_encoder.py``), so the
analyzer gets sentence meaning from numpy and a Rust tokenizer, with no torch and no network.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from tokenizers import Tokenizer

from trustworks.errors import TrustworksError

ENCODER_DIR = "encoder-static-256"
_MAX_TOKENS = 128  # a sentence longer than this is judged by its first 128 word pieces


class EncoderError(TrustworksError):
    """The shipped encoder is missing or damaged."""


@dataclass(frozen=True)
class StaticEncoder:
    """Mean of static token embeddings, L2-normalised; one row per text."""

    tokenizer: Tokenizer
    vectors: np.ndarray[Any, np.dtype[np.float32]]
    unknown_id: int | None

    @property
    def dims(self) -> int:
        """Length of each sentence vector."""
        return int(self.vectors.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """One normalised vector per text (zeros for a text with no known word piece)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        if not texts:
            return out
        for row, encoding in enumerate(
            self.tokenizer.encode_batch(texts, add_special_tokens=False)
        ):
            ids = [i for i in encoding.ids[:_MAX_TOKENS] if i != self.unknown_id]
            if ids:
                out[row] = self.vectors[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def load_encoder(folder: Path) -> StaticEncoder:
    """Read an encoder folder: ``tokenizer.json``, ``vectors.npy`` and ``config.json``."""
    try:
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        vectors = np.load(folder / "vectors.npy", allow_pickle=False).astype(np.float32)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, Exception) as error:  # tokenizers raises a bare Exception
        raise EncoderError(f"cannot read the sentence encoder in {folder}: {error}") from None
    if vectors.ndim != 2 or vectors.shape[0] != tokenizer.get_vocab_size():
        raise EncoderError(
            f"{folder}: vectors.npy has shape {vectors.shape}, the tokenizer "
            f"{tokenizer.get_vocab_size()} word pieces"
        )
    tokenizer.no_padding()
    tokenizer.no_truncation()
    unknown = config.get("unknown_token_id")
    return StaticEncoder(tokenizer, vectors, unknown if isinstance(unknown, int) else None)


@lru_cache(maxsize=1)
def default_encoder() -> StaticEncoder:
    """The encoder shipped inside the package, loaded once."""
    folder = resources.files("trustworks.semantic") / "models" / ENCODER_DIR
    return load_encoder(Path(str(folder)))
