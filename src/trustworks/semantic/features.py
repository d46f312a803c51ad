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


def turn_shapes(
    text: str, spans: Sequence[tuple[int, int]]
) -> tuple[list[tuple[float, ...]], tuple[float, ...]]:
    """``shape_features`` of each ``text[start:end]`` span (a turn's sentences) and of the
    whole text: the same figures, each word read once.

    The words of an ASCII turn are those of its sentences and of the stretches between them
    (a sentence starts and ends at a mark or a line end, which is no word's letter), so the
    turn's counts are their sums.
    """
    if not text.isascii():
        return [shape_features(text[a:b]) for a, b in spans], shape_features(text)
    letters = text.encode().translate(_ASCII_WORDS)
    you, me = _BYTE_SETS[2].__contains__, _BYTE_SETS[3].__contains__
    shapes: list[tuple[float, ...]] = []
    first: bytes | None = None
    words = yours = mine = 0
    at = 0
    for a, b in spans:
        if at < a and (between := letters[at:a].split()):
            first = first or between[0]
            words += len(between)
            yours += sum(map(you, between))
            mine += sum(map(me, between))
        said = letters[a:b].split()
        count, mine_here, yours_here = len(said), sum(map(me, said)), sum(map(you, said))
        opening = said[0] if said else None
        shapes.append(
            _shape_of(text.find("?", a, b) >= 0, opening, count, yours_here, mine_here, _BYTE_SETS)
        )
        first = first or opening
        words, yours, mine = words + count, yours + yours_here, mine + mine_here
        at = b
    if at < len(text) and (after := letters[at:].split()):
        first = first or after[0]
        words += len(after)
        yours += sum(map(you, after))
        mine += sum(map(me, after))
    return shapes, _shape_of("?" in text, first, words, yours, mine, _BYTE_SETS)


def _shape(
    text: str, words: Sequence[object], sets: tuple[frozenset[Any], ...]
) -> tuple[float, ...]:
    _, _, you, me = sets
    return _shape_of(
        "?" in text,
        words[0] if words else None,
        len(words),
        sum(map(you.__contains__, words)),
        sum(map(me.__contains__, words)),
        sets,
    )


def _shape_of(
    question: bool,
    first: object,
    words: int,
    yours: int,
    mine: int,
    sets: tuple[frozenset[Any], ...],
) -> tuple[float, ...]:
    """The shape from a text's counts: its first word (None for none), how many words, how
    many about the listener and about the speaker."""
    wh, aux = sets[0], sets[1]
    n = max(1, words)
    return (
        1.0 if question else 0.0,
        1.0 if first in wh else 0.0,
        1.0 if first in aux else 0.0,
        yours / n,
        mine / n,
        1.0 if words <= 4 else 0.0,
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
