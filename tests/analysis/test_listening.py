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
    # The two turns in a row are read as one (``continuers``): the monologue is flagged where
    # it starts.
    monologues = [f for f in analysis.findings if f.signal == "long_monologue"]
    assert [f.turn for f in monologues] == [1]


def test_a_monologue_is_quoted_from_what_it_says_not_its_okay() -> None:
    chunk = " ".join(["word"] * 200)
    analysis = run(f"Client: Go on.\nSeller: Okay. So here is the plan. {chunk}.")
    monologues = [f for f in analysis.findings if f.signal == "long_monologue"]
    assert [f.evidence for f in monologues] == ["So here is the plan."]


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


_NOTE = (
    "Assessment and plan. Number one, hypertension. Her pressure is better on the new dose and "
    "she reports no dizziness. Continue the current regimen and recheck in three months. "
    "Number two, knee pain. He has tried physical therapy, his range of motion is improving, "
    "and we will order an x-ray to rule out arthritis. "
)
_SUMMARY = (
    "So let me see if I have this right. You told me the late shifts wear you down. "
    "You feel like the kids hardly see you during the week. You said the money matters, "
    "but not as much as the evenings with them. It sounds like you want a job with regular "
    "hours, even if it pays a little less. You've already asked your manager about days. "
    "And you're worried that changing now looks like giving up. "
)
_PRESENTATION = (
    "Let me walk you through it. Your plan includes the monitoring module and the alerts. "
    "The reports go out every Monday, and the dashboard updates each hour. Onboarding takes "
    "two weeks, and we assign an engineer for the first month. You'll also get our quarterly "
    "review. The pricing is per seat, billed annually, with a discount for three years. "
)

_ROLLOUT = (
    "So here is what happens next. We will order the hardware for all three of your sites, "
    "and we will start you on the basic plan for the first month. Then I will put you on the "
    "premium tier once your team is trained. Our engineers set up the dashboards, and your "
    "managers get the reports every Monday. "
)
_FINDINGS = (
    "Okay, let me tell you what I found. On your exam, the left ankle is a little swollen and "
    "tender over the outer bone, but you can bear weight on it. Your x-ray came back clear, so "
    "nothing is broken. Your vitals look fine. So this is a sprain, and it should settle in "
    "two to three weeks if you rest it, ice it and keep it raised in the evenings. "
)

_PLAN = (
    "So my assessment is that this is tendinitis from the new running schedule. I'm going to "
    "prescribe an anti-inflammatory for two weeks, and I'd like you to cut your distance in "
    "half for now. I'll also put in a referral to physical therapy so they can show you some "
    "stretches, and if it isn't better in a month we'll order an MRI. "
)


@pytest.mark.parametrize(
    ("seller", "flagged"),
    [
        # A note for the record speaks of the client, never to them: no presentation.
        (_NOTE * 4, False),
        # Their examination's findings and what they mean, told to them: a report on them.
        (_FINDINGS * 4, False),
        # ...and so is the assessment and plan for them.
        (_PLAN * 4, False),
        # Their own words given back at length are listening.
        (_SUMMARY * 4, False),
        # A long talk at them is still a monologue, and a plan of the seller's in a clinician's
        # words ("we will order the hardware", "I'll put you on the premium tier") is a pitch.
        (_PRESENTATION * 4, True),
        (_ROLLOUT * 4, True),
    ],
)
def test_listening_a_note_or_a_summary_of_their_words_is_no_monologue(
    seller: str, flagged: bool
) -> None:
    found = signals_in(f"Client: Thanks, see you next month.\nSeller: {seller}")
    assert ("long_monologue" in found) is flagged


@pytest.mark.parametrize(
    "said",
    [
        "Is there anything else you'd like to know before we wrap up?",
        "Anything else you want to go over?",
    ],
)
def test_a_last_open_floor_invites_their_questions(said: str) -> None:
    found = signals_in(f"Client: That all sounds fine.\nSeller: {said}")
    assert "invites_their_questions" in found
    # A catch-all before the close asks nothing about their world.
    assert "asks_about_their_world" not in found


@pytest.mark.parametrize(
    "advice",
    [
        "You don't want to wait too long on this.",
        "you don't wanna let that go on for months at a time, that's when it can become serious",
    ],
)
def test_advice_put_as_their_want_is_no_reflection(advice: str) -> None:
    found = signals_in(f"Client: I get headaches sometimes.\nSeller: {advice}")
    assert "reflects_back_understanding" not in found


@pytest.mark.parametrize(
    ("said", "signal", "fires"),
    [
        # What it is to them, told back...
        ("So, it's not really a priority for you right now?", "reflects_back_understanding", True),
        ("So that's what matters most to you.", "reflects_back_understanding", True),
        # ...not the deal or the close put as theirs.
        ("So it's a good deal for you.", "reflects_back_understanding", False),
        ("So it's important for you to sign today.", "reflects_back_understanding", False),
        ("So it's important to you to lock it in this week.", "reflects_back_understanding", False),
        # Leave asked before advice, however it is said.
        ("Would it be okay if I do share what will happen?", "asks_permission_to_advise", True),
    ],
)
def test_what_it_is_to_them_told_back_and_leave_asked(said: str, signal: str, fires: bool) -> None:
    found = signals_in(f"Client: I've got a lot of stuff to do.\nSeller: {said}")
    assert (signal in found) is fires


@pytest.mark.parametrize(
    ("said", "fires"),
    [
        ("You want to let it go, but it keeps coming back.", True),
        ("You're tired of having to wait on IT.", True),
        ("You don't want to delay this for months.", False),
        ("Yeah, you don't want to wait too long on this.", False),
        ("You definitely don't want to wait on this.", False),
        ("You don't want to leave it too long.", False),
    ],
)
def test_only_advice_not_to_wait_is_taken_out_of_reflections(said: str, fires: bool) -> None:
    found = signals_in(f"Client: It keeps coming back and I hate waiting.\nSeller: {said}")
    assert ("reflects_back_understanding" in found) is fires
