"""Measure the analyzer on outside conversations against a coach's annotations.

Each conversation is analysed with its annotated seller. A shown finding (confidence at
least ``min_confidence``) on a seller turn *matches* a coach's moment when it is on the
same turn, with the same polarity, and its family is the moment's family or one of the
moment's ``also`` families. Then:

- precision = matched findings / findings shown on seller turns (findings on the other
  side's turns, such as a client confiding, are counted and listed but not scored: the
  coach annotated the seller's conduct only);
- recall = moments matched by at least one shown finding / moments, overall and per family;
- rank correlation (Spearman) of the Trust Equation's ``trust`` with the coach's grades;
- seller inference, run separately without the annotated seller: right, wrong, or flagged
  uncertain.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from trustworks.analysis import Finding, analyze, infer_seller
from trustworks.conversation import fold_name
from trustworks.evaluate.outside.annotations import (
    AnnotatedConversation,
    AnnotationSet,
    Moment,
    load_annotations,
)
from trustworks.signals.schema import FAMILIES

AIM_PRECISION = 0.90
AIM_RECALL = 0.70
AIM_FAMILY_RECALL = 0.50
AIM_SPEARMAN = 0.85
# Findings below this confidence are not shown by default (issue 13); the analysis itself
# drops those under 0.5, so only a higher bar changes what is scored.
DEFAULT_MIN_CONFIDENCE = 0.5
# A family with fewer moments than this is reported but not held to the per-family aim:
# one or two moments say nothing about recall.
MIN_MOMENTS_FOR_FAMILY_AIM = 5


def matches(finding: Finding, moment: Moment) -> bool:
    """Same turn, same polarity, and a family the moment accepts."""
    return (
        finding.turn == moment.turn
        and finding.polarity == moment.polarity
        and finding.family in moment.families
    )


@dataclass(frozen=True, slots=True)
class ShownFinding:
    """A finding as the report lists it."""

    turn: int
    speaker: str
    signal: str
    family: str
    polarity: int
    confidence: float
    source: str
    evidence: str
    # For an unmatched finding, why: "other family" (the coach flagged that turn with the
    # same polarity but another family), "opposite polarity", or "no moment" on that turn.
    why: str = ""

    @classmethod
    def of(cls, finding: Finding, why: str = "") -> ShownFinding:
        return cls(
            finding.turn,
            finding.speaker,
            finding.signal,
            finding.family,
            finding.polarity,
            round(finding.confidence, 3),
            finding.source,
            finding.evidence,
            why,
        )


UNMATCHED_REASONS = ("other family", "opposite polarity", "no moment")


def unmatched_reason(finding: Finding, moments: Iterable[Moment]) -> str:
    """Why a finding matched no moment: the nearest disagreement on its turn."""
    same_turn = [m for m in moments if m.turn == finding.turn]
    if any(m.polarity == finding.polarity for m in same_turn):
        return "other family"
    if same_turn:
        return "opposite polarity"
    return "no moment"


@dataclass(frozen=True, slots=True)
class SellerCheck:
    """Seller inference on one conversation, run without the annotated seller."""

    guessed: str
    right: bool
    uncertain: bool
    confidence: float | None

    @property
    def verdict(self) -> str:
        """'right', 'wrong', or 'uncertain' (flagged, so a user is told to say who sells)."""
        if self.uncertain:
            return "uncertain"
        return "right" if self.right else "wrong"


@dataclass(frozen=True, slots=True)
class ConversationResult:
    """One conversation: what was found, missed and shown without a match."""

    id: str
    source: str
    domain: str
    grade: float
    turns: int
    trust: float
    found: tuple[Moment, ...]
    missed: tuple[Moment, ...]
    matched: tuple[ShownFinding, ...]
    unmatched: tuple[ShownFinding, ...]
    other_side: tuple[ShownFinding, ...]  # shown findings on turns the seller did not speak
    hidden: int  # findings below the confidence threshold
    seller: SellerCheck


@dataclass(frozen=True, slots=True)
class FamilyScore:
    """Recall of one family's moments and precision of the findings shown in it."""

    family: str
    moments: int
    found: int
    findings: int
    matched_findings: int

    @property
    def recall(self) -> float | None:
        return self.found / self.moments if self.moments else None

    @property
    def precision(self) -> float | None:
        return self.matched_findings / self.findings if self.findings else None

    @property
    def held_to_aim(self) -> bool:
        """Enough moments for the per-family recall aim to mean something."""
        return self.moments >= MIN_MOMENTS_FOR_FAMILY_AIM


@dataclass(frozen=True, slots=True)
class Correlation:
    """Spearman's rank correlation of the trust score with the grades."""

    rho: float | None
    p_value: float | None
    n: int


@dataclass(frozen=True)
class OutsideReport:
    """Everything `trustworks eval conversations` reports."""

    annotations: str
    version: int
    min_confidence: float
    seconds: float
    conversations: tuple[ConversationResult, ...]
    families: tuple[FamilyScore, ...]
    correlation: Correlation
    sources: dict[str, int] = field(default_factory=dict)

    @property
    def moments(self) -> int:
        return sum(len(c.found) + len(c.missed) for c in self.conversations)

    @property
    def moments_found(self) -> int:
        return sum(len(c.found) for c in self.conversations)

    @property
    def findings(self) -> int:
        """Shown findings on seller turns: the ones precision scores."""
        return sum(len(c.matched) + len(c.unmatched) for c in self.conversations)

    @property
    def matched_findings(self) -> int:
        return sum(len(c.matched) for c in self.conversations)

    @property
    def other_side_findings(self) -> int:
        return sum(len(c.other_side) for c in self.conversations)

    @property
    def hidden_findings(self) -> int:
        return sum(c.hidden for c in self.conversations)

    @property
    def precision(self) -> float | None:
        return self.matched_findings / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.moments_found / self.moments if self.moments else None

    @property
    def unmatched_reasons(self) -> dict[str, int]:
        """Unmatched findings by why they matched nothing (see ShownFinding.why)."""
        counts = Counter(f.why for c in self.conversations for f in c.unmatched)
        return {reason: counts.get(reason, 0) for reason in UNMATCHED_REASONS}

    @property
    def seller_verdicts(self) -> dict[str, int]:
        counts = Counter(c.seller.verdict for c in self.conversations)
        return {v: counts.get(v, 0) for v in ("right", "wrong", "uncertain")}

    def aims(self) -> dict[str, bool]:
        """Each aim of issue 13, met or not (a missing figure is not met)."""
        judged = [f for f in self.families if f.held_to_aim]
        verdicts = self.seller_verdicts
        return {
            "precision": self.precision is not None and self.precision >= AIM_PRECISION,
            "recall": self.recall is not None and self.recall >= AIM_RECALL,
            "family_recall": all(
                f.recall is not None and f.recall >= AIM_FAMILY_RECALL for f in judged
            ),
            "spearman": self.correlation.rho is not None and self.correlation.rho >= AIM_SPEARMAN,
            "seller": verdicts["wrong"] == 0,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain data for --json."""

        def moment(m: Moment) -> dict[str, Any]:
            return asdict(m)

        return {
            "annotations": self.annotations,
            "version": self.version,
            "min_confidence": self.min_confidence,
            "seconds": round(self.seconds, 2),
            "conversations": len(self.conversations),
            "turns": sum(c.turns for c in self.conversations),
            "moments": self.moments,
            "moments_found": self.moments_found,
            "recall": self.recall,
            "findings_shown": self.findings,
            "findings_matched": self.matched_findings,
            "precision": self.precision,
            "findings_unmatched_by_reason": self.unmatched_reasons,
            "findings_other_side": self.other_side_findings,
            "findings_hidden": self.hidden_findings,
            "findings_by_source": self.sources,
            "spearman": asdict(self.correlation),
            "seller_inference": self.seller_verdicts,
            "aims": {
                "precision": AIM_PRECISION,
                "recall": AIM_RECALL,
                "family_recall": AIM_FAMILY_RECALL,
                "family_recall_min_moments": MIN_MOMENTS_FOR_FAMILY_AIM,
                "spearman": AIM_SPEARMAN,
            },
            "aims_met": self.aims(),
            "families": [
                {
                    "family": f.family,
                    "moments": f.moments,
                    "found": f.found,
                    "recall": f.recall,
                    "findings": f.findings,
                    "matched_findings": f.matched_findings,
                    "precision": f.precision,
                    "held_to_aim": f.held_to_aim,
                }
                for f in self.families
            ],
            "per_conversation": [
                {
                    "id": c.id,
                    "source": c.source,
                    "domain": c.domain,
                    "grade": c.grade,
                    "turns": c.turns,
                    "trust": c.trust,
                    "found": [moment(m) for m in c.found],
                    "missed": [moment(m) for m in c.missed],
                    "matched_findings": [asdict(f) for f in c.matched],
                    "unmatched_findings": [asdict(f) for f in c.unmatched],
                    "other_side_findings": [asdict(f) for f in c.other_side],
                    "hidden_findings": c.hidden,
                    "seller_inference": {
                        "guessed": c.seller.guessed,
                        "verdict": c.seller.verdict,
                        "confidence": c.seller.confidence,
                    },
                }
                for c in self.conversations
            ],
        }


def _check_seller(item: AnnotatedConversation) -> SellerCheck:
    guess = infer_seller(item.conversation)
    wanted = {fold_name(s) for s in item.seller}
    # Another helper is giving SellerGuess a confidence and an uncertain flag; read them
    # when present so this harness works with either version.
    confidence = getattr(guess, "confidence", None)
    uncertain = bool(getattr(guess, "uncertain", False))
    return SellerCheck(
        guessed=guess.seller,
        right=fold_name(guess.seller) in wanted,
        uncertain=uncertain,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
    )


def score_conversation(
    item: AnnotatedConversation,
    findings: Iterable[Finding],
    trust: float,
    seller: SellerCheck,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> ConversationResult:
    """Match one conversation's findings against its moments."""
    sellers = {fold_name(s) for s in item.seller}
    seller_turns = {
        i for i, t in enumerate(item.conversation.turns) if fold_name(t.speaker) in sellers
    }
    every = list(findings)
    shown = [f for f in every if f.confidence >= min_confidence]
    judged = [f for f in shown if f.turn in seller_turns]
    matched = [f for f in judged if any(matches(f, m) for m in item.moments)]
    unmatched = [f for f in judged if not any(matches(f, m) for m in item.moments)]
    hit = [any(matches(f, m) for f in shown) for m in item.moments]
    found = tuple(m for m, h in zip(item.moments, hit, strict=True) if h)
    missed = tuple(m for m, h in zip(item.moments, hit, strict=True) if not h)
    return ConversationResult(
        id=item.id,
        source=item.source,
        domain=item.domain,
        grade=item.grade,
        turns=len(item.conversation.turns),
        trust=round(trust, 3),
        found=found,
        missed=missed,
        matched=tuple(ShownFinding.of(f) for f in matched),
        unmatched=tuple(ShownFinding.of(f, unmatched_reason(f, item.moments)) for f in unmatched),
        other_side=tuple(ShownFinding.of(f) for f in shown if f.turn not in seller_turns),
        hidden=len(every) - len(shown),
        seller=seller,
    )


def family_scores(results: Sequence[ConversationResult]) -> tuple[FamilyScore, ...]:
    """Per family: moments found (by the moment's own family) and findings matched."""
    scores: list[FamilyScore] = []
    for family in FAMILIES:
        moments = [m for r in results for m in (*r.found, *r.missed) if m.family == family]
        found = [m for r in results for m in r.found if m.family == family]
        shown = [f for r in results for f in (*r.matched, *r.unmatched) if f.family == family]
        matched = [f for r in results for f in r.matched if f.family == family]
        scores.append(FamilyScore(family, len(moments), len(found), len(shown), len(matched)))
    return tuple(scores)


def spearman(trust: Sequence[float], grades: Sequence[float]) -> Correlation:
    """Spearman's rho with its p-value; None when it is undefined (constant or n < 3)."""
    n = len(trust)
    if n < 3 or len(set(trust)) < 2 or len(set(grades)) < 2:
        return Correlation(None, None, n)
    from scipy.stats import spearmanr  # heavy: imported only when measuring

    result = spearmanr(trust, grades)
    rho, p_value = float(result.statistic), float(result.pvalue)
    if math.isnan(rho):
        return Correlation(None, None, n)
    return Correlation(round(rho, 3), p_value, n)


def evaluate_outside(
    annotations: AnnotationSet | Path | None = None,
    *,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> OutsideReport:
    """Run the analyzer on every annotated conversation and score it against the coach.

    >>> report = evaluate_outside()  # the packaged outside set  # doctest: +SKIP
    >>> report.precision, report.recall, report.correlation.rho  # doctest: +SKIP
    """
    if not isinstance(annotations, AnnotationSet):
        annotations = load_annotations(annotations)
    started = time.perf_counter()
    results: list[ConversationResult] = []
    sources: Counter[str] = Counter()
    for item in annotations.conversations:
        analysis = analyze(item.conversation, list(item.seller))
        sources.update(f.source for f in analysis.findings if f.confidence >= min_confidence)
        results.append(
            score_conversation(
                item,
                analysis.findings,
                analysis.trust.trust,
                _check_seller(item),
                min_confidence,
            )
        )
    correlation = spearman([r.trust for r in results], [r.grade for r in results])
    return OutsideReport(
        annotations=annotations.source,
        version=annotations.version,
        min_confidence=min_confidence,
        seconds=time.perf_counter() - started,
        conversations=tuple(results),
        families=family_scores(results),
        correlation=correlation,
        sources=dict(sorted(sources.items())),
    )
