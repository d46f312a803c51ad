"""Conversation analysis: findings per turn, listening metrics, the Trust Equation, coaching."""

from __future__ import annotations

from collections.abc import Sequence

from trustworks.analysis.live import WRITTEN_FORMATS, LiveAnalyzer, LiveUpdate, Settings
from trustworks.analysis.questions import QuestionCount, count_questions
from trustworks.analysis.result import (
    COMPONENTS,
    Analysis,
    Commitment,
    Contribution,
    Finding,
    Metrics,
    TrustScores,
)
from trustworks.analysis.seller import UNCERTAIN_BELOW, SellerGuess, infer_seller
from trustworks.conversation import Conversation
from trustworks.signals.loader import Catalogue

__all__ = [
    "COMPONENTS",
    "UNCERTAIN_BELOW",
    "WRITTEN_FORMATS",
    "Analysis",
    "Commitment",
    "Contribution",
    "Finding",
    "LiveAnalyzer",
    "LiveUpdate",
    "Metrics",
    "QuestionCount",
    "SellerGuess",
    "Settings",
    "TrustScores",
    "analyze",
    "assign_seller",
    "count_questions",
    "infer_seller",
]


def assign_seller(
    conversation: Conversation,
    seller: Sequence[str] | None = None,
    catalogue: Catalogue | None = None,
) -> Conversation:
    """Give the conversation its roles: from the names given, or inferred when none are."""
    if seller:
        return conversation.with_seller(seller)
    if conversation.seller:
        return conversation
    guess = infer_seller(conversation, catalogue)
    return conversation.with_seller(
        [guess.seller] if guess.seller else [],
        inferred=True,
        reason=guess.reason,
        confidence=guess.confidence,
        uncertain=guess.uncertain,
        reasons=guess.reasons,
    )


def analyze(
    conversation: Conversation,
    seller: Sequence[str] | None = None,
    *,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
) -> Analysis:
    """Analyse a whole conversation: the live analyzer fed every turn in order."""
    conversation = assign_seller(conversation, seller, catalogue)
    if settings is None:
        settings = Settings(written=conversation.format in WRITTEN_FORMATS)
    live = LiveAnalyzer(conversation.seller, catalogue=catalogue, settings=settings)
    live.prepare(conversation.turns)  # the semantic layer judges the whole call at once
    live.add_turns(conversation.turns)
    return live.result(conversation)
