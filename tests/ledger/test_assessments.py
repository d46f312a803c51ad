from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.assess import (
    audit_questionnaire,
    score_self,
    self_questionnaire,
)
from trustworks.errors import (
    AnswersError,
    ConflictError,
    NotFoundError,
)
from trustworks.ledger import tables as t
from trustworks.ledger.assessments import (
    measured_scores,
    record_self_assessment,
    self_assessments,
    self_report,
)
from trustworks.ledger.database import Ledger
from trustworks.ledger.export import export_json, restore

DAY = dt.date(2026, 3, 2)
LATER = dt.date(2026, 6, 1)


def _audit(position: int, **overrides: str) -> dict[str, object]:
    items = audit_questionnaire().items
    answers: dict[str, object] = {i.id: i.options[position].key for i in items}
    answers.update(overrides)
    return answers


def _self(key: str = "sometimes", **overrides: str) -> dict[str, object]:
    answers: dict[str, object] = {i.id: key for i in self_questionnaire().items}
    answers.update(overrides)
    return answers


def _count(ledger: Ledger, table: type[t.Base]) -> int:
    with ledger.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_record_self_assessment_and_history(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_self_assessment(session, "Dana", _self(), DAY)
        record_self_assessment(session, "dana", _self("often"), LATER)
    with ledger.session() as session:
        records = self_assessments(session, "DANA")
    assert [r.taken_on for r in records] == [DAY, LATER]
    assert records[0].scores.trust == pytest.approx(3.0)
    assert records[1].scores == score_self(self_questionnaire(), _self("often"))


def test_record_self_assessment_duplicate_and_incomplete_change_nothing(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_self_assessment(session, "Dana", _self(), DAY)
    expected = "Dana already has a self-assessment on 2026-03-02"
    with pytest.raises(ConflictError, match=expected), ledger.session() as session:
        record_self_assessment(session, " dana ", _self(), DAY)
    with pytest.raises(AnswersError, match="not answered"), ledger.session() as session:
        record_self_assessment(session, "Lee", {"cred_expertise": "often"}, DAY)
    assert _count(ledger, t.SelfAssessment) == 1


def _interaction(session: Session, seller: str, day: dt.date, **scores: float) -> None:
    account = session.scalar(select(t.Account).where(t.Account.name == "Acme"))
    if account is None:
        account = t.Account(name="Acme")
        session.add(account)
        session.flush()
    session.add(
        t.Interaction(
            account_id=account.id,
            seller=seller,
            occurred_on=day,
            channel="call",
            purpose="discovery",
            **scores,
        )
    )


def test_measured_scores_average_the_sellers_analysed_conversations(ledger: Ledger) -> None:
    full = {"credibility": 6.0, "reliability": 5.0, "intimacy": 3.0, "self_orientation": 4.0}
    with ledger.session() as session:
        _interaction(session, "Dana", DAY, **full, trust=3.5)
        _interaction(session, "dana", LATER, **{**full, "intimacy": 5.0}, trust=4.0)
        _interaction(session, "Dana", LATER)  # not analysed
        _interaction(session, "Lee", DAY, **{**full, "intimacy": 9.0}, trust=5.0)
    with ledger.session() as session:
        means, count = measured_scores(session, "Dana")
        since, later_count = measured_scores(session, "Dana", since=LATER)
        none, zero = measured_scores(session, "Kim")
    assert count == 2
    assert means == pytest.approx({**full, "intimacy": 4.0, "trust": 3.75})
    assert (since["intimacy"], later_count) == (5.0, 1)
    assert (none, zero) == ({}, 0)


def test_self_report_compares_latest_with_measured_from_the_ledger(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_self_assessment(session, "Dana", _self(), DAY)
        _interaction(
            session,
            "Dana",
            DAY,
            credibility=6.0,
            reliability=5.0,
            intimacy=2.5,
            self_orientation=5.0,
            trust=2.7,
        )
    with ledger.session() as session:
        report = self_report(session, "Dana")
        given = self_report(session, "Dana", {"reliability": 9.0})
    assert report.conversations == 1
    assert report.comparison.largest is not None
    assert report.comparison.largest.component == "intimacy"
    assert report.comparison.largest.flattering is True
    assert given.comparison.largest is not None
    assert given.comparison.largest.component == "reliability"


def test_self_report_unknown_person(ledger: Ledger) -> None:
    expected = "no self-assessment for 'Kim'"
    with pytest.raises(NotFoundError, match=expected), ledger.session() as session:
        self_report(session, "Kim")


def test_assessments_survive_a_backup_and_restore(ledger: Ledger, tmp_path: Path) -> None:
    with ledger.session() as session:
        record_self_assessment(session, "Dana", _self("often"), DAY)
    path = tmp_path / "backup.json"
    export_json(ledger, path)
    restore(ledger, path, replace=True)
    with ledger.session() as session:
        assert [r.taken_on for r in self_assessments(session, "Dana")] == [DAY]
