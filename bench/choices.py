"""Benchmark the forms' pickers (`trustworks.ledger.choices.find_choices`) over many calls.

    .venv/bin/python bench/choices.py [--calls 100000] [--accounts 2000] [--repeat 20]

Builds a temporary SQLite ledger with --accounts accounts (fifty owners) and --calls calls
spread over 330 days, then times each query --repeat times, as an admin (every account) and as
a seller (forty accounts): an empty box, an account's name, a month, and words that match
nothing (which must not read every call). Prints the median and the slowest, in ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from trustworks.ledger import repository
from trustworks.ledger import tables as t
from trustworks.ledger.choices import find_choices
from trustworks.ledger.database import open_ledger


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        ledger = open_ledger(f"sqlite:///{Path(folder) / 'choices.sqlite3'}")
        with ledger.session() as s:
            ids = [
                repository.add(s, "account", {"name": f"Account {n:04}", "owner": f"S{n % 50}"}).id  # type: ignore[attr-defined]
                for n in range(args.accounts)
            ]
            first = dt.date(2026, 1, 1)
            s.execute(
                insert(t.Interaction),
                [
                    {
                        "account_id": ids[n % len(ids)],
                        "occurred_on": first + dt.timedelta(days=n % 330),
                        "channel": "call",
                        "purpose": "discovery",
                    }
                    for n in range(args.calls)
                ],
            )
        seller = set(ids[:40])
        print(f"{args.calls:,} calls on {args.accounts:,} accounts; ms per query (median, slowest)")
        for who, visible in (("admin", None), ("seller", seller)):
            for what, query in (
                ("interaction", ""),
                ("interaction", "account 19"),
                ("interaction", "2026-11"),
                ("interaction", "nothing like it"),
                ("account", "acc"),
            ):
                times = []
                for _ in range(args.repeat):
                    with ledger.reading() as s:
                        start = time.perf_counter()
                        find_choices(s, what, query, visible)
                        times.append((time.perf_counter() - start) * 1000)
                print(
                    f"  {who:6} {what:11} {query!r:18} "
                    f"{statistics.median(times):6.1f} {max(times):6.1f}"
                )
        ledger.close()


if __name__ == "__main__":
    main()
