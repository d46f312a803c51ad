"""Cheap features beside the sentence vector: its shape, and how it echoes the other side."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from trustworks.sentences import content_words

_WORD = re.compile(r"[a-z']+")
_WH = frozenset(["what", "how", "why", "when", "where", "which", "who", "whom", "whose"])
_AUX = frozenset(
    [
        "do",
        "does",
        "did",
        "are",
        "is",
        "was",
        "were",
        "have",
        "has",
        "had",
        "can",
        "could",
        "would",
        "will",
        "should",
        "may",
        "might",
        "shall",
        "am",
    ]
)
_YOU = frozenset(["you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"])
_ME = frozenset(
    [
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "we're",
        "we've",
        "we'd",
        "we'll",
    ]
)
SHAPE_NAMES = ("question_mark", "opens_with_wh", "opens_with_aux", "you_share", "me_share", "short")
CONTEXT_NAMES = ("echo_cosine", "echo_words")


# ASCII text is read as bytes: every byte but a letter or an apostrophe made a space and
# capitals made small, ``split`` gives the words ``_WORD`` finds in the lower case, in a third
# of the time (the shape is read for every seller sentence and turn).
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or c == 39 else 32 for c in range(256)
)
_WORD_SETS = (_WH, _AUX, _YOU, _ME)
_BYTE_SETS = tuple(frozenset(w.encode() for w in words) for words in _WORD_SETS)


def shape_features(text: str) -> tuple[float, ...]:
    """Is it a question, and is it about the listener or the speaker?"""
    if text.isascii():
        return _shape(text, text.encode().translate(_ASCII_WORDS).split(), _BYTE_SETS)
    return _shape(text, _WORD.findall(text.lower()), _WORD_SETS)


def _shape(
    text: str, words: Sequence[object], sets: tuple[frozenset[Any], ...]
) -> tuple[float, ...]:
    wh, aux, you, me = sets
    first = words[0] if words else None
    n = max(1, len(words))
    return (
        1.0 if "?" in text else 0.0,
        1.0 if first in wh else 0.0,
        1.0 if first in aux else 0.0,
        sum(map(you.__contains__, words)) / n,
        sum(map(me.__contains__, words)) / n,
        1.0 if len(words) <= 4 else 0.0,
    )


def context_features(
    text: str, previous: str, vector: np.ndarray[Any, Any], previous_vector: np.ndarray[Any, Any]
) -> tuple[float, float]:
    """How closely the sentence restates the other person's last words, in meaning and words."""
    if not previous.strip():
        return (0.0, 0.0)
    cosine = float(np.dot(vector, previous_vector))
    return (cosine, echo_words(content_words(text), content_words(previous)))


def echo_words(mine: set[str], theirs: set[str]) -> float:
    """The share of a sentence's content words that the other person said."""
    return len(mine & theirs) / len(mine) if mine else 0.0
