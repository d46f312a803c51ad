"""The daily review (Step 10): the day's agenda, what is left undone, and the streak of days
the seller has reviewed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.ledger import repository
from trustworks.ledger import tables as t
from trustworks.ledger.days import shifted
from trustworks.ledger.rules import (
    Alert,
    dropped_leads,
    latest_screenings,
    open_commitments,
    seller_is,
    unreflected_interactions,
)

__all__ = [
    "CommitmentDue",
    "DayReview",
    "InteractionItem",
    "ReviewMark",
    "ScreeningDue",
    "daily_review",
    "record_review",
    "review_streak",
    "waiting_for_reflection",
]


@dataclass(frozen=True)
class ScreeningDue:
    """A screening decision whose review date has come, with no outcome yet."""

    id: int
    account_id: int
    account: str
    willing: bool
    decided_on: dt.date
    review_on: dt.date
    days_past: int  # 0 when the review is today


@dataclass(frozen=True)
class CommitmentDue:
    """An open commitment due today or earlier."""

    id: int
    account_id: int
    account: str
    side: str
    by: str
    to: str | None
    what: str
    due: dt.date
    overdue: bool
    days_overdue: int


@dataclass(frozen=True)
class InteractionItem:
    """A conversation, and whether the seller has reflected on it."""

    id: int
    account_id: int
    account: str
    occurred_on: dt.date
    channel: str
    purpose: str
    seller: str | None
    reflected: bool
    trust: float | None


@dataclass(frozen=True)
class DayReview:
    """The day's agenda and end-of-day review for one seller (or everyone)."""

    day: dt.date
    seller: str | None
    screenings_due: tuple[ScreeningDue, ...]
    dropped_leads: tuple[Alert, ...]
    commitments_due: tuple[CommitmentDue, ...]  # ours first, then by due date
    interactions_today: tuple[InteractionItem, ...]
    unreflected: tuple[InteractionItem, ...]  # oldest first, today's included
    reviewed: bool  # the seller has marked this day reviewed
    streak: int | None  # consecutive days reviewed; None without a seller


@dataclass(frozen=True)
class ReviewMark:
    """The record that a seller reviewed a day; `created` is false when it already existed."""

    seller: str
    day: dt.date
    notes: str | None
    created: bool


def daily_review(
    session: Session, today: dt.date, seller: str | None = None, *, reflection_days: int = 30
) -> DayReview:
    """Everything the seller should look at on `today`, and the streak so far."""
    reviewed, streak = review_streak(session, seller, today) if seller else (False, None)
    return DayReview(
        today,
        seller,
        _screenings_due(session, today, seller),
        tuple(dropped_leads(session, today, seller=seller)),
        _commitments_due(session, today, seller),
        _interactions_on(session, today, seller),
        waiting_for_reflection(session, today, seller, days=reflection_days),
        reviewed,
        streak,
    )


def waiting_for_reflection(
    session: Session, today: dt.date, seller: str | None = None, *, days: int = 30
) -> tuple[InteractionItem, ...]:
    """Conversations of the last `days` (today's included) with no reflection, oldest first."""
    found = unreflected_interactions(session, today, seller=seller, days=days)
    return tuple(_item(row, account, reflected=False) for row, account in found)


def review_streak(session: Session, seller: str, today: dt.date) -> tuple[bool, int]:
    """Whether `today` is reviewed, and the run of consecutive reviewed days ending today (or
    yesterday, when today is not reviewed yet: the day is not over)."""
    days = session.scalars(
        select(t.DailyReview.reviewed_on)
        .distinct()  # one day under two spellings of the seller's name counts once
        .where(seller_is(t.DailyReview.seller, seller), t.DailyReview.reviewed_on <= today)
        .order_by(t.DailyReview.reviewed_on.desc())
    )
    reviewed, streak = False, 0
    expected: dt.date | None = today
    for day in days:
        if day == today:
            reviewed = True
        elif not reviewed and expected == today:
            expected = _day_before(today)  # today is not over: the streak up to yesterday stands
        if day != expected:
            break
        streak += 1
        expected = _day_before(day)
    return reviewed, streak


def _day_before(day: dt.date) -> dt.date | None:
    # None before the first day there is: no day matches it, so the streak ends there.
    return None if day == dt.date.min else day - dt.timedelta(days=1)


def record_review(
    session: Session, seller: str, day: dt.date, notes: str | None = None
) -> ReviewMark:
    """Mark `day` reviewed for `seller`; calling it again does not add a second record (new
    notes replace the old)."""
    existing = session.scalars(
        select(t.DailyReview).where(
            seller_is(t.DailyReview.seller, seller), t.DailyReview.reviewed_on == day
        )
    ).first()
    if existing is None:
        row = repository.add(
            session, "review", {"seller": seller, "reviewed_on": day, "notes": notes}
        )
        assert isinstance(row, t.DailyReview)
        return ReviewMark(row.seller, row.reviewed_on, row.notes, created=True)
    if notes and notes.strip() and notes.strip() != existing.notes:
        repository.edit(session, "review", existing.id, {"notes": notes})
    return ReviewMark(existing.seller, existing.reviewed_on, existing.notes, created=False)


def _screenings_due(
    session: Session, today: dt.date, seller: str | None
) -> tuple[ScreeningDue, ...]:
    s, rank = latest_screenings(today)
    query = (
        select(s, t.Account.name)
        .join(t.Account, t.Account.id == s.account_id)
        .where(rank == 1, s.outcome.is_(None), s.review_on <= today)
        .order_by(s.review_on, s.id)
    )
    if seller:
        query = query.where(seller_is(t.Account.owner, seller))
    out = []
    for row, name in session.execute(query):
        review_on = row.review_on
        assert review_on is not None  # the query asks for a review date
        out.append(
            ScreeningDue(
                row.id,
                row.account_id,
                name,
                row.willing,
                row.decided_on,
                review_on,
                (today - review_on).days,
            )
        )
    return tuple(out)


def _commitments_due(
    session: Session, today: dt.date, seller: str | None
) -> tuple[CommitmentDue, ...]:
    out = []
    due_before = shifted(today, 1)
    for c, account in open_commitments(session, due_before=due_before, seller=seller):
        assert c.due is not None  # open_commitments asks for a due date
        late = (today - c.due).days
        out.append(
            CommitmentDue(
                c.id, account.id, account.name, c.side, c.by, c.to, c.what, c.due, late > 0, late
            )
        )
    return tuple(out)


def _interactions_on(
    session: Session, day: dt.date, seller: str | None
) -> tuple[InteractionItem, ...]:
    i = t.Interaction
    query = (
        select(i, t.Account, t.Reflection.id)
        .join(t.Account, t.Account.id == i.account_id)
        .outerjoin(t.Reflection, t.Reflection.interaction_id == i.id)
        .where(i.occurred_on == day)
        .order_by(i.id)
    )
    if seller:
        query = query.where(seller_is(func.coalesce(i.seller, t.Account.owner), seller))
    return tuple(
        _item(row, account, reflected=reflection is not None)
        for row, account, reflection in session.execute(query)
    )


def _item(row: t.Interaction, account: t.Account, *, reflected: bool) -> InteractionItem:
    return InteractionItem(
        row.id,
        account.id,
        account.name,
        row.occurred_on,
        row.channel,
        row.purpose,
        row.seller or account.owner,
        reflected,
        row.trust,
    )
