from __future__ import annotations

import pytest

from trustworks.ingest import parse
from trustworks.ingest._text import clean


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("why do n't you come with me", "why don't you come with me"),
        ("i ca n't  say it wo n't", "i can't say it won't"),
        ("don't and n'tx stay", "don't and n'tx stay"),
    ],
)
def test_a_contraction_a_tokeniser_split_is_joined_again(raw: str, read: str) -> None:
    assert clean(raw) == read


def test_a_tokenised_transcript_reads_as_said() -> None:
    conversation = parse("Doctor: why do n't you sit down ?\nPatient: i ca n't .", source="<t>")
    assert [t.text for t in conversation.turns] == ["why don't you sit down?", "i can't."]


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        (
            "okay . so , what that means , essentially , is that ...",
            "okay. so, what that means, essentially, is that...",
        ),
        ("costs 3.5 , right ?", "costs 3.5, right?"),
        ("a .5 mm gap - no !", "a .5 mm gap - no!"),
    ],
)
def test_punctuation_a_tokeniser_set_off_is_attached_again(raw: str, read: str) -> None:
    assert clean(raw) == read
