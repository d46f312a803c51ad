from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.assess import (
    audit_questionnaire,
    load_questionnaire,
    score_self,
    self_questionnaire,
)
from trustworks.errors import (
    AnswersError,
    ConflictError,
    FieldError,
    NotFoundError,
    QuestionnaireError,
)
from trustworks.ledger import tables as t
from trustworks.ledger.assessments import (
    audit_report,
    audit_rounds,
    measured_scores,
    record_audit,
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


def test_record_audit_stores_answers_and_reports_the_round(ledger: Ledger) -> None:
    with ledger.session() as session:
        row = record_audit(session, "Acme  Freight", " Dana ", _audit(-1), DAY)
        assert (row.organisation, row.respondent, row.questionnaire_version) == (
            "Acme Freight",
            "Dana",
            1,
        )
    with ledger.session() as session:
        report = audit_report(session, "acme freight")
    assert report.organisation == "Acme Freight"
    assert report.latest.taken_on == DAY
    assert report.latest.score.mean == 100.0
    assert report.comparison is None


def test_record_audit_several_respondents_make_one_round_with_spread(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_audit(session, "Acme", "Dana", _audit(-1), DAY)
        record_audit(session, "ACME", "Lee", _audit(0), DAY)
        record_audit(session, "acme", "Kim", _audit(1), DAY)
    with ledger.session() as session:
        (round_,) = audit_rounds(session, "Acme")
    assert round_.organisation == "Acme"  # filed under the first spelling
    assert [r.name for r in round_.respondents] == ["Dana", "Lee", "Kim"]
    assert (round_.score.min, round_.score.max, round_.score.mean) == pytest.approx(
        (0.0, 100.0, 50.0)
    )
    assert round_.score.stdev == pytest.approx((5000 / 3) ** 0.5)
    assert round_.items[0].item_score.stdev > 0


def test_audit_report_compares_the_latest_round_with_the_previous(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_audit(session, "Acme", "Dana", _audit(0), DAY)
        record_audit(session, "Acme", "Dana", _audit(0, ndas="only_when_needed"), LATER)
    with ledger.session() as session:
        report = audit_report(session, "Acme")
    assert [r.taken_on for r in report.rounds] == [DAY, LATER]
    assert report.comparison is not None
    assert report.comparison.delta == pytest.approx(100 / 15)
    assert [c.item for c in report.comparison.improved] == ["ndas"]
    assert report.comparison.worsened == ()


@pytest.mark.parametrize(
    ("answers", "error", "message"),
    [
        ({"ndas": "before_details"}, AnswersError, "not answered"),
        (_audit(0, ndas="maybe"), AnswersError, "'maybe' is not one of its options"),
        ({**_audit(0), "golf": "yes"}, AnswersError, "[golf]: not an item"),
    ],
)
def test_record_audit_bad_answers_change_nothing(
    ledger: Ledger, answers: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught, ledger.session() as session:
        record_audit(session, "Acme", "Dana", answers, DAY)
    assert message in str(caught.value)
    assert _count(ledger, t.AuditResponse) == 0


@pytest.mark.parametrize(("org", "who"), [("", "Dana"), ("Acme", "  "), ("A" * 201, "Dana")])
def test_record_audit_needs_names(ledger: Ledger, org: str, who: str) -> None:
    with pytest.raises(FieldError), ledger.session() as session:
        record_audit(session, org, who, _audit(0), DAY)
    assert _count(ledger, t.AuditResponse) == 0


def test_record_audit_duplicate_submission_is_refused_and_keeps_the_first(
    ledger: Ledger,
) -> None:
    with ledger.session() as session:
        record_audit(session, "Acme", "Dana", _audit(-1), DAY)
    expected = "Dana already answered .* Acme on 2026-03-02"
    with pytest.raises(ConflictError, match=expected), ledger.session() as session:
        record_audit(session, "acme", "DANA", _audit(0), DAY)
    assert _count(ledger, t.AuditResponse) == 1
    with ledger.session() as session:
        assert audit_report(session, "Acme").latest.score.mean == 100.0


def test_record_audit_same_respondent_other_day_or_org_is_fine(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_audit(session, "Acme", "Dana", _audit(0), DAY)
        record_audit(session, "Acme", "Dana", _audit(0), LATER)
        record_audit(session, "Globex", "Dana", _audit(0), DAY)
    assert _count(ledger, t.AuditResponse) == 3


def test_audit_report_unknown_organisation(ledger: Ledger) -> None:
    expected = "no trust audit answers for organisation 'Nope'"
    with pytest.raises(NotFoundError, match=expected), ledger.session() as session:
        audit_report(session, "Nope")


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
        record_audit(session, "Acme", "Dana", _audit(1), DAY)
        record_self_assessment(session, "Dana", _self("often"), DAY)
        before = audit_report(session, "Acme").latest.score
    path = tmp_path / "backup.json"
    export_json(ledger, path)
    restore(ledger, path, replace=True)
    with ledger.session() as session:
        assert audit_report(session, "Acme").latest.score == before
        assert [r.taken_on for r in self_assessments(session, "Dana")] == [DAY]


def test_stored_answers_that_no_longer_fit_the_questionnaire_are_named(
    ledger: Ledger, tmp_path: Path
) -> None:
    path = tmp_path / "old.toml"
    path.write_text(
        '[questionnaire]\ntitle = "Old audit"\nversion = 0\n'
        '[[item]]\nid = "retired"\npractice = "P"\ntoward = "staff"\nquestion = "Q"\n'
        'change = "C"\noptions = [{ key = "a", label = "A", trust = 0 }, '
        '{ key = "b", label = "B", trust = 4 }]\n',
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireError, match="version"):
        load_questionnaire(path, "audit")  # version must be 1 or more
    path.write_text(path.read_text(encoding="utf-8").replace("version = 0", "version = 7"))
    old = load_questionnaire(path, "audit")
    with ledger.session() as session:
        record_audit(session, "Acme", "Dana", {"retired": "b"}, DAY, old)
        assert audit_report(session, "Acme", old).latest.score.mean == 100.0
    expected = (
        r"Acme / Dana / 2026-03-02: the stored answers \(questionnaire version 7\) do not fit "
        r"version 1 of 'Organisation trust audit': retired: not an item"
    )
    with pytest.raises(ConflictError, match=expected), ledger.session() as session:
        audit_report(session, "Acme")
