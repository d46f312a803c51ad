"""Expertise said plainly earns credibility: what a term or a result means, and why a step."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.ingest import parse

EXPLAINS = "explains_in_plain_words"
REASON = "gives_the_reason_for_it"


def _found(dialogue: str, signal: str) -> list[str]:
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    hits = [f for f in findings if f.signal == signal]
    assert all(f.family == "credibility" and f.polarity == 1 for f in hits)
    return [f.evidence for f in hits]


@pytest.mark.parametrize(
    ("dialogue", "signal"),
    [
        (
            "Client: So how did the tests come out?\n"
            "Seller: You passed the dexamethasone test, which means you don't have Cushing's.",
            EXPLAINS,
        ),
        (
            "Client: I'm so tired of sitting in this chair all day.\n"
            "Seller: In simple terms, you have a pressure sore on the outer part of your hip.",
            EXPLAINS,
        ),
        (
            "Client: We lose about 4% of accounts a month.\n"
            "Seller: Your churn is about 4% a month, which is normal for a business your size.",
            EXPLAINS,
        ),
        (
            "Client: Okay.\n"
            "Seller: I want to send off those labs just to make sure it's not something else, "
            "okay?",
            REASON,
        ),
        (
            "Client: Which plan should we take?\n"
            "Seller: The reason I'm suggesting the smaller plan is that you have six users.",
            REASON,
        ),
    ],
)
def test_a_plain_explanation_or_reason_is_credited(dialogue: str, signal: str) -> None:
    assert _found(dialogue, signal)


@pytest.mark.parametrize(
    ("dialogue", "signal"),
    [
        # The terms of a bargain, counted out, explain nothing.
        (
            "Client: I'll take two food and one water.\n"
            "Seller: That means you get two food, one firewood and one water, correct?",
            EXPLAINS,
        ),
        ("Client: And the price?\nSeller: That means you'd save about 20% on your bill.", EXPLAINS),
        # A question asks for the meaning; it does not give it.
        ("Client: I need all the water.\nSeller: Does that mean you want all of it?", EXPLAINS),
        # Checking with someone else is a promise, not the reason for a step.
        (
            "Client: Can you do better on price?\n"
            "Seller: I'll check with my manager to see if we can do a discount.",
            REASON,
        ),
        # Wanting something for oneself, with its reason, is a need stated, not advice explained.
        ("Client: Hi!\nSeller: I would like to get extra water because I sweat a lot.", REASON),
    ],
)
def test_terms_questions_and_promises_are_not_plain_explanations(
    dialogue: str, signal: str
) -> None:
    assert _found(dialogue, signal) == []
