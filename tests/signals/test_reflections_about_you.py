"""Reflections said as a statement about "you", a deal expected together, and lookalikes."""

from __future__ import annotations

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze

_SAID = "Honestly I'm worn out, the test on Friday scares me and I don't want to let my team down."


def _finds(signal: str, reply: str, said: str = _SAID) -> bool:
    pairs = [("Client", said), ("Sam", reply)]
    found = analyze(conversation_from_pairs(pairs, seller="Sam")).findings
    return any(f.signal == signal for f in found)


def _reflects(reply: str) -> bool:
    return _finds("reflects_back_understanding", reply)


@pytest.mark.parametrize(
    "reply",
    [
        "You're feeling worn out, and Friday is looming.",
        "You don't want to let your team down.",
        "I can tell you're getting kind of anxious, even just thinking about Friday.",
        "I'm hearing you say the test matters more than the tiredness.",
        "I get the sense your team means a lot to you.",
        "You'd rather get Friday over with.",
    ],
)
def test_a_statement_about_how_they_are_or_what_they_want_reflects(reply: str) -> None:
    assert _reflects(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "You're feeling worn out? Then you need to upgrade to our premium plan.",
        "You don't need to decide today, but the offer ends Friday.",
        "You'd love our new analytics module.",
        "You want to take almost everything for your team.",
        "I heard you had a question about the invoice.",
        # A close, a feature or a fear put to them is the seller's case, not theirs given back.
        "I can tell you're ready to move forward.",
        "You're excited about the new dashboard.",
        "You don't want to fall behind your competitors.",
        "You feel like you need a better CRM.",
    ],
)
def test_the_offer_advice_a_question_or_a_charge_do_not(reply: str) -> None:
    assert not _reflects(reply)


def _mutual_fit(reply: str) -> bool:
    return _finds("frames_mutual_fit", reply, "We're still comparing a few vendors.")


def test_a_deal_expected_together_is_mutual_but_not_when_pressed_for_today() -> None:
    assert _mutual_fit("I'm sure we can come to an arrangement that works.")
    assert not _mutual_fit("I'm sure we can make a deal today.")
