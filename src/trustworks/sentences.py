"""Where sentences begin and end in an utterance: one definition for matcher and detectors."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?\n]")
# A sentence ends inside a span when punctuation is followed by more text, or at a newline.
INNER_CUT = re.compile(r"[.!?]+\s|\n")


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (or character ``start``), trimmed."""
    left = 0
    for found in SENTENCE_END.finditer(text, 0, start):
        left = found.end()
    right_match = SENTENCE_END.search(text, start if end is None else end)
    right = right_match.end() if right_match else len(text)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right
