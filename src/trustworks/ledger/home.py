"""What the home page (Today) adds to the daily review: promises nobody gave a date, and
whether the user's ledger is still empty (then the page shows how to start instead)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from trustworks.ledger import tables as t
from trustworks.ledger.rules import commitments_of

__all__ = ["FirstRun", "UndatedPromise", "first_run", "undated_promises"]


@dataclass(frozen=True)
class UndatedPromise:
    """An open promise with no due date: it cannot be kept on time, nor missed."""

    id: int
    account_id: int
    account: str
    side: str
    by: str
    what: str


@dataclass(frozen=True)
class FirstRun:
    """How far a user's ledger has got: accounts, calls and promises they may see, and users."""

    accounts: int
    calls: int
    commitments: int
    users: int

    @property
    def empty(self) -> bool:
        """Nothing to review yet: no call and no promise (accounts alone give no agenda)."""
        return self.calls == 0 and self.commitments == 0


def undated_promises(
    session: Session,
    seller: str | None,
    account_ids: set[int] | None,
    *,
    limit: int = 50,
) -> tuple[UndatedPromise, ...]:
    """Open promises without a due date on the given accounts (None: all), ours first, oldest
    first; with `seller`, only the seller's own (as the daily review picks them)."""
    c = t.Commitment
    query = (
        select(c, t.Account)
        .join(t.Account, t.Account.id == c.account_id)
        .where(c.status == "open", c.due.is_(None))
        .order_by(case((c.side == "us", 0), else_=1), c.id)
        .limit(limit)
    )
    if seller:
        query = query.where(commitments_of(seller))
    if account_ids is not None:
        query = query.where(c.account_id.in_(account_ids or {-1}))
    return tuple(
        UndatedPromise(row.id, account.id, account.name, row.side, row.by, row.what)
        for row, account in session.execute(query)
    )


def first_run(session: Session, account_ids: set[int] | None) -> FirstRun:
    """Counts of what the user may see, to tell a new ledger from a quiet day."""

    def count(table: type[t.Base], column: object) -> int:
        query = select(func.count()).select_from(table)
        if account_ids is not None:
            query = query.where(column.in_(account_ids or {-1}))  # type: ignore[attr-defined]
        return session.scalar(query) or 0

    users = session.scalar(select(func.count()).select_from(t.User).where(t.User.active)) or 0
    return FirstRun(
        count(t.Account, t.Account.id),
        count(t.Interaction, t.Interaction.account_id),
        count(t.Commitment, t.Commitment.account_id),
        users,
    )
