"""Storing personal self-assessments, and the shape of an organisation's audit report (the
trust audit itself is run as campaigns: trustworks.ledger.campaigns).

Answers are checked against the questionnaire before anything is written; an incomplete set,
an unknown item or option, or a second self-assessment by the same person on the same date
(names compared regardless of case and spacing) is refused whole. Scores are computed when
read, from the stored answers and the current questionnaire.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from trustworks.analysis.result import COMPONENTS, TrustScores
from trustworks.assess.audit import (
    Round,
    RoundComparison,
)
from trustworks.assess.questionnaire import (
    Questionnaire,
    check_answers,
    self_questionnaire,
)
from trustworks.assess.selfassess import SelfComparison, compare_self, score_self
from trustworks.errors import AnswersError, ConflictError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger._checks import clean_name
from trustworks.ledger.rules import seller_is as _same

__all__ = [
    "AuditReport",
    "SelfRecord",
    "SelfReport",
    "clean_name",
    "measured_scores",
    "record_self_assessment",
    "self_assessments",
    "self_report",
]

T = TypeVar("T")


def _stored(
    score: Callable[[Questionnaire, dict[str, object], str], T],
    q: Questionnaire,
    row: t.SelfAssessment,
    where: str,
) -> T:
    """Score stored answers; answers the questionnaire has since outgrown are named, not hidden."""
    try:
        return score(q, json.loads(row.answers_json), where)
    except AnswersError as exc:
        problems = "; ".join(f"{item}: {problem}" for item, problem in exc.problems)
        raise ConflictError(
            f"{where}: the stored answers (questionnaire version {row.questionnaire_version}) "
            f"do not fit version {q.version} of {q.title!r}: {problems}"
        ) from exc


def _insert(session: Session, row: t.SelfAssessment, clash: str) -> None:
    session.add(row)
    try:
        session.flush()  # a concurrent duplicate fails here, with the same message
    except IntegrityError as exc:
        raise ConflictError(clash) from exc


@dataclass(frozen=True)
class AuditReport:
    """An organisation's rounds, the latest, and how it compares with the one before."""

    organisation: str
    rounds: tuple[Round, ...]  # oldest first
    comparison: RoundComparison | None  # latest against the previous round

    @property
    def latest(self) -> Round:
        """The newest round."""
        return self.rounds[-1]


def record_self_assessment(
    session: Session,
    person: str,
    answers: dict[str, object],
    taken_on: dt.date,
    questionnaire: Questionnaire | None = None,
    source: str = "answers",
) -> t.SelfAssessment:
    """Store a seller's complete self-assessment answers for a date."""
    q = questionnaire or self_questionnaire()
    who = clean_name(person, "person")
    checked = check_answers(q, answers, source)
    existing = session.scalar(
        select(t.SelfAssessment).where(
            _same(t.SelfAssessment.person, who), t.SelfAssessment.taken_on == taken_on
        )
    )
    if existing is not None:
        who = existing.person
    clash = f"{who} already has a self-assessment on {taken_on.isoformat()}"
    if existing is not None:
        raise ConflictError(clash)
    row = t.SelfAssessment(
        person=who,
        taken_on=taken_on,
        questionnaire_version=q.version,
        answers_json=json.dumps(checked),
    )
    _insert(session, row, clash)
    return row


@dataclass(frozen=True)
class SelfRecord:
    """One stored self-assessment, scored."""

    id: int
    person: str
    taken_on: dt.date
    scores: TrustScores


def self_assessments(
    session: Session, person: str, questionnaire: Questionnaire | None = None
) -> list[SelfRecord]:
    """A person's self-assessments, oldest first (NotFoundError when there are none)."""
    q = questionnaire or self_questionnaire()
    who = clean_name(person, "person")
    rows = session.scalars(
        select(t.SelfAssessment)
        .where(_same(t.SelfAssessment.person, who))
        .order_by(t.SelfAssessment.taken_on)
    ).all()
    if not rows:
        raise NotFoundError(f"no self-assessment for {who!r}")
    return [
        SelfRecord(
            r.id,
            r.person,
            r.taken_on,
            _stored(score_self, q, r, f"{r.person} / {r.taken_on.isoformat()}"),
        )
        for r in rows
    ]


def measured_scores(
    session: Session, seller: str, since: dt.date | None = None
) -> tuple[dict[str, float], int]:
    """Mean Trust Equation scores over the seller's analysed conversations (on or after
    `since`), and how many there were; components never measured are left out."""
    who = clean_name(seller, "seller")
    columns = [getattr(t.Interaction, c) for c in (*COMPONENTS, "trust")]
    query = select(func.count(t.Interaction.trust), *(func.avg(c) for c in columns)).where(
        _same(t.Interaction.seller, who),
        t.Interaction.trust.is_not(None),
    )
    if since is not None:
        query = query.where(t.Interaction.occurred_on >= since)
    count, *means = session.execute(query).one()
    names = (*COMPONENTS, "trust")
    return {n: float(m) for n, m in zip(names, means, strict=True) if m is not None}, int(count)


@dataclass(frozen=True)
class SelfReport:
    """A person's self-assessments over time beside their measured conversation scores."""

    person: str
    records: tuple[SelfRecord, ...]  # oldest first
    measured: dict[str, float]
    conversations: int  # how many analysed conversations the measured means cover
    comparison: SelfComparison  # latest self-assessment against `measured`

    @property
    def latest(self) -> SelfRecord:
        """The newest self-assessment."""
        return self.records[-1]


def self_report(
    session: Session,
    person: str,
    measured: dict[str, float] | None = None,
    questionnaire: Questionnaire | None = None,
) -> SelfReport:
    """Self-assessments with the latest compared to `measured` (default: the means over the
    person's analysed conversations in the ledger)."""
    records = self_assessments(session, person, questionnaire)
    count = 0
    if measured is None:
        measured, count = measured_scores(session, person)
    comparison = compare_self(records[-1].scores, measured)
    return SelfReport(records[-1].person, tuple(records), measured, count, comparison)
