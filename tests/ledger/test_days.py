"""The first and last days a date can hold are days like any other to the reviews and rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from trustworks.ledger import repository as repo
from trustworks.ledger.client_view import client_view
from trustworks.ledger.database import Ledger
from trustworks.ledger.days import shifted
from trustworks.ledger.review import to_review
from trustworks.ledger.rules import alerts, quarter_end, reliability
from trustworks.ledger.today import daily_review, record_review, review_streak

EDGES = [dt.date.min, dt.date.max]


@pytest.mark.parametrize(
    ("day", "days", "expected"),
    [
        (dt.date(2026, 12, 31), 1, dt.date(2027, 1, 1)),
        (dt.date(2026, 1, 1), -1, dt.date(2025, 12, 31)),
        (dt.date.max, 1, dt.date.max),
        (dt.date.min, -30, dt.date.min),
        (dt.date(9999, 12, 1), 10**6, dt.date.max),
    ],
)
def test_shifted_stays_within_the_calendar(day: dt.date, days: int, expected: dt.date) -> None:
    assert shifted(day, days) == expected


def test_quarter_end_of_the_last_quarter_there_is() -> None:
    assert quarter_end(dt.date(9999, 11, 2)) == dt.date.max
    assert quarter_end(dt.date(2026, 11, 2)) == dt.date(2026, 12, 31)


@pytest.fixture
def busy(ledger: Ledger) -> Ledger:
    """An account with something for every rule and review to look at, on both edge days."""
    with ledger.session() as s:
        account = repo.add(s, "account", {"name": "Acme", "owner": "Dana"})
        for day in EDGES:
            values: dict[str, Any] = {"account": "Acme"}
            repo.add(s, "interaction", {**values, "occurred_on": day, "channel": "call"})
            repo.add(
                s,
                "commitment",
                {**values, "side": "us", "by": "Dana", "what": "send it", "due": day},
            )
            repo.add(
                s,
                "screening",
                {**values, "willing": True, "decided_on": day, "review_on": day},
            )
            record_review(s, "Dana", day)
        assert account is not None
    return ledger


@pytest.mark.parametrize("day", EDGES, ids=["first-day", "last-day"])
def test_reviews_and_rules_answer_on_the_edges_of_the_calendar(busy: Ledger, day: dt.date) -> None:
    with busy.session() as s:
        review = daily_review(s, day, "Dana")
        assert review.reviewed
        assert review.streak == 1
        assert alerts(s, day) is not None
        assert reliability(s, day) is not None
        assert to_review(s, "Dana", day) is not None
        assert client_view(s, "Acme", day).account == "Acme"
        assert review_streak(s, "Dana", day) == (True, 1)
