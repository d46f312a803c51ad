"""A feeling the client voices, passed over by the seller's next turn."""

from __future__ import annotations

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.feelings import CONFIDENCE, SIGNAL, answers_it, voiced_feeling


def _passed_over(*turns: tuple[str, str]) -> list[str]:
    analysis = analyze(conversation_from_pairs(list(turns), seller="Sam"))
    return [f.evidence for f in analysis.findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    "said",
    [
        "I'm really worried the rollout will slip again.",
        "Honestly I've been so stressed about the renewal.",
        "It kept me up last night.",
        "It's been really tough since my partner left.",
        "I don't know what to do anymore.",
        "I'm afraid of running out before the weekend.",
        "I'm afraid it won't be enough for the kids.",
        "That really scares me.",
    ],
)
def test_a_feeling_said_now_is_heard(said: str) -> None:
    assert voiced_feeling(said) is not None


@pytest.mark.parametrize(
    "said",
    [
        "I'm not worried about the rollout.",
        "Whenever I'm stressed I get headaches.",  # a condition: when, not now
        "I'm afraid that won't work for us.",  # a polite no
        "I'm afraid I need at least two of them.",
        "It's been hard to find time to read it.",  # a difficulty, not a feeling
        "I got nervous and called the helpline.",  # a story told
        "We're worried about the timeline.",  # a team's concern, not a personal bid
    ],
)
def test_other_uses_of_feeling_words_are_not(said: str) -> None:
    assert voiced_feeling(said) is None


def test_going_on_to_something_else_passes_it_over() -> None:
    found = _passed_over(
        ("Ana", "Honestly, I'm worried the migration will take my team down for a week."),
        ("Sam", "Okay. Next on my list is the pricing page."),
    )
    assert found == ["Next on my list is the pricing page."]


def test_its_findings_carry_the_measured_confidence() -> None:
    turns = [("Ana", "I'm so frustrated with the old system."), ("Sam", "Sure. Let me share it.")]
    analysis = analyze(conversation_from_pairs(turns, seller="Sam"))
    [finding] = [f for f in analysis.findings if f.signal == SIGNAL]
    assert finding.confidence == CONFIDENCE
    assert finding.polarity < 0 and finding.component == "intimacy"


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry, that sounds like a lot. Let's take it slowly.",  # sympathy
        "The migration is the part we plan most carefully, step by step.",  # their words
        "That's a fair worry, and we'll come back to it.",  # points at it
        "We can look into that as well.",
        "Mm-hmm.",  # a back-channel: the floor is still theirs
        "Okay. All right. Um, so.",
    ],
)
def test_a_reply_that_takes_it_up_does_not(reply: str) -> None:
    assert answers_it("Honestly, I'm worried the migration will take my team down.", reply)
    assert not _passed_over(
        ("Ana", "Honestly, I'm worried the migration will take my team down."), ("Sam", reply)
    )


def test_a_credit_for_listening_in_that_turn_is_taking_it_up() -> None:
    # A question about them, credited by another reading, follows them rather than the script.
    assert not _passed_over(
        ("Ana", "I'm a bit worried about the timeline."),
        ("Sam", "Okay. What would a good timeline look like on your side?"),
    )


def test_only_the_next_seller_turn_is_judged() -> None:
    assert not _passed_over(
        ("Ana", "I'm really worried about the cost of switching."),
        ("Sam", "I hear you, that's a real worry."),
        ("Ana", "Yes."),
        ("Sam", "Next on my list is the pricing page."),
    )


def test_the_sellers_own_feelings_are_not_the_clients() -> None:
    assert not _passed_over(
        ("Sam", "I'm a little nervous about this demo, to be honest."),
        ("Ana", "No problem."),
        ("Sam", "Next on my list is the pricing page."),
    )


def _sympathy(*turns: tuple[str, str]) -> list[str]:
    analysis = analyze(conversation_from_pairs(list(turns), seller="Sam"))
    return [f.evidence for f in analysis.findings if f.signal == "shows_sympathy"]


@pytest.mark.parametrize(
    ("news", "reply"),
    [
        ("My father passed away in March.", "I'm so sorry. Was it sudden?"),
        ("The rash was terrible, I ended up in the ER.", "Oh no. And since then?"),
        ("I'm worried we won't have enough for the kids.", "That is unfortunate. Here's an idea."),
    ],
)
def test_a_bare_sorry_after_hard_news_is_sympathy(news: str, reply: str) -> None:
    assert _sympathy(("Ana", news), ("Sam", reply)) == [reply.split(". ")[0] + "."]


@pytest.mark.parametrize(
    ("said", "reply"),
    [
        ("The report is on your desk.", "I'm so sorry. I missed it."),  # no news: an apology
        ("My father passed away in March.", "Sorry, could you say that again?"),  # a request
        ("My father passed away in March.", "I'm sorry for the delay in getting back to you."),
    ],
)
def test_an_apology_or_a_request_is_not(said: str, reply: str) -> None:
    assert not _sympathy(("Ana", said), ("Sam", reply))
