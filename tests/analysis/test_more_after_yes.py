"""Asking for a bigger amount right after the client said yes to one spends trust."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.more_after_yes import SIGNAL, amounts
from trustworks.ingest import parse


def _found(dialogue: str) -> list[str]:
    conversation = parse(dialogue, source="<test>")
    return [f.evidence for f in analyze(conversation, ["Seller"]).findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    ("text", "sums"),
    [
        ("I can give $1.50 today", [1.5]),
        ("fifty cents, or a dollar", [0.5, 1.0]),
        ("two bucks", [2.0]),
        ("$1,000 a year", [1000.0]),
        ("half a dollar", [0.5]),
        ("we need 2 water and 3 firewood", []),
    ],
)
def test_amounts_reads_sums_of_money(text: str, sums: list[float]) -> None:
    assert amounts(text) == sums


def test_a_bigger_ask_after_their_yes_is_found_on_its_sentence() -> None:
    found = _found(
        "Client: Okay, I'll donate $1.\nSeller: Thank you! Could you make it $2? It goes far."
    )
    assert found == ["Could you make it $2?"]


def test_a_yes_to_the_seller_s_own_figure_counts_as_agreeing_to_it() -> None:
    found = _found(
        "Seller: Would you chip in $5?\nClient: Yes, okay.\nSeller: Great. Could you go to $10?"
    )
    assert found == ["Could you go to $10?"]


@pytest.mark.parametrize(
    "dialogue",
    [
        # Thanks for the sum given, or the same sum said back.
        "Client: Okay, I'll donate $1.\nSeller: Thank you so much, $1 really helps.",
        "Client: I'll pay $150.\nSeller: Deal, $150 it is. When can you pick it up?",
        # A bargain: the client asked, they did not agree.
        "Client: Could I pay $100?\nSeller: How about $120? It has a new battery.",
        # A smaller add-on is not more of what they agreed to.
        "Client: I'd like the $40 plan.\nSeller: Do you want the $10 add-on as well?",
        # The yes lasts one seller turn: a later question about another thing is no upsell.
        "Client: Okay, I'll give $1.\nSeller: Thanks!\nClient: Who runs the charity?\n"
        "Seller: A board of five. Would $20 a month for a year be a plan you'd consider?",
        # A no in the words of a yes: "I can donate" denied is no yes.
        "Client: I don't think I can donate today.\nSeller: What about 50 cents?",
        "Client: We cannot give anything.\nSeller: Could you make it $1?",
        "Client: I never donate online.\nSeller: What about $2?",
    ],
)
def test_no_finding_without_a_bigger_ask_right_after_a_yes(dialogue: str) -> None:
    assert _found(dialogue) == []


@pytest.mark.parametrize(
    ("dialogue", "found"),
    [
        (
            "Client: Okay, I'll donate.\nSeller: Great! Could you make it $5 instead?",
            ["Could you make it $5 instead?"],
        ),
        (
            "Client: Sure, count me in for a small amount.\n"
            "Seller: Wonderful. Any chance you could go a bit higher?",
            ["Any chance you could go a bit higher?"],
        ),
        (
            "Client: Okay, I'll give $1.\nSeller: Thanks! Could you give a little more?",
            ["Could you give a little more?"],
        ),
    ],
)
def test_more_asked_for_in_words_or_after_a_yes_without_a_sum(
    dialogue: str, found: list[str]
) -> None:
    assert _found(dialogue) == found


@pytest.mark.parametrize(
    "dialogue",
    [
        # More of something else, or a question of theirs invited.
        "Client: Okay, I'll donate.\nSeller: Great, would you do a bit more research first?",
        "Client: Okay, I'll donate.\nSeller: Thank you! Would you like to know more about it?",
        "Client: Yes, I'll pay for the repair.\nSeller: Thanks. Do you have any more questions?",
        # The price of what they just took is no bigger ask.
        "Client: Okay, I'll take it.\nSeller: Great! That's $40 then, is card okay?",
        "Client: Fine, we'll buy the 10 licences.\n"
        "Seller: It comes to $1,200 a year, shall I send the invoice?",
        "Client: I'll pay for the repair.\nSeller: It'll be $85, can you pay at pickup?",
        # Asking about giving is not a yes to it.
        "Client: Could I give a little?\nSeller: Of course. Could you give a little more?",
    ],
)
def test_no_finding_for_more_of_something_else_or_without_a_yes(dialogue: str) -> None:
    assert _found(dialogue) == []
