"""An import stopped half-way, by an exception or by SIGKILL, leaves nothing written."""

from __future__ import annotations

import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.imports import import_file

ROWS = 20_000
MARK_AT = 200

# Runs in a child process: imports through the library and says when rows are being written.
CHILD = """
import sys
from trustworks.ledger.database import open_ledger
from trustworks.ledger.imports import import_file

url, path, mark_at = sys.argv[1], sys.argv[2], int(sys.argv[3])

def progress(done, total):
    if done == mark_at:
        print(f"written {done} of {total}", flush=True)

import_file(open_ledger(url), "people", path, "trustworks", progress=progress)
print("finished", flush=True)
"""


def _people_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("account,name,email,title\n")
        for i in range(rows):
            out.write(f"Account {i % 500},Person {i},person{i}@example.com,Buyer\n")
    return path


def _counts(ledger: Ledger) -> tuple[int, int]:
    with ledger.session() as s:
        accounts = s.scalar(select(func.count()).select_from(tables.Account))
        people = s.scalar(select(func.count()).select_from(tables.Person))
    return accounts or 0, people or 0


def _read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            return ""
    return proc.stdout.readline()


def test_import_killed_mid_import_leaves_nothing_and_the_ledger_opens(
    db_url: str, tmp_path: Path
) -> None:
    open_ledger(db_url).close()  # migrated first, so the kill lands in the import itself
    csv_path = _people_csv(tmp_path / "people.csv", ROWS)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, db_url, str(csv_path), str(MARK_AT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = _read_line(proc, timeout=120)
        if not line:
            proc.kill()
        assert line == f"written {MARK_AT} of {ROWS}\n", proc.communicate()[1][-2000:]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL  # killed, not finished
    ledger = open_ledger(db_url)
    try:
        assert _counts(ledger) == (0, 0)
        if ledger.engine.dialect.name == "sqlite":
            with ledger.engine.connect() as conn:
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        with ledger.session() as s:
            repo.add(s, "account", {"name": "After the kill"})
        assert _counts(ledger) == (1, 0)
    finally:
        ledger.close()


class _StopError(Exception):
    pass


def test_import_interrupted_by_an_error_leaves_nothing(ledger: Ledger, tmp_path: Path) -> None:
    csv_path = _people_csv(tmp_path / "people.csv", 50)

    def progress(done: int, total: int) -> None:
        if done == 30:
            raise _StopError

    with pytest.raises(_StopError):
        import_file(ledger, "people", csv_path, "trustworks", progress=progress)
    assert _counts(ledger) == (0, 0)
