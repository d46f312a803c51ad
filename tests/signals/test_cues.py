"""Cues are the detectors' building blocks: their examples must match, near-misses must not."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from trustworks.signals.loader import parse_cues, parse_fragments
from trustworks.signals.matcher import Matcher
from trustworks.signals.schema import Cue

PATH = Path(__file__).parents[2] / "src" / "trustworks" / "signals" / "catalogue" / "cues.toml"
FRAGMENTS = PATH.with_name("fragments.toml")
CUES = parse_cues(
    tomllib.loads(PATH.read_text(encoding="utf-8")),
    str(PATH),
    parse_fragments(tomllib.loads(FRAGMENTS.read_text(encoding="utf-8")), str(FRAGMENTS)),
)
POSITIVE = [(c, e) for c in CUES for e in c.examples]
NEGATIVE = [(c, e) for c in CUES for e in c.near_misses]
BY_ID = {c.id: c for c in CUES}


@cache
def _matcher(cue_id: str) -> Matcher:
    # One matcher a cue (its hits never depend on the texts it read before), not one a text.
    return Matcher([BY_ID[cue_id]])


@pytest.mark.parametrize(("cue", "text"), POSITIVE, ids=[f"{c.id}:{t[:40]}" for c, t in POSITIVE])
def test_cue_example_matches(cue: Cue, text: str) -> None:
    assert any(m.rule == cue.id for m in _matcher(cue.id).find(text))


@pytest.mark.parametrize(("cue", "text"), NEGATIVE, ids=[f"{c.id}:{t[:40]}" for c, t in NEGATIVE])
def test_cue_near_miss_does_not_match(cue: Cue, text: str) -> None:
    assert not [m for m in _matcher(cue.id).find(text) if m.rule == cue.id]


def test_cues_cover_every_detector_input() -> None:
    ids = {c.id for c in CUES}
    assert {"client_need", "pitch", "price_question", "price_figure", "price_concern"} <= ids
    assert {"about_request", "self_description", "time_cut", "schedule_adapt", "rush"} <= ids
