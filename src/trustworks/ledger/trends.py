"""Per seller, how the Trust Equation components of their analysed conversations move by month."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.ledger import tables

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


def seller_trends(
    session: Session, *, account_ids: Iterable[int] | None = None, seller: str | None = None
) -> list[SellerTrend]:
    """Monthly averages per seller (by name), optionally only over some accounts or one seller."""
    i = tables.Interaction
    query = select(i.seller, i.occurred_on, *(getattr(i, c) for c in COMPONENTS)).where(
        i.trust.is_not(None), i.seller.is_not(None)
    )
    if account_ids is not None:
        query = query.where(i.account_id.in_(list(account_ids)))
    if seller is not None:
        query = query.where(func.lower(i.seller) == seller.strip().lower())
    months: dict[str, dict[str, list[tuple[float, ...]]]] = {}
    for row in session.execute(query.order_by(i.occurred_on)):
        name, day, *scores = row
        months.setdefault(name, {}).setdefault(day.strftime("%Y-%m"), []).append(tuple(scores))
    trends = []
    for name in sorted(months, key=str.lower):
        points = []
        for month, rows in sorted(months[name].items()):
            means = [sum(r[k] for r in rows) / len(rows) for k in range(len(COMPONENTS))]
            points.append(TrendPoint(month, len(rows), *means))
        trends.append(SellerTrend(name, tuple(points)))
    return trends
