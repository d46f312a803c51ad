"""The versioned JSON document `trustworks analyze --format json` prints (pydantic models).

The JSON Schema in docs/schema/ is generated from these models; a test keeps it current.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from trustworks.analysis.seller import UNCERTAIN_BELOW

SCHEMA_VERSION: Literal["1.3"] = "1.3"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TurnOut(_Model):
    index: int = Field(description="0-based position in the conversation")
    speaker: str
    role: Literal["seller", "client", "other"]
    start: float | None = Field(description="seconds from the start, when known")
    end: float | None
    text: str


class FindingOut(_Model):
    signal: str = Field(description="catalogue id; `trustworks explain ID` describes it")
    family: str
    component: Literal["credibility", "reliability", "intimacy", "self_orientation"]
    polarity: Literal[-1, 1] = Field(description="+1 builds trust, -1 spends it")
    weight: float
    turn: int = Field(
        description="0-based index into `turns` (the text and Markdown reports number turns "
        "from 1, so index 4 is their turn 5)"
    )
    speaker: str
    evidence: str = Field(description="the exact words in the turn that triggered it")
    start: int = Field(description="character offset of the evidence in the turn's text")
    end: int
    description: str
    coaching: str
    rewrite: str | None = Field(description="a better way to say it (negative findings)")
    detector: str | None = Field(description="conversation-level detector, or null for a phrase")
    learned: bool = Field(
        description="true when the semantic model judged it (see confidence), false for a rule"
    )
    confidence: float = Field(
        ge=0,
        le=1,
        description="how often a finding like it is right: the model's calibrated confidence at "
        "this score, or the rule's precision when audited on talk nobody here wrote, no higher "
        "than a detector's own doubt (1 for a rule when the catalogue has no audit); findings "
        "under 0.5 are not reported",
    )
    source: Literal["rule", "model"] = Field(
        default="rule", description="what found it: a rule (phrase or detector) or the model"
    )


class MetricsOut(_Model):
    turns: int
    seller_words: int
    client_words: int
    seller_talk_share: float | None = Field(description="seller words / (seller + client words)")
    seller_seconds_share: float | None = Field(description="same by speaking time, when timed")
    seller_turns: int
    seller_questions: int
    seller_question_rate: float | None = Field(description="seller questions per seller turn")
    open_questions: int
    closed_questions: int
    open_question_share: float | None
    longest_seller_monologue_words: int
    reflective_summaries: int
    interruptions: int
    seller_interruptions: int
    seller_tone: float | None = Field(
        default=None,
        description="the politeness model's mean over seller turns, measured from ordinary "
        "talk in the same register: 0 ordinary, +0.3 and up courteous, -0.3 and down curt "
        "(Stanford Politeness Corpus units); null without the semantic layer or English "
        "seller words to judge",
    )
    seller_directives: int = Field(
        default=0,
        description="seller turns that told the other person what to do, unasked ('you "
        "should', 'you need to', 'why don't you'); they cost self-orientation",
    )


class TrustOut(_Model):
    credibility: float = Field(ge=1, le=10)
    reliability: float = Field(ge=1, le=10)
    intimacy: float = Field(ge=1, le=10)
    self_orientation: float = Field(ge=1, le=10)
    trust: float = Field(description="(credibility + reliability + intimacy) / self_orientation")


class ContributionOut(_Model):
    component: Literal["credibility", "reliability", "intimacy", "self_orientation"]
    delta: float = Field(description="push on the component; positive always means more trust")
    source: Literal["signal", "metric"]
    ref: str = Field(description="signal id or metric name")
    turn: int | None = Field(description="0-based index into `turns`, when one turn moved it")


class CommitmentOut(_Model):
    by: str
    to: str
    what: str
    due: str | None = Field(description="the due date as said, e.g. 'Thursday'")
    turn: int = Field(description="0-based index into `turns`")
    evidence: str


class AnalysisDocument(_Model):
    """One analysed conversation."""

    schema_version: Literal["1.3"] = SCHEMA_VERSION
    source: str
    format: str
    seller: str | None = Field(description="the (first) seller's name")
    sellers: list[str]
    seller_inferred: bool
    seller_inference_reason: str
    seller_confidence: float | None = Field(
        description="how sure the inferred seller is, 0-1 (null when the seller was given)"
    )
    seller_uncertain: bool = Field(
        description="true when the inferred seller is too unsure to rely on (a tie, or "
        f"confidence below {UNCERTAIN_BELOW}): name the seller with --seller"
    )
    seller_inference_reasons: list[str] = Field(
        description="the cues behind the inferred seller, in plain words"
    )
    notes: list[str] = Field(
        default_factory=list,
        description="what the analysis could not judge, in plain words (little evidence, "
        "one side only, not English); empty when nothing limits it",
    )
    turns: list[TurnOut]
    findings: list[FindingOut]
    metrics: MetricsOut
    trust: TrustOut
    explanation: list[ContributionOut]
    timeline: list[float] = Field(description="running trust after each turn")
    commitments: list[CommitmentOut]
