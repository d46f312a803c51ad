"""What a score means: its band (spends trust, neutral, builds trust) and what moved it most.

The bands come from the score's own definition (docs/trust-equation.md, "Bands"), not from a
fit: a conversation with no evidence scores exactly the middle (5.5 per component, trust 3.0),
and one finding of full weight (1.0, the catalogue's typical weight) in a short call moves a
component by what its finding weight makes of it: intimacy or reliability (which count three
times) from 5.5 to 4.83 or 6.17, credibility to 5.275 or 5.725 (at the temperature of 10), and
self-orientation, scored at twice that temperature, to 5.39 or 5.61. A score is *neutral* when
it lies within what a single full-weight finding can do from the middle, in either direction
and on any component; outside that the conversation's evidence nets out to more than one
finding's worth, and it *spends* or *builds* trust.

For trust = (C + R + I) / S the widest a single finding reaches is through intimacy or
reliability: (11 + 4.83) / 5.5 = 2.88 below, (11 + 6.17) / 5.5 = 3.12 above (through S only
2.94 and 3.06). So trust below 2.87 spends trust, above 3.13 builds it (rounded outwards).
Self-orientation is read the other way (high S spends trust).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from trustworks.analysis.result import Analysis, Finding
from trustworks.analysis.trust import (
    FINDING_WEIGHT,
    component_score,
    scores_of,
    self_orientation_score,
)

Band = Literal["spends", "neutral", "builds"]
BAND_WORDS: dict[str, str] = {
    "spends": "spends trust",
    "neutral": "neutral",
    "builds": "builds trust",
}

_MIDDLE = component_score(0.0)  # 5.5: no evidence
# Credibility, reliability and intimacy share one band: the widest a finding on any of them
# reaches (intimacy's and reliability's, which count three times).
_HEAVIEST = max(FINDING_WEIGHT[c] for c in ("credibility", "reliability", "intimacy"))
_ONE_DOWN = component_score(-_HEAVIEST)  # 4.83: one full-weight finding against
_ONE_UP = component_score(_HEAVIEST)  # 6.17: one full-weight finding for
_SELF_ONE_DOWN = self_orientation_score(FINDING_WEIGHT["self_orientation"])  # 5.39 (lower S)
_SELF_ONE_UP = self_orientation_score(-FINDING_WEIGHT["self_orientation"])  # 5.61
NEUTRAL_TRUST = 3 * _MIDDLE / _MIDDLE  # 3.0
# One finding's reach on trust, through the divisor or through the sum, whichever is wider.
_TRUST_ONE_DOWN = min(3 * _MIDDLE / _SELF_ONE_UP, (2 * _MIDDLE + _ONE_DOWN) / _MIDDLE)  # 2.88
_TRUST_ONE_UP = max(3 * _MIDDLE / _SELF_ONE_DOWN, (2 * _MIDDLE + _ONE_UP) / _MIDDLE)  # 3.12
# Rounded outwards to what the pages show (two places for trust, one for a component), so a
# shown figure is never on the wrong side and one finding that builds trust stays neutral. One
# that spends it counts twice (`trust.SPENDING_WEIGHT`): on intimacy or reliability, alone, it
# reaches "spends".
TRUST_SPENDS_BELOW = math.floor(_TRUST_ONE_DOWN * 100) / 100  # 2.87
TRUST_BUILDS_ABOVE = math.ceil(_TRUST_ONE_UP * 100) / 100  # 3.13
COMPONENT_LOW = math.floor(_ONE_DOWN * 10) / 10  # 4.8
COMPONENT_HIGH = math.ceil(_ONE_UP * 10) / 10  # 6.2
SELF_LOW = math.floor(_SELF_ONE_DOWN * 10) / 10  # 5.3
SELF_HIGH = math.ceil(_SELF_ONE_UP * 10) / 10  # 5.7
# Every bound in the order the pages print them.
THRESHOLDS = (
    TRUST_SPENDS_BELOW,
    TRUST_BUILDS_ABOVE,
    COMPONENT_LOW,
    COMPONENT_HIGH,
    SELF_LOW,
    SELF_HIGH,
)


def trust_band(trust: float) -> Band:
    """The band of a trust score: below 2.87 spends, above 3.13 builds, else neutral."""
    if trust < TRUST_SPENDS_BELOW:
        return "spends"
    if trust > TRUST_BUILDS_ABOVE:
        return "builds"
    return "neutral"


def component_band(component: str, score: float) -> Band:
    """The band of one component's 1-10 score (self-orientation counts the other way)."""
    if component == "trust":
        return trust_band(score)
    if component == "self_orientation":
        # High self-orientation spends trust.
        low, high = score > SELF_HIGH, score < SELF_LOW
    else:
        low, high = score < COMPONENT_LOW, score > COMPONENT_HIGH
    return "spends" if low else "builds" if high else "neutral"


def band_range(band: str) -> tuple[float | None, float | None]:
    """The trust scores of a band as (at least, below), None for no bound; for filtering."""
    if band == "spends":
        return None, TRUST_SPENDS_BELOW
    if band == "builds":
        return TRUST_BUILDS_ABOVE, None
    if band == "neutral":
        return TRUST_SPENDS_BELOW, TRUST_BUILDS_ABOVE
    raise ValueError(f"no band {band!r}: spends, neutral or builds")


@dataclass(frozen=True)
class Mover:
    """A finding and how much trust it moved (trust with it minus trust without it)."""

    index: int  # into analysis.findings
    finding: Finding
    effect: float


def top_movers(analysis: Analysis, count: int = 3) -> list[Mover]:
    """The findings that moved trust most, largest effect first (either direction).

    Each contribution of a signal is taken out of its component's goodness sum and trust is
    worked out again, so the effect is on the score as shown, logistic and division included.
    """
    goodness: dict[str, float] = defaultdict(float)
    for c in analysis.contributions:
        goodness[c.component] += c.delta

    whole = scores_of(goodness).trust
    by_key = {(f.signal, f.turn): n for n, f in enumerate(analysis.findings)}
    effects: dict[int, float] = defaultdict(float)
    for contribution in analysis.contributions:
        if contribution.source != "signal" or contribution.turn is None:
            continue
        index = by_key.get((contribution.ref, contribution.turn))
        if index is None:
            continue
        without = dict(goodness)
        without[contribution.component] -= contribution.delta
        effects[index] += whole - scores_of(without).trust
    ranked = sorted(effects.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    return [Mover(n, analysis.findings[n], effect) for n, effect in ranked[:count]]
