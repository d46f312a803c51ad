"""Warm first words for what the client told of their life are rapport; after terms or a
worry the same words are not."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.ingest import parse


def _warm(client: str, seller: str) -> list[str]:
    dialogue = f"Client: {client}\nSeller: {seller}"
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return [f.evidence for f in found if f.signal == "shares_their_good_news"]


@pytest.mark.parametrize(
    ("client", "seller", "evidence"),
    [
        (
            "We're taking the kids up to the lake this weekend, they've been cooped up all winter.",
            "That sounds like so much fun! What will you need most?",
            "That sounds like so much fun!",
        ),
        (
            "It's a family tradition to tell stories around the campfire.",
            "That sounds like a very cool tradition. Would two firewood do?",
            "That sounds like a very cool tradition.",
        ),
        (
            "We just got back from a week in Portugal with the family.",
            "Oh how lovely! Welcome back.",
            "Oh how lovely!",
        ),
        # Glad in the sentence after an interjection: that sentence is the evidence.
        (
            "We just moved the whole family to Denver.",
            "Wow! That sounds like so much fun!",
            "That sounds like so much fun!",
        ),
        # The warm clause alone: the question after the comma is credited for itself.
        (
            "We're going hiking with my son.",
            "That sounds nice, what would you like most?",
            "That sounds nice",
        ),
    ],
)
def test_warmth_for_what_they_told_of_their_life_is_rapport(
    client: str, seller: str, evidence: str
) -> None:
    assert _warm(client, seller) == [evidence]


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # After terms the words accept the deal.
        ("I'll take two waters and you get the food, my kids love camping.", "That sounds great!"),
        # After a worry they would be no kindness.
        ("My dog got sick on our last trip, it was awful.", "That sounds fun."),
        # Nothing of their life was told.
        ("Can you send me the invoice?", "That sounds great!"),
        # A bare "Great," is the clerk's token before the next step.
        (
            "Book it for my daughter's birthday party, please.",
            "Great, your party is booked for Friday.",
        ),
        # Warm words later in the turn are about something else.
        ("We're going camping with the family.", "I need water. That sounds fun though."),
        # After a sale, a booking or a time to meet, it answers the request.
        ("Let's do $40 a month and I'll bring my husband's account over too.", "That sounds good."),
        ("Can you deliver it before the weekend? It's for my son's birthday.", "That's great!"),
        ("I'm away for the weekend, can we talk Monday?", "Okay, that sounds good."),
        # After a complaint it is no kindness.
        ("The family package you sold us was missing two sleeping bags.", "Okay, that's great."),
        # Said of a product, it is the pitch.
        ("We're taking the kids camping next month.", "It's great for families, and it's $299."),
        # Praise for their question is not gladness at their life.
        (
            "My wife and I love to travel, so what does the plan cover abroad?",
            "Oh, that's a great question.",
        ),
    ],
)
def test_warmth_is_read_against_their_last_turn(client: str, seller: str) -> None:
    assert _warm(client, seller) == []


def test_warmth_leaves_a_question_in_the_same_sentence_its_credit() -> None:
    dialogue = (
        "Client: We're going hiking with the kids this weekend.\n"
        "Seller: That sounds nice, can you tell me what matters most to you?"
    )
    found = {f.signal for f in analyze(parse(dialogue, source="<test>"), ["Seller"]).findings}
    assert {"shares_their_good_news", "asks_about_their_world"} <= found


def _good_news(dialogue: str) -> list[str]:
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return [f.evidence for f in found if f.signal == "shares_their_good_news"]


@pytest.mark.parametrize(
    ("dialogue", "found"),
    [
        # The greeting's ritual: asked how they are, they said fine.
        (
            "Seller: Hi Emily, how's your day going?\nClient: Hi John! Good, thanks for asking.\n"
            "Seller: Glad to hear! I wanted to check in on the tool.",
            [],
        ),
        # Their praise of what the seller sells: the seller hears their own product praised.
        (
            "Seller: How is the dashboard working for you?\nClient: It's been really useful, "
            "especially the task assignment features.\nSeller: Glad to hear it! Anything else?",
            [],
        ),
        (
            "Client: The integration with cloud storage is smooth.\nSeller: That's great to hear.",
            [],
        ),
        # Asked how they are, they told of their life: being glad of it is warmth.
        (
            "Seller: How are you doing?\nClient: I'm doing well. I've been traveling a lot and "
            "went hiking in the Cascades last weekend.\nSeller: I'm glad to hear that.",
            ["I'm glad to hear"],
        ),
        (
            "Client: My knee is much better since the injection.\nSeller: I'm glad to hear that.",
            ["I'm glad to hear"],
        ),
    ],
)
def test_glad_to_hear_a_greeting_answered_or_the_product_praised_is_no_good_news(
    dialogue: str, found: list[str]
) -> None:
    assert _good_news(dialogue) == found


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "We just closed our funding round last week.",
            "Congrats on the funding, that's huge news!",
        ),
        ("My daughter just graduated from college.", "Congratulations! You must be so proud."),
    ],
)
def test_warmth_congratulations_on_their_milestone(client: str, seller: str) -> None:
    assert _warm(client, seller)
