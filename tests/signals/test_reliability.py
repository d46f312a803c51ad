"""Phrases of the reliability catalogue read in words its examples do not use."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in


@pytest.mark.parametrize(
    ("said", "fires"),
    [
        ("Ok, you are booked for North Heights on Tuesday at 6pm.", True),
        ("You're registered for the Thursday session.", True),
        ("Are you booked for Tuesday?", False),
    ],
)
def test_a_booking_confirmed_to_them_is_done(said: str, fires: bool) -> None:
    dialogue = f"Client: I'd like to book it for that time!\nSeller: {said}"
    assert ("confirms_it_is_done" in signals_in(dialogue)) is fires
