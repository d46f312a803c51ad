from __future__ import annotations

import math

import pytest

from tests.dialogue import run
from trustworks.analysis import COMPONENTS
from trustworks.analysis.trust import TEMPERATURE, component_score, talk_share_term


def test_trust_neutral_conversation_scores_the_middle() -> None:
    analysis = run("Client: Hello.\nSeller: Hello.")
    assert analysis.trust.credibility == pytest.approx(5.5)
    assert analysis.trust.self_orientation == pytest.approx(5.5)
    assert analysis.trust.trust == pytest.approx(3.0)


@pytest.mark.parametrize("goodness", [-50.0, -3.0, 0.0, 1.0, 50.0])
def test_trust_component_score_stays_on_the_scale(goodness: float) -> None:
    assert 1.0 <= component_score(goodness) <= 10.0


def test_trust_talk_share_bounded_and_needs_enough_words() -> None:
    assert talk_share_term(0.95, 10) == 0.0
    assert talk_share_term(0.8, 500) == pytest.approx(-1.0)
    assert talk_share_term(1.0, 500) == pytest.approx(-1.8)
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
        expected = 1 + 9 / (
            1 + math.exp((g if component == "self_orientation" else -g) / TEMPERATURE)
        )
        assert getattr(analysis.trust, component) == pytest.approx(expected)
    trust = analysis.trust
    assert trust.trust == pytest.approx(
        (trust.credibility + trust.reliability + trust.intimacy) / trust.self_orientation
    )


def test_trust_repeats_count_less_each_time() -> None:
    analysis = run("\n".join(["Seller: Thanks for your time."] * 3))
    deltas = [c.delta for c in analysis.contributions if c.ref == "thanks_for_your_time"]
    assert deltas[0] == pytest.approx(2 * deltas[1]) == pytest.approx(3 * deltas[2])


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
    assert quiet.trust.trust == talky.trust.trust == 3.0
