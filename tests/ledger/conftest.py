"""A programme with three lessons and three participants, on each backend."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from trustworks.ledger import tables as t
from trustworks.ledger.database import Ledger
from trustworks.ledger.programmes import add_programme, enrol

END = dt.date(2026, 3, 31)
LESSONS = ("Listen before pitching", "Answer the price plainly", "Make dated commitments")
PEOPLE = ("Dana Whitfield", "Lee Park", "Kim Osei")


@pytest.fixture
def programme(ledger: Ledger) -> int:
    """The id of a programme ended on END, with LESSONS and PEOPLE enrolled."""
    with ledger.session() as session:
        row = add_programme(
            session, "Trusted Advisor 2026", END, started_on=dt.date(2026, 3, 1), lessons=LESSONS
        )
        for name in PEOPLE:
            enrol(session, row.id, name, on=dt.date(2026, 3, 1))
        return row.id


def count(ledger: Ledger, table: type[t.Base]) -> int:
    """Rows in a table."""
    with ledger.session() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def story(**overrides: object) -> dict[str, object]:
    """The keyword arguments of a complete story, with some replaced."""
    fields: dict[str, object] = {
        "situation": "A COO asked for a demo in the first call.",
        "action": "I asked what they were trying to fix before agreeing.",
        "outcome": "We found the real problem was driver churn; they asked for a proposal.",
        "happened_on": dt.date(2026, 4, 10),
        "success": True,
        "today": dt.date(2026, 6, 1),
    }
    fields.update(overrides)
    return fields
