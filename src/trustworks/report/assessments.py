"""Assessment results as JSON-ready documents, one shape for the CLI's --json and the API."""

from __future__ import annotations

import dataclasses
from typing import Any

from trustworks.assess.questionnaire import Questionnaire, SelfItem
from trustworks.assess.selfassess import SelfComparison
from trustworks.ledger.assessments import AuditReport, SelfReport
from trustworks.ledger.ratings import OthersReport
from trustworks.report.plain import plain

__all__ = [
    "audit_document",
    "others_document",
    "questions_document",
    "rater_items",
    "self_document",
]


def questions_document(q: Questionnaire) -> dict[str, Any]:
    """A questionnaire's title, version and items with their options."""
    return {
        "kind": q.kind,
        "title": q.title,
        "version": q.version,
        "items": [item.model_dump(mode="json") for item in q.items],
    }


def audit_document(report: AuditReport, top: int = 5) -> dict[str, Any]:
    """An organisation's audit: the latest round, its costliest items, change and history."""
    latest = report.latest
    comparison = report.comparison
    changes = (
        {
            "before": comparison.before.taken_on,
            "delta": comparison.delta,
            **{
                name: [
                    {"item": c.item, "before": c.before, "after": c.after, "delta": c.delta}
                    for c in moved
                ]
                for name, moved in (
                    ("improved", comparison.improved),
                    ("worsened", comparison.worsened),
                )
            },
        }
        if comparison is not None
        else None
    )
    document: dict[str, Any] = plain(
        {
            "organisation": report.organisation,
            "latest": {
                "taken_on": latest.taken_on,
                # How many answered, never who nor anyone's own score.
                "respondents": len(latest.respondents),
                "score": latest.score,
                "items": latest.items,
                "costliest": latest.costliest(top),
            },
            "comparison": changes,
            "rounds": [
                {"taken_on": r.taken_on, "respondents": len(r.respondents), "score": r.score}
                for r in report.rounds
            ],
        }
    )
    return document


def _gaps(comparison: SelfComparison | None) -> dict[str, Any]:
    if comparison is None:
        return {"gaps": [], "largest_gap": None}
    largest = comparison.largest
    return {
        "gaps": [{**dataclasses.asdict(g), "difference": g.difference} for g in comparison.gaps],
        "largest_gap": None if largest is None else largest.component,
    }


def self_document(report: SelfReport) -> dict[str, Any]:
    """Self-assessments over time beside the measured scores, with the gaps."""
    document: dict[str, Any] = plain(
        {
            "person": report.person,
            "records": report.records,
            "measured": report.measured,
            "conversations": report.conversations,
            **_gaps(report.comparison),
        }
    )
    return document


def others_document(report: OthersReport) -> dict[str, Any]:
    """Others' ratings of a person, their means, pending links, and the gap to the self-view."""
    document: dict[str, Any] = plain(
        {
            "person": report.person,
            "ratings": report.ratings,
            "pending": report.pending,
            "others": report.others,
            "latest_self": report.latest_self,
            **_gaps(report.comparison),
        }
    )
    return document


def rater_items(q: Questionnaire) -> list[dict[str, Any]]:
    """The self-assessment's statements as a rater answers them about the person."""
    return [
        {
            "id": item.id,
            "statement": item.for_rater,
            "options": [{"key": o.key, "label": o.label} for o in item.options],
        }
        for item in q.items
        if isinstance(item, SelfItem)
    ]
