"""Is the ledger file sound? Cheap checks at every open, thorough ones on demand.

At every open (`trustworks.ledger.database`): the SQLite header (magic, page size, the bytes
that never vary, a truncated file), the schema's own pages (`PRAGMA quick_check` of
sqlite_schema, which also walks the free-page list) and that every table of this version is
there. `trustworks db check` adds `PRAGMA quick_check` (`integrity_check` with --full) and
reads every stored value the way Trustworks will, naming any it cannot read by table, row
and column.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect
from sqlalchemy.types import Boolean, Date, DateTime, Float, Integer, LargeBinary, Numeric, Time

from trustworks.errors import CorruptDatabaseError, DatabaseError

__all__ = [
    "Unreadable",
    "check_file",
    "check_tables",
    "clear_damage",
    "describe",
    "header_problem",
    "marker",
    "record_damage",
    "recorded_damage",
    "schema_damage",
    "table_of",
    "unreadable_values",
]

SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER = 100
# Transactions on these connections only read (see database._READING): checks never wait for
# a writer's lock.
_READING = {"trustworks_reading": True}


@dataclass(frozen=True)
class Unreadable:
    """A stored value Trustworks cannot read: where it is and why."""

    table: str
    row: int | None
    column: str | None
    problem: str

    def __str__(self) -> str:
        if self.row is None or self.column is None:
            return f"table {self.table}: {self.problem}"
        return f"table {self.table}, row {self.row}, column {self.column}: {self.problem}"


# The file --------------------------------------------------------------------------------------


def check_file(path: Path) -> None:
    """Refuse a folder, a file that is not SQLite, and a SQLite file with a damaged header.

    A missing file is fine (it is created); its missing folder is created here.
    """
    if path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEADER)
                size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot read the database: {exc.strerror}") from None
        magic = head[: len(SQLITE_MAGIC)]
        if magic and magic != SQLITE_MAGIC:
            raise DatabaseError(f"{path}: not a SQLite database (it starts with {magic[:8]!r})")
        problem = header_problem(head, size, _wal_size(path))
        if problem is not None:
            raise CorruptDatabaseError(
                f"{path}: the database file is damaged ({problem}); restore a backup "
                "(the file was left as it is)"
            )
        return
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True)
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot create its folder: {exc.strerror}") from exc


def header_problem(head: bytes, size: int, wal_size: int = 0) -> str | None:
    """What is wrong with a SQLite file's first 100 bytes (and its size), or None.

    Only what the file format fixes is checked (https://www.sqlite.org/fileformat.html),
    so a sound file never fails.
    """
    if size == 0:
        return None  # an empty file is an empty database
    if len(head) < _HEADER:
        return f"the file ends after {size} bytes, inside its 100-byte header"
    raw_page = int.from_bytes(head[16:18], "big")
    page = 65536 if raw_page == 1 else raw_page
    if page < 512 or page & (page - 1):
        return f"header: page size {raw_page} is not a power of two from 512 to 65536"
    if head[18] not in (1, 2) or head[19] not in (1, 2):
        return f"header: file format versions {head[18]} and {head[19]} are not 1 or 2"
    if head[21:24] != b"\x40\x20\x20":
        return "header: the payload fractions are not 64, 32 and 32"
    if any(head[72:92]):
        return "header: the reserved bytes 72-91 are not zero"
    schema_format = int.from_bytes(head[44:48], "big")
    if schema_format > 4:
        return f"header: schema format {schema_format} is not 1 to 4"
    encoding = int.from_bytes(head[56:60], "big")
    if encoding > 3:
        return f"header: text encoding {encoding} is not 1, 2 or 3"
    if wal_size == 0:  # with a write-ahead log, the main file may be mid-checkpoint
        if size % page:
            return f"the file is {size} bytes, not a whole number of {page}-byte pages"
        pages = int.from_bytes(head[28:32], "big")
        counted = head[24:28] == head[92:96]  # the in-header size is valid only then
        if counted and pages * page > size:
            return (
                f"the file is truncated: its header counts {pages} pages, it holds {size // page}"
            )
    return None


def _wal_size(path: Path) -> int:
    try:
        return path.with_name(path.name + "-wal").stat().st_size
    except OSError:
        return 0


# Damage found once is remembered -----------------------------------------------------------------


def marker(path: Path) -> Path:
    """The file beside a SQLite ledger that records damage a check found (no writes till fixed)."""
    return path.with_name(path.name + ".damaged")


def recorded_damage(path: Path) -> str | None:
    """The damage a check recorded for the ledger at `path`, if any."""
    try:
        text = marker(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return text.strip().splitlines()[0] if text.strip() else "damage found earlier"


def record_damage(path: Path, problems: list[str]) -> None:
    """Remember damage beside the file (best effort: a read-only folder keeps nothing)."""
    with contextlib.suppress(OSError):
        marker(path).write_text("\n".join(problems) + "\n", encoding="utf-8")


def clear_damage(path: Path) -> None:
    """Forget recorded damage once a check passes."""
    with contextlib.suppress(OSError):
        marker(path).unlink(missing_ok=True)


# The schema ------------------------------------------------------------------------------------


def schema_damage(engine: Engine) -> str | None:
    """What `PRAGMA quick_check` finds in the schema's pages and free list (None when sound).

    Unreadable schema pages raise the database error: nothing could be read at all.
    """
    with engine.execution_options(**_READING).connect() as conn:
        rows = [str(r) for r in conn.exec_driver_sql("PRAGMA quick_check(sqlite_schema)").scalars()]
    if rows == ["ok"]:
        return None
    return "; ".join(line for r in rows for line in r.splitlines() if not line.startswith("***"))


def check_tables(engine: Engine, where: str) -> None:
    """Refuse a ledger at this version's schema revision that lacks one of its tables."""
    from trustworks.ledger.tables import Base

    with engine.execution_options(**_READING).connect() as conn:
        present = set(inspect(conn).get_table_names())
    missing = sorted(set(Base.metadata.tables) - present)
    if missing:
        raise CorruptDatabaseError(
            f"{where}: the schema is damaged: table(s) {', '.join(missing)} are missing "
            "although its revision says they exist; restore a backup"
        )


_TABLE_IN = re.compile(r'\b(?:FROM|INTO|UPDATE|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def table_of(statement: str | None) -> str | None:
    """The first table an SQL statement names (for saying where a failed read was)."""
    match = _TABLE_IN.search(statement or "")
    return match.group(1) if match else None


# Stored values ---------------------------------------------------------------------------------


def unreadable_values(engine: Engine, limit: int = 50) -> list[Unreadable]:
    """The first `limit` stored values (SQLite) that Trustworks cannot read, in table order.

    Every value is read as bytes and passed through the decoding SQLAlchemy applies to its
    column (UTF-8 text, ISO dates, numbers), so what fails here is what fails a command.
    """
    from trustworks.ledger.tables import Base

    if engine.dialect.name != "sqlite":
        return []  # PostgreSQL checks every value's type and encoding as it is stored
    found: list[Unreadable] = []
    raw = engine.raw_connection()
    driver: Any = raw.driver_connection
    previous = driver.text_factory
    driver.text_factory = bytes
    try:
        present = {r[0].decode() for r in driver.execute("SELECT name FROM sqlite_schema")}
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            readers = [(c.name, _reader(c.type, engine)) for c in table.columns]
            names = ", ".join(f'"{name}"' for name, _ in readers)
            query = f'SELECT rowid, {names} FROM "{table.name}" ORDER BY rowid'
            try:
                for row in driver.execute(query):
                    for (name, read), value in zip(readers, row[1:], strict=True):
                        problem = read(value)
                        if problem is not None:
                            found.append(Unreadable(table.name, row[0], name, problem))
                            if len(found) >= limit:
                                return found
            except sqlite3.DatabaseError as exc:  # a damaged page: the rest of it is lost
                found.append(Unreadable(table.name, None, None, f"cannot be read: {exc}"))
                if len(found) >= limit:
                    return found
    finally:
        driver.text_factory = previous
        raw.close()
    return found


def _reader(type_: Any, engine: Engine) -> Any:
    """A function: stored value -> problem reading it as `type_`, or None."""
    binary = isinstance(type_, LargeBinary)
    numeric = isinstance(type_, Integer | Float | Numeric | Boolean)
    timely = isinstance(type_, Date | DateTime | Time)
    process = type_.dialect_impl(engine.dialect).result_processor(engine.dialect, None)
    what = type_.__class__.__name__.lower()

    def read(value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bytes) and not binary:
            try:
                value = value.decode("utf-8")
            except UnicodeDecodeError:
                return f"{_shown(value)} is not UTF-8 text"
        if numeric and isinstance(value, str):
            return f"{_shown(value)} is text where a number belongs"
        if timely and not isinstance(value, str):
            return f"{_shown(value)} is not a date written as text"
        if process is not None:
            try:
                process(value)
            except (ValueError, TypeError, ArithmeticError) as exc:
                return f"{_shown(value)} cannot be read as a {what} ({exc})"
        return None

    return read


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(where: str, found: list[Unreadable]) -> str:
    """One line for the first unreadable value (and how many more were seen)."""
    more = f" (and {len(found) - 1} more: see `trustworks db check`)" if len(found) > 1 else ""
    return f"{where}: cannot read a stored value: {found[0]}{more}; correct it or restore a backup"
