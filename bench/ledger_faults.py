"""What the ledger's safety checks cost, and how writers fare against each other.

    .venv/bin/python bench/ledger_faults.py [--accounts 20000] [--writers 4] [--writes 50]

- open: the checks every open makes (SQLite header, `PRAGMA quick_check(sqlite_schema)`, the
  table list) and a whole `open_ledger`, on a ledger of ``--accounts`` accounts;
- check: `check_database` (quick_check and every stored value read), and with --full;
- writers: ``--writers`` processes each adding ``--writes`` accounts, one transaction each, at
  once: how many succeeded, failed, and the slowest wait (BEGIN IMMEDIATE + busy timeout).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trustworks.ledger import integrity, repository
from trustworks.ledger.database import _engine, check_database, open_ledger

WRITER = """
import sys, time
from trustworks.errors import DatabaseError
from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger

ledger = open_ledger(sys.argv[1])
n, writes = sys.argv[2], int(sys.argv[3])
ok = failed = 0
slowest = 0.0
for i in range(writes):
    started = time.monotonic()
    try:
        with ledger.session() as session:
            repository.add(session, "account", {"name": f"Writer {n}-{i}"})
        ok += 1
    except DatabaseError:
        failed += 1
    slowest = max(slowest, time.monotonic() - started)
print(ok, failed, slowest)
"""


def _timed(work: object, repeat: int = 20) -> float:
    """Median milliseconds of `work()`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--accounts", type=int, default=20_000)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--writes", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "ledger.sqlite3"
        ledger = open_ledger(str(db))
        with ledger.session() as session:
            for i in range(args.accounts):
                repository.add(session, "account", {"name": f"Account {i}", "notes": "n" * 200})
        ledger.close()
        size = db.stat().st_size
        print(f"ledger: {args.accounts} accounts, {size / 1e6:.1f} MB")

        engine = _engine(f"sqlite:///{db}")
        header = _timed(lambda: integrity.check_file(db))
        schema = _timed(lambda: integrity.schema_damage(engine))
        tables = _timed(lambda: integrity.check_tables(engine, str(db)))
        engine.dispose()
        whole = _timed(lambda: open_ledger(str(db)).close(), repeat=10)
        print(
            f"open checks (median ms): header {header:.2f}, schema quick_check {schema:.2f}, "
            f"tables {tables:.2f}; whole open_ledger {whole:.1f}"
        )
        for full in (False, True):
            started = time.perf_counter()
            report = check_database(str(db), full=full)
            took = time.perf_counter() - started
            name = "db check --full" if full else "db check"
            print(f"{name}: {took:.2f} s ({report.method}, ok={report.ok})")

        started = time.perf_counter()
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(db), str(n), str(args.writes)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(args.writers)
        ]
        results = [p.communicate()[0].split() for p in procs]
        took = time.perf_counter() - started
        ok = sum(int(r[0]) for r in results)
        failed = sum(int(r[1]) for r in results)
        slowest = max(float(r[2]) for r in results)
        print(
            f"{args.writers} writer processes x {args.writes} transactions: {ok} committed, "
            f"{failed} refused, slowest transaction {slowest * 1000:.0f} ms, {took:.1f} s in all"
        )


if __name__ == "__main__":
    main()
