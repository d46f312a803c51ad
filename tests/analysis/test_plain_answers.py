"""A straight answer to a question about how long, how many or when earns credibility."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.ingest import parse

SIGNAL = "answers_their_question_plainly"


def _found(client: str, seller: str) -> list[str]:
    dialogue = f"Client: {client}\nSeller: {seller}"
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return [f.evidence for f in findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    ("client", "seller", "evidence"),
    [
        (
            "How long does the migration take?",
            "About six weeks for a team your size.",
            "About six weeks for a team your size.",
        ),
        ("how much long till it is refunded", "less than a week", "less than a week"),
        (
            "I just want to see how long the codes last.",
            "Ok, one moment please. All codes expire after 7 days.",
            "All codes expire after 7 days.",
        ),
        ("When will the licences be active?", "Tomorrow morning.", "Tomorrow morning."),
        ("How many people use it today?", "Around 40 people, mostly in finance.", None),
    ],
)
def test_plain_answers_a_figure_in_reply_is_credited(
    client: str, seller: str, evidence: str | None
) -> None:
    assert _found(client, seller) == [evidence or seller]


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        ("How long does the migration take?", "It depends on a lot of things, honestly."),
        ("How long does the migration take?", "How long would you like it to take?"),
        ("How long does the migration take?", "I can't say for sure, maybe 6 weeks."),
        ("How much does it cost?", "For a team your size it's about $40,000 a year."),
        ("We have 40 people in finance.", "Great, and 12 more join next month."),
        ("When will the licences be active?", "Let me check with the team and come back."),
    ],
)
def test_plain_answers_no_figure_no_question_no_credit(client: str, seller: str) -> None:
    assert _found(client, seller) == []


def test_plain_answers_only_the_next_seller_turn_answers() -> None:
    dialogue = (
        "Client: How long does the migration take?\n"
        "Seller: Good question, let me think.\n"
        "Client: Sure.\n"
        "Seller: We did three last year."
    )
    findings = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    assert not [f for f in findings if f.signal == SIGNAL]
