from __future__ import annotations

import re

import pytest

from tests.dialogue import run
from trustworks.signals.contractions import PAIRS, widen_contractions


@pytest.mark.parametrize(
    ("pattern", "widened"),
    [
        (r"\bi'm not sure\b", r"\b(?:i'm|i am) not sure\b"),
        (r"\bdon'?t worry\b", r"\b(?:don'?t|do not) worry\b"),
        (r"\bi am not sure\b", r"\b(?:i am|i'm) not sure\b"),
        (r"\bcannot\b", r"\b(?:cannot|can't|can not)\b"),
        (r"what's (?:driving|behind)", r"(?:what's|what is) (?:driving|behind)"),
    ],
)
def test_contractions_plain_forms_read_as_either(pattern: str, widened: str) -> None:
    assert widen_contractions(pattern) == widened


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?<!don't )worry",  # a lookbehind's width must stay fixed
        r"(?<!\bi'm )sure",
        r"[i'm]+",  # a character class is not text
        r"\bhi'm",  # not a whole word
        r"\bwhat'sup",
        r"\bit's?\b",  # a quantifier on its last letter
        r"\bdon\'t",  # an escaped apostrophe is not the plain spelling
    ],
)
def test_contractions_leave_what_is_not_plain_text(pattern: str) -> None:
    assert widen_contractions(pattern) == pattern


@pytest.mark.parametrize(("short", "long"), PAIRS)
def test_contractions_every_pair_matches_both_ways(short: str, long: tuple[str, ...]) -> None:
    for form in (short, *long):
        widened = re.compile(rf"\b{widen_contractions(form)}\b")
        for other in (short, *long):
            assert widened.fullmatch(other), (form, other)


@pytest.mark.parametrize(
    ("said", "signal"),
    [
        ("I am not sure, to be honest.", "admits_not_knowing"),
        ("What is making you hesitant?", "asks_whats_behind_concern"),
        ("Do not worry, it is super easy.", "dismisses_feelings"),
        ("You are overthinking this, it is a standard contract.", "dismisses_feelings"),
        (
            "I will skip the slides; I would rather hear what is going on with the rollout.",
            "sets_the_deck_aside",
        ),
    ],
)
def test_contractions_full_forms_are_found_as_the_catalogue_spells_them_short(
    said: str, signal: str
) -> None:
    analysis = run(f"Client: Tell me more.\nSeller: {said}")
    assert signal in {f.signal for f in analysis.findings if f.speaker == "Seller"}
