"""Per seller, how the Trust Equation components of their analysed conversations move by month.

A seller is the user the interaction is bound to; an interaction bound to no user (older data,
a ledger without users) is grouped under the name it carries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trustworks.ledger import tables
from trustworks.ledger._checks import storable

COMPONENTS = ("credibility", "reliability", "intimacy", "self_orientation", "trust")


@dataclass(frozen=True)
class TrendPoint:
    """One month's averages over a seller's analysed conversations."""

    month: str  # YYYY-MM
    conversations: int
    credibility: float
    reliability: float
    intimacy: float
    self_orientation: float
    trust: float


@dataclass(frozen=True)
class SellerTrend:
    seller: str
    points: tuple[TrendPoint, ...]  # oldest month first
    user_id: int | None = None  # None: conversations under a name that is no user's


def seller_trends(
    session: Session, *, account_ids: Iterable[int] | None = None, seller: str | None = None
) -> list[SellerTrend]:
    """Monthly averages per seller (per user; by name for interactions bound to no user),
    optionally only over some accounts, or for one seller (username or name)."""
    i, u = tables.Interaction, tables.User
    shown = func.coalesce(u.seller, i.seller)
    query = (
        select(i.seller_user_id, shown, i.occurred_on, *(getattr(i, c) for c in COMPONENTS))
        .outerjoin(u, u.id == i.seller_user_id)
        .where(i.trust.is_not(None), or_(i.seller_user_id.is_not(None), i.seller.is_not(None)))
    )
    if account_ids is not None:
        query = query.where(i.account_id.in_(list(account_ids)))
    if seller is not None:
        # A NUL or a lone surrogate is refused by name, not by PostgreSQL as a 503.
        wanted = storable(seller, "seller").strip().lower()
        query = query.where(or_(func.lower(shown) == wanted, func.lower(u.username) == wanted))
    months: dict[tuple[int | None, str], dict[str, list[tuple[float, ...]]]] = {}
    for row in session.execute(query.order_by(i.occurred_on)):
        user_id, name, day, *scores = row
        # A user under their current name, whatever each row was saved with.
        by_month = months.setdefault((user_id, name), {})
        by_month.setdefault(day.strftime("%Y-%m"), []).append(tuple(scores))
    trends = []
    for user_id, name in sorted(months, key=lambda k: (k[1].lower(), k[0] is None, k[0] or 0)):
        points = []
        for month, rows in sorted(months[(user_id, name)].items()):
            means = [sum(r[k] for r in rows) / len(rows) for k in range(len(COMPONENTS))]
            points.append(TrendPoint(month, len(rows), *means))
        trends.append(SellerTrend(name, tuple(points), user_id))
    return trends
