from __future__ import annotations

import pytest

from trustworks.sentences import INNER_CUT, sentence_span, stem

TEXT = "Hi Marcus.  Thanks so much for your time today! Shall we start?\nYes"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, None, "Hi Marcus."),
        (TEXT.index("Thanks"), None, "Thanks so much for your time today!"),
        (TEXT.index("much"), TEXT.index("today"), "Thanks so much for your time today!"),
        (TEXT.index("Shall"), None, "Shall we start?"),
        (TEXT.index("Yes"), None, "Yes"),
    ],
)
def test_sentence_span_bounds(start: int, end: int | None, expected: str) -> None:
    left, right = sentence_span(TEXT, start, end)
    assert TEXT[left:right] == expected


@pytest.mark.parametrize(
    ("text", "crosses"),
    [("done. next", True), ("done.", False), ("$38.5k a year", False), ("a\nb", True)],
)
def test_inner_cut(text: str, crosses: bool) -> None:
    assert (INNER_CUT.search(text) is not None) is crosses


def test_sentence_span_of_a_long_unpunctuated_turn_is_bounded() -> None:
    text = "word " * 5_000  # an ASR transcript with no punctuation at all
    left, right = sentence_span(text, 12_500)
    assert 0 < left <= 12_500 < right < len(text)
    assert right - left <= 4_000


@pytest.mark.parametrize(
    "words",
    [
        ("need", "needs", "needed"),
        ("house", "houses"),
        ("feeling", "feelings"),
        ("worry", "worried", "worries"),
        ("plan", "plans", "planned"),
        ("workplace", "workplaces"),
        ("class", "classes"),
        ("box", "boxes"),
    ],
)
def test_stem_gives_a_word_and_its_endings_one_stem(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1, [stem(w) for w in words]


def test_stem_keeps_short_and_different_words_apart() -> None:
    assert stem("caring") != stem("cars")
    assert stem("red") == "red"
