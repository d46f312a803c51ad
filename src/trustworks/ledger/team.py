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
    # Never before the first day: 0001-01-01 is a Monday.
    return day - dt.timedelta(days=day.weekday())


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

    # One pass over the window's calls (the covering index ix_calls_seller_day, no wide rows):
    # weekly sums, each seller's scores for the median, and what "calls worth a look" needs.
    window = calls_in(min(since, back(today, 36)), today).add_columns(
        i.id,
        i.seller_user_id,
        i.occurred_on,
        i.trust,
        *(getattr(i, c) for c in COMPONENTS),
    )
    by_week: dict[int, dict[dt.date, list[float]]] = defaultdict(dict)
    trusts: dict[int, list[float]] = defaultdict(list)
    rows: list[tuple[int, int, dt.date, float]] = []
    mondays: dict[dt.date, dt.date] = {}
    for ident, user_id, day, trust, cred, rel, intim, so in session.execute(window):
        rows.append((ident, user_id, day, trust))
        if day < since:
            continue  # read for "calls worth a look" only
        monday = mondays.get(day)
        if monday is None:
            monday = mondays[day] = _monday(day)
        week = by_week[user_id].get(monday)
        if week is None:
            week = by_week[user_id][monday] = [0.0] * 6
        week[0] += 1
        week[1] += trust
        week[2] += cred or 0.0
        week[3] += rel or 0.0
        week[4] += intim or 0.0
        week[5] += so or 0.0
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
    drops, lowest = _notable(session, rows, members, today, top)
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
    rows: list[tuple[int, int, dt.date, float]],
    members: dict[int, tuple[str, str]],
    today: dt.date,
    top: int,
) -> tuple[tuple[NotableCall, ...], tuple[NotableCall, ...]]:
    """This week's (the last 7 days) calls with the largest drop against the seller's mean of
    the 30 days before the week, and the lowest scores; `rows` (id, seller, day, trust) cover
    at least the 37 days to `today`."""
    week_start = back(today, 6)
    first = back(week_start, 30)
    before: dict[int, list[float]] = defaultdict(list)
    week = []
    for ident, user_id, day, trust in rows:
        if first <= day < week_start:
            before[user_id].append(trust)
        elif week_start <= day <= today:
            week.append((ident, user_id, day, trust))
    mean_before = {user: statistics.fmean(v) for user, v in before.items() if v}

    def drop(call: tuple[int, int, dt.date, float]) -> float | None:
        prior = mean_before.get(call[1])
        return prior - call[3] if prior is not None else None

    drops = sorted(
        (c for c in week if (drop(c) or 0.0) > 0), key=lambda c: (-(drop(c) or 0.0), c[0])
    )[:top]
    lowest = sorted(week, key=lambda c: (c[3], c[0]))[:top]
    chosen = {c[0] for c in (*drops, *lowest)}
    accounts = dict(
        session.execute(
            select(t.Interaction.id, t.Account.name)
            .join(t.Account, t.Account.id == t.Interaction.account_id)
            .where(t.Interaction.id.in_(sorted(chosen)))
        ).all()
    )

    def notable(call: tuple[int, int, dt.date, float]) -> NotableCall:
        ident, user_id, day, trust = call
        prior = mean_before.get(user_id)
        return NotableCall(
            ident,
            day,
            members[user_id][1],
            accounts.get(ident, ""),
            trust,
            trust_band(trust),
            prior,
            prior - trust if prior is not None else None,
        )

    return tuple(notable(c) for c in drops), tuple(notable(c) for c in lowest)
