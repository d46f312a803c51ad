from __future__ import annotations

import pytest

from tests.dialogue import signals_in

CUT = "Client: Sorry, something came up and I only have ten minutes."


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("No problem, shall we reschedule?", "adapts_to_cut_short_meeting"),
        (
            "Understood. What's the one thing you'd like to cover today?",
            "adapts_to_cut_short_meeting",
        ),
        ("Okay, let me just quickly run through the remaining slides.", "rushes_cut_short_meeting"),
        (
            " ".join(["Then there's the reporting module, which does a lot."] * 12),
            "rushes_cut_short_meeting",
        ),
    ],
)
def test_cut_short_adapt_or_rush(reply: str, expected: str) -> None:
    found = signals_in(f"{CUT}\nSeller: {reply}")
    assert expected in found
    assert not ({"adapts_to_cut_short_meeting", "rushes_cut_short_meeting"} - {expected}) & set(
        found
    )


def test_cut_short_nothing_without_a_cut() -> None:
    found = signals_in("Client: We have the full hour.\nSeller: Let me quickly run through it.")
    assert "rushes_cut_short_meeting" not in found
