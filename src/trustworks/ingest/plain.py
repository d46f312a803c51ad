"""Plain transcripts: "Name: text" lines, optionally timestamped, with continuation lines.

Accepted speaker lines::

    Jane Doe: Thanks for making the time today.
    [00:01:23] Jane Doe: ...        [1:23] Jane: ...        00:01:23 Jane: ...
    Jane Doe (00:01:23): ...        Jane Doe [00:01:23]: ...
    Jane Doe  00:01:23              (a header line; the text follows on the next lines)

Other lines continue the previous turn; blank lines are ignored.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest._speaker import MAX_LABEL_CHARS, Speakers
from trustworks.ingest._text import Segment, excerpt, make_conversation

# h:mm:ss, mm:ss or m:ss with optional milliseconds; bounded, so matching stays linear.
_TS = r"(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{2}(?:[.,][0-9]{1,3})?"
_LABEL = rf"([^:\[\]()\n]{{1,{MAX_LABEL_CHARS}}}?)"
# "[00:01:23] Jane: ...", "(1:23) Jane: ...", "00:01:23 - Jane: ..."
_LEADING_TS = re.compile(rf"[ \t]*(?:\[({_TS})\]|\(({_TS})\)|({_TS}))(?:[ \t]*[-–|][ \t]|[ \t]+|$)")
# "Jane (00:01:23): ..." and "Jane [00:01:23]: ..."
_LABEL_TS = re.compile(rf"[ \t]*{_LABEL}[ \t]*[\[(]({_TS})[\])][ \t]*:(?=\s|$)")
# "Jane Doe  00:01:23" alone on a line, the text below (Otter.ai exports)
_HEADER_TS = re.compile(rf"[ \t]*{_LABEL}(?:[ \t]{{2,}}|\t|[ \t]*\[)({_TS})\]?[ \t]*")
_HEADER_MAX_CHARS = MAX_LABEL_CHARS + 20


@dataclass(slots=True)
class _Line:
    """What one line of a plain transcript says."""

    speaker: str | None  # None for a continuation line
    text: str
    start: float | None = None
    only_time: bool = False  # a line holding just a timestamp, for the next speaker line


def seconds(stamp: str) -> float:
    """Seconds in "1:02:03.5", "02:03" or "2:03,500"."""
    clock, _, fraction = stamp.replace(",", ".").partition(".")
    total = 0
    for part in clock.split(":"):
        total = total * 60 + int(part)
    return total + (float("0." + fraction) if fraction else 0.0)


def _strip_leading_time(line: str) -> str:
    match = _LEADING_TS.match(line)
    return line if match is None else line[match.end() :]


def _classify(line: str, speakers: Speakers, *, opens_block: bool = True) -> _Line:
    """Read one non-blank line; `opens_block` says it follows a blank line or starts the text."""
    stamped = _LEADING_TS.match(line)
    if stamped is not None:
        rest = line[stamped.end() :]
        start = seconds(stamped.group(1) or stamped.group(2) or stamped.group(3))
        if not rest.strip():
            return _Line(None, "", start, only_time=True)
        split = speakers.split(rest)
        if split is not None:
            return _Line(split[0], split[1], start)
        # "[00:05:00] (inaudible)" drops its stamp; "10:30 works for me" is a time in the text.
        return _Line(None, line if stamped.group(3) else rest)
    labelled = _LABEL_TS.match(line)
    if labelled is not None and speakers.accepts(labelled.group(1).strip()):
        label = labelled.group(1).strip()
        speakers.add(label)
        return _Line(label, line[labelled.end() :], seconds(labelled.group(2)))
    split = speakers.split(line)
    if split is not None:
        return _Line(split[0], split[1])
    if len(line) <= _HEADER_MAX_CHARS:
        # "Jane Doe  0:03" opens a block in Otter exports; inside a turn, "Monday  10:30"
        # is text unless Monday already spoke.
        header = _HEADER_TS.fullmatch(line)
        label = header.group(1).strip() if header else ""
        if (
            header is not None
            and (opens_block or speakers.knows(label))
            and speakers.accepts(label)
        ):
            speakers.add(label)
            return _Line(label, "", seconds(header.group(2)))
    return _Line(None, line)


def _primed(lines: Iterable[str]) -> Speakers:
    speakers = Speakers()
    speakers.prime(_strip_leading_time(line) for line in lines)
    return speakers


def is_speaker_line(line: str) -> bool:
    """True when `line` alone reads as a plain-transcript speaker line."""
    return _classify(line, Speakers()).speaker is not None


def looks_like_plain(lines: Sequence[str]) -> bool:
    """True when some of `lines` (the head of an input) are speaker lines."""
    speakers = _primed(lines)
    return any(_classify(line, speakers).speaker is not None for line in lines)


def _one_message(source: str) -> str:
    # A draft e-mail or message has no speakers: `trustworks check` is what reads it.
    where = f" --file {source}" if not source.startswith("<") else ""
    return (
        "no line starts with a speaker's name ('Name: text'): this is one written message "
        f"(a draft?), not a conversation; to lint a draft use `trustworks check{where}`"
    )


def parse_plain(text: str, source: str, *, merge_consecutive: bool = True) -> Conversation:
    """Parse "Name: text" lines into a Conversation; lines before any speaker are an error."""
    lines = text.split("\n")
    speakers = _primed(lines)
    segments: list[Segment] = []
    parts: list[list[str]] = []
    pending_start: float | None = None
    opens_block = True
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            opens_block = True
            continue
        read = _classify(line, speakers, opens_block=opens_block)
        opens_block = False
        if read.only_time:
            pending_start = read.start
            continue
        if read.speaker is None:
            if not segments and not any(
                _classify(rest, speakers).speaker for rest in lines[number:]
            ):
                raise FormatError(source, _one_message(source))
            if not segments:
                raise FormatError(
                    source,
                    f"text before the first speaker: expected 'Name: text', got {excerpt(line)}",
                    number,
                )
            parts[-1].append(read.text)
            continue
        start = read.start if read.start is not None else pending_start
        pending_start = None
        segments.append(Segment(read.speaker, "", number, start))
        parts.append([read.text])
    for segment, texts in zip(segments, parts, strict=True):
        segment.text = " ".join(texts)
    # A turn ends when the next one starts, when the transcript says when that is.
    for segment, following in itertools.pairwise(segments):
        if segment.start is not None and following.start is not None:
            segment.end = max(segment.start, following.start)
    return make_conversation(
        segments, source=source, fmt="plain", merge=merge_consecutive, what="speaker lines"
    )
