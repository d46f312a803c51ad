from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from trustworks.assess import self_questionnaire
from trustworks.errors import AnswersError, ConflictError, FieldError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger.assessments import record_self_assessment
from trustworks.ledger.database import Ledger
from trustworks.ledger.ratings import invite_rater, open_rating, others_report, record_rating

DAY = dt.date(2026, 3, 2)


def _answers(key: str = "sometimes", **overrides: str) -> dict[str, object]:
    answers: dict[str, object] = {i.id: key for i in self_questionnaire().items}
    answers.update(overrides)
    return answers


def _answered(ledger: Ledger) -> int:
    with ledger.session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(t.RatingRequest)
                .where(t.RatingRequest.answered_on.is_not(None))
            )
            or 0
        )


def test_a_link_is_stored_as_a_digest_and_opens_the_request(ledger: Ledger) -> None:
    with ledger.session() as session:
        invitation = invite_rater(session, " Ryan  Cole ", "Dana (Northwind)", "client", DAY)
    assert invitation.person == "Ryan Cole"
    assert invitation.expires_on == DAY + dt.timedelta(days=30)
    with ledger.session() as session:
        row = session.get(t.RatingRequest, invitation.id)
        assert row is not None and invitation.token not in row.token_digest
        opened = open_rating(session, invitation.token, DAY)
    assert (opened.person, opened.rater, opened.relation) == (
        "Ryan Cole",
        "Dana (Northwind)",
        "client",
    )


def test_others_ratings_are_averaged_and_set_beside_the_self_view(ledger: Ledger) -> None:
    with ledger.session() as session:
        record_self_assessment(session, "Ryan Cole", _answers("always"), DAY)
        first = invite_rater(session, "Ryan Cole", "Dana", "client", DAY)
        second = invite_rater(session, "ryan cole", "Sam", "colleague", DAY)
        invite_rater(session, "Ryan Cole", "Lee", "client", DAY, days=1)
    with ledger.session() as session:
        # Dana sees a self-oriented seller: "always" talks first, target shapes advice.
        record_rating(session, first.token, _answers("sometimes"), DAY)
        record_rating(session, second.token, _answers("often"), DAY + dt.timedelta(days=1))
    with ledger.session() as session:
        report = others_report(session, "RYAN COLE", DAY + dt.timedelta(days=5))
    assert [r.rater for r in report.ratings] == ["Dana", "Sam"]
    assert [p.rater for p in report.pending] == ["Lee"]
    assert report.pending[0].expired
    sometimes, often = (r.scores.credibility for r in report.ratings)
    assert report.others["credibility"] == pytest.approx((sometimes + often) / 2)
    assert report.latest_self is not None and report.comparison is not None
    largest = report.comparison.largest
    assert largest is not None and largest.flattering  # the self view is kinder than others'
    assert largest.self_score == pytest.approx(
        getattr(report.latest_self.scores, largest.component)
    )


def test_without_ratings_or_self_view_there_is_nothing_to_compare(ledger: Ledger) -> None:
    with ledger.session() as session:
        link = invite_rater(session, "Ryan Cole", "Dana", "client", DAY)
        record_rating(session, link.token, _answers(), DAY)
    with ledger.session() as session:
        report = others_report(session, "Ryan Cole", DAY)
        empty = others_report(session, "Nobody Yet", DAY)
    assert report.latest_self is None and report.comparison is None
    assert report.others["trust"] == pytest.approx(report.ratings[0].scores.trust)
    assert empty.ratings == () and empty.others == {} and empty.comparison is None


def test_a_link_is_answered_once_and_the_first_answers_are_kept(ledger: Ledger) -> None:
    with ledger.session() as session:
        link = invite_rater(session, "Ryan Cole", "Dana", "client", DAY)
        record_rating(session, link.token, _answers("often"), DAY)
    with pytest.raises(ConflictError, match="answered on 2026-03-02"), ledger.session() as session:
        record_rating(session, link.token, _answers("never"), DAY)
    with ledger.session() as session:
        (kept,) = others_report(session, "Ryan Cole", DAY).ratings
        assert kept.scores.credibility > 5.5  # "often", not the second "never"


def test_expired_unknown_and_incomplete_answers_change_nothing(ledger: Ledger) -> None:
    with ledger.session() as session:
        link = invite_rater(session, "Ryan Cole", "Dana", "client", DAY, days=3)
    late = DAY + dt.timedelta(days=4)
    with pytest.raises(ConflictError, match="expired on 2026-03-05"), ledger.session() as session:
        record_rating(session, link.token, _answers(), late)
    with pytest.raises(NotFoundError, match="not known"), ledger.session() as session:
        open_rating(session, link.token + "x", DAY)
    incomplete = _answers()
    incomplete.pop("rel_promises")
    with pytest.raises(AnswersError, match="rel_promises"), ledger.session() as session:
        record_rating(session, link.token, incomplete, DAY)
    with pytest.raises(AnswersError, match="cred_expertise"), ledger.session() as session:
        record_rating(session, link.token, _answers(cred_expertise="perhaps"), DAY)
    assert _answered(ledger) == 0
    with ledger.session() as session:
        assert open_rating(session, link.token, DAY).rater == "Dana"  # still answerable


@pytest.mark.parametrize(
    ("person", "rater", "relation", "days", "field"),
    [
        ("", "Dana", "client", 30, "person"),
        ("Ryan", "  ", "client", 30, "rater"),
        ("Ryan", "Dana", "boss", 30, "relation"),
        ("Ryan", "Dana", "client", 0, "days"),
        ("Ryan", "Dana", "client", 366, "days"),
    ],
)
def test_bad_invitations_are_refused_by_field(
    ledger: Ledger, person: str, rater: str, relation: str, days: int, field: str
) -> None:
    with pytest.raises(FieldError) as caught, ledger.session() as session:
        invite_rater(session, person, rater, relation, DAY, days=days)
    assert caught.value.field == field
    with ledger.session() as session:
        assert session.scalar(select(func.count()).select_from(t.RatingRequest)) == 0
