"""Every example in the catalogue is a test: phrases must fire, near-misses must not."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from trustworks.signals.loader import FRAGMENTS_FILE, parse_family, parse_fragments
from trustworks.signals.matcher import Matcher
from trustworks.signals.schema import FAMILIES, Signal

CATALOGUE = Path(__file__).parents[2] / "src" / "trustworks" / "signals" / "catalogue"


def _phrase_signals() -> list[Signal]:
    signals: list[Signal] = []
    fragments_path = CATALOGUE / FRAGMENTS_FILE
    fragments = parse_fragments(tomllib.loads(fragments_path.read_text()), str(fragments_path))
    for family in FAMILIES:
        path = CATALOGUE / f"{family}.toml"
        if path.is_file():
            doc = tomllib.loads(path.read_text(encoding="utf-8"))
            found = parse_family(doc, str(path), family, fragments)
            signals.extend(s for s in found if s.patterns)
    return signals


PHRASE_SIGNALS = _phrase_signals()
BY_ID = {s.id: s for s in PHRASE_SIGNALS}
POSITIVE = [(s, e) for s in PHRASE_SIGNALS for e in s.examples]
NEGATIVE = [(s, e) for s in PHRASE_SIGNALS for e in s.near_misses]


@cache
def _matcher(signal_id: str) -> Matcher:
    # One matcher a signal, built on its first example: a matcher's hits never depend on the
    # texts it read before, and building one for each of 2,600 examples was a third of the
    # file's time.
    return Matcher([BY_ID[signal_id]])


@pytest.mark.parametrize(
    ("signal", "text"), POSITIVE, ids=[f"{s.id}:{t[:40]}" for s, t in POSITIVE]
)
def test_signal_example_fires(signal: Signal, text: str) -> None:
    hits = [m for m in _matcher(signal.id).find(text) if m.rule == signal.id]
    assert hits, f"{signal.id} should fire on {text!r}"
    assert all(text[h.start : h.end] == h.text for h in hits)


@pytest.mark.parametrize(
    ("signal", "text"), NEGATIVE, ids=[f"{s.id}:{t[:40]}" for s, t in NEGATIVE]
)
def test_signal_near_miss_does_not_fire(signal: Signal, text: str) -> None:
    hits = [m for m in _matcher(signal.id).find(text) if m.rule == signal.id]
    assert not hits, f"{signal.id} should not fire on {text!r} but matched {hits[0].text!r}"
