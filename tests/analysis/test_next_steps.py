"""'Shall we discuss the next steps?' with no step named is a vague close; one with a day is not."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in

SIGNAL = "leaves_the_next_step_open"


def test_asking_to_discuss_next_steps_with_nothing_named_is_found() -> None:
    dialogue = (
        "Client: That's within our budget. I think this could really help us.\n"
        "Seller: I agree. Shall we discuss the next steps? I can prepare a detailed proposal "
        "for you to review with your team."
    )
    assert SIGNAL in signals_in(dialogue)


@pytest.mark.parametrize(
    "reply",
    [
        # A day for a step anywhere in the turn puts it in the diary.
        "Shall we go over next steps? I'll send the contract by Friday and book the kickoff.",
        "Let's talk about next steps. Could we meet next week to go through the proposal?",
        "Shall we discuss the next steps on Thursday at 10?",
    ],
)
def test_a_next_step_with_a_day_is_not_left_open(reply: str) -> None:
    assert SIGNAL not in signals_in(f"Client: This looks good.\nSeller: {reply}")
