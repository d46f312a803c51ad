"""Text or uploaded bytes to an Analysis, the way the CLI does it (decode, parse, analyse)."""

from __future__ import annotations

from collections.abc import Sequence

from trustworks.analysis import WRITTEN_FORMATS, Analysis, Settings, analyze
from trustworks.ingest import decode_text, parse


def analyse_text(
    text: str, source: str, fmt: str | None, seller: Sequence[str], learned: bool = False
) -> Analysis:
    """Parse `text` (format detected when None) and analyse it."""
    conversation = parse(text, source, fmt)
    del learned  # retired: the semantic layer that replaced it is always on
    settings = Settings(written=conversation.format in WRITTEN_FORMATS)
    return analyze(conversation, [s for s in seller if s.strip()] or None, settings=settings)


def analyse_bytes(
    data: bytes, source: str, fmt: str | None, seller: Sequence[str], learned: bool = False
) -> Analysis:
    """Decode uploaded bytes (encoding detected), then as `analyse_text`."""
    return analyse_text(decode_text(data, source), source, fmt, seller, learned)
