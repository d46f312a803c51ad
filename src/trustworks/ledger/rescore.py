"""Score stored calls again at this version's scale, from the findings they were logged with.

A call keeps the analysis it was logged with: findings, and the explanation of every push on
a component. When a version changes how those pushes become scores (the logistic's
temperature, self-orientation's own, docs/trust-equation.md), calls logged before it sit on
the old scale beside new ones, and the bands, trends and team medians mix the two. Rescoring
sums each stored explanation again and scores it as a call logged today would be scored; it
reads no transcript and changes no finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from trustworks.analysis.result import TrustScores
from trustworks.analysis.trust import scores_from
from trustworks.ledger import identities, tables
from trustworks.ledger.log import stored_document

# The stored explanation's pushes are rounded to three places, so scores worked out again from
# them differ from the logged ones by rounding alone; a call is rescored only when its scores
# moved by more than that (a scale change moves them by tenths).
_MOVED = 0.01
_SCORES = ("credibility", "reliability", "intimacy", "self_orientation", "trust")


@dataclass(frozen=True)
class Rescored:
    """What a rescore did: calls read, calls whose scores changed, calls it could not read."""

    checked: int
    changed: int
    unreadable: tuple[int, ...]  # interaction ids whose stored analysis cannot be read


def rescore_calls(session: Session) -> Rescored:
    """Score every stored call's explanation again, inside the caller's transaction."""
    from trustworks.report.document import from_document
    from trustworks.report.schema import TrustOut

    checked = changed = 0
    unreadable: list[int] = []
    rows = session.scalars(
        select(tables.Interaction)
        .where(tables.Interaction.analysis_json.is_not(None))
        .options(undefer(tables.Interaction.analysis_json))
        .order_by(tables.Interaction.id)
    )
    for row in rows:
        checked += 1
        document = stored_document(row)
        if document is None:
            unreadable.append(row.id)
            continue
        scores = scores_from(from_document(document).contributions)
        if not _moved(row, scores):
            continue
        before = identities.snapshot(row)
        for name in _SCORES:
            setattr(row, name, getattr(scores, name))
        document.trust = TrustOut.model_validate(
            {name: round(getattr(scores, name), 3) for name in _SCORES}
        )
        row.analysis_json = document.model_dump_json()
        session.flush()
        identities.record(session, "interaction", row, "edit", before)
        changed += 1
    return Rescored(checked, changed, tuple(unreadable))


def _moved(row: tables.Interaction, scores: TrustScores) -> bool:
    """Whether any stored score is missing or further from ``scores`` than rounding explains."""
    for name in _SCORES:
        stored = getattr(row, name)
        if stored is None or abs(stored - getattr(scores, name)) > _MOVED:
            return True
    return False


__all__ = ["Rescored", "rescore_calls"]
