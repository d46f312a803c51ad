"""Export the whole ledger to JSON or CSV, and back it up and restore it with every id kept.

A backup is one JSON document: the schema revision, when it was made, and every table's rows
in id order with dates as ISO strings. Files are written to a temporary file beside the target
and renamed into place, so a crash never leaves half a backup; a restore is one transaction.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import importlib
import io
import json
import math
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, NoReturn

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

from trustworks.conversation import fold_name
from trustworks.errors import (
    ConflictError,
    FieldError,
    FormatError,
    InputError,
    InputTooLargeError,
    SchemaTooNewError,
)
from trustworks.files import atomic_text, make_temp_dir, remove_stale_temps, write_failure
from trustworks.ingest.read import read_source
from trustworks.ledger import database, repository, search
from trustworks.ledger.database import Ledger
from trustworks.ledger.entities import KINDS, Kind, choice_columns
from trustworks.ledger.money import Money, as_json, to_amount
from trustworks.ledger.tables import Base
from trustworks.ledger.users import ROLES
from trustworks.plural import counted

FORMAT = "trustworks-ledger"
MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024
ALL_TABLES: tuple[Table, ...] = tuple(Base.metadata.sorted_tables)  # parents before children
# Sign-in sessions are not data: a restored ledger should not revive someone's login. The
# search index is made from the records (search.rebuild at the end of a restore).
DERIVED = frozenset({search.documents.name})
# Who wrote which audit answers stays in the ledger: a backup keeps the answers, anonymous.
NOT_EXPORTED = frozenset({"web_sessions", "audit_authors"}) | DERIVED
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
        text_ = f"{self.source}: restored {counted(sum(self.rows.values()), 'row')}"
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
        elif isinstance(value, Decimal):  # money: text keeps every digit through any JSON reader
            value = as_json(value)
        elif isinstance(value, float) and not math.isfinite(value):
            value = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
        out[key] = value
    return out


# Restore ---------------------------------------------------------------------------------------

# Rows are read, checked and inserted this many at a time: memory stays flat however big the file.
_BATCH_ROWS = 500
_CHUNK_BYTES = 1024 * 1024
# One row (a JSON value) longer than this is refused rather than buffered.
MAX_ROW_CHARS = 256 * 1024 * 1024
_ID_RANGE = (-(2**63), 2**63 - 1)  # what SQLite's INTEGER and PostgreSQL's bigint hold


def restore(
    ledger: Ledger,
    path: str | Path,
    *,
    replace: bool = False,
    max_bytes: int = MAX_BACKUP_BYTES,
) -> RestoreReport:
    """Load a backup into an empty ledger (or, with `replace`, wipe it first) in one transaction.

    The file is read as a stream, a batch of rows at a time, each row checked exactly as `add`
    checks an entry; the first bad row aborts the whole restore and nothing is written.
    """
    with _open_backup(path, max_bytes) as (handle, source):
        reader = BackupReader(handle, source, max_bytes=max_bytes)
        reader.read_header()
        return _restore_stream(ledger, reader, replace=replace)


@contextlib.contextmanager
def _open_backup(path: str | Path, max_bytes: int) -> Iterator[tuple[IO[bytes], str]]:
    if str(path) == "-":
        data, source = read_source(path, max_bytes)  # standard input is bounded by read_source
        yield io.BytesIO(data), source
        return
    source = str(path)
    try:
        size = Path(path).stat().st_size
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if Path(path).is_dir():
        raise InputError(source, "is a directory, not a file")
    if size > max_bytes:  # refused before a byte is read
        raise InputTooLargeError(
            source, f"{size:,} bytes is larger than a backup may be (the limit is {max_bytes:,})"
        )
    try:
        handle = Path(path).open("rb")  # noqa: SIM115 (closed below; opening errors named here)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    with handle:
        yield handle, source


def read_backup(data: bytes, source: str) -> dict[str, list[dict[str, Any]]]:
    """Check a whole backup document held in memory; its rows as column values, table by table."""
    reader = BackupReader(io.BytesIO(data), source, max_bytes=len(data))
    reader.read_header()
    out: dict[str, list[dict[str, Any]]] = {}
    for table, row in reader.rows():
        out.setdefault(table.name, []).append(row)
    for name in reader.tables_seen:
        out.setdefault(name, [])
    return {t.name: out[t.name] for t in TABLES if t.name in out}


class BackupReader:
    """Reads a backup document incrementally: the header first, then one checked row at a time.

    Only the current row (and a chunk of the file) is ever in memory. Every problem is a
    FormatError naming the file and, for a row, its table, number, id and column.
    """

    def __init__(self, handle: IO[bytes], source: str, *, max_bytes: int) -> None:
        self.source = source
        self.revision: str | None = None
        self.tables_seen: list[str] = []
        self.old_audit: list[dict[str, Any]] = []  # audit_responses of a backup before 0016
        self._handle = handle
        self._max_bytes = max_bytes
        self._read_bytes = 0
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        # Numbers with a fraction as Decimal: an amount in an older backup keeps its digits.
        self._json = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=Decimal)
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # the line of self._buf[0]
        self._header: dict[str, Any] = {}

    # The document's structure.

    def read_header(self) -> None:
        """Read up to the rows: the format and schema revision are checked before any row."""
        first = self._peek()
        if first == "":
            raise FormatError(self.source, "empty file: not a Trustworks backup")
        if first != "{":
            self._value()  # a JSON error in it names its line; else it is not ours
            raise FormatError(self.source, f'not a Trustworks backup (no "format": "{FORMAT}")')
        self._pos += 1
        while True:
            key = self._next_key(first=not self._header)
            if key is None:
                self._check_header()
                raise FormatError(self.source, '"tables" is not an object of table names to rows')
            if key == "tables":
                self._check_header()
                if self._peek() != "{":
                    self._value()
                    raise FormatError(
                        self.source, '"tables" is not an object of table names to rows'
                    )
                self._pos += 1
                return
            self._header[key] = self._value()

    def rows(self) -> Iterator[tuple[Table, dict[str, Any]]]:
        """Each row of each table, checked and converted to column values, in file order."""
        known = {t.name: t for t in TABLES}
        first_table = True
        while True:
            name = self._next_key(first=first_table)
            first_table = False
            if name is None:
                break
            table = known.get(name)
            if table is None and name == _OLD_AUDIT:
                self.old_audit = _old_audit_rows(self._value(), self.source)
                continue
            if table is None:
                raise FormatError(self.source, f"unknown table(s) {name!r}")
            self._check_order(table)
            self.tables_seen.append(name)
            if self._peek() != "[":
                self._value()
                raise FormatError(self.source, f"{name}: expected a list of rows")
            self._pos += 1
            number = 0
            while True:
                char = self._peek()
                if char == "]":
                    self._pos += 1
                    break
                if number:
                    if char != ",":
                        self._syntax("Expecting ',' delimiter")
                    self._pos += 1
                number += 1
                yield table, self._row(table, self._value(), number)
        # Whatever follows the tables must be the end of the document (or more header keys).
        while (key := self._next_key(first=False)) is not None:
            self._header[key] = self._value()
        if self._peek() != "":
            self._syntax("Extra data")

    def _check_header(self) -> None:
        if self._header.get("format") != FORMAT:
            raise FormatError(self.source, f'not a Trustworks backup (no "format": "{FORMAT}")')
        _check_revision(self._header.get("schema_revision"), self.source)
        self.revision = self._header["schema_revision"]

    def _check_order(self, table: Table) -> None:
        if table.name in self.tables_seen:
            raise FormatError(self.source, f"{table.name}: the table appears twice")
        for seen in self.tables_seen:
            parent = next(t for t in TABLES if t.name == seen)
            if any(fk.column.table is table for fk in parent.foreign_keys):
                raise FormatError(
                    self.source,
                    f"{table.name} comes after {seen}, which refers to it: keep the tables "
                    "in the order `trustworks backup` writes them",
                )

    def _next_key(self, *, first: bool) -> str | None:
        """The next key of the current object, past its ':'; None at its closing brace."""
        char = self._peek()
        if char == "}":
            self._pos += 1
            return None
        if not first:
            if char != ",":
                self._syntax("Expecting ',' delimiter")
            self._pos += 1
        key = self._value()
        if not isinstance(key, str):
            self._syntax("Expecting property name enclosed in double quotes")
        if self._peek() != ":":
            self._syntax("Expecting ':' delimiter")
        self._pos += 1
        return key

    # Reading JSON values from a buffer that is refilled from the file.

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in " \t\r\n":
                self._pos += 1
            if self._pos < len(self._buf) or not self._fill():
                return self._buf[self._pos : self._pos + 1]

    def _value(self) -> Any:
        self._peek()
        while True:
            try:
                value, end = self._json.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._fill(grow=True):
                    continue
                self._syntax(exc.msg, exc.pos)
            except (RecursionError, ValueError) as exc:
                raise FormatError(self.source, f"not a Trustworks backup: {exc}") from None
            # A number may go on past the buffer: read on to be sure it is whole.
            if end == len(self._buf) and self._fill(grow=True):
                continue
            self._pos = end
            return value

    def _fill(self, *, grow: bool = False) -> bool:
        """Read more of the file into the buffer; False at the end of the file."""
        if self._eof:
            return False
        if self._pos:
            self._line += self._buf.count("\n", 0, self._pos)
            self._buf = self._buf[self._pos :]
            self._pos = 0
        if grow and len(self._buf) > MAX_ROW_CHARS:
            raise FormatError(
                self.source, f"a row longer than {MAX_ROW_CHARS:,} characters", self._line
            )
        size = max(_CHUNK_BYTES, len(self._buf)) if grow else _CHUNK_BYTES
        try:
            chunk = self._handle.read(size)
        except OSError as exc:
            raise InputError(self.source, f"cannot read: {exc.strerror or exc}") from None
        self._read_bytes += len(chunk)
        if self._read_bytes > self._max_bytes:
            raise InputTooLargeError(
                self.source, f"larger than a backup may be (the limit is {self._max_bytes:,})"
            )
        try:
            text_ = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            line = self._line + self._buf.count("\n") + chunk[: max(exc.start, 0)].count(b"\n")
            bad = exc.object[exc.start] if exc.start < len(exc.object) else 0
            raise FormatError(self.source, f"not UTF-8 (byte 0x{bad:02x})", line) from None
        self._buf += text_
        if not chunk:
            self._eof = True
        return bool(text_) or not self._eof

    def _syntax(self, message: str, pos: int | None = None) -> NoReturn:
        at = self._pos if pos is None else pos
        line = self._line + self._buf.count("\n", 0, at)
        column = at - self._buf.rfind("\n", 0, at)
        raise FormatError(self.source, f"not valid JSON: {message} (column {column})", line)

    # One row.

    def _row(self, table: Table, row: object, number: int) -> dict[str, Any]:
        return _check_row(table, row, number, self.source)


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


def _check_row(table: Table, row: object, number: int, source: str) -> dict[str, Any]:
    """A backup row as column values, checked by type and then exactly as `add` checks it."""
    columns = {c.name: c for c in table.columns}
    where = f"{table.name} row {number}"
    if not isinstance(row, dict):
        raise FormatError(source, f"{where}: expected an object of column values")
    unknown = sorted(set(row) - set(columns))
    if unknown:
        raise FormatError(source, f"{where}: unknown column(s) {', '.join(map(_plain, unknown))}")
    for key in table.primary_key.columns:
        if row.get(key.name) is None:
            raise FormatError(source, f"{where}: has no {key.name}")
    if "id" in row:
        where = f"{where} (id {_shown(row['id'])})"
    converted: dict[str, Any] = {}
    for name, value in row.items():
        try:
            converted[name] = _from_json(columns[name].type, value)
        except (TypeError, ValueError) as exc:
            raise FormatError(source, f"{where}: {name}: {exc}") from None
        if converted[name] is None and not columns[name].nullable:
            raise FormatError(source, f"{where}: {name}: must not be null")
        value = converted[name]
        if _is_id(columns[name]) and isinstance(value, int) and not 1 <= value <= repository.MAX_ID:
            raise FormatError(
                source,
                f"{where}: {name}: {value} is not an id the ledger can hold "
                f"(1 to {repository.MAX_ID})",
            )
        allowed = _CHOICES.get((table.name, name))
        if allowed is not None and converted[name] is not None and converted[name] not in allowed:
            raise FormatError(
                source, f"{where}: {name}: {converted[name]!r} is not one of {', '.join(allowed)}"
            )
    kind_ = _KIND_OF_TABLE.get(table.name)
    if kind_ is not None:
        # The same schema `add` and `edit` use: what they refuse, a restore refuses too (and a
        # restored entry can always be edited).
        try:
            repository.validate(kind_, repository.schema_input(kind_, converted))
        except FieldError as exc:
            raise FormatError(source, f"{where}: {exc}") from None
    return converted


def _plain(name: str) -> str:
    """A name from the file as is when it is short, printable text; else quoted and escaped."""
    if len(name) <= 60 and name.isprintable() and _is_text(name):
        return name
    return _shown(name)


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(value: object, limit: int = 60) -> str:
    text_ = repr(value)
    return text_ if len(text_) <= limit else text_[: limit - 3] + "..."


# Values the schemas allow in choice columns: a hand-edited backup may hold anything.
_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    **choice_columns(),
    ("users", "role"): ROLES,
}
_KIND_OF_TABLE: dict[str, Kind] = {k.table.__tablename__: k for k in KINDS.values()}


def _is_id(column: Any) -> bool:
    """A record's id or a reference to one: what the app looks records up by."""
    return bool(column.primary_key or column.foreign_keys) and column.name.endswith("id")


def _from_json(type_: Any, value: Any) -> Any:
    """A column value from its JSON form; TypeError or ValueError says what is wrong."""
    if value is None:
        return None
    if isinstance(type_, Money):
        # Text ("1250.50") as backups write amounts, or a number as older backups did.
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise TypeError(f"expected an amount, not {_shown(value)}")
        if isinstance(value, str):
            _check_text(value)
        return to_amount(value)
    if isinstance(type_, Boolean):
        if not isinstance(value, bool):
            raise TypeError(f"expected true or false, not {_shown(value)}")
        return value
    if isinstance(type_, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected a whole number, not {_shown(value)}")
        low, high = _ID_RANGE
        if not low <= value <= high:
            raise ValueError(
                f"{_shown(value)} is out of range (a whole number here lies between "
                f"{low} and {high})"
            )
        return value
    if isinstance(type_, Float):
        if isinstance(value, str) and value in _NON_FINITE:
            return _NON_FINITE[value]
        if not isinstance(value, int | float | Decimal) or isinstance(value, bool):
            raise TypeError(f"expected a number, not {_shown(value)}")
        try:
            return float(value)
        except OverflowError:
            raise ValueError(f"{_shown(value)} is too large for a number") from None
    if not isinstance(value, str):
        raise TypeError(f"expected text, not {_shown(value)}")
    _check_text(value)
    if isinstance(type_, DateTime):
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            # The ledger keeps times in UTC: an offset names the moment, and it is kept as such.
            moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
        return moment
    if isinstance(type_, Date):
        return dt.date.fromisoformat(value)
    if isinstance(type_, String) and type_.length is not None and len(value) > type_.length:
        raise ValueError(f"longer than {type_.length} characters")
    return value


def _check_text(value: str) -> None:
    if "\x00" in value:
        raise ValueError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = value[exc.start]
        raise ValueError(
            f"contains a lone surrogate (\\u{ord(bad):04x} at character {exc.start + 1}), "
            "which is not text"
        ) from None


def _restore_stream(ledger: Ledger, reader: BackupReader, *, replace: bool) -> RestoreReport:
    source = reader.source
    with ledger.session() as session:
        conn = session.connection()
        present = {
            t.name: conn.scalar(select(func.count()).select_from(t)) or 0
            for t in ALL_TABLES
            if t.name not in DERIVED
        }
        wiped = sum(present.values())
        if wiped and not replace:
            shown = ", ".join(f"{n} {t}" for t, n in present.items() if n)
            raise ConflictError(
                f"{ledger.display_url} is not empty ({shown}); restore into an empty ledger, "
                "or pass --replace to wipe it first"
            )
        counts = {t.name: 0 for t in TABLES}
        try:
            for table in reversed(ALL_TABLES):
                conn.execute(table.delete())
            batch: list[dict[str, Any]] = []
            links: list[tuple[Any, str, Any]] = []
            current: Table | None = None
            unlinked = False  # rows from before migration 0008, which links them
            ownerless = False  # a trail from before 0009, which keeps the account's owner
            for table, row in reader.rows():
                unlinked = unlinked or any(
                    table.name == name and column not in row for name, column in _LINKED_SINCE_0008
                )
                ownerless = ownerless or (
                    table.name == "audit_trail" and "account_owner" not in row
                )
                if table is not current:
                    if current is not None:
                        _flush(conn, current, batch, links)
                    current, batch, links = table, [], []
                batch.append(row)
                counts[table.name] += 1
                if len(batch) >= _BATCH_ROWS:
                    _insert(conn, table, batch, links)
                    batch = []
            if current is not None:
                _flush(conn, current, batch, links)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
            if unlinked:  # as `db upgrade` would have done to the ledger it was taken of
                _link_records(conn)  # (after the sequences: it may add people)
            _start_above_the_trail(conn)
            if ownerless:
                _trail_owners(conn)
            old_audit = getattr(reader, "old_audit", None)
            if old_audit:  # named responses from before 0016
                _audit_campaigns(conn, old_audit)
            search.rebuild(conn)
        except sa_exc.DBAPIError as exc:
            error = database.database_error(exc, ledger)
            if not isinstance(error, ConflictError):  # a full disk, a lock: said as what it is
                raise error from exc
            first = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "refused"
            raise ConflictError(f"{source}: the database refused the backup: {first}") from None
    return RestoreReport(source, counts, wiped)


def restore_tables(
    ledger: Ledger, rows: dict[str, list[dict[str, Any]]], source: str, *, replace: bool = False
) -> RestoreReport:
    """Insert checked backup rows (see `read_backup`), ids and all, in one transaction."""

    class _Given(BackupReader):
        def __init__(self) -> None:
            self.source = source

        def rows(self) -> Iterator[tuple[Table, dict[str, Any]]]:
            for table in TABLES:
                for row in rows.get(table.name, []):
                    yield table, row

    return _restore_stream(ledger, _Given(), replace=replace)


def _flush(
    conn: Connection, table: Table, rows: list[dict[str, Any]], links: list[tuple[Any, str, Any]]
) -> None:
    _insert(conn, table, rows, links)
    # A row may point at a later row of its own table (a user's manager): set those links last.
    for ident, name, value in links:
        conn.execute(table.update().where(table.c.id == ident).values({name: value}))


def _insert(
    conn: Connection, table: Table, rows: list[dict[str, Any]], links: list[tuple[Any, str, Any]]
) -> None:
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
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


# The named audit responses of backups from before migration 0016, which a restore turns
# into campaigns of anonymous answers exactly as the migration does.
_OLD_AUDIT = "audit_responses"


def _old_audit_rows(rows: Any, source: str) -> list[dict[str, Any]]:
    """The old responses, checked: each needs its organisation, respondent, day and answers."""
    if not isinstance(rows, list):
        raise FormatError(source, f"{_OLD_AUDIT}: expected a list of rows")
    checked = []
    for number, row in enumerate(rows, 1):
        try:
            checked.append(
                {
                    "id": int(row.get("id") or 0),
                    "organisation": _text(row["organisation"]),
                    "respondent": _text(row["respondent"]),
                    "taken_on": dt.date.fromisoformat(row["taken_on"]),
                    "questionnaire_version": int(row["questionnaire_version"]),
                    "answers_json": _text(row["answers_json"]),
                }
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise FormatError(source, f"{_OLD_AUDIT} row {number}: {exc!r}") from None
    return checked


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise ValueError(f"expected text, found {value!r}")
    return value


def _audit_campaigns(conn: Connection, rows: list[dict[str, Any]]) -> None:
    migration = importlib.import_module(
        "trustworks.ledger.migrations.versions.0016_audit_campaigns"
    )
    migration.move_rows(conn, rows)


_LINKED_SINCE_0008 = (("commitments", "by_user_id"), ("interactions", "seller_user_id"))


def _link_records(conn: Connection) -> None:
    """Link a restored older backup's promises and calls to users and people, as migration
    0008 links an older ledger's (the same code: the rule must not differ by path)."""
    migration = importlib.import_module(
        "trustworks.ledger.migrations.versions.0008_records_bound_to_identities"
    )
    migration._link_records(conn)


# The tables whose ids the audit trail names, and the trail's column and kind that name them.
_TRAILED = (
    ("accounts", "account_id", None),
    ("commitments", "record_id", "commitment"),
    ("interactions", "record_id", "interaction"),
)


def _trail_owners(conn: Connection) -> None:
    """Fill the trail's account owners from the accounts, as migration 0009 does."""
    for ident, owner in conn.execute(text("SELECT id, owner FROM accounts")).all():
        if owner:
            conn.execute(
                text(
                    "UPDATE audit_trail SET account_owner = :o "
                    "WHERE account_id = :a AND account_owner IS NULL"
                ),
                {"o": fold_name(owner), "a": ident},
            )


def _start_above_the_trail(conn: Connection) -> None:
    """Start each audited table's ids above every id its restored trail names: a record
    removed before the backup must not lend its id, and with it its history, to a new one."""
    for table, column, kind_name in _TRAILED:
        where = f"WHERE kind = '{kind_name}'" if kind_name else ""
        named = conn.scalar(text(f"SELECT max({column}) FROM audit_trail {where}"))
        highest = conn.scalar(text(f"SELECT max(id) FROM {table}")) or 0
        if not named or int(named) <= int(highest):
            continue
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :n, true)"),
                {"n": int(named)},
            )
            continue
        params = {"t": table, "n": int(named)}
        if conn.scalar(text("SELECT count(*) FROM sqlite_sequence WHERE name = :t"), params):
            conn.execute(text("UPDATE sqlite_sequence SET seq = :n WHERE name = :t"), params)
        else:
            conn.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"), params)


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
