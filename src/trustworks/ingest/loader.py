"""parse and load: from text or a file to a Conversation, in any supported format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest.decode import decode_text
from trustworks.ingest.detect import detect_format
from trustworks.ingest.jsonturns import parse_json
from trustworks.ingest.mail import parse_email
from trustworks.ingest.plain import parse_plain
from trustworks.ingest.read import DEFAULT_MAX_BYTES, read_source
from trustworks.ingest.srt import parse_srt
from trustworks.ingest.vtt import parse_vtt

FORMATS = ("vtt", "srt", "plain", "json", "email")

_PARSERS: dict[str, Callable[..., Conversation]] = {
    "vtt": parse_vtt,
    "srt": parse_srt,
    "plain": parse_plain,
    "json": parse_json,
    "email": parse_email,
}


def parse(
    text: str, source: str = "<memory>", fmt: str | None = None, *, merge_consecutive: bool = True
) -> Conversation:
    """Parse `text` as `fmt` (detected when None) into a Conversation with roles unassigned.

    >>> parse("Jane: Hello\\nBob: Hi").speakers()
    ['Jane', 'Bob']
    """
    if fmt is not None and fmt not in _PARSERS:
        raise FormatError(source, f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise FormatError(source, "empty input: no text to analyse")
    chosen = fmt or detect_format(text, source)
    try:
        return _PARSERS[chosen](text, source, merge_consecutive=merge_consecutive)
    except RecursionError:  # nesting deeper than any real file, wherever a library recursed
        raise FormatError(source, f"input nested too deeply to read as {chosen}") from None


def load(
    path: str | Path,
    fmt: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    merge_consecutive: bool = True,
) -> Conversation:
    """Read, decode and parse a file ("-" for standard input) into a Conversation."""
    data, source = read_source(path, max_bytes)
    text = decode_text(data, source, encoding)
    return parse(text, source, fmt, merge_consecutive=merge_consecutive)
