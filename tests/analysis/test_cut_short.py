from __future__ import annotations

import pytest

from tests.dialogue import signals_in
from trustworks.analysis import analyze
from trustworks.analysis.live import LiveAnalyzer
from trustworks.ingest import parse

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


FEW_MINUTES = (
    "Client: Oh, hello Sarah. Yes, I've been thinking about selling. "
    "I suppose I have a few minutes."
)


def test_going_straight_on_past_their_few_minutes_is_found_on_where_it_went() -> None:
    dialogue = (
        f"{FEW_MINUTES}\nSeller: Wonderful, thank you for your time. May I ask what's "
        "prompting you to consider selling at this time?"
    )
    conversation = parse(dialogue, source="<test>")
    found = {f.signal: f.evidence for f in analyze(conversation, ["Seller"]).findings}
    assert found["passes_over_their_time_limit"].startswith("May I ask what's prompting you")
    # The courtesy and the question about them are readings of their own and still stand.
    assert "thanks_for_your_time" in found
    assert "asks_about_their_world" in found


@pytest.mark.parametrize(
    "dialogue",
    [
        f"{FEW_MINUTES}\nSeller: Thank you, I'll keep it to five minutes. What's prompting it?",
        f"{FEW_MINUTES}\nSeller: Thanks. Is now still a good time, or shall I call back later?",
        # A limit that is not in minutes may be the trip they are booking, not the call.
        "Client: I need directions to the airport. I need to leave ASAP.\n"
        "Seller: Do you want to drive, walk, or use public transit?",
        "Client: I have a few minutes later today if you want to call back.\n"
        "Seller: Great, what time suits you?",
    ],
)
def test_a_reply_that_minds_their_time_or_no_limit_in_minutes_is_not_found(dialogue: str) -> None:
    assert "passes_over_their_time_limit" not in signals_in(dialogue)


def test_a_reply_of_punctuation_alone_is_not_judged_and_does_not_fail() -> None:
    live = LiveAnalyzer(["Seller"])
    live.add("Client", "I only have ten minutes.")
    assert live.add("Seller", ".\n.\n.\n.").findings == ()


@pytest.mark.parametrize(
    "complaint",
    [
        "ok please let me know - it was a really long time on that last response.",
        "I want to reserve a flight, y'all have been keeping me waiting for hours now",
        "I have been on hold for 35 minutes now",
        "gosh it sure takes forever to get something done this way!",
    ],
)
def test_a_complaint_of_waiting_met_with_the_form_is_passed_over(complaint: str) -> None:
    found = signals_in(f"Client: {complaint}\nSeller: May I have your name, please?")
    assert found == ["passes_over_their_wait"]


@pytest.mark.parametrize(
    "reply",
    [
        "I'm so sorry about the wait. May I have your name, please?",
        "Thanks for your patience. May I have your name, please?",
        "One moment please.",
    ],
)
def test_a_reply_that_owns_the_wait_or_holds_on_does_not_pass_over_it(reply: str) -> None:
    found = signals_in(f"Client: I have been on hold for 35 minutes now\nSeller: {reply}")
    assert "passes_over_their_wait" not in found


def test_a_slow_driver_or_a_long_time_ago_is_no_complaint_of_waiting() -> None:
    for said in ("I hate the drivers here. So slow.", "That was a really long time ago!"):
        found = signals_in(f"Client: {said}\nSeller: Turn right on Murray.")
        assert "passes_over_their_wait" not in found
