"""Hashed word and character n-gram features of one utterance, fast enough per utterance.

An utterance is lower-cased and tokenised; campsite words (``domain_words.txt``) become one
placeholder and numbers another, so the model learns the structure, not the item. Two
families of features are hashed into 2**18 buckets with CRC-32 (stable across processes,
unlike the salted ``hash()``):

- words: unigrams, bigrams and trigrams, with start and end marks ("<s> hello", "? </s>");
- characters: 2-5-grams inside each word padded with spaces (" ne", "need ").

Each family is scaled to unit length by 1/sqrt(its number of terms). A bucket may repeat in
the output; every consumer (a dot product, a scipy sparse matrix) adds repeats up, so a
repeated term weighs in proportion to its count. Merging repeats in Python would cost more
than the rest of the work together (see the model card for what was measured).
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import numpy.typing as npt

# Bumped whenever the same text would give different features; a model records it.
FEATURE_VERSION = 1
ITEM = "<item>"
NUMBER = "<num>"
# Numbers ("2.5", "3rd", "20k"), words (with inner apostrophes: "don't"), or any other
# single character that is not a space: "?", "!" and emoji carry much of small talk.
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*\w*|\w+(?:'\w+)*|[^\w\s]")
_WORD_SEED, _CHAR_SEED = zlib.crc32(b"word "), zlib.crc32(b"char ")
_START, _END = zlib.crc32(b"<s>"), zlib.crc32(b"</s>")
# A long-running process sees an open vocabulary; clearing now and then bounds the cache.
_CACHE_LIMIT = 200_000

Indices = npt.NDArray[np.int64]
Values = npt.NDArray[np.float32]


def _read_domain_words() -> frozenset[str]:
    text = resources.files("trustworks.learn").joinpath("domain_words.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


DOMAIN_WORDS = _read_domain_words()
DOMAIN_WORDS_SHA256 = hashlib.sha256("\n".join(sorted(DOMAIN_WORDS)).encode()).hexdigest()


def _fold(text: str) -> str:
    text = text.lower()
    if "’" in text or "‘" in text:  # typographic apostrophes, as phones and Word type them
        text = text.replace("’", "'").replace("‘", "'")
    return text


def normalise(token: str) -> str:
    """A lower-case token as the model sees it: campsite words and numbers as placeholders."""
    if token[0].isdigit():
        return NUMBER
    if token in DOMAIN_WORDS or token.split("'", 1)[0] in DOMAIN_WORDS:  # "water's"
        return ITEM
    return token


def tokens(text: str) -> list[str]:
    """The tokens the model sees.

    >>> tokens("I need 3 more Water!")
    ['i', 'need', '<num>', 'more', '<item>', '!']
    """
    return [normalise(t) for t in _TOKEN.findall(_fold(text))]


@dataclass(frozen=True, slots=True)
class FeatureConfig:
    """The featurizer's settings; a model stores them and is always read with its own."""

    buckets_log2: int = 18
    word_ngrams: int = 3  # word n-grams from unigrams up to this length
    char_min: int = 2
    char_max: int = 5
    word_weight: float = 1.0
    char_weight: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """The settings as JSON-ready values."""
        return asdict(self)


# What a whitespace-separated chunk ("water,") contributes: its tokens' hashes (a unigram's
# bucket is the low bits; a bigram's is the CRC of the right token's hash continued from
# the left one's), those hashes as bytes, and the character n-gram buckets of its words.
_Chunk = tuple[tuple[int, ...], tuple[bytes, ...], Indices]

_EMPTY_INDICES = np.zeros(0, dtype=np.int64)
_EMPTY_VALUES = np.zeros(0, dtype=np.float32)


class Featurizer:
    """Turns text into sparse (bucket, weight) features; the same text, the same features."""

    def __init__(self, config: FeatureConfig | None = None) -> None:
        self.config = config or FeatureConfig()
        self.buckets = 1 << self.config.buckets_log2
        self._mask = self.buckets - 1
        # Chunks repeat a lot (Zipf), so the regex and the character n-grams run once each.
        self._cache: dict[str, _Chunk] = {}

    def _grams(self, token: str) -> list[int]:
        padded = f" {token} "
        lo, hi = self.config.char_min, min(self.config.char_max, len(padded))
        return [
            zlib.crc32(padded[i : i + n].encode(), _CHAR_SEED) & self._mask
            for n in range(lo, hi + 1)
            for i in range(len(padded) - n + 1)
        ]

    def _chunk(self, chunk: str) -> _Chunk:
        hashes, grams = [], []
        for token in map(normalise, _TOKEN.findall(chunk)):
            hashes.append(zlib.crc32(token.encode(), _WORD_SEED))
            if token[0].isalpha() and self.config.char_weight:  # not a placeholder or "?"
                grams += self._grams(token)
        entry = (
            tuple(hashes),
            tuple(h.to_bytes(4, "little") for h in hashes),
            np.array(grams, dtype=np.int64),
        )
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[chunk] = entry
        return entry

    def sparse(self, text: str) -> tuple[Indices, Values]:
        """Bucket indices and weights; a bucket may repeat (its weights then add up)."""
        get, build = self._cache.get, self._chunk
        hashes: list[int] = [_START]
        keys: list[bytes] = []
        grams: list[Indices] = []
        for chunk in _fold(text).split():
            entry = get(chunk) or build(chunk)
            hashes += entry[0]
            keys += entry[1]
            grams.append(entry[2])
        if len(hashes) == 1:
            return _EMPTY_INDICES, _EMPTY_VALUES
        mask = self._mask
        words = [h & mask for h in hashes[1:]]
        if self.config.word_ngrams > 1:
            keys.append(_END.to_bytes(4, "little"))
            pairs = [zlib.crc32(k, h) for h, k in zip(hashes, keys, strict=True)]
            words += [p & mask for p in pairs]
            if self.config.word_ngrams > 2:  # a trigram continues its first bigram's CRC
                words += [zlib.crc32(k, p) & mask for p, k in zip(pairs, keys[1:], strict=False)]
        indices = np.concatenate((np.array(words, dtype=np.int64), *grams))
        values = np.empty(len(indices), dtype=np.float32)
        values[: len(words)] = self.config.word_weight / math.sqrt(len(words))
        if len(indices) > len(words):
            values[len(words) :] = self.config.char_weight / math.sqrt(len(indices) - len(words))
        return indices, values

    def features(self, text: str) -> dict[int, float]:
        """The features of one utterance as {bucket: weight}, repeats added up."""
        merged: dict[int, float] = {}
        for index, value in zip(*self.sparse(text), strict=True):
            merged[int(index)] = merged.get(int(index), 0.0) + float(value)
        return merged


@cache
def default_featurizer() -> Featurizer:
    """The featurizer with default settings, shared (its chunk cache too)."""
    return Featurizer()


def features(text: str) -> dict[int, float]:
    """The default featurizer's {bucket: weight} for one utterance.

    >>> features("I need more water") == features("I need more budget")
    True
    """
    return default_featurizer().features(text)
