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


def _claims(dialogue: str, source: str = "<test>") -> list[str]:
    found = analyze(parse(dialogue, source=source), ["Seller"]).findings
    return [f.evidence for f in found if f.signal == "claims_before_listening"]


@pytest.mark.parametrize(
    ("dialogue", "evidence"),
    [
        # The opening of a chat: nothing heard, nothing asked, no reason.
        (
            "Seller: Hi there. I'd like 3 packages of food and 2 of the firewood. You can have "
            "the water.\nClient: Hmm, I need food too.",
            ["I'd like 3 packages of food and 2 of the firewood."],
        ),
        (
            "Client: Hello!\nSeller: Hello. I would like all the water and 2 food.\nClient: Oh.",
            ["I would like all the water and 2 food."],
        ),
        # Asking them only to agree does not make it a question about them.
        (
            "Seller: I'd like all the firewood and 2 food. Does that work for you?\nClient: No.",
            ["I'd like all the firewood and 2 food."],
        ),
        # With its reason, or a question about them, a claim is an honest proposal.
        (
            "Seller: I'd like all the firewood because my son gets cold at night.\nClient: Ok.",
            [],
        ),
        (
            "Seller: I'd like 3 packages of food. What do you need most?\nClient: Water.",
            [],
        ),
        # After they have said what they need, or after asking them, it answers them.
        (
            "Client: Hi! We're hiking in the desert, so water matters most, and we're fine on "
            "food.\nSeller: Then I'd like 3 packages of food and you take all the water.",
            [],
        ),
        (
            "Seller: Hello, what do you need most?\nClient: Water.\nSeller: Then I'd like 3 "
            "packages of food and you take all 3 waters.",
            [],
        ),
        # Asked what they want, saying it answers them; "how are you?" asks nothing of that.
        (
            "Client: Hi, I brought some water with me. How much do you need?\nSeller: I want 2 "
            "packages of water and all the food.",
            [],
        ),
        (
            "Client: Hello! How are you doing?\nSeller: I'd like all 3 firewood and 2 water.",
            ["I'd like all 3 firewood and 2 water."],
        ),
        # Asking to have it is the claim itself, not a question about them, mark or none.
        (
            "Client: Hello! How are you doing?\nSeller: hi can i have all the firewood, food "
            "and water?",
            ["hi can i have all the firewood, food and water?"],
        ),
        (
            "Client: Hello! How are you doing?\nSeller: hi can i have all the firewood, food "
            "and water",
            ["hi can i have all the firewood, food and water"],
        ),
        # Their circumstances are the reason, with or without a "because".
        (
            "Seller: I'd love 2 extra firewood. The forecast was much warmer and I just didn't "
            "bring enough.",
            [],
        ),
        # The whole split put by the share it leaves them claims the rest; giving one item
        # claims nothing.
        (
            "Seller: Hello! You can have 1 water and all 3 firewood.\nClient: What about food?",
            ["You can have 1 water and all 3 firewood."],
        ),
        (
            "Seller: I'll give you 1 food package and 2 firewood packages.\nClient: Hmm.",
            ["I'll give you 1 food package and 2 firewood packages."],
        ),
        ("Seller: Hi! You can have all the water if you need it.\nClient: Thanks!", []),
        (
            "Seller: You can have 2 waters and 1 food. What do you need most?\nClient: Food.",
            [],
        ),
        # An exchange's "for the firewood" names what is taken, not a reason for taking it.
        (
            "Seller: I will give you all the food and 1 water for the firewood.\nClient: Oh, "
            "I am not comfortable with that.",
            ["I will give you all the food and 1 water for the firewood."],
        ),
        # Small talk, however long, tells nothing the split could serve; what they need does.
        (
            "Client: Hi! Really excited, we go every summer and it is the best week of the year "
            "for the whole family, honestly.\nSeller: Same here! How about I take all of the "
            "water and 1 firewood and you can have the rest?",
            ["How about I take all of the water and 1 firewood and you can have the rest?"],
        ),
        (
            "Client: Hi! Really excited. We are short on water though.\nSeller: How about I take "
            "all of the food and 1 firewood and you can have the rest?",
            [],
        ),
        # Only the first claim is judged.
        (
            "Seller: I'd like 3 packages of food and 2 of the firewood.\nClient: No.\nSeller: "
            "Ok, I'd like 3 packages of food and 1 firewood.",
            ["I'd like 3 packages of food and 2 of the firewood."],
        ),
    ],
)
def test_early_ask_a_claim_before_listening_is_flagged(dialogue: str, evidence: list[str]) -> None:
    assert _claims(dialogue) == evidence


def test_early_ask_a_written_message_that_opens_with_a_claim_is_not_judged() -> None:
    # An e-mail may answer words the analyzer is not shown.
    email = (
        "From: Seller <s@example.com>\nTo: Client <c@example.com>\nSubject: camp\n\n"
        "I'd like 3 packages of food and 2 of the firewood."
    )
    analysis = analyze(parse(email, source="offer.eml"), ["Seller"])
    assert analysis.conversation.format == "email"
    assert [f for f in analysis.findings if f.signal == "claims_before_listening"] == []
    # The same words opening a chat are judged.
    chat = "Seller: I'd like 3 packages of food and 2 of the firewood.\nClient: Hm."
    assert _claims(chat) == ["I'd like 3 packages of food and 2 of the firewood."]
