"""Chat as typed ("u", "thx", "lol", "??", "Great.What") is read as written out, and every
finding quotes the words as typed."""

from __future__ import annotations

import pytest

from tests.analysis.quoted import signals_quoting_the_words
from trustworks.analysis import analyze
from trustworks.analysis.chat import typed_out
from trustworks.analysis.marks import as_meant
from trustworks.conversation import Conversation, Turn


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("how r u", "how are you?"),
        ("r u?", "are you?"),
        ("thx for ur time!", "thanks for your time!"),
        ("ur welcome", "you're welcome"),
        ("ur going to love it", "you're going to love it"),
        ("Great.What do you need??", "Great. What do you need?"),
        ("Sure!!! Works for me", "Sure! Works for me"),
        ("wait what?!", "wait what?"),
        ("haha thats fair lol what do u need", "that's fair. what do you need?"),
        ("Sure. lol", "Sure."),
        ("idk, maybe next week", "I don't know, maybe next week"),
        ("Thx, that helps", "Thanks, that helps"),
        ("Ty!", "Thank you!"),
        ("pls send it b4 friday", "please send it before friday"),
        ("I'll send it tmrw or next wk", "I'll send it tomorrow or next week"),
        ("Okay,so what do you need", "Okay, so what do you need?"),
        ("Happy to help.I understand.", "Happy to help. I understand."),
    ],
)
def test_shorthand_is_written_out(typed: str, meant: str) -> None:
    assert as_meant(typed)[0] == meant


@pytest.mark.parametrize(
    "typed",
    [
        "I like U.S. food",  # a letter of an abbreviation
        "Take the U-turn",
        "Ty said so",  # a name
        "We opened an office in BC",
        "The r value is low",  # "r" with no pronoun beside it
        "e.g. the price",
        "See www.example.com?id=Ab",  # an address keeps its marks
        "It costs 3.5 million",
        "Our people love it",  # no shorthand
    ],
)
def test_words_that_only_look_like_shorthand_are_left(typed: str) -> None:
    assert typed_out(typed) == (typed, None)


def test_what_is_written_out_maps_back_onto_the_words_as_typed() -> None:
    typed = "How about u??"
    meant, kept = as_meant(typed)
    assert meant == "How about you?"
    assert kept is not None
    # The phrase ending on what was written out ends where the shorthand did.
    assert kept.span(0, len(meant)) == (0, len(typed))


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("Thanks for your time today!", "thx for ur time today!"),
        ("What made you start looking for a new tool?", "what made u start looking for a new tool"),
        (
            "Sounds rough. What is slowing you down most?",
            "Sounds rough lol what is slowing u down most??",
        ),
        ("Got it. How is your team handling it now?", "Got it.How is ur team handling it now?"),
    ],
)
def test_a_turn_typed_as_chat_keeps_what_the_written_one_shows(written: str, typed: str) -> None:
    client = ("Sam", "Our reports take all week and the team is fed up.")
    as_written = signals_quoting_the_words([client, ("Ray", written)])
    assert as_written, "the turn as written shows something"
    as_typed = signals_quoting_the_words([client, ("Ray", typed)])
    assert [s for s, _ in as_typed] == [s for s, _ in as_written]


@pytest.mark.parametrize("said", ["lol", "haha", "LOL!!", "*laughs*"])
def test_a_turn_that_is_only_a_laugh_is_read_as_typed(said: str) -> None:
    assert typed_out(said) == (said, None)
    talk = Conversation(
        (
            Turn("Sam", "I need a quote", start=0, end=8.7),
            Turn("Ray", said, start=7.99, end=9),  # cuts in: a finding on the laugh itself
        )
    ).with_seller(["Ray"])
    found = analyze(talk).findings
    assert [(f.signal, f.evidence) for f in found] == [("interrupts_client", found[0].evidence)]
    assert found[0].evidence and found[0].evidence in said


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("can you check ur billing page", "can you check your billing page?"),
        ("in ur building", "in your building"),
        ("in ur working hours", "in your working hours"),
        ("I know ur doing your best", "I know you're doing your best"),
        ("So ur wanting to feel stronger", "So you're wanting to feel stronger"),
        ("I think ur doing great", "I think you're doing great"),
    ],
)
def test_ur_is_your_after_a_verb_and_youre_opening_a_clause(typed: str, meant: str) -> None:
    assert as_meant(typed)[0] == meant
