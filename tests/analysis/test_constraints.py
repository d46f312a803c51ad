"""What does not work for the client, passed over by a reply that goes on with the form."""

from __future__ import annotations

import pytest

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.constraints import SIGNAL, told_constraint
from trustworks.conversation import Conversation, Turn
from trustworks.signals.matcher import fold


def _passed_over(client: str, seller: str) -> list[str]:
    analysis = analyze(conversation_from_pairs([("Client", client), ("Sam", seller)], seller="Sam"))
    return [f.evidence for f in analysis.findings if f.signal == SIGNAL]


@pytest.mark.parametrize(
    "said",
    [
        "I wanted Tuesday at 6pm, but I just remembered I have a job interview at that time!",
        "Tuesday won't work for me.",
        "That doesn't work for us, sorry.",
        "I only eat halal food.",
        "I'm allergic to shellfish.",
        "It has to be wheelchair accessible.",
        "I can't make it then.",
    ],
)
def test_a_clash_or_what_they_cannot_have_is_told(said: str) -> None:
    assert told_constraint(fold(said)) is not None


@pytest.mark.parametrize(
    "said",
    [
        "If that doesn't work for you, we can move it.",
        "I'm not allergic to anything.",
        "I only eat halal food. Is there a halal option?",
        "Tuesday at 6 works great.",
        "I don't eat much, honestly.",
        "I don't need vegan food.",
        "We won't need kosher meals.",
        "The kosher meals were lovely last time.",
        "That price doesn't work for us.",
    ],
)
def test_conditions_denials_questions_and_yeses_are_not(said: str) -> None:
    assert told_constraint(fold(said)) is None


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        (
            "I wanted Tuesday at 6pm, but I have a job interview at that time!",
            "Could you give me your name, please?",
        ),
        ("Yes I do. I only eat halal food.", "Great, your RSVP is all done and confirmed!"),
    ],
)
def test_the_form_going_on_passes_it_over(client: str, seller: str) -> None:
    assert _passed_over(client, seller)


@pytest.mark.parametrize(
    ("client", "seller"),
    [
        ("I have a job interview at that time.", "No problem, which other day would suit you?"),
        ("I only eat halal food.", "Noted, I'll tell the caterers. Your RSVP is all done!"),
        ("Tuesday won't work.", "Great, your party is booked for Monday at 6 pm!"),
        ("I only eat halal food.", "Okay."),  # a back-channel leaves the floor to them
        ("I only eat halal food.", "We have a halal menu, yes. Your RSVP is done."),
    ],
)
def test_a_reply_that_meets_it_does_not(client: str, seller: str) -> None:
    assert not _passed_over(client, seller)


def test_a_feeling_passed_over_in_the_same_reply_is_one_finding() -> None:
    analysis = analyze(
        conversation_from_pairs(
            [
                (
                    "Client",
                    "I'm really worried, I only eat halal food and last time there was none.",
                ),
                ("Sam", "Great, your RSVP is all done and confirmed!"),
            ],
            seller="Sam",
        )
    )
    found = [f.signal for f in analysis.findings if f.polarity < 0]
    assert found == ["passes_over_their_feeling"]


@pytest.mark.parametrize("heard", ["Noted.", "No problem.", "Got it."])
def test_an_acknowledgement_in_a_turn_of_its_own_takes_it_up(heard: str) -> None:
    said = [("Client", "Tuesday won't work for me."), ("Sam", heard)]
    said.append(("Sam", "Could I get your name, please?"))
    conversation = Conversation(tuple(Turn(speaker, text) for speaker, text in said))
    analysis = analyze(conversation, ["Sam"])
    assert not [f for f in analysis.findings if f.signal == SIGNAL]


def test_a_back_channel_in_a_turn_of_its_own_leaves_it_waiting() -> None:
    said = [("Client", "Tuesday won't work for me."), ("Sam", "Mm-hmm.")]
    said.append(("Sam", "Could I get your name, please?"))
    conversation = Conversation(tuple(Turn(speaker, text) for speaker, text in said))
    analysis = analyze(conversation, ["Sam"])
    assert [f for f in analysis.findings if f.signal == SIGNAL]
