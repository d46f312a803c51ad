"""Recognise "Name: text" speaker labels without mistaking prose for a speaker.

A label is at most five words and 60 characters, has no sentence punctuation and is
followed by a colon and a space. A label never seen before must also look like a name
(every word capitalised, bar particles such as "van" or "de"), so "The key point: we
need X" inside a turn stays text; labels seen before, or lowercase handles that recur
at line starts ("jdoe: ..."), are accepted as they are.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from trustworks.ingest._text import fold

MAX_LABEL_CHARS = 60
MAX_LABEL_WORDS = 5

# Words that end in a colon at a line start but introduce notes, headings or replies.
NOT_SPEAKERS = frozenset(
    {
        "action items", "agenda", "answer", "attendees", "cc", "date", "duration", "edit",
        "e.g", "fw", "fwd", "i.e", "important", "location", "meeting", "nb", "next steps",
        "note", "notes", "p.s", "participants", "ps", "re", "recording", "subject",
        "summary", "tel", "time", "title", "to", "todo", "transcript", "update", "warning",
        "from", "sent", "http", "https", "ftp", "mailto", "www",
    }
)  # fmt: skip

# Lowercase words that belong inside names ("Ludwig van Beethoven", "Ana de la Cruz").
_PARTICLES = frozenset(
    {"al", "bin", "da", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
     "la", "le", "les", "van", "von", "y", "ten", "ter", "of", "and", "&"}
)  # fmt: skip

# Letters, digits, spaces and the few marks names use; bounded input, so no backtracking risk.
_LABEL_CHARS = re.compile(r"[\w .'’()&@#+\-]+")
_PARENS = re.compile(r"\([^()]*\)")


def _word_is_namelike(word: str, first: bool) -> bool:
    head = word[0]
    if head.isdigit() or head in "#@":
        return not first or head in "#@"
    if not head.isalpha():
        return False
    if head.isupper() or not head.islower():  # capitalised, or a script without case
        return True
    return not first and word in _PARTICLES


# Labels repeat on every line of a transcript: caching the checks halves parse time.
@functools.lru_cache(maxsize=4096)
def label_shape_ok(label: str) -> bool:
    """True when `label` could be a speaker label at all: short, few words, no sentence marks."""
    if not 0 < len(label) <= MAX_LABEL_CHARS or not _LABEL_CHARS.fullmatch(label):
        return False
    words = label.split()
    if not 0 < len(words) <= MAX_LABEL_WORDS or not any(c.isalpha() for c in label):
        return False
    if fold(label).rstrip(".") in NOT_SPEAKERS:
        return False
    # A period only ends a short abbreviation ("Dr.", "J."), never a sentence inside a label.
    return all(len(w) <= 4 and w.endswith(".") for w in words if "." in w)


@functools.lru_cache(maxsize=4096)
def is_namelike(label: str) -> bool:
    """True when every word of `label` (outside parentheses) is capitalised, bar particles."""
    words = _PARENS.sub(" ", label).split()
    return bool(words) and all(_word_is_namelike(w, i == 0) for i, w in enumerate(words))


def label_before_colon(line: str) -> tuple[str, str] | None:
    """Split "Label: rest" when the colon comes early and is followed by a space or the end."""
    stripped = line.lstrip()
    colon = stripped.find(":", 0, MAX_LABEL_CHARS + 1)
    if colon <= 0:
        return None
    after = stripped[colon + 1 : colon + 2]
    # "https://x", "10:30" and "a:b" have no space after the colon.
    if after and not after.isspace():
        return None
    return stripped[:colon].strip(), stripped[colon + 1 :].strip()


class Speakers:
    """Speaker labels accepted so far in one source, used to read "Name: text" lines."""

    def __init__(self) -> None:
        self._known: set[str] = set()

    def prime(self, lines: Iterable[str], *, min_count: int = 3) -> None:
        """Accept short labels that start many lines even if they do not look like names."""
        counts: Counter[str] = Counter()
        for line in lines:
            split = label_before_colon(line)
            if split and label_shape_ok(split[0]) and len(split[0].split()) <= 2:
                counts[fold(split[0])] += 1
        self._known.update(label for label, n in counts.items() if n >= min_count)

    def accepts(self, label: str) -> bool:
        """True when `label` is a speaker: one seen before, or a new one that looks like a name."""
        if not label_shape_ok(label):
            return False
        return fold(label) in self._known or is_namelike(label)

    def knows(self, label: str) -> bool:
        """True when `label` was accepted before (or primed) in this source."""
        return fold(label) in self._known

    def add(self, label: str) -> None:
        """Remember `label` as a speaker of this source."""
        self._known.add(fold(label))

    def split(self, line: str) -> tuple[str, str] | None:
        """("Jane Doe", "hello") for "Jane Doe: hello", or None when the line has no label."""
        split = label_before_colon(line)
        if split is None or not self.accepts(split[0]):
            return None
        self.add(split[0])
        return split
