from __future__ import annotations

import math
import random
from dataclasses import replace

import pytest

from tests.dialogue import run
from trustworks.analysis import COMPONENTS
from trustworks.analysis.bands import component_band, trust_band
from trustworks.analysis.result import Finding
from trustworks.analysis.trust import (
    FINDING_WEIGHT,
    OPEN_QUESTION_CREDIT,
    SELF_ORIENTATION_TEMPERATURE,
    SPENDING_WEIGHT,
    TEMPERATURE,
    TrustScorer,
    component_score,
    self_orientation_score,
    talk_share_term,
    tone_term,
)


def test_trust_neutral_conversation_scores_the_middle() -> None:
    analysis = run("Client: Hello.\nSeller: Hello.")
    assert analysis.trust.credibility == pytest.approx(5.5)
    assert analysis.trust.self_orientation == pytest.approx(5.5)
    assert analysis.trust.trust == pytest.approx(3.0)


@pytest.mark.parametrize("goodness", [-50.0, -3.0, 0.0, 1.0, 50.0])
def test_trust_component_score_stays_on_the_scale(goodness: float) -> None:
    assert 1.0 <= component_score(goodness) <= 10.0


def test_trust_self_orientation_finding_moves_trust_more_than_another_but_not_three_times() -> None:
    # The divisor's temperature is set so one finding on it weighs half again as much as one on
    # credibility, reliability or intimacy (docs/trust-equation.md).
    middle = TrustScorer().trust()
    on_credibility = TrustScorer()
    on_credibility.goodness["credibility"] = -1.0
    on_self = TrustScorer()
    on_self.goodness["self_orientation"] = -1.0
    ratio = (middle - on_self.trust()) / (middle - on_credibility.trust())
    assert 1.3 < ratio < 1.7


def _finding(component: str, polarity: int = 1) -> Finding:
    return Finding(
        signal="some_signal",
        family="listening",
        component=component,  # type: ignore[arg-type]
        polarity=polarity,
        weight=1.0,
        turn=0,
        speaker="Seller",
        evidence="words",
        start=0,
        end=5,
        description="",
        coaching="",
        rewrite=None,
        confidence=0.9,
    )


def test_trust_a_finding_on_intimacy_or_reliability_counts_three_times_one_on_credibility() -> None:
    deltas = {}
    for component in COMPONENTS:
        scorer = TrustScorer()
        scorer.add_finding(_finding(component))
        (contribution,) = scorer.contributions
        deltas[component] = contribution.delta
    assert deltas["credibility"] == pytest.approx(0.9)
    assert deltas["self_orientation"] == pytest.approx(0.9)
    assert deltas["intimacy"] == pytest.approx(2.7)
    assert deltas["reliability"] == pytest.approx(2.7)
    assert FINDING_WEIGHT["intimacy"] == 3 * FINDING_WEIGHT["credibility"]


@pytest.mark.parametrize("component", COMPONENTS)
def test_trust_one_full_weight_finding_that_builds_stays_neutral_and_two_heavy_ones_do_not(
    component: str,
) -> None:
    one = TrustScorer()
    one.add_finding(replace(_finding(component), confidence=1.0))
    scores = one.scores()
    assert trust_band(scores.trust) == "neutral"
    assert component_band(component, getattr(scores, component)) == "neutral"
    if component in ("intimacy", "reliability"):
        two = TrustScorer()
        for _ in range(2):
            two.add_finding(replace(_finding(component), confidence=1.0))
        assert trust_band(two.scores().trust) == "builds"
        assert component_band(component, getattr(two.scores(), component)) == "builds"


@pytest.mark.parametrize(
    ("component", "band"),
    [
        # Trust is lost faster than it is won: one broken promise or one slight, with nothing
        # else found, already spends it...
        ("intimacy", "spends"),
        ("reliability", "spends"),
        # ...one lighter finding moves its component but not the call.
        ("credibility", "neutral"),
        ("self_orientation", "neutral"),
    ],
)
def test_trust_one_full_weight_finding_that_spends_counts_twice(component: str, band: str) -> None:
    built, spent = TrustScorer(), TrustScorer()
    built.add_finding(replace(_finding(component), confidence=1.0))
    spent.add_finding(replace(_finding(component, -1), confidence=1.0))
    assert spent.contributions[0].delta == pytest.approx(
        -SPENDING_WEIGHT * built.contributions[0].delta
    )
    assert trust_band(spent.scores().trust) == band


def test_trust_talk_share_bounded_and_needs_enough_words() -> None:
    assert talk_share_term(0.95, 10) == 0.0
    assert talk_share_term(0.9, 500) == pytest.approx(-1.0)
    assert talk_share_term(1.0, 500) == pytest.approx(-1.4)
    assert talk_share_term(0.0, 500) == pytest.approx(0.5)


def test_trust_explanation_reproduces_every_score() -> None:
    analysis = run(
        """
        Client: Honestly, churn has been creeping up all year.
        Seller: Thanks so much for your time. Our platform reduces churn by 30 percent.
        Client: How much does it cost?
        Seller: It really depends, let's talk about value first. What is your budget?
        Seller: I'll send you two examples by Thursday.
        """
    )
    for component in COMPONENTS:
        g = sum(c.delta for c in analysis.explain(component))
        if component == "self_orientation":
            expected = 1 + 9 / (1 + math.exp(g / SELF_ORIENTATION_TEMPERATURE))
        else:
            expected = 1 + 9 / (1 + math.exp(-g / TEMPERATURE))
        assert getattr(analysis.trust, component) == pytest.approx(expected)
    trust = analysis.trust
    assert trust.trust == pytest.approx(
        (trust.credibility + trust.reliability + trust.intimacy) / trust.self_orientation
    )


def test_trust_a_habit_repeated_counts_each_time() -> None:
    analysis = run("\n".join(["Seller: Thanks for your time."] * 3))
    deltas = [c.delta for c in analysis.contributions if c.ref == "thanks_for_your_time"]
    assert len(deltas) == 3 and deltas[0] < 0
    assert deltas[0] == pytest.approx(deltas[1]) == pytest.approx(deltas[2])


def test_trust_findings_are_read_per_root_of_the_seller_turns() -> None:
    # The same finding in a call of 32 seller turns counts half what it counts in one of
    # eight or fewer: sqrt(32 / EVIDENCE_TURNS) = 2.
    short = run("Seller: Thanks for your time.\nClient: Sure.")
    long = run(
        "Seller: Thanks for your time.\nClient: Sure.\n" + "Seller: Okay.\nClient: Fine.\n" * 31
    )
    assert long.metrics.seller_turns == 32
    (one,) = [c.delta for c in short.contributions if c.ref == "thanks_for_your_time"]
    (other,) = [c.delta for c in long.contributions if c.ref == "thanks_for_your_time"]
    assert other == pytest.approx(one / 2)
    assert long.trust.trust > short.trust.trust  # one slip weighs less in a long call
    assert long.timeline[-1] == pytest.approx(long.trust.trust)


def test_trust_timeline_falls_when_trust_is_spent() -> None:
    analysis = run(
        """
        Client: Our biggest problem is onboarding.
        Seller: Our platform fixes that, it's industry-leading. We'll do whatever it takes.
        """
    )
    assert len(analysis.timeline) == 2
    assert analysis.timeline[1] < analysis.timeline[0]
    assert analysis.timeline[-1] == pytest.approx(analysis.trust.trust)


def test_trust_talk_share_does_not_decide_a_call_without_findings() -> None:
    from trustworks.analysis import analyze
    from trustworks.ingest import parse

    long_turn = " ".join(["the weather in the north was grey and cold again"] * 12)
    quiet = analyze(parse(f"Seller: Okay.\nClient: {long_turn}", source="<t>"), ["Seller"])
    talky = analyze(parse(f"Seller: {long_turn}\nClient: Okay.", source="<t>"), ["Seller"])
    assert quiet.findings == talky.findings == ()
    assert quiet.trust.self_orientation == talky.trust.self_orientation == 5.5


def test_trust_tone_term_is_bounded_and_weighed_by_turns() -> None:
    assert tone_term(None, 0) == 0.0
    assert tone_term(0.3, 4) == pytest.approx(1.2)
    assert tone_term(0.3, 1) == pytest.approx(0.3)  # one sentence is thin evidence
    assert tone_term(5.0, 10) == pytest.approx(2.0)
    assert tone_term(-5.0, 10) == pytest.approx(-3.0)  # curtness costs more than courtesy earns


def test_trust_a_curt_seller_scores_lower_intimacy_than_a_courteous_one() -> None:
    client = "Client: I'm not sure the timing works for us this quarter."
    courteous = run(
        f"""
        {client}
        Seller: Thanks for being straight with me, I appreciate it. Would next quarter help?
        Client: Maybe. Budgets are tight.
        Seller: I understand. Perhaps we could find a smaller first step that suits you?
        Client: Possibly.
        Seller: Thank you, I hope the rest of your week goes well.
        """
    )
    curt = run(
        f"""
        {client}
        Seller: So why did you take the meeting then? You need to decide this week.
        Client: Maybe. Budgets are tight.
        Seller: That's not my problem. The price is the price, no less.
        Client: Possibly.
        Seller: Obviously you should sign now, I don't have all day.
        """
    )
    assert courteous.metrics.seller_tone is not None and curt.metrics.seller_tone is not None
    assert courteous.metrics.seller_tone > curt.metrics.seller_tone + 0.5
    warm, cold = (
        sum(c.delta for c in a.contributions if c.ref == "tone") for a in (courteous, curt)
    )
    assert warm > 0 > cold


def test_trust_no_tone_without_the_semantic_layer() -> None:
    from trustworks.analysis import Settings, analyze
    from trustworks.ingest import parse

    conversation = parse("Seller: Why did you do that? You need to stop.", source="<t>")
    analysis = analyze(conversation, ["Seller"], settings=Settings(semantic=False))
    assert analysis.metrics.seller_tone is None
    assert not [c for c in analysis.contributions if c.ref == "tone"]


def test_trust_no_tone_for_a_seller_who_does_not_speak_english() -> None:
    analysis = run("Client: Hello, how much is it?\nSeller: Привет, как дела? Сколько это стоит?")
    assert analysis.metrics.seller_tone is None


def test_trust_after_every_step_is_the_formula_on_the_sums_then() -> None:
    # The scorer scores again only the components whose sums moved: after any run of
    # findings, talk-share and tone terms it must give what the formula gives afresh.
    rng = random.Random(13)
    scorer = TrustScorer()
    for step in range(400):
        if rng.random() < 0.3:
            component = rng.choice(COMPONENTS)
            scorer.goodness[component] += rng.choice([-1.0, -0.5, 0.0, -0.0, 0.25, 1.0])
        talk = rng.choice([0.0, -0.0, 0.5, -2.0, rng.uniform(-2, 0.5)])
        tone = rng.choice([0.0, 1.5, rng.uniform(-3, 2)])
        g = scorer.goodness
        expected = (
            component_score(g["credibility"])
            + component_score(g["reliability"])
            + component_score(g["intimacy"] + tone)
        ) / self_orientation_score(g["self_orientation"] + talk)
        assert scorer.trust(talk, tone) == expected, step
        assert scorer.scores(talk, tone).trust == expected, step


def test_trust_a_report_on_the_client_is_not_talk_share() -> None:
    """Going through their examination's findings at length is a report on them: the talk-share
    balance is weighed on the rest of what the seller said."""
    from trustworks.analysis import analyze
    from trustworks.ingest import parse

    findings = (
        "On your exam the ankle is tender and a little swollen. Your x-ray came back clear. "
        "Your vitals look fine, so this is a sprain that should settle with rest. "
    ) * 6
    pitch = (
        "Our platform is the best on the market. We have dashboards, alerts and reports. "
        "We built it for teams like yours, and it does everything you could want. "
    ) * 6
    opening = "Seller: Thanks for coming in. What brings you here today?\nClient: My ankle hurts."
    closing = "Client: Okay, thanks.\nSeller: Thank you for your time today, really."

    def talk_share(seller: str) -> float:
        text = f"{opening}\nSeller: {seller}\n{closing}"
        analysis = analyze(parse(text, source="<t>"), ["Seller"])
        return sum(c.delta for c in analysis.contributions if c.ref == "talk_share")

    assert talk_share(findings) == 0.0  # too few other words to weigh
    assert talk_share(pitch) < 0.0


def test_a_question_for_a_slot_earns_no_open_question_credit() -> None:
    def credit(question: str) -> float:
        analysis = run(f"Client: I'd like to book a room.\nSeller: {question}")
        return sum(c.delta for c in analysis.contributions if c.ref == "open_questions")

    assert credit("When are you arriving?") == 0.0
    assert credit("What matters most to you about the stay?") == OPEN_QUESTION_CREDIT
