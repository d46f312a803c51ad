"""Fault injection: a full disk, a second process holding the lock, a damaged file, kill -9.

Every test runs the real `trustworks` command in a child process and proves the same three
things: nothing acknowledged (exit 0) is lost, no command exits 0 after losing a write, and
a failure is one line on stderr with exit 2, never a traceback.

A full disk is a small tmpfs when this runs as root (CI does) and, everywhere, a file size
limit (RLIMIT_FSIZE) on the child, which makes the kernel refuse to grow the database files
as a full disk would.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from psycopg import errors as psycopg_errors
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc

from trustworks.errors import ReadOnlyDatabaseError
from trustworks.ledger import repository
from trustworks.ledger.database import check_database, database_error, open_ledger
from trustworks.ledger.imports import import_text

CLI = "from trustworks.cli import main; main()"
# Every child waits at most this long for a lock: the tests of giving up stay quick.
TIMEOUT_S = "1"


@dataclass
class Result:
    """A finished command: exit code, standard output and standard error."""

    code: int
    out: str
    err: str

    def assert_one_line_error(self, *words: str) -> None:
        """Exit 2 and a single `error:` line containing every word, no traceback."""
        assert self.code == 2, (self.code, self.out[-500:], self.err[-2000:])
        assert "Traceback" not in self.err, self.err[-3000:]
        lines = [line for line in self.err.splitlines() if line.strip()]
        assert len(lines) == 1, self.err[-2000:]
        assert lines[0].startswith("error: "), lines[0]
        for word in words:
            assert word in lines[0], lines[0]


def run(
    *args: str,
    db: str,
    limit_bytes: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> Result:
    """`trustworks ARGS --db DB` in a child process (its file size limited when asked)."""
    preexec: Callable[[], None] | None = None
    if limit_bytes is not None:

        def preexec() -> None:
            # SIGXFSZ would kill the child; ignored, the write fails with EFBIG instead.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    child_env = {**os.environ, "TRUSTWORKS_DATABASE_TIMEOUT": TIMEOUT_S, "COLUMNS": "200"}
    child_env.pop("TRUSTWORKS_DATABASE_URL", None)
    child_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-c", CLI, *args, "--db", db],
        capture_output=True,
        text=True,
        env=child_env,
        preexec_fn=preexec,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def people_csv(path: Path, rows: int, *, bad_every: int = 0, notes: int = 2000) -> Path:
    """A people import (`notes` characters each); every `bad_every`-th row lacks its name."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("account,name,email,notes\n")
        for i in range(rows):
            name = "" if bad_every and i % bad_every == bad_every - 1 else f"Person {i}"
            note = f"{i:08d}" * (notes // 8)  # different on every row: no page compresses it
            out.write(f"Account {i % 50},{name},person{i}@example.com,{note}\n")
    return path


def count(db: Path, table: str) -> int:
    """Rows in a table, read with the standard library (nothing of ours in between)."""
    with contextlib.closing(sqlite3.connect(db)) as conn:
        value: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return value


def seeded(folder: Path) -> Path:
    """A ledger with one account and one person, each added by a call that returned."""
    db = folder / "ledger.sqlite3"
    ledger = open_ledger(str(db))
    try:
        with ledger.session() as session:
            account = repository.add(session, "account", {"name": "Acknowledged Ltd"})
        with ledger.session() as session:
            ident = account.id  # type: ignore[attr-defined]
            repository.add(session, "person", {"name": "Ann Acked", "account": str(ident)})
    finally:
        ledger.close()
    return db


# A full disk ------------------------------------------------------------------------------------

DISK_BYTES = 2 * 1024 * 1024  # room for the seeded ledger, not for the import


@contextlib.contextmanager
def small_disk(kind: str, where: Path) -> Iterator[int | None]:
    """A folder with little room; yields the child's file size limit (None on a tmpfs)."""
    where.mkdir()
    if kind == "rlimit":
        yield DISK_BYTES
        return
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root and mount(8); the rlimit variant covers the rest")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={DISK_BYTES // 1024}k", "tmpfs", str(where)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield None
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.parametrize("kind", ["tmpfs", "rlimit"])
@pytest.mark.parametrize("skip_invalid", [True, False], ids=["skip-invalid", "all-or-nothing"])
def test_import_disk_full_aborts_whole_import_and_keeps_acknowledged_rows(
    kind: str, skip_invalid: bool, tmp_path: Path
) -> None:
    with small_disk(kind, tmp_path / "disk") as limit:
        db = seeded(tmp_path / "disk")
        csv_path = people_csv(tmp_path / "people.csv", 3000, bad_every=100 if skip_invalid else 0)
        extra = ["--skip-invalid"] if skip_invalid else []
        result = run(
            "import", "people", str(csv_path), "-m", "trustworks", *extra, db=str(db),
            limit_bytes=limit,
        )  # fmt: skip
        result.assert_one_line_error("disk", "nothing was written")
        assert "invalid" not in result.err
        assert count(db, "people") == 1  # the acknowledged person, and nothing of the import
        assert count(db, "accounts") == 1
        # The ledger is sound and usable once there is room again.
        listed = run("ledger", "list", "person", db=str(db))
        assert listed.code == 0, listed.err
        assert "Ann Acked" in listed.out


def test_an_add_that_does_not_fit_on_the_disk_is_refused_and_one_that_fits_is_kept(
    tmp_path: Path,
) -> None:
    db = seeded(tmp_path)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # The write-ahead log may grow this far: a small entry (with its audit line and search
    # index rows, about 70-90 KiB of log), not a big one (about 150-190 KiB).
    limit = 128 * 1024
    small = run("ledger", "add", "account", "name=Small Ltd", db=str(db), limit_bytes=limit)
    big = run(
        "ledger", "add", "account", "name=Big Ltd", f"notes={'n' * 90_000}", db=str(db),
        limit_bytes=limit,
    )  # fmt: skip
    assert small.code == 0, small.err
    big.assert_one_line_error("disk", "nothing was written")
    assert names(f"sqlite:///{db}") == ["Acknowledged Ltd", "Small Ltd"]


# A second process holding the write lock -------------------------------------------------------

# Runs in a child: takes the write lock (SQLite: BEGIN IMMEDIATE and a write; PostgreSQL: a
# lock on the accounts table that every insert waits for), adds one account, says so, and
# commits when told.
HOLDER = """
import sqlite3
import sys
from sqlalchemy import create_engine, text

url = sys.argv[1]
if url.startswith("sqlite"):
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO accounts (name, created_at) VALUES ('Holder', '2026-01-01')")
    print("holding", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
else:
    with create_engine(url).connect() as conn:
        conn.execute(text("LOCK TABLE accounts IN EXCLUSIVE MODE"))
        conn.execute(text("INSERT INTO accounts (name) VALUES ('Holder')"))
        print("holding", flush=True)
        sys.stdin.readline()
        conn.commit()
print("released", flush=True)
"""


@contextlib.contextmanager
def lock_held(url: str) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the database's write lock until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        line = holder.stdout.readline()
        assert line == "holding\n", holder.communicate(timeout=60)[1][-2000:]
        yield holder
    finally:
        if holder.poll() is None:
            holder.stdin.write("\n")
            holder.stdin.flush()
        _, err = holder.communicate(timeout=60)
        assert holder.returncode == 0, err[-2000:]


def names(url: str, table: str = "accounts") -> list[str]:
    """Every name in a table, read without Trustworks in between."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(conn.scalars(text(f"SELECT name FROM {table}")))
    finally:
        engine.dispose()


def test_a_write_while_another_process_holds_the_lock_is_one_line_and_exit_2(
    db_url: str, tmp_path: Path
) -> None:
    open_ledger(db_url).close()
    csv_path = people_csv(tmp_path / "people.csv", 50, bad_every=10, notes=8)
    with lock_held(db_url):
        added = run("ledger", "add", "account", "name=Blocked", db=db_url)
        imported = run(
            "import", "people", str(csv_path), "-m", "trustworks", "--skip-invalid", db=db_url
        )
        listed = run("ledger", "list", "account", db=db_url)  # a read does not wait
    added.assert_one_line_error("locked by another process", "try again")
    # The lock is not a problem of the rows: nothing is called invalid, nothing is written.
    imported.assert_one_line_error("locked by another process")
    assert "invalid" not in imported.out + imported.err
    assert listed.code == 0, listed.err
    assert "0 accounts" in listed.out  # the holder's row is not committed yet
    assert names(db_url) == ["Holder"]
    assert names(db_url, "people") == []
    again = run("ledger", "add", "account", "name=After", db=db_url)
    assert again.code == 0, again.err
    assert names(db_url) == ["After", "Holder"]


def test_a_rescore_while_another_process_holds_the_lock_is_one_line_and_exit_2(
    tmp_path: Path,
) -> None:
    db = accounts_ledger(tmp_path / "locked", rows=3)
    url = f"sqlite:///{db}"
    with lock_held(url):
        rescored = run("db", "rescore", db=url)
    rescored.assert_one_line_error("locked by another process")
    after = run("db", "rescore", db=url)
    assert after.code == 0 and "0 stored calls checked, 0 rescored" in after.out, after.err


def test_a_writer_waits_for_a_lock_held_briefly_and_skips_no_valid_row(db_url: str) -> None:
    ledger = open_ledger(db_url)
    rows = "account,name\n" + "".join(f"Waiting Co,Person {i}\n" for i in range(500))
    try:
        with lock_held(db_url) as holder:
            assert holder.stdin is not None
            stdin = holder.stdin
            release = threading.Timer(2.0, lambda: (stdin.write("\n"), stdin.flush()))
            release.start()
            started = time.monotonic()
            report = import_text(
                ledger, "people", rows, "people.csv", "trustworks", skip_invalid=True
            )
            waited = time.monotonic() - started
            release.join()
    finally:
        ledger.close()
    assert report.skipped == ()
    assert report.created == 500
    assert waited >= 1.0  # it waited for the lock instead of failing or skipping
    assert len(names(db_url, "people")) == 500
    assert names(db_url) == ["Holder", "Waiting Co"]


# kill -9 in the middle of writing --------------------------------------------------------------

# Runs in a child: adds accounts one transaction at a time and prints each name once its
# commit has returned (acknowledged), until killed.
WRITER = """
import sys
from trustworks.errors import ReadOnlyDatabaseError
from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger

ledger = open_ledger(sys.argv[1])
for i in range(100_000):
    with ledger.session() as session:
        repository.add(session, "account", {"name": f"Acked {i:06d}", "notes": "x" * 2000})
    print(f"Acked {i:06d}", flush=True)
"""


def test_kill_9_mid_write_loses_no_acknowledged_write(db_url: str) -> None:
    open_ledger(db_url).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, db_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acknowledged: list[str] = []
    try:
        while len(acknowledged) < 40:
            line = writer.stdout.readline()
            if not line:
                pytest.fail(writer.communicate(timeout=60)[1][-2000:])
            acknowledged.append(line.strip())
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=60)
    # Lines the writer printed before the kill but this side had not read yet are
    # acknowledged too: on a busy machine the writer runs a few commits ahead of the reader.
    acknowledged += [line.strip() for line in writer.stdout.read().splitlines() if line.strip()]
    stored = names(db_url)
    assert set(acknowledged) <= set(stored)
    assert len(stored) - len(acknowledged) <= 1  # at most the one committed but not printed
    if db_url.startswith("sqlite"):
        report = check_database(db_url)
        assert report.ok, report.problems
    after = run("ledger", "add", "account", "name=After the kill", db=db_url)
    assert after.code == 0, after.err


# A damaged file --------------------------------------------------------------------------------


def accounts_ledger(folder: Path, rows: int = 300) -> Path:
    """A SQLite ledger with `rows` accounts, checkpointed so every page is in the main file."""
    folder.mkdir(exist_ok=True)
    db = folder / "ledger.sqlite3"
    ledger = open_ledger(str(db))
    try:
        with ledger.session() as session:
            for i in range(rows):
                repository.add(session, "account", {"name": f"Account {i}", "notes": "n" * 1000})
    finally:
        ledger.close()
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def overwrite(db: Path, offset: int, data: bytes) -> None:
    with db.open("r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def test_a_damaged_header_is_refused_by_every_command_and_left_as_it_is(tmp_path: Path) -> None:
    db = accounts_ledger(tmp_path / "d")
    overwrite(db, 21, b"\x00\x00\x00")  # the payload fractions, fixed at 64/32/32
    before = db.read_bytes()
    listed = run("ledger", "list", "account", db=str(db))
    added = run("ledger", "add", "account", "name=Never", db=str(db))
    checked = run("db", "check", db=str(db))
    listed.assert_one_line_error("damaged", "header")
    added.assert_one_line_error("damaged", "header")
    assert checked.code == 2 and "header" in checked.out and "Traceback" not in checked.err
    assert db.read_bytes() == before


def test_a_damaged_page_is_named_and_writes_are_refused_until_a_check_passes(
    tmp_path: Path,
) -> None:
    db = accounts_ledger(tmp_path / "d")
    with contextlib.closing(sqlite3.connect(db)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (page,) = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'accounts' AND pagetype = 'leaf' LIMIT 1"
        ).fetchone()
    overwrite(db, (page - 1) * page_size, b"\xab" * page_size)
    before = db.read_bytes()
    listed = run("ledger", "list", "account", db=str(db))
    listed.assert_one_line_error("damaged", "malformed", "table accounts")
    checked = run("db", "check", db=str(db))
    assert checked.code == 2, checked.err
    assert "table accounts: cannot be read" in checked.out
    assert "Traceback" not in checked.err
    added = run("ledger", "add", "account", "name=Never", db=str(db))
    added.assert_one_line_error("damaged", "nothing was written")
    assert db.read_bytes() == before


def test_unreadable_values_are_named_by_table_row_and_column(tmp_path: Path) -> None:
    db = accounts_ledger(tmp_path / "d", rows=20)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE accounts SET name = CAST(x'416263ff' AS TEXT) WHERE id = 7")
        conn.execute("UPDATE accounts SET created_at = 'garbage' WHERE id = 9")
        conn.commit()
    listed = run("ledger", "list", "account", db=str(db))
    listed.assert_one_line_error("table accounts, row 7, column name", "not UTF-8")
    checked = run("db", "check", db=str(db))
    assert checked.code == 2, checked.err
    assert "table accounts, row 7, column name" in checked.out
    assert "table accounts, row 9, column created_at: 'garbage'" in checked.out
    refused = run("ledger", "add", "account", "name=Not yet", db=str(db))
    refused.assert_one_line_error("damaged", "nothing was written")
    # Repaired by hand: the check passes, and writing works again.
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE accounts SET name = 'Abc' WHERE id = 7")
        conn.execute("UPDATE accounts SET created_at = '2026-01-01 00:00:00' WHERE id = 9")
        conn.commit()
    assert run("db", "check", db=str(db)).code == 0
    again = run("ledger", "add", "account", "name=Now", db=str(db))
    assert again.code == 0, again.err
    assert count(db, "accounts") == 21


def test_damage_in_the_schema_pages_opens_read_only(tmp_path: Path) -> None:
    db = accounts_ledger(tmp_path / "d", rows=5)
    overwrite(db, 36, (5).to_bytes(4, "big"))  # the free-page count no longer matches
    listed = run("ledger", "list", "account", db=str(db))
    assert listed.code == 0, listed.err
    assert "Account 4" in listed.out
    added = run("ledger", "add", "account", "name=Never", db=str(db))
    added.assert_one_line_error("damaged", "freelist", "nothing was written")
    assert count(db, "accounts") == 5


# A read-only file or folder --------------------------------------------------------------------


@contextlib.contextmanager
def read_only_folder(where: Path) -> Iterator[None]:
    """`where` (holding a ledger) made read-only: remounted read-only as root, else chmod."""
    if os.geteuid() != 0:
        where.chmod(0o555)
        try:
            yield
        finally:
            where.chmod(0o755)
        return
    if shutil.which("mount") is None:
        pytest.skip("root writes through any permission, and mount(8) is missing")
    staged = where.with_name(where.name + "-staged")
    where.rename(staged)
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(where)], check=False).returncode:
        pytest.skip("root writes through any permission, and no tmpfs can be mounted")
    try:
        for item in staged.iterdir():
            shutil.copy2(item, where / item.name)
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        yield
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_folder_still_reads_and_says_plainly_that_it_cannot_write(
    tmp_path: Path,
) -> None:
    db = accounts_ledger(tmp_path / "ro", rows=3)
    with read_only_folder(tmp_path / "ro"):
        listed = run("ledger", "list", "account", db=str(db))
        shown = run("ledger", "show", "account", "1", db=str(db))
        checked = run("db", "check", db=str(db))
        added = run("ledger", "add", "account", "name=Never", db=str(db))
        created = run("ledger", "list", "account", db=str(tmp_path / "ro" / "new.sqlite3"))
        assert sorted(p.name for p in (tmp_path / "ro").iterdir()) == ["ledger.sqlite3"]
        with contextlib.closing(sqlite3.connect(f"file:{db}?immutable=1", uri=True)) as conn:
            assert conn.execute("SELECT count(*) FROM accounts").fetchone() == (3,)
    assert listed.code == 0, listed.err
    assert "Account 2" in listed.out
    assert shown.code == 0 and "Account 0" in shown.out, shown.err
    assert checked.code == 0 and "ok" in checked.out, checked.err
    added.assert_one_line_error("cannot write", "read-only", "nothing was written")
    created.assert_one_line_error("cannot create the ledger", "read-only")


def test_a_read_only_file_still_reads_and_refuses_writes(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes a read-only file anyway; the folder test covers root")
    db = accounts_ledger(tmp_path / "rofile", rows=3)
    db.chmod(0o444)
    listed = run("ledger", "list", "account", db=str(db))
    added = run("ledger", "add", "account", "name=Never", db=str(db))
    assert listed.code == 0 and "Account 2" in listed.out, listed.err
    added.assert_one_line_error("cannot write", "read-only")


def test_a_ledger_opened_read_only_reads_in_any_transaction_and_refuses_a_write(
    tmp_path: Path,
) -> None:
    db = accounts_ledger(tmp_path / "d", rows=2)
    ledger = open_ledger(str(db), read_only=True)
    try:
        with ledger.session() as session:  # a write transaction that only reads is fine
            assert len(repository.rows(session, "account")) == 2
        refused = pytest.raises(ReadOnlyDatabaseError, match="read-only; nothing was written")
        with refused, ledger.session() as session:
            repository.add(session, "account", {"name": "Never"})
    finally:
        ledger.close()
    assert count(db, "accounts") == 2


@pytest.mark.parametrize(
    ("table", "column", "stored", "command"),
    [
        ("accounts", "created_at", "'garbage'", ("ledger", "list", "account")),
        ("accounts", "name", "CAST(x'80' AS TEXT)", ("ledger", "show", "account", "3")),
    ],
)
def test_a_value_that_cannot_be_read_is_one_line_naming_where_it_is(
    table: str, column: str, stored: str, command: tuple[str, ...], tmp_path: Path
) -> None:
    db = accounts_ledger(tmp_path / "d", rows=5)
    with contextlib.closing(sqlite3.connect(db)) as conn:
        conn.execute(f"UPDATE {table} SET {column} = {stored} WHERE id = 3")
        conn.commit()
    run(*command, db=str(db)).assert_one_line_error(f"table {table}, row 3, column {column}")


def test_db_check_passes_a_sound_ledger_on_each_backend(db_url: str) -> None:
    ledger = open_ledger(db_url)
    with ledger.session() as session:
        repository.add(session, "account", {"name": "Sound Ltd", "notes": "é ✓"})
    ledger.close()
    checked = run("db", "check", "--full", db=db_url)
    assert checked.code == 0, checked.out + checked.err
    assert ": ok (" in checked.out


# How each database failure is told ------------------------------------------------------------


def _sqlite_error(code: int, message: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("orig", "expected", "words"),
    [
        (_sqlite_error(sqlite3.SQLITE_BUSY, "database is locked"), "DatabaseBusyError", "locked"),
        (
            _sqlite_error(sqlite3.SQLITE_FULL, "database or disk is full"),
            "DatabaseFullError",
            "full",
        ),
        (
            _sqlite_error(sqlite3.SQLITE_IOERR | (4 << 8), "disk I/O error"),
            "DatabaseFullError",
            "disk",
        ),
        (
            _sqlite_error(sqlite3.SQLITE_READONLY, "attempt to write"),
            "ReadOnlyDatabaseError",
            "cannot write",
        ),
        (_sqlite_error(sqlite3.SQLITE_CORRUPT, "malformed"), "CorruptDatabaseError", "damaged"),
        (psycopg_errors.LockNotAvailable("lock timeout"), "DatabaseBusyError", "locked"),
        (
            psycopg_errors.SerializationFailure("could not serialize"),
            "DatabaseBusyError",
            "try again",
        ),
        (psycopg_errors.DeadlockDetected("deadlock"), "DatabaseBusyError", "try again"),
        (psycopg_errors.DiskFull("no space left"), "DatabaseFullError", "full"),
        (
            psycopg_errors.ReadOnlySqlTransaction("read-only"),
            "ReadOnlyDatabaseError",
            "cannot write",
        ),
        (psycopg_errors.DataCorrupted("invalid page"), "CorruptDatabaseError", "damaged"),
        (psycopg_errors.UniqueViolation("duplicate key"), "ConflictError", "refused the change"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_database_error_says_what_happened(orig: Exception, expected: str, words: str) -> None:
    wrapper = sa_exc.IntegrityError if "duplicate" in str(orig) else sa_exc.OperationalError
    error = database_error(wrapper("INSERT INTO accounts ...", {}, orig), None, where="w.db")
    assert type(error).__name__ == expected
    assert str(error).startswith("w.db: ")
    assert words in str(error)
    assert "\n" not in str(error)
