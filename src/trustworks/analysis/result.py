"""What an analysis returns: findings tied to turns and words, metrics, scores, commitments."""

from __future__ import annotations

from dataclasses import dataclass

from trustworks.conversation import Conversation
from trustworks.signals.schema import Component

COMPONENTS: tuple[Component, ...] = ("credibility", "reliability", "intimacy", "self_orientation")


@dataclass(frozen=True, slots=True)
class Finding:
    """A signal seen in one turn: the exact words, why it matters and what to say instead."""

    signal: str
    family: str
    component: Component
    polarity: int
    weight: float
    turn: int
    speaker: str
    evidence: str
    start: int  # character offsets of the evidence in the turn's text
    end: int
    description: str
    coaching: str
    rewrite: str | None
    detector: str | None = None
    learned: bool = False  # a model's judgement rather than a matched phrase or rule
    confidence: float = 1.0  # a model's calibrated probability, or a rule's audited precision
    source: str = "rule"  # what found it: "rule" (a phrase or a detector) or "model"


@dataclass(frozen=True, slots=True)
class Commitment:
    """Somebody promised to do something, perhaps by a date."""

    by: str
    to: str
    what: str
    due: str | None
    turn: int
    evidence: str


@dataclass(frozen=True, slots=True)
class Contribution:
    """One push on a Trust Equation component, from a finding or a metric."""

    component: Component
    delta: float  # in points of "goodness": positive always means more trust
    source: str  # "signal" or "metric"
    ref: str  # the signal id or metric name
    turn: int | None


# Where the tone model's mean reads as courteous or curt: about the corpus's top and bottom
# quarters of requests.
TONE_COURTEOUS = 0.3
TONE_CURT = -0.3


@dataclass(frozen=True, slots=True)
class Metrics:
    """How the conversation was shared: talk, questions, monologues, interruptions."""

    turns: int
    seller_words: int
    client_words: int
    seller_talk_share: float | None
    seller_seconds_share: float | None
    seller_turns: int
    seller_questions: int
    seller_question_rate: float | None  # questions per seller turn
    open_questions: int
    closed_questions: int
    open_question_share: float | None
    longest_seller_monologue_words: int
    reflective_summaries: int
    interruptions: int
    seller_interruptions: int
    # The politeness model's mean over the seller's turns, measured from ordinary talk in the
    # same register (0 ordinary, +0.3 and up courteous, -0.3 and down curt); None when the
    # semantic layer is off or the seller said nothing in English to judge.
    seller_tone: float | None = None
    # Seller turns that told the other person what to do, unasked ("you should", "you need
    # to": `analysis.directives`), which cost self-orientation; 0 when none did.
    seller_directives: int = 0

    @property
    def tone_label(self) -> str | None:
        """The seller's tone in a word, for reports."""
        if self.seller_tone is None:
            return None
        if self.seller_tone >= TONE_COURTEOUS:
            return "courteous"
        return "curt" if self.seller_tone <= TONE_CURT else "ordinary"


@dataclass(frozen=True, slots=True)
class TrustScores:
    """Trust Equation components on 1-10 scales and trust = (C + R + I) / S."""

    credibility: float
    reliability: float
    intimacy: float
    self_orientation: float
    trust: float


@dataclass(frozen=True, slots=True)
class Analysis:
    """The full result of analysing one conversation."""

    conversation: Conversation
    findings: tuple[Finding, ...]
    metrics: Metrics
    trust: TrustScores
    contributions: tuple[Contribution, ...]
    timeline: tuple[float, ...]
    commitments: tuple[Commitment, ...]

    def explain(self, component: Component) -> list[Contribution]:
        """The contributions that moved one component, largest first."""
        picked = [c for c in self.contributions if c.component == component]
        return sorted(picked, key=lambda c: -abs(c.delta))

    @property
    def negative_findings(self) -> list[Finding]:
        """Findings that spend trust."""
        return [f for f in self.findings if f.polarity < 0]
