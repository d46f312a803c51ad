"""A concern about the offer met with a flat denial and no question spends listening."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in
from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.concerns import SIGNAL

# Which words voice a concern is the catalogue's cue `voices_a_concern`: its examples and
# near-misses are tested with every cue's (tests/signals/test_cues.py).


def test_a_flat_denial_of_their_concern_is_found() -> None:
    found = signals_in(
        "Client: That sounds complex. Is it difficult for the reps to use?\n"
        "Seller: Not at all. We've designed it to be very user-friendly."
    )
    assert SIGNAL in found


@pytest.mark.parametrize(
    "reply",
    [
        # Asked about before it is answered.
        "Not at all, though it depends on the rep. What worries you about it?",
        # Explained, not denied.
        "There's a one-hour training, and most reps use it on their own after a week.",
    ],
)
def test_a_reply_that_asks_or_explains_is_not_found(reply: str) -> None:
    found = signals_in(
        f"Client: That sounds complex. Is it difficult for the reps to use?\nSeller: {reply}"
    )
    assert SIGNAL not in found


def test_a_plain_question_answered_with_a_claim_and_how_is_not_found() -> None:
    found = signals_in(
        "Client: How difficult is it to implement your system?\n"
        "Seller: It's quite straightforward. We provide a mobile app for your reps to record "
        "their conversations, and a dashboard for the managers."
    )
    assert SIGNAL not in found


_COSTLY = "It seems expensive for a team our size."


@pytest.mark.parametrize(
    ("concern", "reply", "waved"),
    [
        (
            "That's a significant investment, but the potential savings are attractive.",
            "Absolutely. Plus, we offer a satisfaction guarantee.",
            True,
        ),
        (_COSTLY, "Definitely, but our clients make it back.", True),
        (_COSTLY, "Absolutely, what part of it worries you?", False),
        (_COSTLY, "Absolutely. It is a lot for a small team.", False),
    ],
)
def test_agreeing_and_going_straight_to_the_offer_waves_it_away(
    concern: str, reply: str, waved: bool
) -> None:
    dialogue = conversation_from_pairs([("Client", concern), ("Sam", reply)], seller="Sam")
    found = [f.signal for f in analyze(dialogue).findings]
    assert ("waves_away_their_concern" in found) is waved
