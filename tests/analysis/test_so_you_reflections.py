"""A sentence that opens on "so" and says how they are, what they want or feel, gives back what
they said; advice, terms, the offer, the booking and the chart read out do not."""

from __future__ import annotations

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze

_SAID = "I don't really wanna quit smoking, I just need something to get me through the day."


def _reflects(reply: str, said: str = _SAID) -> bool:
    pairs = [("Client", said), ("Sam", reply)] if said else [("Sam", reply)]
    found = analyze(conversation_from_pairs(pairs, seller="Sam")).findings
    return any(f.signal == "reflects_back_understanding" for f in found)


@pytest.mark.parametrize(
    "reply",
    [
        "So you want something for the cravings, but you don't wanna quit smoking.",
        "Okay, so you feel as if smoking is a problem for you at the moment.",
        "Hmm. So, it doesn't make total sense to you that it's all his fault.",
        "So, it's almost as if you feel a bit torn.",
        # Contracted, or what they got and found: "you've", "you'd", "you get", "you found".
        "So you've got something that helps you through the day, and quitting isn't it.",
        "So you'd rather keep smoking than lose that.",
        "So you found something that gets you through the day.",
        "So you've got a lot going on right now.",
        "Right. So you can see the link between the smoking and the cough.",
    ],
)
def test_a_so_led_sentence_about_them_gives_back_what_they_said(reply: str) -> None:
    assert _reflects(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "So you need to take this twice a day.",
        "So you have 3 water and I have 2 firewood.",
        "So you'd like our premium plan, then.",
        "So you're all set for Tuesday.",
        "So, you are here for your follow-up, right?",
        "So you know, the price goes up on Friday.",
        "So you'd need to sign the form today.",
    ],
)
def test_advice_terms_the_offer_the_booking_and_the_chart_do_not(reply: str) -> None:
    assert not _reflects(reply)


def test_with_nothing_said_before_it_reads_the_chart() -> None:
    assert not _reflects("So, you are a cigarette smoker.", said="")
    assert not _reflects("So, you were taking Clozaril for years.", said="Hi.")
    assert _reflects("So, you were taking Clozaril for years.", said=_SAID)
