"""The whole analysis reads a typed turn as meant, with the marks its typist left out put
back, and quotes the words as typed."""

from __future__ import annotations

import pytest

from tests.analysis.quoted import signals_quoting_the_words
from trustworks.analysis import analyze
from trustworks.analysis.marks import as_meant
from trustworks.conversation import conversation_from_pairs


def test_a_turn_with_every_mark_is_read_as_it_is() -> None:
    assert as_meant("Don't worry, what do you need?") == ("Don't worry, what do you need?", None)


def test_a_typed_turn_is_read_with_its_marks_and_maps_back() -> None:
    typed = "ok dont worry, what do you need"
    meant, kept = as_meant(typed)
    assert meant == "ok don't worry, what do you need?"
    assert kept is not None and kept.text == typed
    start = meant.index("don't")
    assert kept.span(start, start + len("don't worry")) == (3, 3 + len("dont worry"))
    assert kept.marked_span(3, 3 + len("dont worry")) == (start, start + len("don't worry"))


@pytest.mark.parametrize(
    ("typed", "signal"),
    [
        # Detectors, not only the catalogue's phrases, read the turn as meant: a question
        # about them counted without its mark, a split read through "Ill".
        ("Hi! what do you need the most for your trip", "asks_about_their_world"),
        ("Ill take 2 firewood, 1 water and 1 food.", "claims_before_listening"),
    ],
)
def test_detectors_read_a_typed_turn_as_meant(typed: str, signal: str) -> None:
    pairs = [("Sam", "Hello! We are going camping with the kids."), ("Ray", typed)]
    found = signals_quoting_the_words(pairs)
    assert any(s == signal and evidence in typed for s, evidence in found)
    punctuated = signals_quoting_the_words([pairs[0], ("Ray", as_meant(typed)[0])])
    assert [s for s, _ in found] == [s for s, _ in punctuated]


def test_a_promise_typed_bare_is_kept_in_the_typed_words() -> None:
    typed = "so well send it over friday"
    analysis = analyze(
        conversation_from_pairs([("Sam", "We need the quote soon."), ("Ray", typed)], seller="Ray")
    )
    assert [c.evidence for c in analysis.commitments] == ["well send it over friday"]
    dated = [f for f in analysis.findings if f.signal == "makes_dated_commitment"]
    assert [(f.start, f.end, f.evidence) for f in dated] == [(3, len(typed), typed[3:])]


def test_a_long_turn_is_read_as_meant_without_being_kept() -> None:
    typed = "so " * 2_000 + "dont worry"
    meant, kept = as_meant(typed)
    assert meant.endswith("don't worry") and kept is not None
    assert as_meant(typed)[0] is not meant  # read again: a long turn is not remembered
    short = "dont worry"
    assert as_meant(short)[0] is as_meant(short)[0]


def test_a_curly_apostrophe_is_read_as_one_and_quoted_as_typed() -> None:
    typed = "Honestly, I don’t know. What’s the biggest worry on your end?"
    meant, kept = as_meant(typed)
    assert meant == typed.replace("’", "'")
    assert kept is not None and kept.text == typed
    found = signals_quoting_the_words([("Sam", "We keep losing invoices."), ("Ray", typed)])
    assert ("explores_need_first", "What’s the biggest worry on your end?") in found
