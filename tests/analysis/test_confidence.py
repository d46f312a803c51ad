"""A finding carries its signal's audited confidence; one likelier wrong than right is dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.signals import load_catalogue

PACKAGED = Path(__file__).parents[2] / "src" / "trustworks" / "signals" / "catalogue"
TALK = [
    ("Seller", "Thanks so much for your time today, I know you're busy."),
    ("Client", "Sure. We lose about a day a week to manual reconciliation."),
    ("Seller", "Sorry to take up your afternoon. What does that day cost the team?"),
]


def _findings(tmp_path: Path, body: str) -> dict[str, float]:
    folder = tmp_path / "catalogue"
    shutil.copytree(PACKAGED, folder)
    (folder / "confidence.toml").write_text(body, encoding="utf-8")
    analysis = analyze(
        conversation_from_pairs(TALK, seller="Seller"), catalogue=load_catalogue(folder)
    )
    return {f.signal: f.confidence for f in analysis.findings}


def test_a_finding_carries_its_signals_audited_confidence(tmp_path: Path) -> None:
    found = _findings(tmp_path, "[signal.thanks_for_your_time]\nconfidence = 0.7\n")
    assert found["thanks_for_your_time"] == 0.7
    assert found["apologises_for_taking_time"] == 1.0  # no prior given: taken as sure


@pytest.mark.parametrize("confidence", [0.3, 0.49])
def test_a_signal_right_less_often_than_wrong_is_neither_shown_nor_scored(
    tmp_path: Path, confidence: float
) -> None:
    found = _findings(tmp_path, f"[signal.thanks_for_your_time]\nconfidence = {confidence}\n")
    assert "thanks_for_your_time" not in found
    assert "apologises_for_taking_time" in found


def test_the_prior_is_what_an_unaudited_signal_gets(tmp_path: Path) -> None:
    found = _findings(tmp_path, "prior = 0.8\n[signal.thanks_for_your_time]\nconfidence = 0.6\n")
    assert found["thanks_for_your_time"] == 0.6
    assert found["apologises_for_taking_time"] == 0.8


def test_a_finding_weighs_in_the_score_as_much_as_it_is_likely_right(tmp_path: Path) -> None:
    def delta(body: str) -> float:
        folder = tmp_path / f"catalogue-{len(body)}"
        shutil.copytree(PACKAGED, folder)
        (folder / "confidence.toml").write_text(body, encoding="utf-8")
        analysis = analyze(
            conversation_from_pairs(TALK, seller="Seller"), catalogue=load_catalogue(folder)
        )
        return next(c.delta for c in analysis.contributions if c.ref == "thanks_for_your_time")

    sure = delta("[signal.thanks_for_your_time]\nconfidence = 1.0\n")
    audited = delta("[signal.thanks_for_your_time]\nconfidence = 0.6\n\n")
    assert sure < 0 and audited == pytest.approx(0.6 * sure)
