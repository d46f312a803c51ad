"""Detector signals carry short dialogues as examples; each is run through the analyzer."""

from __future__ import annotations

import pytest

from trustworks.analysis import Settings, analyze
from trustworks.ingest import parse
from trustworks.signals import DETECTORS, Signal, default_catalogue

DETECTOR_SIGNALS = [s for s in default_catalogue() if s.detector]
POSITIVE = [(s, e) for s in DETECTOR_SIGNALS for e in s.examples]
NEGATIVE = [(s, e) for s in DETECTOR_SIGNALS for e in s.near_misses]


def _found(text: str, learned: bool) -> list[str]:
    conversation = parse(text, source="<example>")
    settings = Settings(learned=learned)
    return [f.signal for f in analyze(conversation, ["Seller"], settings=settings).findings]


@pytest.mark.parametrize(("signal", "text"), POSITIVE, ids=[s.id for s, _ in POSITIVE])
def test_detector_example_fires(signal: Signal, text: str) -> None:
    assert signal.id in _found(text, learned=signal.detector == "learned")


@pytest.mark.parametrize(("signal", "text"), NEGATIVE, ids=[s.id for s, _ in NEGATIVE])
def test_detector_near_miss_does_not_fire(signal: Signal, text: str) -> None:
    assert signal.id not in _found(text, learned=signal.detector == "learned")


LEARNED = [(s, e) for s, e in POSITIVE if s.detector == "learned"]


@pytest.mark.parametrize(("signal", "text"), LEARNED, ids=[s.id for s, _ in LEARNED])
def test_detector_learned_signals_only_in_accurate_mode(signal: Signal, text: str) -> None:
    assert signal.id not in _found(text, learned=False)


def test_every_detector_has_a_signal() -> None:
    assert {s.detector for s in DETECTOR_SIGNALS} == set(DETECTORS)
