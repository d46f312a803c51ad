"""Phrases of the honest self-interest catalogue read in words its examples do not use."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in


@pytest.mark.parametrize(
    ("said", "fires"),
    [
        # A deal sought that serves every side, however many there are.
        ("Hello! I need us to make a deal where we all benefit.", True),
        ("Let's find something where we both benefit.", True),
        # Everyone's needs are no deal sought.
        ("We all need water on a trip like this.", False),
    ],
)
def test_a_deal_where_we_all_benefit_frames_the_fit_for_both(said: str, fires: bool) -> None:
    assert ("frames_mutual_fit" in signals_in(f"Client: Hi there.\nSeller: {said}")) is fires
