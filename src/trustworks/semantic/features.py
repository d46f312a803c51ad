"""Cheap features beside the sentence vector: its shape, and how it echoes the other side."""

from __future__ import annotations

import re
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


def shape_features(text: str) -> tuple[float, ...]:
    """Is it a question, and is it about the listener or the speaker?"""
    words = _WORD.findall(text.lower())
    first = words[0] if words else ""
    n = max(1, len(words))
    return (
        1.0 if "?" in text else 0.0,
        1.0 if first in _WH else 0.0,
        1.0 if first in _AUX else 0.0,
        sum(map(_YOU.__contains__, words)) / n,
        sum(map(_ME.__contains__, words)) / n,
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
