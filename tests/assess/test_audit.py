from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trustworks.assess import (
    Questionnaire,
    Respondent,
    audit_questionnaire,
    compare_rounds,
    load_questionnaire,
    score_audit,
    score_round,
    self_questionnaire,
)
from trustworks.errors import AnswersError

DAY = dt.date(2026, 3, 1)
SMALL = """
[questionnaire]
title = "Small audit"
version = 1

[[item]]
id = "heavy"
practice = "Heavy"
toward = "clients"
weight = 3
question = "Q?"
change = "Change heavy"
options = [
  { key = "none", label = "None", trust = 0 },
  { key = "half", label = "Half", trust = 2 },
  { key = "full", label = "Full", trust = 4 },
]

[[item]]
id = "light"
practice = "Light"
toward = "staff"
question = "Q?"
change = "Change light"
options = [{ key = "no", label = "No", trust = 0 }, { key = "yes", label = "Yes", trust = 2 }]
"""


@pytest.fixture
def small(tmp_path: Path) -> Questionnaire:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return load_questionnaire(path, "audit")


def _all(q: Questionnaire, position: int) -> dict[str, str]:
    return {i.id: i.options[position].key for i in q.items}


@pytest.mark.parametrize(
    ("heavy", "light", "score", "heavy_cost", "light_cost"),
    [
        # possible = 3*4 + 1*2 = 14
        ("full", "yes", 100.0, 0.0, 0.0),
        ("none", "no", 0.0, 1200 / 14, 200 / 14),
        ("half", "yes", 800 / 14, 600 / 14, 0.0),
        ("full", "no", 1200 / 14, 0.0, 200 / 14),
    ],
)
def test_score_audit_weights_items_and_costs_add_up_to_the_gap(
    small: Questionnaire,
    heavy: str,
    light: str,
    score: float,
    heavy_cost: float,
    light_cost: float,
) -> None:
    result = score_audit(small, {"heavy": heavy, "light": light})
    assert result.score == pytest.approx(score)
    costs = {i.item: i.cost for i in result.items}
    assert costs == pytest.approx({"heavy": heavy_cost, "light": light_cost})
    assert result.score + sum(costs.values()) == pytest.approx(100.0)


def test_score_audit_item_score_is_trust_over_the_items_best(small: Questionnaire) -> None:
    result = score_audit(small, {"heavy": "half", "light": "yes"})
    assert [(i.item, i.trust, i.item_score) for i in result.items] == [
        ("heavy", 2, 50.0),
        ("light", 2, 100.0),
    ]


def test_score_audit_by_toward_scores_each_audience(small: Questionnaire) -> None:
    result = score_audit(small, {"heavy": "half", "light": "no"})
    assert result.by_toward == {"clients": 50.0, "staff": 0.0}


def test_score_audit_costliest_is_largest_first_and_skips_free_items(
    small: Questionnaire,
) -> None:
    result = score_audit(small, {"heavy": "half", "light": "no"})
    assert [(c.item, c.change) for c in result.costliest()] == [
        ("heavy", "Change heavy"),
        ("light", "Change light"),
    ]
    assert [c.item for c in result.costliest(1)] == ["heavy"]
    assert score_audit(small, {"heavy": "full", "light": "yes"}).costliest() == []


def test_score_audit_packaged_extremes() -> None:
    q = audit_questionnaire()
    assert score_audit(q, _all(q, -1)).score == 100.0
    assert score_audit(q, _all(q, 0)).score == 0.0
    assert score_audit(q, _all(q, 1)).score == pytest.approx(50.0)
    assert len(score_audit(q, _all(q, 0)).costliest()) == 5


def test_score_audit_refuses_incomplete_answers(small: Questionnaire) -> None:
    with pytest.raises(AnswersError, match=r"\[light\]: not answered"):
        score_audit(small, {"heavy": "full"})


def test_score_audit_refuses_the_self_assessment() -> None:
    with pytest.raises(AnswersError, match="not the trust audit"):
        score_audit(self_questionnaire(), {})


def test_score_round_spread_overall_and_per_item(small: Questionnaire) -> None:
    people = [
        Respondent("Ann", score_audit(small, {"heavy": "full", "light": "yes"})),  # 100
        Respondent("Bo", score_audit(small, {"heavy": "none", "light": "yes"})),  # 200/14
        Respondent("Cy", score_audit(small, {"heavy": "half", "light": "yes"})),  # 800/14
    ]
    result = score_round("Acme", DAY, people)
    scores = [100.0, 200 / 14, 800 / 14]
    mean = sum(scores) / 3
    stdev = (sum((s - mean) ** 2 for s in scores) / 3) ** 0.5
    assert (result.score.mean, result.score.min, result.score.max) == pytest.approx(
        (mean, 200 / 14, 100.0)
    )
    assert result.score.stdev == pytest.approx(stdev)
    heavy, light = result.items
    assert (heavy.item_score.min, heavy.item_score.max, heavy.item_score.mean) == (0, 100, 50)
    assert heavy.item_score.stdev == pytest.approx((5000 / 3) ** 0.5)
    assert (light.item_score.mean, light.item_score.stdev) == (100.0, 0.0)
    assert heavy.cost == pytest.approx((0 + 1200 / 14 + 600 / 14) / 3)
    assert [i.item for i in result.costliest()] == ["heavy"]


def test_score_round_one_respondent_has_no_spread(small: Questionnaire) -> None:
    one = score_round("Acme", DAY, [Respondent("A", score_audit(small, _all(small, 0)))])
    assert (one.score.min, one.score.max, one.score.stdev) == (0.0, 0.0, 0.0)


def test_score_round_needs_a_respondent() -> None:
    with pytest.raises(AnswersError, match="at least one"):
        score_round("Acme", DAY, [])


def test_compare_rounds_delta_and_items_that_moved(small: Questionnaire) -> None:
    before = score_round(
        "Acme", DAY, [Respondent("A", score_audit(small, {"heavy": "half", "light": "yes"}))]
    )
    after = score_round(
        "Acme",
        DAY + dt.timedelta(days=90),
        [Respondent("A", score_audit(small, {"heavy": "full", "light": "no"}))],
    )
    change = compare_rounds(before, after)
    assert change.delta == pytest.approx(1200 / 14 - 800 / 14)
    assert [(c.item, c.before, c.after, c.delta) for c in change.improved] == [
        ("heavy", 50.0, 100.0, 50.0)
    ]
    assert [(c.item, c.delta) for c in change.worsened] == [("light", -100.0)]


def test_compare_rounds_unchanged_items_are_in_neither_list(small: Questionnaire) -> None:
    same = score_round("Acme", DAY, [Respondent("A", score_audit(small, _all(small, 0)))])
    change = compare_rounds(same, same)
    assert (change.delta, change.improved, change.worsened) == (0.0, (), ())
