"""Score stored calls again at this version's scale, from the findings they were logged with.

A call keeps the analysis it was logged with: findings, and the explanation of every push on
a component. When a version changes how those pushes become scores (the logistic's
temperature, self-orientation's own, docs/trust-equation.md), calls logged before it sit on
the old scale beside new ones, and the bands, trends and team medians mix the two. Rescoring
sums each stored explanation again and scores it as a call logged today would be scored; it
reads no transcript and changes no finding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from trustworks.analysis.result import COMPONENTS, Contribution, TrustScores
from trustworks.analysis.trust import scores_from
from trustworks.ledger import identities, tables

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
        document = _document(row.analysis_json or "")
        if document is None:
            unreadable.append(row.id)
            continue
        scores = scores_from(_contributions(document))
        if not _moved(row, scores):
            continue
        before = identities.snapshot(row)
        for name in _SCORES:
            setattr(row, name, getattr(scores, name))
        document["trust"] = {name: round(getattr(scores, name), 3) for name in _SCORES}
        row.analysis_json = json.dumps(document)
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


def _document(text: str) -> dict[str, object] | None:
    """The stored analysis as JSON, when it has an explanation to score."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or not isinstance(document.get("explanation"), list):
        return None
    try:
        _contributions(document)
    except (KeyError, TypeError, ValueError):
        return None
    return document


def _contributions(document: dict[str, object]) -> list[Contribution]:
    explanation = document["explanation"]
    assert isinstance(explanation, list)
    if any(item["component"] not in COMPONENTS for item in explanation):
        raise ValueError("a component this version does not score")
    return [
        Contribution(
            str(item["component"]),  # type: ignore[arg-type]
            float(item["delta"]),
            str(item["source"]),
            str(item["ref"]),
            None if item.get("turn") is None else int(item["turn"]),
        )
        for item in explanation
    ]


__all__ = ["Rescored", "rescore_calls"]
