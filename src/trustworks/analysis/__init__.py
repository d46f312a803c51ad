"""Conversation analysis: findings per turn, listening metrics, the Trust Equation, coaching."""

from __future__ import annotations

from collections.abc import Sequence

from trustworks.analysis.engine import engine_for as _engine_for
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
from trustworks.signals.loader import Catalogue, default_catalogue

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

# Turns matched ahead at a time: well under the 512 utterances the engine remembers, so none
# is forgotten before it is taken (one that were would simply be matched again).
_MATCHED_AHEAD = 64


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
    # Each stretch of turns is matched before the live analyzer takes it (the engine
    # remembers the hits): texts matched back to back are matched sooner.
    engine = _engine_for(catalogue or default_catalogue())
    turns = conversation.turns
    for first in range(0, len(turns), _MATCHED_AHEAD):
        stretch = turns[first : first + _MATCHED_AHEAD]
        engine.match_ahead((turn.text, turn.role) for turn in stretch)
        live.add_turns(stretch)
    return live.result(conversation)
