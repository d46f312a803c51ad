"""WebVTT captions (Zoom, Teams, Meet): cues with <v Name> voice tags or "Name: text" lines.

webvtt-py reads the file, but silently drops cues it cannot read, so every block is
checked here first, line by line, to report a broken cue with its line number.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest._speaker import Speakers
from trustworks.ingest._text import UNKNOWN_SPEAKER, Segment, excerpt, make_conversation

# The timestamps webvtt-py reads: [h:]mm:ss.ttt, with short fields allowed.
_TS = r"([0-9]{1,10}:)?([0-9]{1,2}):([0-9]{1,2})\.([0-9]{1,3})"
_TIMING = re.compile(rf"[ \t]*({_TS})[ \t]*-->[ \t]*({_TS})(?=[ \t]|$)")
_BLOCK_KEYWORDS = ("NOTE", "STYLE", "REGION")


@dataclass(frozen=True, slots=True)
class _Cue:
    line: int  # where the cue block begins
    start_ms: int
    end_ms: int


def _milliseconds(hours: str | None, minutes: str, secs: str, fraction: str) -> int | None:
    if int(minutes) > 59 or int(secs) > 59:
        return None
    hours_value = int(hours[:-1]) if hours else 0
    return ((hours_value * 60 + int(minutes)) * 60 + int(secs)) * 1000 + int(fraction.ljust(3, "0"))


def _stamp_ms(stamp: str) -> int | None:
    match = re.fullmatch(_TS, stamp)
    return None if match is None else _milliseconds(*match.groups())


def _blocks(lines: Sequence[str], first: int) -> Iterator[list[tuple[int, str]]]:
    """Yield blocks of (line number, line) split exactly as webvtt-py splits them.

    A block ends at an empty line; a "-->" line that cannot be the block's timing line
    starts a new block.
    """
    block: list[tuple[int, str]] = []
    in_header = True
    for number, line in enumerate(lines, start=first):
        starts_new = bool(
            block and "-->" in line and (in_header or len(block) > 1 or "-->" in block[0][1])
        )
        if (not line or starts_new) and block:
            yield block
            block = []
            in_header = False
        if line:
            block.append((number, line))
    if block:
        yield block


def _check_cue(block: list[tuple[int, str]], source: str) -> _Cue | None:
    arrows = [(number, line) for number, line in block[:2] if "-->" in line]
    if not arrows:
        if block[0][1].startswith(_BLOCK_KEYWORDS):
            return None
        raise FormatError(
            source,
            f"text outside a cue: expected a timing line 'hh:mm:ss.mmm --> hh:mm:ss.mmm' "
            f"before {excerpt(block[0][1])}",
            block[0][0],
        )
    number, line = arrows[0]
    match = _TIMING.match(line)
    start = end = None
    if match is not None:
        groups = match.groups()
        start = _milliseconds(*groups[1:5])
        end = _milliseconds(*groups[6:10])
    if start is None or end is None:
        hint = " (WebVTT writes '.' before milliseconds)" if "," in line[:40] else ""
        raise FormatError(source, f"malformed cue timing {excerpt(line)}{hint}", number)
    if end < start:
        raise FormatError(source, f"cue ends before it starts: {excerpt(line)}", number)
    return _Cue(block[0][0], start, end)


def _voiced_pieces(raw: str) -> list[tuple[str | None, str]]:
    """Split cue text into (voice, text) pieces, dropping every tag; linear in the text.

    "<v Jane Doe>Hi</v> <i>there</i>" -> [("Jane Doe", "Hi"), (None, " there")]
    """
    pieces: list[tuple[str | None, str]] = []
    voice: str | None = None
    texts: list[str] = []  # text of the current voice, joined once so many tags stay linear

    def flush() -> None:
        joined = "".join(texts)
        texts.clear()
        if joined:
            pieces.append((voice, html.unescape(joined)))

    pos = 0
    while True:
        opening = raw.find("<", pos)
        closing = raw.find(">", opening + 1) if opening >= 0 else -1
        if closing < 0:  # a "<" with no ">" after it is text, as in WebVTT
            break
        texts.append(raw[pos:opening])
        tag = raw[opening + 1 : closing]
        if tag[:1] == "v" and (len(tag) == 1 or tag[1] in " \t."):
            flush()
            parts = tag.split(None, 1)
            voice = parts[1].strip() if len(parts) > 1 else None
        elif tag[:2] == "/v":
            flush()
            voice = None
        pos = closing + 1
    texts.append(raw[pos:])
    flush()
    return pieces


def _cue_segments(
    raw: str, cue: _Cue | None, speakers: Speakers, start: float, end: float
) -> list[Segment]:
    line = cue.line if cue else None
    segments: list[Segment] = []
    for voice, text in _voiced_pieces(raw):
        if voice:
            segments.append(Segment(voice, text, line, start, end))
            continue
        # No voice tag: Zoom writes "Name: text" inside the cue instead.
        for text_line in text.split("\n"):
            split = speakers.split(text_line)
            if split is not None:
                segments.append(Segment(split[0], split[1], line, start, end))
            elif segments:
                segments[-1].text += " " + text_line
            elif text_line.strip():
                segments.append(Segment(UNKNOWN_SPEAKER, text_line, line, start, end))
    return segments


def parse_vtt(text: str, source: str, *, merge_consecutive: bool = True) -> Conversation:
    """Parse WebVTT captions into a Conversation, one turn per speaker run."""
    lines = text.split("\n")
    offset = 0
    while offset < len(lines) and not lines[offset].strip():
        offset += 1
    if offset == len(lines) or not lines[offset].startswith("WEBVTT"):
        got = excerpt(lines[offset]) if offset < len(lines) else "nothing"
        raise FormatError(
            source,
            f"missing WEBVTT header: the first line must be 'WEBVTT', got {got}",
            min(offset + 1, len(lines)),
        )
    body = lines[offset:]
    cues: list[_Cue] = []
    metadata: dict[str, str] = {}
    for index, block in enumerate(_blocks(body, offset + 1)):
        if index == 0:
            # The header block: WEBVTT and its metadata lines ("Date: 2026-11-09", which the
            # ledger takes as the day of the call).
            for _, line in block[1:]:
                key, colon, value = line.partition(":")
                if colon and key.strip() and "-->" not in line:
                    metadata[key.strip().lower()] = value.strip()
            continue
        cue = _check_cue(block, source)
        if cue is not None:
            cues.append(cue)
    try:
        captions = webvtt.from_string("\n".join(body)).captions
    except (MalformedFileError, MalformedCaptionError, ValueError) as exc:
        raise FormatError(source, f"not valid WebVTT: {exc}") from None

    speakers = Speakers()
    speakers.prime(line for caption in captions for line in caption.lines)
    segments: list[Segment] = []
    position = 0
    for caption in captions:
        start_ms, end_ms = _stamp_ms(caption.start), _stamp_ms(caption.end)
        # Captions come in file order: walk the checked cues to find this one's line.
        while position < len(cues) and (cues[position].start_ms, cues[position].end_ms) != (
            start_ms,
            end_ms,
        ):
            position += 1
        cue = cues[position] if position < len(cues) else None
        if cue is not None:
            position += 1
        start = (start_ms or 0) / 1000
        end = (end_ms or 0) / 1000
        segments.extend(_cue_segments("\n".join(caption.lines), cue, speakers, start, end))
    return make_conversation(
        segments, source=source, fmt="vtt", merge=merge_consecutive, what="cues", metadata=metadata
    )
