"""Near-synonyms are read as the catalogue's words where they mean the same, and every
finding quotes the words as said."""

from __future__ import annotations

import pytest

from tests.analysis.quoted import signals_quoting_the_words
from trustworks.analysis.marks import as_meant


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("How can I assist you today?", "How can I help you today?"),
        ("I am truly sorry to hear that.", "I am really sorry to hear that."),
        ("Glad to hear it!", "Happy to hear it!"),
        ("I'm a bit concerned about the cost.", "I'm a bit worried about the cost."),
        ("Our staff will call you back.", "Our team will call you back."),
        ("We require a deposit.", "We need a deposit."),
    ],
)
def test_a_near_synonym_is_read_as_the_catalogue_word(said: str, read: str) -> None:
    assert as_meant(said)[0] == read


@pytest.mark.parametrize(
    "said",
    [
        "As far as I'm concerned, it works.",  # not said of a worry
        "We had a staff meeting.",  # not the people who work for someone
        "You are required to sign the form.",  # a rule, left as said
        "A condition that requires me to eat more.",
        "The concerned parties agreed.",
    ],
)
def test_a_word_that_means_something_else_there_is_left(said: str) -> None:
    assert as_meant(said) == (said, None)


@pytest.mark.parametrize(
    ("client", "everyday", "near"),
    [
        (
            "The last rollout went badly.",
            "Our team will get back to you on that.",
            "Our staff will get back to you on that.",
        ),
        (
            "I keep thinking the budget won't stretch to cover it.",
            "You're worried.",
            "You're concerned.",
        ),
        (
            "What do you need most for the trip?",
            "We need food the most, we have a big family.",
            "We require food the most, we have a big family.",
        ),
        (
            "I'm not sure yet.",
            "You really need to decide today.",
            "You truly need to decide today.",
        ),
    ],
)
def test_a_turn_in_near_synonyms_shows_what_the_everyday_one_does(
    client: str, everyday: str, near: str
) -> None:
    as_everyday = signals_quoting_the_words([("Sam", client), ("Ray", everyday)])
    assert as_everyday, "the everyday turn shows something"
    as_near = signals_quoting_the_words([("Sam", client), ("Ray", near)])
    assert [s for s, _ in as_near] == [s for s, _ in as_everyday]
