from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.errors import FieldError
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger
from trustworks.ledger.today import daily_review, record_review, review_streak

TODAY = dt.date(2026, 12, 1)


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def book(ledger: Ledger) -> Ledger:
    """Two sellers' accounts with a little of everything the review looks at."""
    with ledger.session() as s:
        add(s, "account", name="Acme", owner="Dana")
        add(s, "account", name="Beta", owner="Sam")
    return ledger


def test_daily_review_screenings_due_today_or_earlier_without_outcome(book: Ledger) -> None:
    with book.session() as s:
        due = add(
            s,
            "screening",
            account="Acme",
            decided_on="2026-10-01",
            willing=True,
            review_on="2026-12-01",
        )
        add(
            s,
            "screening",
            account="Beta",
            decided_on="2026-10-01",
            willing=True,
            review_on="2026-11-01",
            outcome="can_help_agree",
        )
        add(s, "account", name="Gamma", owner="Dana")
        add(
            s,
            "screening",
            account="Gamma",
            decided_on="2026-10-01",
            willing=False,
            review_on="2026-12-02",
            told_how="call",
        )
        review = daily_review(s, TODAY)
    assert [(d.id, d.account, d.days_past) for d in review.screenings_due] == [(due.id, "Acme", 0)]
    assert review.dropped_leads == ()  # due today is not yet past due


def test_daily_review_includes_dropped_leads(book: Ledger) -> None:
    with book.session() as s:
        add(
            s,
            "screening",
            account="Acme",
            decided_on="2026-10-01",
            willing=True,
            review_on="2026-11-15",
        )
        review = daily_review(s, TODAY, "Dana")
    assert [d.days_past for d in review.screenings_due] == [16]
    assert [a.rule for a in review.dropped_leads] == ["dropped_lead"]


def test_daily_review_commitments_due_today_or_overdue_ours_first(book: Ledger) -> None:
    with book.session() as s:
        theirs = add(
            s,
            "commitment",
            account="Acme",
            side="client",
            by="Marcus",
            what="data",
            due="2026-11-20",
        )
        today = add(
            s, "commitment", account="Acme", side="us", by="Dana", what="pricing", due="2026-12-01"
        )
        late = add(
            s, "commitment", account="Acme", side="us", by="Dana", what="plan", due="2026-11-28"
        )
        add(s, "commitment", account="Acme", side="us", by="Dana", what="later", due="2026-12-02")
        add(
            s,
            "commitment",
            account="Acme",
            side="us",
            by="Dana",
            what="unsure",
            due="2026-11-01",
            status="proposed",
        )
        review = daily_review(s, TODAY)
    assert [(c.id, c.overdue, c.days_overdue) for c in review.commitments_due] == [
        (late.id, True, 3),
        (today.id, False, 0),
        (theirs.id, True, 11),
    ]


def test_daily_review_todays_interactions_and_unreflected_ones(book: Ledger) -> None:
    with book.session() as s:
        done = add(
            s,
            "interaction",
            account="Acme",
            occurred_on="2026-12-01",
            seller="Dana",
            channel="video",
        )
        add(s, "reflection", interaction=str(done.id), gave_value=True, written_on="2026-12-01")
        open_today = add(s, "interaction", account="Acme", occurred_on="2026-12-01")
        earlier = add(s, "interaction", account="Acme", occurred_on="2026-11-25")
        add(s, "interaction", account="Beta", occurred_on="2026-12-01")  # Sam's
        add(s, "interaction", account="Acme", occurred_on="2026-10-01")  # too old to nag about
        review = daily_review(s, TODAY, "Dana")
    assert [(i.id, i.reflected, i.seller) for i in review.interactions_today] == [
        (done.id, True, "Dana"),
        (open_today.id, False, "Dana"),
    ]
    assert [i.id for i in review.unreflected] == [earlier.id, open_today.id]


def test_daily_review_without_a_seller_covers_everyone_and_has_no_streak(book: Ledger) -> None:
    with book.session() as s:
        add(s, "interaction", account="Acme", occurred_on="2026-12-01")
        add(s, "interaction", account="Beta", occurred_on="2026-12-01")
        review = daily_review(s, TODAY)
    assert [i.account for i in review.interactions_today] == ["Acme", "Beta"]
    assert (review.reviewed, review.streak) == (False, None)


@pytest.mark.parametrize(
    ("reviewed_days_ago", "reviewed", "streak"),
    [
        ([], False, 0),
        ([0], True, 1),
        ([0, 1, 2], True, 3),
        ([1, 2, 3], False, 3),  # today is not over: the run up to yesterday stands
        ([0, 1, 3, 4, 5], True, 2),  # a missed day ends the run
        ([2, 3], False, 0),  # yesterday was missed
        ([-1, 0], True, 1),  # a day after today does not count
    ],
)
def test_review_streak_counts_consecutive_days(
    book: Ledger, reviewed_days_ago: list[int], reviewed: bool, streak: int
) -> None:
    with book.session() as s:
        for n in reviewed_days_ago:
            add(s, "review", seller="Dana", reviewed_on=days_ago(n).isoformat())
        add(s, "review", seller="Sam", reviewed_on=days_ago(1).isoformat())
        assert review_streak(s, "Dana", TODAY) == (reviewed, streak)
        review = daily_review(s, TODAY, "dana")
    assert (review.reviewed, review.streak) == (reviewed, streak)


def test_record_review_is_idempotent_per_seller_and_day(book: Ledger) -> None:
    with book.session() as s:
        first = record_review(s, "Dana", TODAY, "two calls, one reflection owed")
        again = record_review(s, "dana", TODAY)
        renoted = record_review(s, "Dana", TODAY, "all reflected")
        record_review(s, "Dana", days_ago(1))
        record_review(s, "Sam", TODAY)
    assert (first.created, again.created, renoted.created) == (True, False, False)
    assert again.notes == "two calls, one reflection owed"
    with book.session() as s:
        count = s.scalar(select(func.count()).select_from(tables.DailyReview))
        notes = s.scalar(
            select(tables.DailyReview.notes).where(
                tables.DailyReview.seller == "Dana", tables.DailyReview.reviewed_on == TODAY
            )
        )
        assert review_streak(s, "Dana", TODAY) == (True, 2)
    assert (count, notes) == (3, "all reflected")


def test_record_review_needs_a_seller(book: Ledger) -> None:
    with pytest.raises(FieldError) as info, book.session() as s:
        record_review(s, "  ", TODAY)
    assert info.value.field == "seller"
