"""Phrases of the intimacy catalogue read in words its examples do not use."""

from __future__ import annotations

import pytest

from tests.dialogue import signals_in


@pytest.mark.parametrize(
    ("said", "fires"),
    [
        # Thanks for telling what was hard to say invites the next hard truth...
        ("I appreciate you sharing that piece with me.", True),
        ("Thank you for opening up about it.", True),
        ("Thank you for sharing that with me, it helps.", True),
        # ...not thanks for feedback, a screen or a file.
        ("Thanks for sharing that. I'll pass it along to our team.", False),
        ("Thanks for sharing your screen.", False),
        ("Thanks for opening up the account for me.", False),
        ("Thanks for telling me that.", False),
    ],
)
def test_thanks_for_telling_what_was_hard_to_say_invites_candour(said: str, fires: bool) -> None:
    dialogue = f"Client: I want to be upfront, I'd still like to lose weight.\nSeller: {said}"
    assert ("invites_candour" in signals_in(dialogue)) is fires
