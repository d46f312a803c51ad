"""SubRip subtitles: numbered cues with "Name: text" prefixes and "- " dialogue dashes.

The srt library reads the cue numbers and times. Its matching regex backtracks badly on
long runs of digits or spaces, so it is never shown raw input: the file is split into
cues here, line by line, every timing line is checked, and only the short number and
timing lines go to srt.parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import srt as srtlib

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest._speaker import Speakers
from trustworks.ingest._text import UNKNOWN_SPEAKER, Segment, excerpt, make_conversation

_INDEX = re.compile(r"[ \t]*-?[0-9]{1,12}(?:\.[0-9]{0,6})?[ \t]*")
_STAMP = r"[0-9]{1,9}[:.,][0-9]{1,2}[:.,][0-9]{1,2}(?:[:.,][0-9]{0,3})?"
_TIMING = re.compile(rf"[ \t]*{_STAMP}[ \t]*-->[ \t]*{_STAMP}(?:[ \t][^\n]*)?")
_MAX_TIMING_CHARS = 100  # srt's regex is cubic in digit runs: keep what it sees short
# Formatting tags players honour: <i>, <b>, <u>, <s>, <font ...> and ASS overrides {\an8}.
_TAGS = re.compile(r"</?(?:[ibus]|font)(?:\s[^<>]*)?>|\{\\[^{}\n]*\}", re.IGNORECASE)
_DASH = re.compile(r"[-‐–—][ \t]*(?=[^-\d\s])")
_EXAMPLE = "'00:00:01,000 --> 00:00:04,000'"


@dataclass(slots=True)
class _Block:
    line: int  # the cue number line, or the timing line when there is no number
    index: str
    timing_line: int
    timing: str
    content: list[tuple[int, str]] = field(default_factory=list)


def _split_blocks(lines: list[str], source: str) -> list[_Block]:
    blocks: list[_Block] = []
    pending: tuple[int, str] | None = None  # a cue number waiting for its timing line
    after_blank = False
    for number, line in enumerate(lines, start=1):
        if "-->" in line:
            index = ""
            first = number
            current = blocks[-1] if blocks else None
            if pending is not None and pending[0] == number - 1:
                first, index = pending
            elif (
                current is not None
                and current.content
                and current.content[-1][0] == number - 1
                and _INDEX.fullmatch(current.content[-1][1])
            ):
                # The blank line before this cue is missing: its number ended the last cue.
                first, index = current.content.pop()
            pending = None
            after_blank = False
            _check_timing(line, number, source)
            blocks.append(_Block(first, index.strip(), number, line.strip()))
            continue
        if not line.strip():
            after_blank = True
            continue
        starts_cue = after_blank and _INDEX.fullmatch(line) is not None
        after_blank = False
        if starts_cue and (number >= len(lines) or "-->" not in lines[number]):
            # A number after a blank line opens a cue: its timing line must come next.
            raise FormatError(source, f"cue number {line.strip()} has no timing line", number)
        if blocks:
            blocks[-1].content.append((number, line))
        elif pending is None and _INDEX.fullmatch(line):
            pending = (number, line)
        else:
            expected = (
                f"a timing line like {_EXAMPLE} after cue number {pending[1].strip()}"
                if pending
                else f"a cue number or a timing line like {_EXAMPLE}"
            )
            raise FormatError(source, f"expected {expected}, got {excerpt(line)}", number)
    if pending is not None:
        raise FormatError(source, f"cue number {pending[1].strip()} has no timing line", pending[0])
    return blocks


def _check_timing(line: str, number: int, source: str) -> None:
    if len(line) > _MAX_TIMING_CHARS or not _TIMING.fullmatch(line):
        raise FormatError(source, f"malformed cue timing {excerpt(line)}", number)


def _read_times(blocks: list[_Block], source: str) -> list[srtlib.Subtitle]:
    """Let srt.parse read the numbers and times of the checked blocks, mapping errors to lines."""
    chunks: list[str] = []
    offsets: list[int] = []
    size = 0
    for number, block in enumerate(blocks, start=1):
        # Cues without a number get one: srt.parse cannot split number-less empty cues.
        chunk = f"{block.index or number}\n{block.timing}\n\n"
        offsets.append(size)
        chunks.append(chunk)
        size += len(chunk)
    subtitles: list[srtlib.Subtitle] = []
    try:
        subtitles.extend(srtlib.parse("".join(chunks)))
    except srtlib.SRTParseError as exc:
        where = blocks[max(0, bisect.bisect_right(offsets, exc.expected_start) - 1)]
        raise FormatError(
            source, f"malformed cue timing {excerpt(where.timing)}", where.timing_line
        ) from None
    except ValueError as exc:  # srt.TimestampParseError, raised for the cue being read
        where = blocks[min(len(subtitles), len(blocks) - 1)]
        raise FormatError(source, f"malformed cue timing: {exc}", where.timing_line) from None
    if len(subtitles) != len(blocks):
        raise FormatError(source, "malformed cues: the cue count does not add up")
    return subtitles


def _strip_tags(line: str) -> str:
    return _TAGS.sub("", line) if ("<" in line or "{" in line) else line


def _block_segments(
    block: _Block, start: float, end: float, speakers: Speakers, previous: str
) -> list[Segment]:
    segments: list[Segment] = []
    for _, raw in block.content:
        text = _strip_tags(raw).strip()
        dash = _DASH.match(text)
        if dash:
            text = text[dash.end() :]
        split = speakers.split(text)
        if split is not None:
            segments.append(Segment(split[0], split[1], block.line, start, end))
        elif dash or not segments:
            # An unnamed line that opens a cue continues the last speaker; an unnamed dash
            # further down is someone else answering, whose name the file does not give.
            speaker = previous if not segments else UNKNOWN_SPEAKER
            segments.append(Segment(speaker, text, block.line, start, end))
        else:
            segments[-1].text += " " + text
    return segments


def parse_srt(text: str, source: str, *, merge_consecutive: bool = True) -> Conversation:
    """Parse SubRip subtitles into a Conversation, one turn per speaker run."""
    blocks = _split_blocks(text.split("\n"), source)
    if not blocks:
        raise FormatError(source, f"no cues: expected a timing line like {_EXAMPLE}")
    subtitles = _read_times(blocks, source)
    speakers = Speakers()
    speakers.prime(_strip_tags(line) for block in blocks for _, line in block.content)
    segments: list[Segment] = []
    previous = UNKNOWN_SPEAKER
    for block, subtitle in zip(blocks, subtitles, strict=True):
        start = subtitle.start.total_seconds()
        end = subtitle.end.total_seconds()
        if end < start:
            raise FormatError(
                source, f"cue ends before it starts: {excerpt(block.timing)}", block.timing_line
            )
        cue_segments = _block_segments(block, start, end, speakers, previous)
        if cue_segments:
            previous = cue_segments[-1].speaker
        segments.extend(cue_segments)
    return make_conversation(
        segments, source=source, fmt="srt", merge=merge_consecutive, what="cues"
    )
