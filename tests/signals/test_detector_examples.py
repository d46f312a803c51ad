"""Detector signals carry short dialogues as examples; each is run through the analyzer."""

from __future__ import annotations

import pytest

from trustworks.analysis import Settings, analyze
from trustworks.ingest import parse
from trustworks.signals import DETECTORS, Signal, default_catalogue

DETECTOR_SIGNALS = [s for s in default_catalogue() if s.detector]
POSITIVE = [(s, e) for s in DETECTOR_SIGNALS for e in s.examples]
NEGATIVE = [(s, e) for s in DETECTOR_SIGNALS for e in s.near_misses]


def _found(text: str, semantic: bool = True) -> list[str]:
    conversation = parse(text, source="<example>")
    settings = Settings(semantic=semantic)
    return [f.signal for f in analyze(conversation, ["Seller"], settings=settings).findings]


def _gated(signal: Signal) -> bool:
    """Whether the signal's model head is under the shipping bar in this build (not shown)."""
    if signal.detector != "semantic":
        return False
    from trustworks.analysis.semantic import _models
    from trustworks.semantic.heads import HEADS, default_heads

    names = default_heads().names
    shown = dict(zip(names, _models(None, None, None).shown.tolist(), strict=True))
    return not any(shown[name] for name in names if HEADS[name].signal == signal.id)


@pytest.mark.parametrize(("signal", "text"), POSITIVE, ids=[s.id for s, _ in POSITIVE])
def test_detector_example_fires(signal: Signal, text: str) -> None:
    # A head under the shipping bar shows nothing, its own examples included.
    assert (signal.id in _found(text)) is not _gated(signal)


@pytest.mark.parametrize(("signal", "text"), NEGATIVE, ids=[s.id for s, _ in NEGATIVE])
def test_detector_near_miss_does_not_fire(signal: Signal, text: str) -> None:
    assert signal.id not in _found(text)


MODEL = [(s, e) for s, e in POSITIVE if s.detector == "semantic"]


@pytest.mark.parametrize(("signal", "text"), MODEL, ids=[s.id for s, _ in MODEL])
def test_detector_semantic_signals_come_from_the_model(signal: Signal, text: str) -> None:
    assert signal.id not in _found(text, semantic=False)


def test_every_detector_has_a_signal() -> None:
    assert {s.detector for s in DETECTOR_SIGNALS} == set(DETECTORS)
