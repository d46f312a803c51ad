from __future__ import annotations

import pytest

from tests.dialogue import run, signals_in


def test_listening_talk_share_and_questions() -> None:
    metrics = run(
        """
        Client: We sell industrial pumps across Europe.
        Seller: What made you look at this now? Is the budget approved?
        Client: The board asked.
        Seller: I see.
        """
    ).metrics
    assert metrics.seller_words == 13
    assert metrics.client_words == 9
    assert metrics.seller_talk_share == pytest.approx(13 / 22)
    assert (metrics.open_questions, metrics.closed_questions) == (1, 1)
    assert metrics.seller_question_rate == pytest.approx(1.0)
    assert metrics.open_question_share == pytest.approx(0.5)


def test_listening_seconds_share_when_timed() -> None:
    metrics = run("[0-30] Seller: Hello there.\n[30-40] Client: Hi.").metrics
    assert metrics.seller_seconds_share == pytest.approx(0.75)


def test_listening_monologue_spans_consecutive_seller_turns() -> None:
    chunk = " ".join(["word"] * 100)
    analysis = run(
        f"Client: Go on.\nSeller: {chunk}\nSeller: {chunk}\nClient: Okay.\nSeller: {chunk}"
    )
    assert analysis.metrics.longest_seller_monologue_words == 200
    monologues = [f for f in analysis.findings if f.signal == "long_monologue"]
    assert [f.turn for f in monologues] == [2]


def test_listening_interruption_by_seller() -> None:
    analysis = run(
        """
        [0-5] Client: The thing is our onboarding team is tiny and
        [3-6] Seller: Right, that's where we come in.
        [6-9] Client: Well, as I was saying.
        """
    )
    assert analysis.metrics.interruptions == 1
    assert analysis.metrics.seller_interruptions == 1
    assert [f.turn for f in analysis.findings if f.signal == "interrupts_client"] == [1]


def test_listening_small_overlap_is_not_an_interruption() -> None:
    found = signals_in("[0-5] Client: We are done.\n[4.8-6] Seller: Great, thanks.")
    assert "interrupts_client" not in found


def test_listening_reflective_summary_counted() -> None:
    metrics = run(
        "Client: Onboarding is slow.\nSeller: So what I'm hearing is onboarding is the bottleneck."
    ).metrics
    assert metrics.reflective_summaries == 1
