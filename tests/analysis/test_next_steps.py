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


YES_UNDATED = "leaves_their_yes_undated"


@pytest.mark.parametrize(
    ("offer", "yes", "reply"),
    [
        ("Would you like to join beta testing for it?", "Happy to help.", "Thank you!"),
        (
            "Would you like me to set up a call to discuss further enhancements?",
            "That'd be great. Thanks, Mia!",
            "You got it. Have a good one!",
        ),
        (
            "We're testing some fixes and would love for you to test them out soon.",
            "I'm on board, just let me know when.",
            "Fantastic. Thanks again for the detailed input.",
        ),
    ],
)
def test_a_yes_to_a_next_step_closed_with_no_day_is_found(offer: str, yes: str, reply: str) -> None:
    found = signals_in(f"Seller: {offer}\nClient: {yes}\nSeller: {reply}")
    assert YES_UNDATED in found


@pytest.mark.parametrize(
    ("offer", "yes", "reply"),
    [
        # A day or a clock time, in the reply or with the offer, puts the step in the diary.
        ("Would you like to join the beta?", "Sure.", "Great, I'll send the invite by Friday."),
        ("Would you like me to set up a call?", "Yes please.", "Perfect, I've booked us at 3 pm."),
        ("Shall I set up a call next Tuesday?", "Sounds good.", "Great, talk then!"),
        # Asking when suits them is how the day gets named.
        ("Would you like to join the beta?", "Sure.", "Great! Which day works for you?"),
        # Done on the call: nothing is left to date.
        ("Can I book the room for you?", "Yes, go ahead.", "Done, your room is booked."),
        # Not a yes, or a yes that asks for something else first.
        ("Would you like to join the beta?", "Not right now, thanks.", "No problem at all."),
        ("Would you like to join the beta?", "Sure, can you also add my colleague?", "Yes."),
        # A step in this conversation, not after it.
        ("Would you like to talk more about that?", "Yeah.", "Okay, go ahead."),
    ],
)
def test_a_yes_given_its_day_or_no_yes_is_not_left_undated(
    offer: str, yes: str, reply: str
) -> None:
    found = signals_in(f"Seller: {offer}\nClient: {yes}\nSeller: {reply}")
    assert YES_UNDATED not in found


def test_a_long_reply_after_the_yes_is_not_judged_a_close() -> None:
    # The seller goes on to another topic: a day may be agreed later in the call.
    reply = (
        "Great, thank you. Before we wrap up, I also wanted to ask how the reporting module "
        "has been working for your team since the update last month, and whether the exports "
        "are doing what you need"
    )
    found = signals_in(f"Seller: Would you like to join the beta?\nClient: Sure.\nSeller: {reply}")
    assert YES_UNDATED not in found
