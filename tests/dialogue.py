"""Shared helpers: write small dialogues inline as "Name: text" lines."""

from __future__ import annotations

import re

from trustworks.analysis import Analysis, analyze
from trustworks.conversation import Conversation, Turn

_LINE = re.compile(r"^(?:\[(?P<start>[\d.]+)-(?P<end>[\d.]+)\]\s*)?(?P<who>[^:]+):\s*(?P<text>.*)$")


def dialogue(text: str, seller: str = "Seller") -> Conversation:
    """Build a conversation from lines like 'Client: ...' or '[1.0-4.5] Seller: ...'."""
    turns = []
    for line in text.strip().splitlines():
        found = _LINE.match(line.strip())
        assert found, f"bad dialogue line {line!r}"
        start = float(found["start"]) if found["start"] else None
        end = float(found["end"]) if found["end"] else None
        turns.append(Turn(found["who"].strip(), found["text"].strip(), start=start, end=end))
    return Conversation(tuple(turns)).with_seller([seller])


def signals_in(text: str, seller: str = "Seller") -> list[str]:
    """Signal ids found in an inline dialogue, in order."""
    return [f.signal for f in run(text, seller).findings]


def run(text: str, seller: str = "Seller") -> Analysis:
    """Analyse an inline dialogue."""
    return analyze(dialogue(text, seller))
