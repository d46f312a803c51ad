"""The "empty chair": one account seen from the client's side.

Their goals, what they have received from us, what we still owe them, the risks they carry,
what the seller last reflected, and how trust has moved across analysed conversations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from trustworks.ledger import tables as t
from trustworks.ledger.repository import find_account

__all__ = [
    "CarriedRisk",
    "ClientView",
    "Direction",
    "GoalItem",
    "Promise",
    "ReceivedItem",
    "ReflectionItem",
    "TrustPoint",
    "client_view",
    "trust_direction",
]

Direction = Literal["rising", "falling", "flat", "unknown"]


@dataclass(frozen=True)
class GoalItem:
    """A goal of theirs, in their words."""

    id: int
    description: str
    status: str
    noted_on: dt.date


@dataclass(frozen=True)
class ReceivedItem:
    """Something of value they received: a risk we took for them, an introduction, a promise
    we kept."""

    kind: Literal["risk", "introduction", "kept_commitment"]
    ref: str
    on: dt.date
    what: str


@dataclass(frozen=True)
class Promise:
    """A promise we made them that is still open."""

    id: int
    by: str
    to: str | None
    what: str
    due: dt.date | None
    overdue: bool
    days_overdue: int


@dataclass(frozen=True)
class CarriedRisk:
    """A risk they took for us that we have not reciprocated."""

    id: int
    kind: str
    description: str | None
    taken_on: dt.date
    days_waiting: int


@dataclass(frozen=True)
class ReflectionItem:
    """The seller's reflection after one conversation with them."""

    interaction_id: int
    occurred_on: dt.date
    written_on: dt.date
    good_use_of_time: bool | None
    felt_respected: bool | None
    gave_value: bool | None
    world_better: bool | None
    learned_about_goals: str | None
    notes: str | None


@dataclass(frozen=True)
class TrustPoint:
    """The trust scores of one analysed conversation."""

    interaction_id: int
    on: dt.date
    trust: float
    credibility: float | None
    reliability: float | None
    intimacy: float | None
    self_orientation: float | None


@dataclass(frozen=True)
class ClientView:
    """One account from the client's side, as of `today`."""

    account_id: int
    account: str
    owner: str | None
    today: dt.date
    goals: tuple[GoalItem, ...]  # open first
    received: tuple[ReceivedItem, ...]  # newest first
    open_promises: tuple[Promise, ...]  # by due date, undated last
    risks_they_carry: tuple[CarriedRisk, ...]  # oldest first
    reflections: tuple[ReflectionItem, ...]  # the most recent few, newest first
    trust_trend: tuple[TrustPoint, ...]  # oldest first
    trust_direction: Direction


def trust_direction(trust: Sequence[float], *, last: int = 5, tolerance: float = 0.25) -> Direction:
    """Rising, falling or flat over the `last` scores (oldest first), from a least-squares line:
    the change it implies across them must exceed `tolerance` trust points."""
    recent = list(trust)[-last:]
    if len(recent) < 2:
        return "unknown"
    n = len(recent)
    mean_x, mean_y = (n - 1) / 2, sum(recent) / n
    spread = sum((x - mean_x) ** 2 for x in range(n))
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(recent)) / spread
    change = slope * (n - 1)
    if change > tolerance:
        return "rising"
    if change < -tolerance:
        return "falling"
    return "flat"


def client_view(
    session: Session, account_ref: int | str, today: dt.date, *, reflections: int = 3
) -> ClientView:
    """The empty-chair view of one account (by id or name); entries after `today` are left out."""
    account = find_account(session, account_ref)
    trend = _trust_trend(session, account.id, today)
    return ClientView(
        account.id,
        account.name,
        account.owner,
        today,
        _goals(session, account.id, today),
        _received(session, account.id, today),
        _open_promises(session, account.id, today),
        _risks_they_carry(session, account.id, today),
        _reflections(session, account.id, today, reflections),
        trend,
        trust_direction([p.trust for p in trend]),
    )


def _goals(session: Session, account_id: int, today: dt.date) -> tuple[GoalItem, ...]:
    g = t.Goal
    query = (
        select(g)
        .where(g.account_id == account_id, g.noted_on <= today)
        .order_by(case((g.status == "open", 0), else_=1), g.noted_on, g.id)
    )
    return tuple(
        GoalItem(r.id, r.description, r.status, r.noted_on) for r in session.scalars(query)
    )


def _received(session: Session, account_id: int, today: dt.date) -> tuple[ReceivedItem, ...]:
    items: list[ReceivedItem] = []
    risks = select(t.Risk).where(
        t.Risk.account_id == account_id, t.Risk.taken_by == "us", t.Risk.taken_on <= today
    )
    for r in session.scalars(risks):
        what = r.kind.replace("_", " ") + (f": {r.description}" if r.description else "")
        items.append(ReceivedItem("risk", f"risk:{r.id}", r.taken_on, what))
    intros = select(t.Introduction).where(
        t.Introduction.account_id == account_id, t.Introduction.made_on <= today
    )
    for i in session.scalars(intros):
        what = f"introduced to {i.introduced_to}" + (f" ({i.purpose})" if i.purpose else "")
        items.append(ReceivedItem("introduction", f"introduction:{i.id}", i.made_on, what))
    kept = select(t.Commitment).where(
        t.Commitment.account_id == account_id,
        t.Commitment.side == "us",
        t.Commitment.status == "kept",
        t.Commitment.resolved_on <= today,
    )
    for c in session.scalars(kept):
        assert c.resolved_on is not None  # kept commitments always have one
        items.append(ReceivedItem("kept_commitment", f"commitment:{c.id}", c.resolved_on, c.what))
    return tuple(sorted(items, key=lambda item: (item.on, item.ref), reverse=True))


def _open_promises(session: Session, account_id: int, today: dt.date) -> tuple[Promise, ...]:
    c = t.Commitment
    query = (
        select(c)
        .where(c.account_id == account_id, c.side == "us", c.status == "open")
        .order_by(case((c.due.is_(None), 1), else_=0), c.due, c.id)
    )
    out = []
    for row in session.scalars(query):
        late = max((today - row.due).days, 0) if row.due else 0
        out.append(Promise(row.id, row.by, row.to, row.what, row.due, late > 0, late))
    return tuple(out)


def _risks_they_carry(session: Session, account_id: int, today: dt.date) -> tuple[CarriedRisk, ...]:
    r = t.Risk
    query = (
        select(r)
        .where(
            r.account_id == account_id,
            r.taken_by == "client",
            r.reciprocated.is_(False),
            r.taken_on <= today,
        )
        .order_by(r.taken_on, r.id)
    )
    return tuple(
        CarriedRisk(row.id, row.kind, row.description, row.taken_on, (today - row.taken_on).days)
        for row in session.scalars(query)
    )


def _reflections(
    session: Session, account_id: int, today: dt.date, limit: int
) -> tuple[ReflectionItem, ...]:
    i, r = t.Interaction, t.Reflection
    query = (
        select(r, i.occurred_on)
        .join(i, i.id == r.interaction_id)
        .where(i.account_id == account_id, i.occurred_on <= today)
        .order_by(i.occurred_on.desc(), r.written_on.desc(), r.id.desc())
        .limit(limit)
    )
    return tuple(
        ReflectionItem(
            row.interaction_id,
            occurred_on,
            row.written_on,
            row.good_use_of_time,
            row.felt_respected,
            row.gave_value,
            row.world_better,
            row.learned_about_goals,
            row.notes,
        )
        for row, occurred_on in session.execute(query)
    )


def _trust_trend(session: Session, account_id: int, today: dt.date) -> tuple[TrustPoint, ...]:
    i = t.Interaction
    query = (
        select(
            i.id,
            i.occurred_on,
            i.trust,
            i.credibility,
            i.reliability,
            i.intimacy,
            i.self_orientation,
        )
        .where(i.account_id == account_id, i.trust.is_not(None), i.occurred_on <= today)
        .order_by(i.occurred_on, i.id)
    )
    return tuple(
        TrustPoint(ident, on, trust, c, r, intimacy, s)
        for ident, on, trust, c, r, intimacy, s in session.execute(query)
        if trust is not None  # the query asks for it; this tells the type checker
    )
