"""Telling the other person what to do: counted per seller turn, a bounded cost to trust."""

from __future__ import annotations

import pytest

from trustworks.analysis import analyze
from trustworks.analysis.directives import asks_for_advice
from trustworks.analysis.result import Analysis
from trustworks.analysis.trust import DIRECTIVE_FLOOR, DIRECTIVE_FULL_TURNS, directive_term
from trustworks.ingest import parse


def _analysis(dialogue: str) -> Analysis:
    return analyze(parse(dialogue, source="<test>"), ["Seller"])


def _directive_cost(dialogue: str) -> float:
    analysis = _analysis(dialogue)
    return sum(c.delta for c in analysis.contributions if c.ref == "directives")


def test_no_directive_costs_nothing() -> None:
    assert directive_term(0, 10) == 0.0


def test_cost_grows_with_the_share_of_turns_and_is_bounded() -> None:
    one, two = directive_term(1, 20), directive_term(2, 20)
    assert two < one < 0.0
    assert directive_term(20, 20) == DIRECTIVE_FLOOR


def test_a_short_message_weighs_as_the_fewest_turns_counted() -> None:
    # One "you should" in a single message is one in DIRECTIVE_FULL_TURNS, not all of it.
    assert directive_term(1, 1) == directive_term(1, DIRECTIVE_FULL_TURNS)
    assert directive_term(1, 1) > DIRECTIVE_FLOOR


PRESCRIBING = (
    "Client: I drink about four beers most nights.\n"
    "Seller: You need to cut that down to two.\n"
    "Client: I don't know, it helps me unwind.\n"
    "Seller: You should find another way to unwind, like walking after dinner.\n"
)
ASKING = (
    "Client: I drink about four beers most nights.\n"
    "Seller: What do the beers do for you at the end of the day?\n"
    "Client: I don't know, it helps me unwind.\n"
    "Seller: What else has helped you unwind in the past?\n"
)


def test_prescribing_costs_self_orientation_and_trust() -> None:
    prescribing, asking = _analysis(PRESCRIBING), _analysis(ASKING)
    assert _directive_cost(PRESCRIBING) < 0.0
    assert _directive_cost(ASKING) == 0.0
    assert prescribing.trust.self_orientation > asking.trust.self_orientation
    assert prescribing.trust.trust < asking.trust.trust


@pytest.mark.parametrize(
    "seller",
    [
        "Do you think you should cut down?",  # a question about what they think
        "You said you have to finish by Friday.",  # their words reported back
        "If you need to reschedule, just let me know.",  # a condition
        "You don't have to decide anything today.",
        "Why don't you tell me a bit more about that?",  # an invitation to talk
    ],
)
def test_what_only_sounds_like_telling_is_not_counted(seller: str) -> None:
    assert _directive_cost(f"Client: It's been a long week.\nSeller: {seller}\n") == 0.0


def test_advice_they_asked_for_is_not_counted() -> None:
    advice = "Seller: You should start on the team plan, honestly.\n"
    asked = "Client: What would you recommend for a team our size?\n" + advice
    unasked = "Client: We're a team of twelve.\n" + advice
    assert _directive_cost(asked) == 0.0
    assert _directive_cost(unasked) < 0.0


def _counted(dialogue: str) -> tuple[int, int]:
    """(directive turns, seller turns counted) as the analysis left them."""
    analysis = _analysis(dialogue)
    return analysis.metrics.seller_directives, analysis.metrics.seller_turns


def test_a_back_channel_does_not_dilute_the_share() -> None:
    # Each seller turn in its own words: the same one said again is a finding of its own.
    teams = ("sales", "support", "billing", "warehouse", "night", "weekend", "returns", "audit")
    long_turns = "".join(
        f"Client: We ship about {n} orders a day.\nSeller: Tell me how the {team} team copes.\n"
        for n, team in enumerate(teams)
    )
    told = long_turns + "Client: Okay.\nSeller: You should automate the invoicing first.\n"
    with_back_channels = (
        told + "Client: Maybe.\nSeller: Mm-hm, sure.\nClient: Right.\nSeller: Yes.\n"
    )
    assert _directive_cost(with_back_channels) == _directive_cost(told) < 0.0
    assert _directive_cost(told) > directive_term(1, 9)  # damped: little evidence besides


def test_a_turn_found_telling_them_what_they_must_do_counts_once() -> None:
    # "You need to stop" is already a finding; the same words cost nothing more.
    dialogue = "Client: I smoke a pack a day.\nSeller: You need to stop, it is killing you.\n"
    analysis = _analysis(dialogue)
    assert any(f.signal == "tells_them_what_they_must_do" for f in analysis.findings)
    assert _counted(dialogue)[0] == 0


def test_one_directive_alone_is_damped_by_the_little_evidence() -> None:
    alone = "Client: We're a team of twelve.\nSeller: You should start on the team plan.\n"
    assert directive_term(1, 1) < _directive_cost(alone) < 0.0


def test_advice_asked_for_two_turns_back_is_still_asked_for() -> None:
    dialogue = (
        "Client: What would you recommend for us?\nSeller: How many seats would you need?\n"
        "Client: About forty.\nSeller: Then you should go with the team plan, I think.\n"
    )
    assert _counted(dialogue)[0] == 0


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("What would you recommend?", True),
        ("What should I do about the renewal?", True),
        ("Any advice for someone starting out?", True),
        ("Should I go with the monthly or the annual plan?", True),
        ("What do you think I should do?", True),
        ("How do I reset my password?", True),
        ("Which plan is best for a team our size?", True),
        ("I have been drinking more lately.", False),
        ("What do you sell, exactly?", False),
    ],
)
def test_asks_for_advice(text: str, asks: bool) -> None:
    assert asks_for_advice(text) is asks


@pytest.mark.parametrize(
    "seller",
    [
        "You need to sign today, don't you think?",  # a deadline and a leading question
        "I'd go with the annual plan if I were you.",  # advice from their shoes
    ],
)
def test_words_a_finding_speaks_for_are_not_counted_again(seller: str) -> None:
    dialogue = f"Client: We're comparing a few vendors.\nSeller: {seller}\n"
    assert _analysis(dialogue).findings
    assert _counted(dialogue)[0] == 0


def test_a_doubt_put_as_a_question_asks_for_no_advice() -> None:
    dialogue = (
        "Client: How do I know you'll still be around in two years?\n"
        "Seller: You should sign the three-year deal today and lock it in.\n"
    )
    assert _counted(dialogue)[0] == 1
