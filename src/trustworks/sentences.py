"""Where sentences begin and end in an utterance: one definition for matcher and detectors."""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?\n]")
# One sentence: text up to and including its closing punctuation (a newline also ends one).
SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# A sentence ends inside a span when punctuation is followed by more text, or at a newline.
INNER_CUT = re.compile(r"[.!?]+\s|\n")
LONGEST_SENTENCE = 2_000  # characters looked at either side for a sentence's bounds
_MEANINGFUL_WORDS = 3  # "Okay." and "Right, sure." carry too little meaning to judge


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence of at least three words."""
    # Splitting no further than the third word tells the same, four times sooner.
    least = _MEANINGFUL_WORDS
    return [
        m.span() for m in SENTENCE.finditer(text) if len(m.group().split(None, least - 1)) >= least
    ]


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """Bounds of the sentence holding ``text[start:end]`` (or character ``start``), trimmed."""
    # Searched backwards within a bounded window: scanning from the start of the text for every
    # hit made a long unpunctuated transcript quadratic (seconds for one 40,000-character turn).
    # A "sentence" longer than the window is taken to end at the window's edges.
    floor = max(0, start - LONGEST_SENTENCE)
    # Each mark looked for in turn, without a generator's frames (a fifth of the call).
    left = (
        max(
            text.rfind(".", floor, start),
            text.rfind("!", floor, start),
            text.rfind("?", floor, start),
            text.rfind("\n", floor, start),
        )
        + 1
    )
    left = max(left, floor)
    after = start if end is None else end
    ceiling = min(len(text), after + LONGEST_SENTENCE)
    right_match = SENTENCE_END.search(text, after, ceiling)
    right = right_match.end() if right_match else ceiling
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


_WORD = re.compile(r"[a-z][a-z'-]+")
# Words that carry no content of their own: what is left is what a sentence is about.
_NO_CONTENT = frozenset(
    [
        "a",
        "about",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "at",
        "be",
        "because",
        "been",
        "being",
        "but",
        "can",
        "could",
        "don't",
        "for",
        "from",
        "get",
        "going",
        "got",
        "had",
        "has",
        "have",
        "he",
        "he's",
        "how",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "in",
        "into",
        "is",
        "it",
        "it's",
        "just",
        "kind",
        "know",
        "let's",
        "like",
        "lot",
        "many",
        "me",
        "more",
        "most",
        "much",
        "my",
        "not",
        "of",
        "ok",
        "okay",
        "on",
        "one",
        "onto",
        "or",
        "our",
        "out",
        "over",
        "really",
        "right",
        "she",
        "she's",
        "should",
        "so",
        "some",
        "sort",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "them",
        "then",
        "there",
        "there's",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "thing",
        "things",
        "think",
        "this",
        "to",
        "too",
        "uh",
        "um",
        "very",
        "was",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "well",
        "were",
        "what",
        "what's",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "yeah",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
    ]
)


def content_words(text: str) -> set[str]:
    """The lower-cased content words of ``text``, to tell when one turn restates another."""
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _NO_CONTENT}


_SIBILANT = ("ss", "x", "z", "ch", "sh")
_DOUBLED_KEPT = frozenset("lsz")  # "called", "missed", "buzzed" keep their double letter


def stem(word: str) -> str:
    """A word with its ending off, so that "workplace" and "workplaces", "worried" and
    "worries", "plans" and "planned", "need" and "needed" are the same word said back."""
    w = word
    if len(w) <= 3 or w.endswith("ss"):
        return w
    if w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    if w.endswith("es") and w[:-2].endswith(_SIBILANT):
        w = w[:-2]
    elif w.endswith("s"):
        w = w[:-1]
    for ending, least in (("ing", 4), ("ed", 3)):
        if w.endswith(ending) and not w.endswith("eed") and len(w) - len(ending) >= least:
            w = w[: -len(ending)]
            if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in _DOUBLED_KEPT:
                w = w[:-1]  # "planned" -> "plan"
            break
    return w[:-1] if w.endswith("e") and len(w) > 3 else w


def content_stems(text: str) -> set[str]:
    """The content words of ``text`` with their endings off."""
    return {stem(w) for w in content_words(text)}
