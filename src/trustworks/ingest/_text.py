"""Helpers shared by the parsers: cleaning text, merging segments into turns, line numbers."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from trustworks.conversation import Conversation, Turn
from trustworks.errors import FormatError

UNKNOWN_SPEAKER = "Unknown"
# Longer "names" are garbage (a 1 MB From: header); cut them so reports stay readable.
MAX_SPEAKER_CHARS = 200

# C0 and C1 control characters (and a stray BOM) become spaces: they carry no words, and
# left in a turn they upset terminals and reports. Tab and newline are whitespace already.
_CONTROLS: dict[int, str] = {c: " " for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), 0xFEFF)}
# A lone surrogate (a JSON "\ud800" escape, a bad byte in a command-line argument) is not a
# character: it cannot be printed, stored or tokenized, so it becomes the replacement mark.
_CONTROLS.update({c: "\ufffd" for c in range(0xD800, 0xE000)})


# Transcripts tokenised for NLP split a contraction from its word ("do n't", "ca n't", as the
# ACI-BENCH clinic transcripts are written): nobody says it that way, and every reader of "don't"
# would miss it. Nothing else writes a lone "n't".
_SPLIT_CONTRACTION = re.compile(r"(?<=[A-Za-z]) (?=n't\b)")
# ...and set punctuation off by a space ("okay . so , what that means , essentially , is"):
# read as written ("okay. so, what that means, essentially, is"), every "what that means, is"
# and "so, you..." of ordinary text applies to it.
_SPACED_PUNCTUATION = re.compile(r"(?<=\w) (?=[,.?!;:]+(?:\s|$))")


def clean(text: str) -> str:
    """Drop control characters, collapse every run of whitespace to one space, and undo what a
    tokeniser did to speech: "do n't" -> "don't", "okay . so , well" -> "okay. so, well"."""
    text = " ".join(text.translate(_CONTROLS).split())
    if " n't" in text:
        text = _SPLIT_CONTRACTION.sub("", text)
    if " ," in text or " ." in text or " ?" in text or " !" in text:
        text = _SPACED_PUNCTUATION.sub("", text)
    return text


@functools.lru_cache(maxsize=4096)
def fold(name: str) -> str:
    """Compare speaker names without caring about case or spacing."""
    return " ".join(name.casefold().split())


def excerpt(text: str, limit: int = 60) -> str:
    """Quote a piece of input for an error message, cut short so one huge line stays readable."""
    short = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(short)


@dataclass(slots=True)
class Segment:
    """One speaker's piece of text before merging: a cue, a line or a message."""

    speaker: str
    text: str
    line: int | None
    start: float | None = None
    end: float | None = None


def build_turns(segments: Iterable[Segment], *, merge: bool) -> tuple[Turn, ...]:
    """Turn segments into turns, dropping empty ones and merging runs by the same speaker.

    Texts are collected in lists and joined once, so a 100k-cue monologue stays linear.
    """
    groups: list[tuple[Segment, list[str]]] = []
    for seg in segments:
        text = clean(seg.text)
        speaker = clean(seg.speaker)[:MAX_SPEAKER_CHARS] or UNKNOWN_SPEAKER
        if not text:
            continue
        if merge and groups and fold(groups[-1][0].speaker) == fold(speaker):
            head, texts = groups[-1]
            texts.append(text)
            if head.start is None:
                head.start = seg.start
            if seg.end is not None:
                head.end = seg.end
            continue
        groups.append((Segment(speaker, "", seg.line, seg.start, seg.end), [text]))
    return tuple(
        Turn(
            speaker=head.speaker,
            text=" ".join(texts),
            start=head.start,
            end=head.end,
            line=head.line,
        )
        for head, texts in groups
    )


def make_conversation(
    segments: Iterable[Segment],
    *,
    source: str,
    fmt: str,
    merge: bool,
    what: str,
    subject: str = "",
    metadata: dict[str, str] | None = None,
) -> Conversation:
    """Build the Conversation, or fail when nothing was said; `what` names the missing units."""
    turns = build_turns(segments, merge=merge)
    if not turns:
        raise FormatError(source, f"no {what} with text: nothing to analyse")
    return Conversation(
        turns=turns, source=source, format=fmt, subject=subject, metadata=metadata or {}
    )


class LineIndex:
    """Map character offsets of a text to 1-based line numbers in O(log n) each."""

    def __init__(self, text: str) -> None:
        starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._starts = starts

    def line(self, offset: int) -> int:
        """The line holding character `offset` (offsets past the end give the last line)."""
        return bisect.bisect_right(self._starts, offset)

    def start(self, line: int) -> int:
        """The offset where 1-based `line` begins."""
        return self._starts[line - 1]
