"""Type-ahead choices for the forms: accounts, people, calls and deals a user may see, found
by a few letters of a name (or a call's account, person or date), each with a label in words.

The web's pickers ask for these instead of making anyone type an id.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trustworks.ledger import tables as t
from trustworks.ledger.entities import CHANNELS, PURPOSES

__all__ = ["PICKABLE", "Choice", "find_choices", "label_of", "labels_of"]

PICKABLE: tuple[str, ...] = ("account", "person", "interaction", "deal")
MAX_CHOICES = 50


@dataclass(frozen=True)
class Choice:
    """One entry a picker offers: its id (what the form sends) and what the user reads."""

    id: int
    label: str
    hint: str = ""


def find_choices(
    session: Session,
    what: str,
    query: str,
    account_ids: set[int] | None,
    *,
    account: int | None = None,
    limit: int = 20,
) -> list[Choice]:
    """Entries of kind `what` on the visible accounts (None: all) whose words contain `query`
    (any case; empty: the first ones), narrowed to one `account` when given."""
    if what not in PICKABLE:
        raise ValueError(f"nothing to pick of kind {what!r}")
    limit = max(1, min(limit, MAX_CHOICES))
    # What no database column holds (NUL, a lone surrogate) can match nothing: dropped, so a
    # stray byte in a search box finds the rest of the words instead of failing.
    needle = query.encode("utf-8", "ignore").decode("utf-8").replace("\x00", "")
    needle = needle.strip().lower()[:200]
    statement = _statement(what, needle)
    scoped = t.Account.id
    if account_ids is not None:
        statement = statement.where(scoped.in_(account_ids or {-1}))
    if account is not None:
        statement = statement.where(scoped == account)
    return [_choice(what, row) for row in session.execute(statement.limit(limit))]


def label_of(session: Session, what: str, ident: Any, account_ids: set[int] | None) -> str | None:
    """The words a picker shows for entry `ident` of kind `what`, or None when there is no
    such entry the user may see (a form then shows the field empty rather than a bare id)."""
    try:
        number = int(ident)
    except (TypeError, ValueError):
        return None
    if what not in PICKABLE or not 0 < number <= 2**31 - 1:
        return None
    statement = _statement(what, "").where(_id_column(what) == number)
    if account_ids is not None:
        statement = statement.where(t.Account.id.in_(account_ids or {-1}))
    row = session.execute(statement).first()
    return None if row is None else _choice(what, row).label


def labels_of(session: Session, what: str, idents: set[int]) -> dict[int, str]:
    """The words for many entries of kind `what` at once (a table's column), by id. Callers
    pass ids of rows the user already may see."""
    wanted = {i for i in idents if isinstance(i, int) and 0 < i <= 2**31 - 1}
    if what not in PICKABLE or not wanted:
        return {}
    statement = _statement(what, "").where(_id_column(what).in_(wanted))
    return {
        choice.id: choice.label
        for choice in map(partial(_choice, what), session.execute(statement))
    }


def _id_column(what: str) -> Any:
    return {
        "account": t.Account.id,
        "person": t.Person.id,
        "interaction": t.Interaction.id,
        "deal": t.Deal.id,
    }[what]


def _statement(what: str, needle: str) -> Any:
    def like(column: Any) -> Any:
        return func.lower(column).contains(needle, autoescape=True)

    statement: Any
    if what == "account":
        statement = select(t.Account.id, t.Account.name, t.Account.owner).order_by(
            func.lower(t.Account.name), t.Account.id
        )
        return statement.where(like(t.Account.name)) if needle else statement
    if what == "person":
        statement = (
            select(t.Person.id, t.Person.name, t.Account.name, t.Person.title)
            .join(t.Account, t.Account.id == t.Person.account_id)
            .order_by(func.lower(t.Person.name), t.Person.id)
        )
        return (
            statement.where(or_(like(t.Person.name), like(t.Account.name))) if needle else statement
        )
    if what == "deal":
        statement = (
            select(t.Deal.id, t.Deal.name, t.Account.name, t.Deal.stage)
            .join(t.Account, t.Account.id == t.Deal.account_id)
            .order_by(func.lower(t.Deal.name), t.Deal.id)
        )
        return (
            statement.where(or_(like(t.Deal.name), like(t.Account.name))) if needle else statement
        )
    i = t.Interaction
    statement = (
        select(i.id, i.occurred_on, t.Account.name, i.channel, i.purpose, t.Person.name)
        .join(t.Account, t.Account.id == i.account_id)
        .outerjoin(t.Person, t.Person.id == i.person_id)
        .order_by(i.occurred_on.desc(), i.id.desc())
    )
    if not needle:
        return statement
    # Calls are many: match the small tables (accounts, people, the fixed channels and
    # purposes) and a day, month or year, so that words matching nothing never read every call.
    if days := _date_prefix(needle):
        return statement.where(i.occurred_on.between(*days))
    clauses: list[Any] = [
        i.account_id.in_(select(t.Account.id).where(like(t.Account.name))),
        i.person_id.in_(select(t.Person.id).where(like(t.Person.name))),
    ]
    for column, values in ((i.channel, CHANNELS), (i.purpose, PURPOSES)):
        if fits := [v for v in values if needle in v or needle in v.replace("_", " ")]:
            clauses.append(column.in_(fits))
    return statement.where(or_(*clauses))


_DATE_PREFIX = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def _date_prefix(needle: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a typed year, month or day covers ('2026-11'), else None."""
    match = _DATE_PREFIX.match(needle)
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:  # month 13, day 32, year 0: no such days
        return None


def _choice(what: str, row: Any) -> Choice:
    if what == "account":
        return Choice(row[0], row[1], f"owned by {row[2]}" if row[2] else "")
    if what == "person":
        return Choice(row[0], f"{row[1]} ({row[2]})", row[3] or "")
    if what == "deal":
        return Choice(row[0], f"{row[1]} ({row[2]})", str(row[3]))
    ident, on, account, channel, purpose, person = row
    with_whom = f" with {person}" if person else ""
    label = f"{account}: {channel}{with_whom} on {on.isoformat()} ({purpose.replace('_', ' ')})"
    return Choice(ident, label)
