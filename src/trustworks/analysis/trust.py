"""The Trust Equation from findings and metrics: see docs/trust-equation.md for the formula.

Each component keeps a running "goodness" sum. A finding adds ``polarity * weight * confidence``
times its component's ``FINDING_WEIGHT``, and twice that when it spends trust
(``SPENDING_WEIGHT``); confidence is how often such a finding is right: a rule's audited
precision, a model's calibrated probability, no higher than a detector's own doubt. A call's
findings are read as a rate: their sum is divided by ``evidence_scale`` of the seller's turns,
so a long call is not better or worse than a short one for its length alone. Metrics add
bounded terms. A component's score is a logistic of its sum, ``1 + 9 / (1 + exp(-g / T))``:
5.5 with no evidence, approaching 1 or 10 with a lot. Self-orientation is scored the other way
round (more goodness, lower S), at twice the temperature, and trust = (C + R + I) / S.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

from trustworks.analysis.result import COMPONENTS, Contribution, Finding, TrustScores
from trustworks.signals.schema import Component

# How much evidence a component takes to move: a full-weight finding moves it from 5.5 to about
# 5.72, twenty of them to about 8.9. Graded calls were ordered best while every component stays
# near its linear range, where trust follows the balance of the evidence rather than which
# component saturated first (docs/trust-equation.md, "A rate, not a count"). 2 until
# 2026-12-05, 5 until 2026-12-06.
TEMPERATURE = 10.0
# Self-orientation is the divisor: at the same temperature a point of it moves trust about three
# times as much as a point of credibility, reliability or intimacy, and a call's order was mostly
# its self-orientation findings and talk share. At twice the temperature it moves trust half as
# much again as the others: still the component that matters most, no longer the only one. (At
# three times, where they weigh alike, the coach-graded sets were ordered a little better still
# but AnnoMI's sessions and CaSiNo's liking worse: docs/trust-equation.md.)
SELF_ORIENTATION_TEMPERATURE = 2 * TEMPERATURE
# A call's findings count per square root of the seller's turns over this many: up to eight
# turns they count in full, a forty-turn visit's at 1 / 2.24. Counted in full, a clinic visit's
# forty questions outweighed a ten-turn negotiation's whole conduct; divided by the turns
# themselves, the graded sets were ordered a little worse than by their square root.
EVIDENCE_TURNS = 8
# How much a finding counts on each component, against the others and against the metric terms
# (tone, talk share, open questions, telling them what to do), which stay as they are. Intimacy
# and reliability findings count three times a credibility or self-orientation finding: in
# every graded set, what the seller did to understand the client and what they promised and
# kept ordered calls as the coach did, while what they said of their own expertise barely did
# (AnnoMI's and CaSiNo's own ratings agree: intimacy orders them, credibility not at all).
# Chosen on the read sets, checked leaving each set out in turn (docs/trust-equation.md,
# "Which findings weigh most").
FINDING_WEIGHT: Mapping[Component, float] = {
    "credibility": 1.0,
    "reliability": 3.0,
    "intimacy": 3.0,
    "self_orientation": 1.0,
}
# A finding that spends trust counts this many times one that builds it, on every component:
# trust is lost faster than it is won (Slovic 1993). Chosen on ratings nobody here made: at
# 1, 1.5, 2, 2.5 and 3, AnnoMI's expert grades of the sessions no choice was made on were
# ordered with an AUC of 0.71, 0.76, 0.78, 0.78 and 0.78, and CaSiNo's train-split liking
# with Spearman 0.181, 0.189, 0.193, 0.195 and 0.197; the read outside sets, pooled, 0.780,
# 0.787, 0.787, 0.784 and 0.778 (docs/trust-equation.md, "Spending counts twice").
SPENDING_WEIGHT = 2.0
OPEN_QUESTION_CREDIT = 0.25  # intimacy per open seller question...
OPEN_QUESTION_CAP = 8  # ...for at most this many
# Seller share of words above which self-orientation suffers. 0.55 until 2026-12-06: 0.65
# ordered all five graded outside sets better and kept AnnoMI quality (docs/trust-equation.md).
TALK_SHARE_BALANCE = 0.65
TALK_SHARE_SLOPE = 4.0
TALK_SHARE_BOUNDS = (-2.0, 0.5)
TALK_SHARE_MIN_WORDS = 80  # too little talk to judge the balance


def evidence_scale(seller_turns: int) -> float:
    """What a call's findings' goodness is divided by: 1 up to EVIDENCE_TURNS seller turns,
    then the square root of the turns over it."""
    return math.sqrt(max(1.0, seller_turns / EVIDENCE_TURNS))


def component_score(goodness: float, temperature: float = TEMPERATURE) -> float:
    """Map a goodness sum onto 1-10 (5.5 at zero)."""
    return 1.0 + 9.0 / (1.0 + math.exp(-goodness / temperature))


def self_orientation_score(goodness: float) -> float:
    """Self-orientation from its goodness sum: high when the evidence goes against the seller."""
    return component_score(-goodness, SELF_ORIENTATION_TEMPERATURE)


def scores_of(goodness: Mapping[str, float]) -> TrustScores:
    """The five scores of a component's goodness sums, worked out afresh (`TrustScorer` keeps
    the same figures up to date turn by turn)."""
    credibility = component_score(goodness["credibility"])
    reliability = component_score(goodness["reliability"])
    intimacy = component_score(goodness["intimacy"])
    self_orientation = self_orientation_score(goodness["self_orientation"])
    trust = (credibility + reliability + intimacy) / self_orientation
    return TrustScores(credibility, reliability, intimacy, self_orientation, trust)


def scores_from(contributions: Iterable[Contribution]) -> TrustScores:
    """The scores a call's contributions come to at this version's scale: what a stored
    analysis's explanation scores today (the ledger's rescore), metric terms included."""
    goodness: dict[str, float] = dict.fromkeys(COMPONENTS, 0.0)
    for contribution in contributions:
        goodness[contribution.component] += contribution.delta
    return scores_of(goodness)


def talk_share_term(share: float | None, total_words: int) -> float:
    """Self-orientation goodness from the seller's share of the talk."""
    if share is None or total_words < TALK_SHARE_MIN_WORDS:
        return 0.0
    low, high = TALK_SHARE_BOUNDS
    return min(high, max(low, TALK_SHARE_SLOPE * (TALK_SHARE_BALANCE - share)))


# The seller's tone (the politeness model's mean over their turns, in the Stanford corpus's
# normalised units: +0.5 is the most courteous quarter of requests, -0.4 the curtest) moves
# intimacy by a bounded amount. Curtness costs more than courtesy earns: warmth is expected,
# and one contemptuous remark is remembered longer than many polite ones. The slope was
# calibrated on how much CaSiNo negotiators liked each other (`trustworks eval liking`, its
# train split only): Spearman 0.15 at 2, 0.19 at 4, 0.21 at 6; the coach-graded outside set
# peaks at 4 (0.70) and falls after it, so 4 it is.
TONE_SLOPE = 4.0
TONE_BOUNDS = (-3.0, 2.0)
# Seller sentences (of three words or more) from which the tone counts in full: a written
# message of four sentences says as much about its tone as four short turns of a call.
TONE_FULL_SENTENCES = 4


def tone_term(mean_tone: float | None, sentences: int) -> float:
    """Intimacy goodness from the seller's mean tone, weighed by how much it rests on."""
    if mean_tone is None or sentences <= 0:
        return 0.0
    low, high = TONE_BOUNDS
    weight = min(1.0, sentences / TONE_FULL_SENTENCES)
    return min(high, max(low, TONE_SLOPE * mean_tone)) * weight


# Telling the other person what to do (``analysis.directives``) costs self-orientation in
# proportion to how many seller turns do it, counted over at least DIRECTIVE_FULL_TURNS turns
# (one "you should" in a three-line message weighs as one in six turns, not as all of them).
DIRECTIVE_SLOPE = 8.0
DIRECTIVE_FLOOR = -1.5
DIRECTIVE_FULL_TURNS = 6


def directive_term(directives: int, turns: int) -> float:
    """Self-orientation goodness from the seller's turns that tell the other what to do."""
    if directives <= 0:
        return 0.0
    return max(DIRECTIVE_FLOOR, -DIRECTIVE_SLOPE * directives / max(turns, DIRECTIVE_FULL_TURNS))


EVIDENCE_FOR_TALK_SHARE = 4  # findings from which talk share counts in full


def evidence_weight(findings: int) -> float:
    """How much the talk-share term may count: nothing with no findings, fully from four.

    With no findings, a seller who said little would otherwise outscore a consultative one
    on talk share alone; sparse evidence keeps the scores near neutral instead.
    """
    return min(1.0, findings / EVIDENCE_FOR_TALK_SHARE)


class TrustScorer:
    """Running goodness per component, updated in constant time per finding.

    ``goodness`` holds the metric terms (and a self-assessment's answers); the findings' sums
    are kept apart, divided by the evidence scale of the seller's turns when scored.
    """

    def __init__(self) -> None:
        self.goodness: dict[Component, float] = dict.fromkeys(COMPONENTS, 0.0)
        self.contributions: list[Contribution] = []
        self._signals: dict[Component, float] = dict.fromkeys(COMPONENTS, 0.0)
        self._scale = 1.0
        self._open_questions = 0
        # Each component's goodness as last scored (NaN: never), and the scores then.
        self._last_key = (math.nan, math.nan, math.nan, math.nan)
        self._last_values = (0.0, 0.0, 0.0, 0.0, 0.0)
        self._last: TrustScores | None = None

    def add_finding(self, finding: Finding) -> None:
        """Credit or debit a component for one finding."""
        delta = (
            finding.polarity
            * finding.weight
            * finding.confidence
            * FINDING_WEIGHT[finding.component]
        )
        if delta < 0:
            delta *= SPENDING_WEIGHT
        self._signals[finding.component] += delta
        self.contributions.append(
            Contribution(finding.component, delta, "signal", finding.signal, finding.turn)
        )

    def count_seller_turns(self, seller_turns: int) -> None:
        """The seller's turns so far, which the findings' goodness is read against."""
        self._scale = evidence_scale(seller_turns)

    def scaled_contributions(self) -> list[Contribution]:
        """The contributions as scored: each finding's delta over the evidence scale, so they
        sum to the goodness the scores come from (`scores_from`)."""
        scale = self._scale
        if scale == 1.0:
            return list(self.contributions)
        return [
            replace(c, delta=c.delta / scale) if c.source == "signal" else c
            for c in self.contributions
        ]

    def add_open_questions(self, count: int, turn: int) -> None:
        """Credit intimacy for the seller's open questions, up to the cap."""
        credited = min(count, OPEN_QUESTION_CAP - self._open_questions)
        if credited > 0:
            self._open_questions += credited
            delta = OPEN_QUESTION_CREDIT * credited
            self._push(Contribution("intimacy", delta, "metric", "open_questions", turn))

    def _push(self, contribution: Contribution) -> None:
        self.goodness[contribution.component] += contribution.delta
        self.contributions.append(contribution)

    def scores(self, self_term: float = 0.0, tone: float = 0.0) -> TrustScores:
        """Current scores, with the metric terms on self-orientation (talk share, telling them
        what to do) and tone on intimacy."""
        values = self._values(self_term, tone)
        if self._last is None:
            self._last = TrustScores(*values)
        return self._last

    def trust(self, self_term: float = 0.0, tone: float = 0.0) -> float:
        """Trust alone, as `scores` has it: what a timeline needs after every turn."""
        return self._values(self_term, tone)[4]

    def _values(self, self_term: float, tone: float) -> tuple[float, float, float, float, float]:
        g, found, scale = self.goodness, self._signals, self._scale
        key = (
            g["credibility"] + found["credibility"] / scale,
            g["reliability"] + found["reliability"] / scale,
            g["intimacy"] + found["intimacy"] / scale + tone,
            g["self_orientation"] + found["self_orientation"] / scale + self_term,
        )
        last = self._last_key
        if key != last:
            # Only what moved is scored again: most turns move the talk-share term alone.
            c, r, i, s = key
            old = self._last_values
            credibility = old[0] if c == last[0] else component_score(c)
            reliability = old[1] if r == last[1] else component_score(r)
            intimacy = old[2] if i == last[2] else component_score(i)
            self_orientation = old[3] if s == last[3] else self_orientation_score(s)
            trust = (credibility + reliability + intimacy) / self_orientation
            self._last_key = key
            self._last_values = (credibility, reliability, intimacy, self_orientation, trust)
            self._last = None  # the scores object is built when asked for
        return self._last_values
