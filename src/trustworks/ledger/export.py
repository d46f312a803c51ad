"""Export the whole ledger to JSON or CSV, and back it up and restore it with every id kept.

A backup is one JSON document: the schema revision, when it was made, and every table's rows
in id order with dates as ISO strings. Files are written to a temporary file beside the target
and renamed into place, so a crash never leaves half a backup; a restore is one transaction.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import math
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    Table,
    func,
    select,
    text,
)
from sqlalchemy import exc as sa_exc

from trustworks.errors import ConflictError, FormatError, InputError, SchemaTooNewError
from trustworks.files import atomic_text, make_temp_dir, remove_stale_temps, write_failure
from trustworks.ingest.read import read_source
from trustworks.ledger import database
from trustworks.ledger.database import Ledger
from trustworks.ledger.entities import choice_columns
from trustworks.ledger.tables import Base
from trustworks.ledger.users import ROLES

FORMAT = "trustworks-ledger"
MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024
ALL_TABLES: tuple[Table, ...] = tuple(Base.metadata.sorted_tables)  # parents before children
# Sign-in sessions are not data: a restored ledger should not revive someone's login.
NOT_EXPORTED = frozenset({"web_sessions"})
TABLES: tuple[Table, ...] = tuple(t for t in ALL_TABLES if t.name not in NOT_EXPORTED)
_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


@dataclass(frozen=True)
class RestoreReport:
    """What a restore wrote, table by table, and how many rows it wiped first."""

    source: str
    rows: dict[str, int]
    wiped: int

    def summary(self) -> str:
        """One line, e.g. "backup.json: restored 120 rows (accounts 10, people 40, ...)"."""
        counts = ", ".join(f"{t} {n}" for t, n in self.rows.items() if n)
        text_ = f"{self.source}: restored {sum(self.rows.values())} row(s)"
        text_ += f" ({counts})" if counts else ""
        return text_ + (f", after wiping {self.wiped}" if self.wiped else "")


# Writing files atomically ----------------------------------------------------------------------


# The backup's own writer: private, complete or absent (see trustworks.files).
atomic_file = atomic_text


# Export ----------------------------------------------------------------------------------------


def write_json(ledger: Ledger, out: IO[str]) -> dict[str, int]:
    """Write the whole ledger as one JSON document, a row to a line; returns rows per table."""
    counts: dict[str, int] = {}
    revision = database.schema_revision(ledger.engine)
    with _snapshot(ledger) as conn:
        exported_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        out.write(f'{{\n  "format": "{FORMAT}",\n  "schema_revision": {json.dumps(revision)},\n')
        out.write(f'  "exported_at": "{exported_at}",\n  "tables": {{')
        for t, table in enumerate(TABLES):
            out.write(f"{',' if t else ''}\n    {json.dumps(table.name)}: [")
            counts[table.name] = 0
            for row in _rows(conn, table):
                out.write(f"{',' if counts[table.name] else ''}\n      ")
                out.write(json.dumps(_to_json(row), ensure_ascii=False, allow_nan=False))
                counts[table.name] += 1
            out.write("\n    ]" if counts[table.name] else "]")
        out.write("\n  }\n}\n")
    return counts


def export_json(ledger: Ledger, path: str | Path) -> dict[str, int]:
    """Write the whole ledger to a JSON file (atomically); the backup format.

    Temporary files an earlier, killed backup left beside it are removed first; a full disk
    raises OutputError and leaves no file behind.
    """
    remove_stale_temps(Path(path).parent)
    with atomic_file(path) as handle:
        return write_json(ledger, handle)


backup = export_json


def export_csv(ledger: Ledger, folder: str | Path) -> dict[str, int]:
    """Write one CSV per table (`accounts.csv`, ...) into `folder`, created when missing.

    The files are written beside it first, so a failure changes nothing there.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InputError(str(target), "is a file; --format csv writes a folder of CSV files")
    parent = target.parent if target.parent.is_dir() else None
    if parent is None:
        raise InputError(str(target), f"no such folder: {target.parent}")
    counts: dict[str, int] = {}
    remove_stale_temps(parent)
    staging = make_temp_dir(target)
    try:
        with _snapshot(ledger) as conn:
            for table in TABLES:
                path = staging / f"{table.name}.csv"
                try:
                    counts[table.name] = _write_csv(conn, table, path)
                except OSError as exc:
                    raise write_failure(target / path.name, exc) from exc
        if not target.exists():
            staging.rename(target)
            return counts
        for file in sorted(staging.iterdir()):
            file.replace(target / file.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return counts


def _write_csv(conn: Connection, table: Table, path: Path) -> int:
    count = 0
    path.touch(mode=0o600)  # private, like a backup
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in table.columns])
        for row in _rows(conn, table):
            writer.writerow(_csv_cell(v) for v in _to_json(row).values())
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@contextlib.contextmanager
def _snapshot(ledger: Ledger) -> Iterator[Connection]:
    """A read-only transaction that sees one moment of the database across all tables."""
    with ledger.session() as session:
        options = {}
        if ledger.engine.dialect.name == "postgresql":  # SQLite's transactions already do
            options = {"isolation_level": "REPEATABLE READ"}
        yield session.connection(execution_options=options)


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    query = select(table).order_by(*table.primary_key.columns).execution_options(yield_per=500)
    for row in conn.execute(query):
        yield dict(row._mapping)


def _to_json(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dt.date):  # datetimes too
            value = value.isoformat()
        elif isinstance(value, float) and not math.isfinite(value):
            value = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        out[key] = value
    return out


# Restore ---------------------------------------------------------------------------------------


def restore(
    ledger: Ledger,
    path: str | Path,
    *,
    replace: bool = False,
    max_bytes: int = MAX_BACKUP_BYTES,
) -> RestoreReport:
    """Load a backup into an empty ledger (or, with `replace`, wipe it first) in one transaction."""
    data, source = read_source(path, max_bytes)
    tables = read_backup(data, source)
    return restore_tables(ledger, tables, source, replace=replace)


def read_backup(data: bytes, source: str) -> dict[str, list[dict[str, Any]]]:
    """Check a backup document and convert its rows to column values, table by table."""
    try:
        text_ = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FormatError(source, f"not UTF-8 (byte 0x{data[exc.start]:02x})", line) from None
    if not text_.strip():
        raise FormatError(source, "empty file: not a Trustworks backup")
    try:
        doc = json.loads(text_, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON: {exc.msg} (column {exc.colno})"
        raise FormatError(source, problem, exc.lineno) from None
    except (RecursionError, ValueError) as exc:
        raise FormatError(source, f"not a Trustworks backup: {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise FormatError(source, f'not a Trustworks backup (no "format": "{FORMAT}")')
    _check_revision(doc.get("schema_revision"), source)
    raw_tables = doc.get("tables")
    if not isinstance(raw_tables, dict):
        raise FormatError(source, '"tables" is not an object of table names to rows')
    known = {t.name: t for t in TABLES}
    unknown = sorted(set(raw_tables) - set(known))
    if unknown:
        raise FormatError(source, f"unknown table(s) {', '.join(map(repr, unknown))}")
    return {
        name: _table_rows(known[name], raw_tables.get(name, []), source)
        for name in known
        if name in raw_tables
    }


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _check_revision(revision: object, source: str) -> None:
    head = database.head_revision()
    known = database.known_revisions()
    if not isinstance(revision, str):
        raise FormatError(source, '"schema_revision" is missing or not text')
    if revision not in known:
        raise SchemaTooNewError(
            f"{source}: the backup has schema revision {revision!r}, which this Trustworks does "
            f"not know (newest known: {head}); restore it with a newer Trustworks"
        )


def _table_rows(table: Table, rows: object, source: str) -> list[dict[str, Any]]:
    if not isinstance(rows, list):
        raise FormatError(source, f"{table.name}: expected a list of rows")
    columns = {c.name: c for c in table.columns}
    out: list[dict[str, Any]] = []
    for number, row in enumerate(rows, 1):
        where = f"{table.name} row {number}"
        if not isinstance(row, dict):
            raise FormatError(source, f"{where}: expected an object of column values")
        unknown = sorted(set(row) - set(columns))
        if unknown:
            raise FormatError(source, f"{where}: unknown column(s) {', '.join(unknown)}")
        for key in table.primary_key.columns:
            if row.get(key.name) is None:
                raise FormatError(source, f"{where}: has no {key.name}")
        if "id" in row:
            where = f"{where} (id {row['id']})"
        converted: dict[str, Any] = {}
        for name, value in row.items():
            try:
                converted[name] = _from_json(columns[name].type, value)
            except (TypeError, ValueError) as exc:
                raise FormatError(source, f"{where}: {name}: {exc}") from None
            if converted[name] is None and not columns[name].nullable:
                raise FormatError(source, f"{where}: {name}: must not be null")
            allowed = _CHOICES.get((table.name, name))
            if (
                allowed is not None
                and converted[name] is not None
                and converted[name] not in allowed
            ):
                raise FormatError(
                    source,
                    f"{where}: {name}: {converted[name]!r} is not one of {', '.join(allowed)}",
                )
        out.append(converted)
    return out


# Values the schemas allow in choice columns: a hand-edited backup may hold anything.
_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    **choice_columns(),
    ("users", "role"): ROLES,
}


def _from_json(type_: Any, value: Any) -> Any:
    """A column value from its JSON form; TypeError or ValueError says what is wrong."""
    if value is None:
        return None
    if isinstance(type_, Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, not {value!r}")
        return value
    if isinstance(type_, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected a whole number, not {value!r}")
        return value
    if isinstance(type_, Float):
        if isinstance(value, str) and value in _NON_FINITE:
            return _NON_FINITE[value]
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise TypeError(f"expected a number, not {value!r}")
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {value!r}")
    if isinstance(type_, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(type_, Date):
        return dt.date.fromisoformat(value)
    if isinstance(type_, String) and type_.length is not None and len(value) > type_.length:
        raise ValueError(f"longer than {type_.length} characters")
    return value


def restore_tables(
    ledger: Ledger, rows: dict[str, list[dict[str, Any]]], source: str, *, replace: bool = False
) -> RestoreReport:
    """Insert checked backup rows, ids and all, in one transaction (see `read_backup`)."""
    with ledger.session() as session:
        conn = session.connection()
        present = {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0 for t in ALL_TABLES
        }
        wiped = sum(present.values())
        if wiped and not replace:
            shown = ", ".join(f"{n} {t}" for t, n in present.items() if n)
            raise ConflictError(
                f"{ledger.display_url} is not empty ({shown}); restore into an empty ledger, "
                "or pass --replace to wipe it first"
            )
        try:
            for table in reversed(ALL_TABLES):
                conn.execute(table.delete())
            counts = {t.name: _insert(conn, t, rows.get(t.name, [])) for t in TABLES}
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
        except sa_exc.DBAPIError as exc:
            first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "refused"
            raise ConflictError(f"{source}: the database refused the backup: {first}") from None
    return RestoreReport(source, counts, wiped)


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> int:
    # A row may point at a later row of its own table (a user's manager): set those links last.
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    links: list[tuple[Any, str, Any]] = []
    # Rows of one executemany must name the same columns; a backup from an older revision may not.
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        for name in own:
            if row.get(name) is not None:
                links.append((row["id"], name, row[name]))
                row = {**row, name: None}
        groups.setdefault(tuple(sorted(row)), []).append(row)
    for group in groups.values():
        conn.execute(table.insert(), group)
    for ident, name, value in links:
        conn.execute(table.update().where(table.c.id == ident).values({name: value}))
    return len(rows)


def _reset_sequences(conn: Connection) -> None:
    """Point each id sequence past the restored ids, so the next insert does not collide."""
    for table in TABLES:
        if not _has_serial_id(table):
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )


def _has_serial_id(table: Table) -> bool:
    keys = list(table.primary_key.columns)
    return len(keys) == 1 and keys[0].name == "id" and isinstance(keys[0].type, Integer)
