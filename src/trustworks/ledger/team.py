"""The team page's figures: each seller's trust and component trends by week, reliability,
calls waiting for a reflection, the team's most frequent trust-spending signals, and the calls
worth a look this week (largest drop against the seller's own recent calls, lowest score).

A manager sees their team (themselves included), a seller themselves, an admin everyone; only
calls on accounts the user may see count (the `access` rule), so the figures agree with the
call library.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.analysis.bands import Band, trust_band
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope, visible_account_ids
from trustworks.ledger.rules import SellerReliability, reliability

COMPONENTS = ("credibility", "reliability", "intimacy", "self_orientation")


@dataclass(frozen=True)
class WeekPoint:
    """One week's (Monday to Sunday) means over a seller's calls."""

    week: dt.date  # the Monday
    calls: int
    trust: float
    credibility: float
    reliability: float
    intimacy: float
    self_orientation: float


@dataclass(frozen=True)
class SellerSummary:
    """One seller's row of the team page."""

    user_id: int
    username: str
    name: str
    weeks: tuple[WeekPoint, ...]  # oldest first, only weeks with calls
    calls: int  # in the window
    median_trust: float | None  # the middle call: trust is a ratio, and a mean follows outliers
    band: Band | None
    waiting: int  # calls of the last 30 days with no reflection
    reliability: SellerReliability | None


@dataclass(frozen=True)
class SignalCount:
    """A trust-spending signal and how often the team's calls of the window had it."""

    signal: str
    family: str
    findings: int
    calls: int


@dataclass(frozen=True)
class NotableCall:
    """A call worth a look, and why."""

    id: int
    occurred_on: dt.date
    seller: str
    account: str
    trust: float
    band: Band
    before: float | None  # the seller's mean over the 30 days before this week
    drop: float | None  # before - trust


@dataclass(frozen=True)
class TeamOverview:
    today: dt.date
    since: dt.date  # the trends' first day
    sellers: tuple[SellerSummary, ...]
    spending: tuple[SignalCount, ...]
    largest_drops: tuple[NotableCall, ...]
    lowest: tuple[NotableCall, ...]


def back(day: dt.date, days: int) -> dt.date:
    """`days` before `day`, or the first day there is (a date asked for at the calendar's edge)."""
    return day - dt.timedelta(days=days) if day.toordinal() > days else dt.date.min


def _monday(day: dt.date) -> dt.date:
    return back(day, day.weekday())


def team_overview(
    session: Session, scope: Scope, today: dt.date, *, weeks: int = 12, top: int = 5
) -> TeamOverview:
    """The team page for `scope` on `today`: trends over the last `weeks` weeks."""
    i, u = t.Interaction, t.User
    since = back(_monday(today), 7 * (weeks - 1))
    visible = visible_account_ids(session, scope)
    people = select(u.id, u.username, u.seller).where(u.active.is_(True))
    if scope.users is not None:
        people = people.where(u.id.in_(sorted(scope.users)))
    members = {ident: (username, name) for ident, username, name in session.execute(people)}

    def calls_in(start: dt.date, end: dt.date) -> Any:
        query = (
            select()
            .select_from(i)
            .where(
                i.trust.is_not(None),
                i.occurred_on >= start,
                i.occurred_on <= end,
                i.seller_user_id.in_(sorted(members)),
            )
        )
        if visible is not None:
            query = query.where(i.account_id.in_(sorted(visible)))
        return query

    # Per user and day, sums: a few rows per seller-day, folded into weeks here.
    sums = calls_in(since, today).add_columns(
        i.seller_user_id,
        i.occurred_on,
        func.count(i.id),
        func.sum(i.trust),
        *(func.sum(getattr(i, c)) for c in COMPONENTS),
    )
    sums = sums.group_by(i.seller_user_id, i.occurred_on)
    by_week: dict[int, dict[dt.date, list[float]]] = defaultdict(dict)
    for user_id, day, n, *totals in session.execute(sums):
        week = by_week[user_id].setdefault(_monday(day), [0.0] * 6)
        week[0] += n
        for k, value in enumerate(totals, start=1):
            week[k] += float(value or 0.0)
    trusts: dict[int, list[float]] = defaultdict(list)
    for user_id, trust in session.execute(
        calls_in(since, today).add_columns(i.seller_user_id, i.trust)
    ):
        trusts[user_id].append(trust)
    waiting = _waiting(session, members, visible, today)
    records = {r.user_id: r for r in reliability(session, today, account_ids=visible)}
    sellers = []
    for user_id, (username, name) in sorted(members.items(), key=lambda m: m[1][1].lower()):
        points = tuple(
            WeekPoint(monday, int(w[0]), *(w[k] / w[0] for k in range(1, 6)))
            for monday, w in sorted(by_week.get(user_id, {}).items())
        )
        calls = sum(p.calls for p in points)
        idle = not calls and not waiting.get(user_id) and user_id not in records
        if idle and scope.role != "seller":
            continue  # someone with nothing to show (an admin, a manager who sells not)
        mean = statistics.median(trusts[user_id]) if trusts.get(user_id) else None
        sellers.append(
            SellerSummary(
                user_id,
                username,
                name,
                points,
                calls,
                mean,
                trust_band(mean) if mean is not None else None,
                waiting.get(user_id, 0),
                records.get(user_id),
            )
        )
    month_ago = back(today, 29)
    spending = _spending(session, calls_in(month_ago, today), top * 2)
    drops, lowest = _notable(session, calls_in, members, today, top)
    return TeamOverview(today, since, tuple(sellers), spending, drops, lowest)


def _waiting(
    session: Session, members: dict[int, tuple[str, str]], visible: set[int] | None, today: dt.date
) -> dict[int, int]:
    """Calls of the last 30 days (today's included) with no reflection, per seller."""
    i = t.Interaction
    query = (
        select(i.seller_user_id, func.count(i.id))
        .outerjoin(t.Reflection, t.Reflection.interaction_id == i.id)
        .where(
            t.Reflection.id.is_(None),
            i.occurred_on <= today,
            i.occurred_on > back(today, 30),
            i.seller_user_id.in_(sorted(members)),
        )
        .group_by(i.seller_user_id)
    )
    if visible is not None:
        query = query.where(i.account_id.in_(sorted(visible)))
    return {user_id: n for user_id, n in session.execute(query) if user_id is not None}


def _spending(session: Session, calls: Any, top: int) -> tuple[SignalCount, ...]:
    """The trust-spending signals found most often in `calls`."""
    f, i = t.StoredFinding, t.Interaction
    query = (
        calls.add_columns(f.signal, f.family, func.count(f.id), func.count(func.distinct(i.id)))
        .join(f, f.interaction_id == i.id)
        .where(f.polarity < 0)
        .group_by(f.signal, f.family)
        .order_by(func.count(func.distinct(i.id)).desc(), func.count(f.id).desc(), f.signal)
        .limit(top)
    )
    return tuple(SignalCount(s, fam, n, c) for s, fam, n, c in session.execute(query))


def _notable(
    session: Session,
    calls_in: Callable[[dt.date, dt.date], Any],
    members: dict[int, tuple[str, str]],
    today: dt.date,
    top: int,
) -> tuple[tuple[NotableCall, ...], tuple[NotableCall, ...]]:
    """This week's (the last 7 days) calls with the largest drop and the lowest scores."""
    i, a = t.Interaction, t.Account
    week_start = back(today, 6)
    make = calls_in
    before: dict[int, list[float]] = defaultdict(list)
    earlier = make(back(week_start, 30), back(week_start, 1))
    for user_id, trust in session.execute(earlier.add_columns(i.seller_user_id, i.trust)):
        before[user_id].append(trust)
    mean_before = {user: statistics.fmean(v) for user, v in before.items() if v}
    week = make(week_start, today).add_columns(
        i.id, i.occurred_on, i.seller_user_id, a.name, i.trust
    )
    week = week.join(a, a.id == i.account_id)
    found = []
    for ident, day, user_id, account, trust in session.execute(week):
        prior = mean_before.get(user_id)
        found.append(
            NotableCall(
                ident,
                day,
                members[user_id][1],
                account,
                trust,
                trust_band(trust),
                prior,
                prior - trust if prior is not None else None,
            )
        )
    drops = sorted(
        (c for c in found if c.drop is not None and c.drop > 0),
        key=lambda c: (-(c.drop or 0.0), c.id),
    )
    lowest = sorted(found, key=lambda c: (c.trust, c.id))
    return tuple(drops[:top]), tuple(lowest[:top])
