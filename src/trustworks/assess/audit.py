"""Scoring the organisation trust audit: one respondent, a round of respondents, and rounds over
time.

A respondent's trusting score is ``100 * sum(weight * trust) / sum(weight * best)`` over every
item, where `trust` is the chosen option's score (0-4) and `best` the item's highest. An item
*costs* the points it loses: ``100 * weight * (best - trust) / sum(weight * best)``, so the costs
and the score add up to 100. A round is every answer one organisation gave on one date; its
score is the respondents' mean, with the spread (min, max, population stdev) overall and per
item, and `compare_rounds` sets it beside an earlier round.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trustworks.assess.questionnaire import AuditItem, Questionnaire, check_answers
from trustworks.errors import AnswersError

__all__ = [
    "AuditScore",
    "ItemChange",
    "ItemCost",
    "ItemSpread",
    "Respondent",
    "Round",
    "RoundComparison",
    "Spread",
    "compare_rounds",
    "score_audit",
    "score_round",
]

TOP_COSTS = 5


@dataclass(frozen=True)
class ItemCost:
    """How much one item took off the score, with what to change."""

    item: str
    practice: str
    toward: str
    option: str
    trust: int  # the chosen option's 0-4
    item_score: float  # 0-100: trust / best
    cost: float  # points of the overall 0-100 score lost on this item
    change: str


@dataclass(frozen=True)
class AuditScore:
    """One respondent's audit: the 0-100 score, per audience, and every item's cost."""

    score: float
    by_toward: dict[str, float]
    items: tuple[ItemCost, ...]  # questionnaire order

    def costliest(self, limit: int = TOP_COSTS) -> list[ItemCost]:
        """The items that lost most points (none that lost nothing), largest first."""
        losing = [i for i in self.items if i.cost > 0]
        return sorted(losing, key=lambda i: -i.cost)[:limit]


def _percent(earned: float, possible: float) -> float:
    return 100.0 * earned / possible if possible else 100.0


def score_audit(
    questionnaire: Questionnaire, answers: Mapping[str, object], source: str = "answers"
) -> AuditScore:
    """Score one complete set of answers (AnswersError when incomplete or unknown)."""
    if questionnaire.kind != "audit":
        raise AnswersError(source, [("questionnaire", "not the trust audit")])
    checked = check_answers(questionnaire, answers, source)
    items: list[AuditItem] = [i for i in questionnaire.items if isinstance(i, AuditItem)]
    possible = sum(i.weight * i.best for i in items)
    costs: list[ItemCost] = []
    earned = 0.0
    toward_earned: dict[str, float] = {}
    toward_possible: dict[str, float] = {}
    for item in items:
        option = item.option(checked[item.id])
        assert option is not None and hasattr(option, "trust")  # check_answers made sure
        trust: int = option.trust
        earned += item.weight * trust
        toward_earned[item.toward] = toward_earned.get(item.toward, 0.0) + item.weight * trust
        toward_possible[item.toward] = toward_possible.get(item.toward, 0.0) + (
            item.weight * item.best
        )
        costs.append(
            ItemCost(
                item=item.id,
                practice=item.practice,
                toward=item.toward,
                option=option.key,
                trust=trust,
                item_score=_percent(trust, item.best),
                cost=_percent(item.weight * (item.best - trust), possible),
                change=item.change,
            )
        )
    by_toward = {k: _percent(toward_earned[k], toward_possible[k]) for k in toward_possible}
    return AuditScore(_percent(earned, possible), by_toward, tuple(costs))


@dataclass(frozen=True)
class Spread:
    """How far respondents agree: mean, min, max and population standard deviation."""

    mean: float
    min: float
    max: float
    stdev: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        """The spread of one or more values (stdev 0 for one)."""
        return cls(statistics.fmean(values), min(values), max(values), statistics.pstdev(values))


@dataclass(frozen=True)
class ItemSpread:
    """One item across a round's respondents: its 0-100 item score and its mean cost."""

    item: str
    practice: str
    item_score: Spread
    cost: float  # mean points lost
    change: str


@dataclass(frozen=True)
class Respondent:
    """One person's scored answers within a round."""

    name: str
    audit: AuditScore


@dataclass(frozen=True)
class Round:
    """Everything one organisation answered on one date."""

    organisation: str
    taken_on: dt.date
    respondents: tuple[Respondent, ...]
    score: Spread
    items: tuple[ItemSpread, ...]  # questionnaire order

    def costliest(self, limit: int = TOP_COSTS) -> list[ItemSpread]:
        """The items that lost most points on average, largest first."""
        losing = [i for i in self.items if i.cost > 0]
        return sorted(losing, key=lambda i: -i.cost)[:limit]


def score_round(organisation: str, taken_on: dt.date, respondents: Sequence[Respondent]) -> Round:
    """Combine respondents' scores (of one questionnaire) into a round with its spread."""
    if not respondents:
        raise AnswersError(organisation, [("respondents", "a round needs at least one")])
    first = respondents[0].audit.items
    spreads = []
    for index, item in enumerate(first):
        per = [r.audit.items[index] for r in respondents]
        spreads.append(
            ItemSpread(
                item=item.item,
                practice=item.practice,
                item_score=Spread.of([p.item_score for p in per]),
                cost=statistics.fmean(p.cost for p in per),
                change=item.change,
            )
        )
    overall = Spread.of([r.audit.score for r in respondents])
    return Round(organisation, taken_on, tuple(respondents), overall, tuple(spreads))


@dataclass(frozen=True)
class ItemChange:
    """One item's mean item score then and now."""

    item: str
    practice: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        """After minus before, in points of the 0-100 item score."""
        return self.after - self.before


@dataclass(frozen=True)
class RoundComparison:
    """A round beside an earlier one of the same organisation."""

    before: Round
    after: Round
    delta: float  # after minus before, overall 0-100 score
    improved: tuple[ItemChange, ...]  # largest gain first
    worsened: tuple[ItemChange, ...]  # largest loss first


def compare_rounds(before: Round, after: Round) -> RoundComparison:
    """What changed between two rounds; items only one of them has are left out."""
    then = {i.item: i for i in before.items}
    changes = [
        ItemChange(i.item, i.practice, then[i.item].item_score.mean, i.item_score.mean)
        for i in after.items
        if i.item in then
    ]
    improved = sorted((c for c in changes if c.delta > 0), key=lambda c: -c.delta)
    worsened = sorted((c for c in changes if c.delta < 0), key=lambda c: c.delta)
    return RoundComparison(
        before, after, after.score.mean - before.score.mean, tuple(improved), tuple(worsened)
    )
