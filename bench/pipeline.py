"""How long the pipeline takes to read, as a team's ledger grows.

    .venv/bin/python bench/pipeline.py [--accounts 500] [--deals 4] [--calls 10] [--db URL]

Builds a ledger (SQLite in a temporary folder unless --db is given) of ``--accounts``
accounts owned by 10 sellers, each with ``--deals`` deals spread over the stages, ``--calls``
analysed conversations and a few open promises; then times `pipeline()` for an admin (every
deal) and for one seller (their accounts only), and `GET /api/v1/pipeline` for the seller,
median of 5 runs each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from trustworks.ledger import tables as t
from trustworks.ledger.access import scope_of
from trustworks.ledger.database import open_ledger
from trustworks.ledger.entities import STAGES
from trustworks.ledger.pipeline import pipeline

TODAY = dt.date(2026, 6, 30)


def build(url: str, accounts: int, deals: int, calls: int) -> None:
    ledger = open_ledger(url)
    with ledger.session() as s:
        for n in range(10):
            s.add(t.User(username=f"s{n}", password_hash="-", role="seller", seller=f"Seller {n}"))
        for a in range(accounts):
            account = t.Account(name=f"Account {a}", owner=f"Seller {a % 10}")
            s.add(account)
            s.flush()
            for c in range(calls):
                s.add(
                    t.Interaction(
                        account_id=account.id,
                        occurred_on=TODAY - dt.timedelta(days=7 * c),
                        channel="call",
                        purpose=("discovery", "proposal", "follow_up")[c % 3],
                        trust=5 + (c % 4) * 0.5,
                    )
                )
            for p in range(3):
                s.add(
                    t.Commitment(
                        account_id=account.id,
                        side=("us", "client")[p % 2],
                        by="someone",
                        what="a promise",
                        due=TODAY - dt.timedelta(days=p),
                        status="open",
                        source="manual",
                    )
                )
            for d in range(deals):
                stage = STAGES[(a + d) % len(STAGES)]
                deal = t.Deal(
                    account_id=account.id,
                    name=f"Deal {d}",
                    stage=stage,
                    amount=1000 * (d + 1),
                    closed_on=TODAY if stage in ("won", "lost") else None,
                    discount_pct=10 if stage == "won" else None,
                )
                s.add(deal)
                s.flush()
                s.add(t.StageChange(deal_id=deal.id, stage=stage, entered_on=TODAY))
    ledger.close()


def median_ms(work: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--deals", type=int, default=4)
    parser.add_argument("--calls", type=int, default=10)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        build(url, args.accounts, args.deals, args.calls)
        ledger = open_ledger(url)
        with ledger.reading() as s:
            admin = scope_of(s, 0, "root", "admin", "Root")
            seller = scope_of(s, 1, "s0", "seller", "Seller 0")
            every = median_ms(lambda: pipeline(s, TODAY, scope=admin, closed_days=None))
            own = median_ms(lambda: pipeline(s, TODAY, scope=seller, closed_days=None))
            shown = len(pipeline(s, TODAY, scope=admin, closed_days=None).deals)
            mine = len(pipeline(s, TODAY, scope=seller, closed_days=None).deals)
        ledger.close()
    print(f"{args.accounts} accounts, {shown} deals, {args.accounts * args.calls} conversations")
    print(f"pipeline(), admin, every deal ({shown}): {every:.0f} ms (median of 5)")
    print(f"pipeline(), one seller ({mine} deals): {own:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
