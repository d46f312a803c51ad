"""parse and load: from text or a file to a Conversation, in any supported format."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest.decode import decode_text
from trustworks.ingest.detect import detect_format
from trustworks.ingest.read import DEFAULT_MAX_BYTES, read_source

FORMATS = ("vtt", "srt", "plain", "json", "email")

# Each format's module is imported when a text of that format is parsed: the WebVTT and SRT
# libraries and the e-mail package cost a short command 0.02-0.03 s it need not pay for a
# plain-text call.
_PARSERS: dict[str, tuple[str, str]] = {
    "vtt": ("trustworks.ingest.vtt", "parse_vtt"),
    "srt": ("trustworks.ingest.srt", "parse_srt"),
    "plain": ("trustworks.ingest.plain", "parse_plain"),
    "json": ("trustworks.ingest.jsonturns", "parse_json"),
    "email": ("trustworks.ingest.mail", "parse_email"),
}


def _parser(fmt: str) -> Callable[..., Conversation]:
    module, name = _PARSERS[fmt]
    found: Callable[..., Conversation] = getattr(importlib.import_module(module), name)
    return found


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
        return _parser(chosen)(text, source, merge_consecutive=merge_consecutive)
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
