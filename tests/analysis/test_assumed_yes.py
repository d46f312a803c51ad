"""Asking how much before a yes: flagged only while the client has agreed to nothing."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.ingest import parse

SIGNAL = "asks_how_much_before_a_yes"


def _flagged(dialogue: str) -> bool:
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return any(f.signal == SIGNAL for f in found)


@pytest.mark.parametrize(
    ("dialogue", "flagged"),
    [
        # Straight to the size of a gift nobody has agreed to give.
        (
            "Client: Hi, what is this about?\nSeller: A children's charity. How much would you "
            "like to donate today?",
            True,
        ),
        ("Client: I'm just browsing.\nSeller: How many do you want to order?", True),
        # A no is no agreement, nor is a yes to something else ("have you heard of them?")
        # when it is not the seller's question being answered.
        (
            "Client: I can't give anything this month.\nSeller: How much would you like to give?",
            True,
        ),
        # Agreement in their own words, or a yes to the seller's question, opens the question.
        (
            "Client: I'd like to donate something.\nSeller: How much would you like to donate?",
            False,
        ),
        (
            "Seller: Would you like to support them?\nClient: Yes, sure.\nSeller: Great, how much "
            "would you like to give?",
            False,
        ),
        # A yes to a question that asks for no decision agrees to nothing.
        (
            "Seller: Hi, I'm Sam from Save the Kids. Do you have a minute?\nClient: Yes, sure."
            "\nSeller: We run schools. How much would you like to donate today?",
            True,
        ),
        (
            "Seller: Have you heard of us before?\nClient: Yeah, I think so.\nSeller: Great. "
            "How much would you like to give this month?",
            True,
        ),
        (
            "Seller: We could start with ten seats. Does that work for you?\nClient: Yes.\n"
            "Seller: How many licences should I put you down for?",
            False,
        ),
        # Their habits and their budget are questions about them, not the close.
        ("Client: Coffee is my treat.\nSeller: How much do you spend on coffee a day?", False),
        ("Client: We're reviewing vendors.\nSeller: How much are you looking to spend?", False),
    ],
)
def test_assumed_yes(dialogue: str, flagged: bool) -> None:
    assert _flagged(dialogue) is flagged


def test_assumed_yes_a_yes_without_a_question_before_it_is_no_agreement() -> None:
    # "Yes" opening a turn the seller did not ask for ("yes, I've heard of them" after a
    # statement) says nothing about giving.
    dialogue = (
        "Seller: I'm calling from Save the Kids.\n"
        "Client: Yes, I've heard of them.\n"
        "Seller: How much would you like to donate?"
    )
    assert _flagged(dialogue)
