"""The outside evaluation set: conversations nobody on the project wrote, a coach's
annotations of them, and the harness behind `trustworks eval conversations`.

The data (``annotations.toml``, ``conversations/*.json``, ``SOURCES.md``) ships inside the
package, so the measurement runs from an install.
"""

from __future__ import annotations

from trustworks.evaluate.outside.annotations import (
    ANNOTATIONS_FILE,
    SHIPPED_SETS,
    SUPPORTED_VERSIONS,
    AnnotatedConversation,
    AnnotationSet,
    Moment,
    load_annotations,
    load_shipped_set,
    parse_annotations,
    pool,
)
from trustworks.evaluate.outside.harness import (
    AIM_FAMILY_RECALL,
    AIM_PRECISION,
    AIM_RECALL,
    AIM_SPEARMAN,
    DEFAULT_MIN_CONFIDENCE,
    MIN_MOMENTS_FOR_FAMILY_AIM,
    UNMATCHED_REASONS,
    ConversationResult,
    Correlation,
    FamilyScore,
    OutsideReport,
    SellerCheck,
    ShownFinding,
    evaluate_outside,
    family_scores,
    matches,
    score_conversation,
    spearman,
    unmatched_reason,
)

__all__ = [
    "AIM_FAMILY_RECALL",
    "AIM_PRECISION",
    "AIM_RECALL",
    "AIM_SPEARMAN",
    "ANNOTATIONS_FILE",
    "DEFAULT_MIN_CONFIDENCE",
    "MIN_MOMENTS_FOR_FAMILY_AIM",
    "SHIPPED_SETS",
    "SUPPORTED_VERSIONS",
    "UNMATCHED_REASONS",
    "AnnotatedConversation",
    "AnnotationSet",
    "ConversationResult",
    "Correlation",
    "FamilyScore",
    "Moment",
    "OutsideReport",
    "SellerCheck",
    "ShownFinding",
    "evaluate_outside",
    "family_scores",
    "load_annotations",
    "load_shipped_set",
    "matches",
    "parse_annotations",
    "pool",
    "score_conversation",
    "spearman",
    "unmatched_reason",
]
