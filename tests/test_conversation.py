from __future__ import annotations

from dataclasses import fields, replace

import pytest

from trustworks.conversation import Conversation, Role, Turn, conversation_from_pairs


def test_conversation_with_seller_assigns_roles_case_and_space_insensitively() -> None:
    conv = conversation_from_pairs(
        [("Dana  Whitfield", "Hi."), ("Marcus", "Hello."), ("Unknown", "[noise]")],
        seller="dana whitfield",
    )
    assert [t.role for t in conv.turns] == [Role.SELLER, Role.CLIENT, Role.OTHER]
    assert conv.seller == ("dana whitfield",)
    assert not conv.seller_inferred


def test_conversation_with_seller_several_sellers_and_reason() -> None:
    conv = Conversation((Turn("A", "x"), Turn("B", "y"), Turn("C", "z"))).with_seller(
        ["A", "B"], inferred=True, reason="because"
    )
    assert [t.role for t in conv.turns] == [Role.SELLER, Role.SELLER, Role.CLIENT]
    assert conv.seller_inferred and conv.seller_reason == "because"


def test_conversation_speakers_in_order_of_first_appearance() -> None:
    conv = conversation_from_pairs([("B", "1"), ("A", "2"), ("B", "3")])
    assert conv.speakers() == ["B", "A"]


@pytest.mark.parametrize(
    ("start", "end", "expected"), [(1.0, 3.5, 2.5), (None, 3.0, None), (4.0, 3.0, 0.0)]
)
def test_turn_duration(start: float | None, end: float | None, expected: float | None) -> None:
    assert Turn("A", "x", start=start, end=end).duration == expected


def test_turn_with_role_keeps_every_other_field() -> None:
    # with_role builds the turn field by field: a new field must be passed on there too.
    assert [f.name for f in fields(Turn)] == ["speaker", "text", "role", "start", "end", "line"]
    turn = Turn("Dana", "Hello.", Role.OTHER, start=1.0, end=2.5, line=7)
    moved = turn.with_role(Role.SELLER)
    assert moved == replace(turn, role=Role.SELLER)
    assert conversation_from_pairs([("Dana", "Hi.")], seller="Dana").turns[0].role is Role.SELLER


def test_turn_with_text_keeps_every_other_field() -> None:
    turn = Turn("Dana", "dont worry", Role.SELLER, start=1.0, end=2.5, line=7)
    assert turn.with_text("don't worry") == replace(turn, text="don't worry")
