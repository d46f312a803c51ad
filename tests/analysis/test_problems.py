"""A problem the client raised, noted and passed over for the next item on the seller's list."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.problems import SIGNAL
from trustworks.ingest import parse


def _passed_over(client: str, seller: str) -> list[str]:
    dialogue = f"Seller: How is the tool working for your team?\nClient: {client}\nSeller: {seller}"
    found = analyze(parse(dialogue, source="<test>"), ["Seller"]).findings
    return [f.evidence for f in found if f.signal == SIGNAL]


@pytest.mark.parametrize(
    ("client", "seller", "evidence"),
    [
        (
            "It's been great for real-time editing, but larger documents can lag or freeze.",
            "Performance optimization for large documents, noted. Any other suggestions?",
            ["Any other suggestions?"],
        ),
        (
            "It saves us time, but leave requests outside the guidelines need extensive manual "
            "overrides.",
            "Streamlining complex leave approvals, got it. And for timesheet entries?",
            ["And for timesheet entries?"],
        ),
        (
            "Fast, but there are occasional sync issues when several agents handle one query.",
            "Syncing across multiple agents, got it. Ticket escalation?",
            ["Ticket escalation?"],
        ),
        (
            "The follow-up reminders aren't always consistent, and they sometimes get missed.",
            "I understand. Improving reminder consistency is definitely something we can work "
            "on. How's the integration with your email platform going?",
            ["How's the integration with your email platform going?"],
        ),
        (
            "The follow-up reminders aren't always consistent, and they sometimes get missed.",
            "Improving reminder consistency is something we'll look into. What about the email "
            "integration?",
            ["What about the email integration?"],
        ),
    ],
)
def test_a_problem_noted_and_passed_over_for_the_next_item(
    client: str, seller: str, evidence: list[str]
) -> None:
    assert _passed_over(client, seller) == evidence


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        # Asking about the problem takes it up.
        (
            "It's been great for real-time editing, but larger documents can lag or freeze.",
            "Got it. How often does that happen, and what do you do when it freezes?",
        ),
        (
            "We have trouble with cross-department escalations.",
            "Noted. Can you walk me through the last one?",
        ),
        # No problem told.
        ("No problems at all, it's been great.", "Glad to hear it. What about exporting?"),
        # A question of theirs is answered, not passed over.
        ("Is the lag a known issue?", "Got it. What about exporting?"),
        # No note of it, no new topic: a visit's history going on.
        ("I've had trouble sleeping.", "Any other symptoms, like headaches?"),
        # The next offer in a bargain is no new topic.
        (
            "I'm having trouble with that split, I need more water.",
            "I understand. How about I take one water and you take two?",
        ),
        # "What about that?" points back at it.
        ("The export is slow for big files.", "Noted. What about that is hardest for you?"),
    ],
)
def test_a_problem_taken_up_or_none_told_is_not_passed_over(client: str, seller: str) -> None:
    assert _passed_over(client, seller) == []
