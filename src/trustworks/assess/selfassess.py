"""Scoring the personal trust self-assessment on the analyzer's scales, and setting it beside
measured scores.

Each option carries `goodness` as the analyzer's findings do (positive always means more
trust). A component's goodness is the mean over its items times `SELF_EVIDENCE`, and the
analyzer's own `TrustScorer` turns goodness into 1-10 scores and trust = (C + R + I) / S, so a
self-assessment and a conversation are on one scale: all "sometimes" is 5.5 everywhere, as is a
conversation with no evidence.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping
from dataclasses import dataclass

from trustworks.analysis.result import COMPONENTS, TrustScores
from trustworks.analysis.trust import SELF_ORIENTATION_TEMPERATURE, TEMPERATURE, TrustScorer
from trustworks.assess.questionnaire import Questionnaire, SelfItem, check_answers
from trustworks.errors import AnswersError, FieldError

__all__ = [
    "SELF_EVIDENCE",
    "Gap",
    "SelfComparison",
    "compare_self",
    "score_self",
]

# Goodness points per unit of mean answer: "always" on every item (mean 2) gives a component
# score of about 9.5, "never" everywhere about 1.5, whatever the analyzer's temperature (how
# much evidence a conversation's component takes to move), so answers keep their meaning when
# that is recalibrated.
SELF_EVIDENCE = 1.5 * TEMPERATURE
# Self-orientation is scored at its own, gentler temperature: its answers weigh as much more,
# so "always" and "never" reach the same ends of the scale as the other components'.
_EVIDENCE = {
    component: SELF_EVIDENCE
    * (SELF_ORIENTATION_TEMPERATURE / TEMPERATURE if component == "self_orientation" else 1.0)
    for component in COMPONENTS
}
SCALE = (1.0, 10.0)


def score_self(
    questionnaire: Questionnaire, answers: Mapping[str, object], source: str = "answers"
) -> TrustScores:
    """Score one complete set of self-assessment answers onto the analyzer's 1-10 scales."""
    if questionnaire.kind != "self":
        raise AnswersError(source, [("questionnaire", "not the self-assessment")])
    checked = check_answers(questionnaire, answers, source)
    by_component: dict[str, list[float]] = {c: [] for c in COMPONENTS}
    for item in questionnaire.items:
        assert isinstance(item, SelfItem)
        option = item.option(checked[item.id])
        assert option is not None and hasattr(option, "goodness")
        by_component[item.component].append(option.goodness)
    scorer = TrustScorer()
    for component in COMPONENTS:
        scorer.goodness[component] = _EVIDENCE[component] * statistics.fmean(
            by_component[component]
        )
    return scorer.scores()


@dataclass(frozen=True)
class Gap:
    """One component (or trust) as the person sees it and as measured."""

    component: str
    self_score: float
    measured: float
    flattering: bool  # the self view is better than the measured one

    @property
    def difference(self) -> float:
        """Self minus measured (for self-orientation, positive means more self-oriented)."""
        return self.self_score - self.measured


@dataclass(frozen=True)
class SelfComparison:
    """Self scores beside measured ones, and the component where they differ most."""

    gaps: tuple[Gap, ...]  # COMPONENTS order, then trust when measured

    @property
    def largest(self) -> Gap | None:
        """The component with the largest absolute difference (trust itself is not counted)."""
        components = [g for g in self.gaps if g.component != "trust"]
        if not components:
            return None
        return max(components, key=lambda g: abs(g.difference))


def compare_self(self_scores: TrustScores, measured: Mapping[str, float]) -> SelfComparison:
    """Set self scores beside measured ones (component -> value, e.g. means over analysed
    conversations); components missing from `measured` are left out.

    >>> compare_self(scores, {"intimacy": 4.0}).largest.component
    'intimacy'
    """
    allowed = (*COMPONENTS, "trust")
    for name, value in measured.items():
        if name not in allowed:
            raise FieldError(name, f"not a Trust Equation component (one of {', '.join(allowed)})")
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise FieldError(name, f"{value!r} is not a number")
        if name != "trust" and not SCALE[0] <= value <= SCALE[1]:
            raise FieldError(name, f"{value} is outside the 1-10 scale")
    gaps = []
    for name in allowed:
        if name not in measured:
            continue
        mine = float(getattr(self_scores, name))
        theirs = float(measured[name])
        flattering = mine < theirs if name == "self_orientation" else mine > theirs
        gaps.append(Gap(name, mine, theirs, flattering))
    return SelfComparison(tuple(gaps))
