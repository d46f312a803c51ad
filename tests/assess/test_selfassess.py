from __future__ import annotations

import math

import pytest

from trustworks.analysis.result import TrustScores
from trustworks.analysis.trust import component_score
from trustworks.assess import (
    SELF_EVIDENCE,
    audit_questionnaire,
    compare_self,
    score_self,
    self_questionnaire,
)
from trustworks.errors import AnswersError, FieldError


def _answers(**by_component: str) -> dict[str, str]:
    """Every item answered with the option whose goodness the component asks for."""
    wanted = {"positive": 2.0, "neutral": 0.0, "negative": -2.0}
    answers = {}
    for item in self_questionnaire().items:
        target = wanted[by_component.get(item.component, "neutral")]
        answers[item.id] = next(o.key for o in item.options if o.goodness == target)
    return answers


def test_score_self_all_neutral_is_the_analyzers_no_evidence_score() -> None:
    q = self_questionnaire()
    scores = score_self(q, {i.id: "sometimes" for i in q.items})
    assert scores == TrustScores(5.5, 5.5, 5.5, 5.5, 3.0)


def test_score_self_uses_the_analyzer_scale_and_formula() -> None:
    scores = score_self(
        self_questionnaire(),
        _answers(credibility="positive", intimacy="negative", self_orientation="positive"),
    )
    best = component_score(2 * SELF_EVIDENCE)
    worst = component_score(-2 * SELF_EVIDENCE)
    assert scores.credibility == pytest.approx(best)
    assert scores.reliability == pytest.approx(5.5)
    assert scores.intimacy == pytest.approx(worst)
    # Self-orientation is scored the other way round: more goodness, lower S.
    assert scores.self_orientation == pytest.approx(worst)
    assert scores.trust == pytest.approx((best + 5.5 + worst) / worst)


def test_score_self_component_is_the_mean_of_its_items() -> None:
    q = self_questionnaire()
    answers = {i.id: "sometimes" for i in q.items}
    credibility = [i for i in q.items if i.component == "credibility"]
    first = credibility[0]
    answers[first.id] = next(o.key for o in first.options if o.goodness == 2.0)
    scores = score_self(q, answers)
    assert scores.credibility == pytest.approx(
        component_score(SELF_EVIDENCE * 2.0 / len(credibility))
    )


def test_score_self_reverse_worded_items_count_against() -> None:
    q = self_questionnaire()
    answers = {i.id: "sometimes" for i in q.items}
    answers["self_quota"] = "always"  # "my target shapes what I recommend"
    assert score_self(q, answers).self_orientation > 5.5


def test_score_self_refuses_incomplete_answers_and_the_audit() -> None:
    with pytest.raises(AnswersError, match="not answered"):
        score_self(self_questionnaire(), {"cred_expertise": "often"})
    with pytest.raises(AnswersError, match="not the self-assessment"):
        score_self(audit_questionnaire(), {})


SELF = TrustScores(8.0, 6.0, 5.0, 3.0, (8.0 + 6.0 + 5.0) / 3.0)


def test_compare_self_names_the_largest_gap_and_its_direction() -> None:
    result = compare_self(SELF, {"credibility": 7.5, "reliability": 6.5, "intimacy": 2.0})
    assert [(g.component, g.difference, g.flattering) for g in result.gaps] == [
        ("credibility", 0.5, True),
        ("reliability", -0.5, False),
        ("intimacy", 3.0, True),
    ]
    assert result.largest is not None and result.largest.component == "intimacy"


@pytest.mark.parametrize(
    ("measured", "flattering"),
    [(6.0, True), (2.0, False)],  # seeing yourself less self-oriented than measured flatters
)
def test_compare_self_self_orientation_flatters_the_other_way(
    measured: float, flattering: bool
) -> None:
    (gap,) = compare_self(SELF, {"self_orientation": measured}).gaps
    assert gap.flattering is flattering


def test_compare_self_trust_is_compared_but_not_the_largest_gap() -> None:
    result = compare_self(SELF, {"trust": 1.0, "reliability": 5.0})
    assert [g.component for g in result.gaps] == ["reliability", "trust"]
    assert result.largest is not None and result.largest.component == "reliability"


def test_compare_self_nothing_measured_has_no_largest_gap() -> None:
    assert compare_self(SELF, {}).largest is None


@pytest.mark.parametrize(
    ("measured", "message"),
    [
        ({"warmth": 5.0}, "warmth: not a Trust Equation component"),
        ({"intimacy": 11.0}, "intimacy: 11.0 is outside the 1-10 scale"),
        ({"intimacy": math.nan}, "is not a number"),
        ({"intimacy": "high"}, "'high' is not a number"),
    ],
)
def test_compare_self_refuses_bad_measured_values(
    measured: dict[str, object], message: str
) -> None:
    with pytest.raises(FieldError, match=message):
        compare_self(SELF, measured)  # type: ignore[arg-type]
