"""Counts in messages agree with their nouns: '1 account', '2 accounts', '3 stories'."""

from __future__ import annotations

import pytest

from trustworks.plural import counted, plural_of


@pytest.mark.parametrize(
    ("count", "noun", "plural", "expected"),
    [
        (0, "account", None, "0 accounts"),
        (1, "account", None, "1 account"),
        (2, "account", None, "2 accounts"),
        (1, "seller remark", None, "1 seller remark"),
        (2, "seller remark", None, "2 seller remarks"),
        (1, "story", None, "1 story"),
        (2, "story", None, "2 stories"),
        (2, "day", None, "2 days"),
        (2, "success", None, "2 successes"),
        (2, "match", None, "2 matches"),
        (2, "evidence", "evidence", "2 evidence"),
        (12000, "utterance", None, "12,000 utterances"),
        (1.0, "day", None, "1 day"),
        (1.5, "day", None, "1.5 days"),
    ],
)
def test_plural_count_agrees_with_noun(
    count: float, noun: str, plural: str | None, expected: str
) -> None:
    assert counted(count, noun, plural) == expected


@pytest.mark.parametrize(
    ("noun", "expected"),
    [("key", "keys"), ("party", "parties"), ("box", "boxes"), ("risk", "risks")],
)
def test_plural_of_regular_nouns(noun: str, expected: str) -> None:
    assert plural_of(noun) == expected
