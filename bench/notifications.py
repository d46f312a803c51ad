"""Benchmark what every page pays for the header's unread count, and the notifications page.

    .venv/bin/python bench/notifications.py [--notifications 50000] [--db URL]

One seller with `--notifications` notifications (one in ten unread) on comments across 200
calls, written in bulk; then the unread count (asked on every page) and the newest 200
notifications (the /notifications page) are timed, median and p99.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable

from argon2 import PasswordHasher
from sqlalchemy import insert, select

from trustworks.ledger import notifications, repository, tables, users
from trustworks.ledger.access import Scope, scope_for
from trustworks.ledger.database import Ledger, open_ledger

CALLS = 200


def build(ledger: Ledger, count: int) -> Scope:
    """The seller's scope, after writing `count` notifications for them."""
    users._HASHER = PasswordHasher(time_cost=1, memory_cost=1024)  # only sign-up is hashed here
    now = dt.datetime(2026, 12, 1)
    with ledger.session() as s:
        users.add_user(s, "maria", "a long enough password", "manager", seller="Maria Gomez")
        users.add_user(
            s, "dana", "a long enough password", "seller", seller="Dana Whitfield", manager="maria"
        )
        account = repository.add(s, "account", {"name": "Northwind", "owner": "Dana Whitfield"})
        assert isinstance(account, tables.Account)
        calls = []
        for _ in range(CALLS):
            call = repository.add(
                s,
                "interaction",
                {"account": account.id, "occurred_on": "2026-11-01", "channel": "call"},
            )
            assert isinstance(call, tables.Interaction)
            calls.append(call.id)
    with ledger.session() as s:
        dana, maria = (
            s.scalars(select(tables.User).where(tables.User.username == name)).one()
            for name in ("dana", "maria")
        )
        rows = [
            {
                "interaction_id": calls[n % CALLS],
                "turn": 0,
                "author_id": maria.id,
                "author": "maria",
                "body": f"comment {n}",
                "created_at": now,
            }
            for n in range(count)
        ]
        s.execute(insert(tables.CallComment), rows)
        ids = list(s.scalars(select(tables.CallComment.id)))
        s.execute(
            insert(tables.Notification),
            [
                {
                    "user_id": dana.id,
                    "comment_id": ident,
                    "reason": "seller",
                    "created_at": now,
                    "read_at": None if ident % 10 == 0 else now,
                    "email_state": "none",
                }
                for ident in ids
            ],
        )
        return scope_for(s, dana)


def timed(ledger: Ledger, work: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median and p99 milliseconds of `work` in a reading transaction."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        with ledger.reading():
            work()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notifications", type=int, default=50_000)
    parser.add_argument("--db", help="a database URL (default: a scratch SQLite file)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    ledger = open_ledger(url)
    scope = build(ledger, args.notifications)

    def count() -> object:
        with ledger.reading() as s:
            return notifications.unread_count(s, scope)

    def page() -> object:
        with ledger.reading() as s:
            return notifications.notifications_for(s, scope)

    for label, work, rounds in (("unread count", count, 200), ("notifications page", page, 50)):
        median, p99 = timed(ledger, work, rounds)
        print(
            f"{label:20} {args.notifications:,} notifications: median {median:.1f} ms, "
            f"p99 {p99:.1f} ms"
        )
    ledger.close()


if __name__ == "__main__":
    main()
