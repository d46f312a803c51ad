"""Asking for the same yes again after a reply that gave none."""

from __future__ import annotations

import pytest

from tests.dialogue import run, signals_in

SIGNAL = "asks_for_the_yes_again"
ASK = "Seller: The venue is free on Friday at 9. Can I book it for you now?"


@pytest.mark.parametrize(
    ("reply", "seller"),
    [
        # A remark, a joke or a story of theirs, and the same ask again.
        ("I love the games at North Heights.", "That sure does sound like fun. Shall I book it?"),
        ("I know a great joke. Why is 6 afraid of 7?", "I don't know, but would you like to book?"),
        ("It's for Mark's degree. He starts at the factory soon.", "Can I book it for you now?"),
        ("Hmm.", "So, would you like me to go ahead and book it?"),
    ],
)
def test_the_same_yes_asked_again_after_a_reply_that_gave_none(reply: str, seller: str) -> None:
    analysis = run(f"{ASK}\nClient: {reply}\nSeller: {seller}")
    found = [f for f in analysis.findings if f.signal == SIGNAL]
    assert [f.turn for f in found] == [2]
    assert found[0].evidence.rstrip("?").lower().split()[-1] in {"book", "it", "now"}


@pytest.mark.parametrize(
    ("reply", "seller"),
    [
        # A yes, leave to go on, or a no (pushing past a no is `pushes_past_a_no`).
        ("Yes please.", "Great, would you like me to book the catering too?"),
        ("Please proceed.", "Can I proceed with the catering as well?"),
        ("Not yet, I need to check with my wife.", "Can I book it for you now?"),
        # A question about the offer, answered before the ask.
        ("Does the venue have parking?", "It does, 40 spaces. Shall I book it?"),
        # What they said taken up first.
        ("I love the games at North Heights.", "Which ones do you play? Shall I book it?"),
        # No ask again.
        ("I love the games at North Heights.", "They're great. Let me know when you're ready."),
    ],
)
def test_no_finding_when_the_reply_settled_it_or_was_taken_up(reply: str, seller: str) -> None:
    assert SIGNAL not in signals_in(f"{ASK}\nClient: {reply}\nSeller: {seller}")


def test_an_ask_to_donate_asked_again_after_a_remark() -> None:
    found = signals_in(
        "Seller: Would you be willing to donate a dollar or two to the children today?\n"
        "Client: I have a lot of bills this month, honestly.\n"
        "Seller: Every little bit helps the kids."
    )
    assert SIGNAL in found


def test_the_first_ask_is_no_finding() -> None:
    assert SIGNAL not in signals_in(f"Client: We need a venue for 56 people.\n{ASK}")


def test_asking_leave_to_go_on_talking_is_no_ask_for_the_yes() -> None:
    # "Can I proceed, or do you need more detail?" asks whether to go on with the directions.
    ask = "Seller: Drive south for 3 blocks. Can I proceed or do you require more detailed help?"
    again = "Seller: Then turn right at the station. Can I proceed or do you require more help?"
    found = signals_in(f"{ask}\nClient: Hmm, not sure I understood that.\n{again}")
    assert SIGNAL not in found


def test_proceeding_with_the_order_is_still_the_yes() -> None:
    ask = "Seller: Can I go ahead with the booking?"
    found = signals_in(f"{ask}\nClient: I love the games there.\nSeller: Can I go ahead with it?")
    assert SIGNAL in found


@pytest.mark.parametrize("again", ["Shall I go ahead?", "Shall I go ahead and process your order?"])
def test_going_ahead_asked_again_is_the_yes_again(again: str) -> None:
    ask = "Seller: The table is free at 8. Shall I go ahead and process your order?"
    found = signals_in(f"{ask}\nClient: I love that place.\nSeller: {again}")
    assert SIGNAL in found
