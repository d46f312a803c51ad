"""A check on the seller's own terms is told apart from a question about the client."""

from __future__ import annotations

import pytest

from tests.cpu import cpu_budget
from trustworks.analysis import proposals
from trustworks.analysis.proposals import (
    asks_verdict_on_terms,
    checks_view_of_terms,
    claims_a_share,
    names_terms,
)


@pytest.mark.parametrize(
    ("question", "before", "verdict"),
    [
        ("Does that work for you?", "", True),
        ("How does that sound?", "", True),
        ("Is that alright with you?", "", True),
        ("Can we split the water?", "", True),
        ("What do you think?", "I'd take 2 of the firewood.", True),
        # Their view, with nothing of the seller's on the table.
        ("What do you think?", "We talked about the risks.", False),
        ("What do you need the water for?", "", False),
        ("How does your team handle it today?", "", False),
        # Discovery that happens to say "deal", "give me", "propose" or "let me".
        ("How do you deal with it today?", "", False),
        ("Can you give me an example from last week?", "", False),
        ("Can I get a sense of how many reps you have?", "", False),
        ("What would you propose, if you had a free hand?", "", False),
        ("What trade-offs have you had to make because of it?", "", False),
        ("Can you give me two of the waters?", "", True),
    ],
)
def test_asks_verdict_on_terms(question: str, before: str, verdict: bool) -> None:
    assert asks_verdict_on_terms(question, before) is verdict


@pytest.mark.parametrize(
    ("before", "terms"),
    [
        ("I'd take two of the water and you the food.", True),
        ("I would prefer 3 firewood, 2 food and 1 water.", True),
        ("2 food for you, 1 for me.", True),
        # One figure alone puts nothing on the table.
        ("We've been around for 20 years.", False),
        ("Oh, two kids.", False),
    ],
)
def test_names_terms(before: str, terms: bool) -> None:
    assert names_terms(before) is terms


@pytest.mark.parametrize(
    ("question", "before", "checks"),
    [
        # Terms on the table, then their view of them asked, in any of the usual words.
        ("Is that reasonable?", "If I take 2 firewood, you take 1.", True),
        ("i propose, 2 water, 1 food and 2 firewood to you, is that good ?", "", True),
        ("Does this offer work for you?", "This means you get 1 wood and 3 food.", True),
        ("Would you be okay with that?", "I'd take two of the water and you the food.", True),
        ("So 12 months at $40k and a pilot first, how does that sound?", "", True),
        ("Can you live with that?", "I'd take 2 firewood and you get all the water.", True),
        ("Is that something you could work with?", "I'd take 2 firewood.", True),
        ("Would that be acceptable to your team?", "We could do 12 months at $40k.", True),
        ("Fair enough?", "I'd take 2 firewood and you get all the water.", True),
        ("Would you accept that?", "I'd take 2 firewood and you get all the water.", True),
        ("I'd take 2 firewood and you get all the water, if that works on your end?", "", True),
        # A check with no terms before it asks about a time or a plan, not a proposal.
        ("Is that reasonable?", "We talked about the risks.", False),
        ("Does Tuesday at ten work for you?", "", False),
        # Figures that are not put to a side are facts, not terms.
        ("Sound good?", "We have 12 engineers and 3 designers.", False),
        ("What do you think?", "Our last client paid $40k and was thrilled.", False),
        # Terms with no check after them are a proposal, not a question about it.
        ("Can you give me two of the waters?", "", False),
        ("What do you need the water for?", "I'd take 2 of the firewood.", False),
    ],
)
def test_checks_view_of_terms(question: str, before: str, checks: bool) -> None:
    assert checks_view_of_terms(question, before) is checks


def test_checks_view_of_terms_a_long_run_of_commas_takes_linear_time() -> None:
    # Read from every comma with backtracking, 32,000 characters of ", , , " took 16 s.
    with cpu_budget(4):  # well under a second as it is
        assert checks_view_of_terms(", , , , " * 4000 + "x?", "I'd take 2 waters.") is False
        assert checks_view_of_terms("I take 2, , , , is that ok?", "") is True


@pytest.mark.parametrize(
    "question",
    [
        "I take 2, is that ok?",
        "2 for you, 1 for me. Fair enough?",
        "Is that ok?\n",  # a final newline: Python's $ matches before it, RE2's does not
        "Does that work for you?\nThanks",
        "Ça va, is that fair?",  # not ASCII: RE2's \W reads it otherwise
        "so deal?",
        ", , , , how's that?",
        "What do you need most?",
        "",
    ],
)
def test_check_tail_gated_finds_what_the_pattern_finds(question: str) -> None:
    # RE2 answers first with the pattern made greedy: it must never miss a check.
    found = proposals._CHECK_TAIL.search(question)
    gated = proposals._CHECK_TAIL_GATED.search(question)
    assert (gated and gated.span()) == (found and found.span())


@pytest.mark.parametrize(
    ("said", "claims"),
    [
        ("And I get 3 firewood?", True),
        ("I'll take 2 waters.", True),
        ("I would prefer 3 firewood.", True),
        ("Could I have 2 waters?", True),
        ("I'll take one of the brochures.", False),
        ("We'll get two quotes from other vendors.", False),
        ("2 waters for me and the rest for you.", True),
        ("I have some questions about your sleep.", False),
        ("I have two kids myself.", False),
        ("Would you be okay with two nights off a week?", False),
        ("We need more time to talk about this.", False),
    ],
)
def test_a_share_claimed_for_the_speakers_side(said: str, claims: bool) -> None:
    assert claims_a_share(said) is claims


@pytest.mark.parametrize(
    "said", ["I'll take 2 waters, if that works.", "You'd get 2 water and 1 food?"]
)
def test_terms_put_with_a_contracted_will_or_would_are_terms(said: str) -> None:
    assert names_terms(said)
    assert proposals.PROPOSES.search(said) is not None
