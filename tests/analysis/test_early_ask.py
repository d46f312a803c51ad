"""The first ask for a commitment, judged by how much of the client the seller has heard."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.early_ask import LISTENED_WORDS
from trustworks.ingest import parse

SIGNAL = "asks_before_listening"


def _flagged(dialogue: str) -> bool:
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return any(f.signal == SIGNAL for f in found)


@pytest.mark.parametrize(
    ("dialogue", "flagged"),
    [
        (
            "Client: I'm doing well, thanks.\nSeller: Great! Would you be willing to donate "
            "part of your earnings today?",
            True,
        ),
        (
            "Client: Hello?\nSeller: Hi, this is Sam from Acme. Would you be interested in "
            "buying our CRM?",
            True,
        ),
        # A draft, or a message whose client is not shown, may answer words not seen here.
        ("Seller: Hi, this is Sam from Acme. Would you be interested in buying our CRM?", False),
        # "Every little bit helps" is no question: it plays the cost down (its own signal).
        ("Client: Hi.\nSeller: Every little bit helps.", False),
        # Heard out first: the same ask is an ordinary question.
        (
            "Client: We run three clinics and the booking system keeps double-booking people, "
            "it is driving our front desk mad.\nSeller: Would you be interested in buying a "
            "scheduling tool that stops that?",
            False,
        ),
        # No ask at all.
        ("Client: Hi.\nSeller: Hi! What made you pick up today?", False),
    ],
)
def test_early_ask(dialogue: str, flagged: bool) -> None:
    assert _flagged(dialogue) is flagged


def test_early_ask_only_the_first_ask_is_judged() -> None:
    # The first ask spent the trust; asking again after hearing them out is not a second
    # premature ask (pushing past a no has its own signal).
    dialogue = (
        "Client: Hi.\n"
        "Seller: Would you like to donate to the schools fund?\n"
        "Client: " + " ".join(["maybe"] * LISTENED_WORDS) + "\n"
        "Seller: Would you like to donate to the schools fund?"
    )
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    assert [f.turn for f in found if f.signal == SIGNAL] == [1]
