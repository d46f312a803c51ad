"""Contractions typed without their apostrophe are read as contractions, and only those."""

from __future__ import annotations

import re

import pytest

from tests.analysis.cleaned import not_found_when_cleaned
from tests.signals.test_catalogue_examples import PHRASE_SIGNALS
from trustworks.analysis import analyze
from trustworks.analysis.apostrophes import missing
from trustworks.analysis.disfluency import clean
from trustworks.conversation import conversation_from_pairs


def _restored(typed: str) -> str:
    return clean(typed)[0]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("i dont think im ready", "i don't think i'm ready"),
        (
            "Youre right, thats the plan and theres no rush.",
            "You're right, that's the plan and there's no rush.",
        ),
        ("Everyones buying it, whatevers left.", "Everyone's buying it, whatever's left."),
        ("Ill send it over and Id like your view.", "I'll send it over and I'd like your view."),
        ("so well need a week", "so we'll need a week"),
        ("Lets talk on Monday.", "Let's talk on Monday."),
        ("I know its a bit steep.", "I know it's a bit steep."),
        ("If were not a fit, thats fine.", "If we're not a fit, that's fine."),
        ("Its only five dollars.", "It's only five dollars."),
    ],
)
def test_a_contraction_typed_bare_gets_its_apostrophe_back(typed: str, meant: str) -> None:
    assert _restored(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "It went well, thanks.",
        "A well run team, and a well put point.",
        "We might as well be honest.",
        "The tool lets you export everything.",
        "Its price is fair and it is first of its kind.",
        "We were going to call you.",
        "Were you there when they were talking?",
        "Things that were going well.",
        "He was ill for a week.",
        "She was ill all week.",
        "Whispering sweet nothings.",
        "Your ID number, please.",
        "The answers are in the doc.",
        # "Well" as a word, then a request: "we'll" never does it to "me".
        "Okay, well tell me what you need the least of.",
        "Well let us see.",
    ],
)
def test_a_word_that_is_no_contraction_is_left_as_typed(typed: str) -> None:
    assert missing(typed.lower()) == []


def test_clean_maps_each_restored_character_back_to_the_typed_words() -> None:
    typed = "Um, i dont think, uh, im ready"
    cleaned, index = clean(typed)
    assert cleaned.strip() == "i don't think i'm ready"
    assert index is not None
    # Every character but the apostrophes put back is the typed character it maps to.
    for at, char in enumerate(cleaned):
        if char != "'":
            assert typed[index[at]] == char


def test_a_finding_in_a_chat_typed_without_apostrophes_quotes_the_typed_words() -> None:
    analysis = analyze(
        conversation_from_pairs(
            [("Sam", "The setup worries me a bit."), ("Ray", "Dont worry, its super easy.")],
            seller="Ray",
        )
    )
    found = {f.signal: f.evidence for f in analysis.findings}
    assert "dismisses_feelings" in found
    assert "Dont worry" in found["dismisses_feelings"]


# The catalogue's examples with the apostrophe left out of every contraction that is never
# another word ("dont", "youre"): each must still fire.
_BARE = re.compile(r"\b(\w+)['’](\w+)\b")


def _typed_bare(text: str) -> str:
    def drop(hit: re.Match[str]) -> str:
        word = hit.group(1) + hit.group(2)
        return word if missing(word.lower()) else hit.group()

    return _BARE.sub(drop, text)


# Each signal with its examples typed bare, where that changes them.
BARE_EXAMPLES = {
    signal.id: (signal, typed)
    for signal in PHRASE_SIGNALS
    if (typed := [_typed_bare(e) for e in signal.examples if _typed_bare(e) != e])
}


@pytest.mark.parametrize("signal_id", sorted(BARE_EXAMPLES))
def test_every_catalogue_example_fires_typed_without_apostrophes(signal_id: str) -> None:
    signal, typed = BARE_EXAMPLES[signal_id]
    missed = not_found_when_cleaned(signal, typed)
    assert not missed, f"{signal_id} no longer fires on {missed}"
