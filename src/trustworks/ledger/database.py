"""Opening the ledger: which database, its connection settings, and its schema version.

SQLite in the user's data directory is the default; `TRUSTWORKS_DATABASE_URL` (or `--db`)
points a team at PostgreSQL. Every open brings the schema up to date with Alembic, and
refuses a file that is not a database or was written by a newer Trustworks.

Every transaction that may write takes the write lock when it begins (`BEGIN IMMEDIATE` on
SQLite), so a second writer waits up to the busy timeout instead of failing half-way; a
database error inside `Ledger.session()` (lock still held, full disk, read-only file,
damaged page, unreadable value) rolls the whole transaction back and comes out as one
`DatabaseError` subclass naming the database (see `database_error`). A file or folder we
may not write is opened read-only, so reading commands still work.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from trustworks.errors import (
    ConflictError,
    CorruptDatabaseError,
    DatabaseBusyError,
    DatabaseError,
    DatabaseFullError,
    ReadOnlyDatabaseError,
    SchemaTooNewError,
)
from trustworks.ledger import integrity

ENV_VAR = "TRUSTWORKS_DATABASE_URL"
TIMEOUT_ENV_VAR = "TRUSTWORKS_DATABASE_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds a write waits for another process's lock before giving up (busy timeout)."""

# Marks a connection whose transactions only read: they begin deferred, so they never wait
# for (or block) a writer.
_READING = "trustworks_reading"


def default_path() -> Path:
    """Where the embedded ledger lives when nothing else is configured."""
    return Path(platformdirs.user_data_dir("trustworks", appauthor=False)) / "ledger.sqlite3"


def database_url(explicit: str | None = None) -> str:
    """The URL to use: `explicit`, else $TRUSTWORKS_DATABASE_URL, else the default SQLite file.

    A plain file path is taken as a SQLite database.
    """
    chosen = explicit or os.environ.get(ENV_VAR) or str(default_path())
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


@dataclass
class Ledger:
    """An open ledger database; `session()` gives one transaction, `reading()` a read-only one."""

    engine: Engine
    url: str
    _sessions: sessionmaker[Session]
    read_only: str | None = None
    """Why writes are impossible (read-only file or folder, damaged file), else None."""
    _readers: sessionmaker[Session] | None = field(default=None, repr=False)
    _opened_read_only: bool = field(default=False, repr=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises.

        It holds the write lock from its first statement. A database error rolls the whole
        transaction back and is raised as a `DatabaseError` that says what happened.
        """
        with self._translated():
            # Opened read-only, SQLite itself refuses the first write (said with the reason
            # below), so reading through a session works; damage found since, we refuse here.
            if self.read_only is not None and not self._opened_read_only:
                raise ReadOnlyDatabaseError(
                    f"{shown_url(self.url)}: cannot write: {self.read_only}; nothing was written "
                    "(reading still works)"
                )
            with self._sessions.begin() as session:
                yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads: it never waits for a writer, and works read-only."""
        with self._translated(), (self._readers or self._sessions).begin() as session:
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.DBAPIError as exc:
            error = database_error(_first_database_error(exc), self)
            if isinstance(error, CorruptDatabaseError):
                self.read_only = "the database file is damaged (see `trustworks db check`)"
                _record_damage(self.url, error.problem)
            raise error from exc
        except (ValueError, TypeError, ArithmeticError) as exc:  # UnicodeDecodeError too
            # A stored value that SQLAlchemy cannot turn into Python (a date that is not a
            # date): find where it is; anything else is not ours to reword.
            found = _unreadable_value(self, exc)
            if found is None:
                raise
            self.read_only = "a stored value cannot be read (see `trustworks db check`)"
            _record_damage(self.url, found.problem)
            raise found from exc

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_ledger(
    url: str | None = None, *, upgrade: bool = True, read_only: bool | None = None
) -> Ledger:
    """Open (and by default create or upgrade) the ledger at `url` (see `database_url`).

    A SQLite file whose file or folder we may not write opens read-only (`read_only=None`
    decides so by itself; True forces it): reading works, a write raises
    ReadOnlyDatabaseError. A damaged header or schema is refused; a damaged schema page
    opens read-only so what is readable can still be exported.
    """
    resolved = database_url(url)
    timeout = _timeout()
    why_read_only = _why_read_only(resolved, read_only)
    where = shown_url(resolved)
    path = _sqlite_path(resolved)
    if why_read_only is not None and path is not None and not path.exists():
        raise ReadOnlyDatabaseError(f"{where}: cannot create the ledger: {why_read_only}")
    engine_read_only = why_read_only is not None
    engine = _engine(resolved, timeout, read_only=engine_read_only)
    try:
        recorded = _recorded_damage(resolved)
        if recorded is not None and why_read_only is None:
            why_read_only = (
                f"`trustworks db check` found the file damaged ({recorded}); restore a backup, "
                "or run `trustworks db check` again once it is repaired"
            )
        if engine.dialect.name == "sqlite" and why_read_only is None:
            damage = integrity.schema_damage(engine)
            if damage is not None:
                why_read_only = (
                    f"the database file is damaged ({damage}); see `trustworks db check`"
                )
        if why_read_only is not None and not engine_read_only:
            engine.dispose()
            engine = _engine(resolved, timeout, read_only=True)
            engine_read_only = True
        current = schema_revision(engine)
        head = head_revision()
        if why_read_only is not None:
            if upgrade:  # a caller that does not upgrade (`db status`) takes any schema
                _check_readable(where, current, head, why_read_only)
        elif engine.dialect.name == "sqlite" and (current is not None or upgrade):
            # Only once the file is known to be ours: WAL mode is written into the file.
            raw = engine.raw_connection()  # outside a transaction, where SQLite allows it
            try:
                raw.cursor().execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()
        if current != head and upgrade and why_read_only is None:
            upgrade_schema(engine)
        if current == head or (upgrade and why_read_only is None):
            integrity.check_tables(engine, where)
    except sa_exc.DBAPIError as exc:
        engine.dispose()
        error = database_error(exc, None, where=where)
        if type(error) is DatabaseError:
            error = DatabaseError(f"{where}: cannot open the database: {_first_line(exc)}")
        raise error from exc
    except DatabaseError:
        engine.dispose()
        raise
    ledger = Ledger(engine, resolved, sessionmaker(engine, expire_on_commit=False))
    ledger.read_only = why_read_only
    ledger._opened_read_only = engine_read_only
    readers = engine.execution_options(**{_READING: True})
    ledger._readers = sessionmaker(readers, expire_on_commit=False)
    return ledger


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _recorded_damage(url: str) -> str | None:
    path = _sqlite_path(url)
    return None if path is None else integrity.recorded_damage(path)


def _record_damage(url: str, problem: str) -> None:
    path = _sqlite_path(url)
    if path is not None:
        integrity.record_damage(path, [problem])


def _check_readable(where: str, current: str | None, head: str, why: str) -> None:
    """A ledger we may only read must already be one, at this version's schema."""
    if current is None:
        raise ReadOnlyDatabaseError(f"{where}: cannot create the ledger there: {why}")
    if current != head:
        raise ReadOnlyDatabaseError(
            f"{where}: the ledger needs a schema upgrade ({current} -> {head}), which cannot "
            f"be written: {why}"
        )


def _timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV_VAR)
    if raw is None or not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise DatabaseError(f"${TIMEOUT_ENV_VAR}: {raw!r} is not a number of seconds (0-3600)")
    return value


def _why_read_only(url: str, forced: bool | None) -> str | None:
    """Why a SQLite file can only be read (None when it can be written, or is not a file)."""
    parsed = make_url(url)
    path = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:":
        return None
    if forced:
        return "opened read-only"
    if forced is False:
        return None
    target = Path(path)
    folder = target.parent
    with contextlib.suppress(OSError):
        if folder.is_dir() and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"the file system holding {folder} is mounted read-only"
    if target.exists() and not os.access(target, os.W_OK):
        return f"the file {target} is read-only"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        # SQLite writes its journal beside the file: without the folder nothing can be saved.
        return f"the folder {folder} is read-only"
    return None


@dataclass(frozen=True)
class CheckReport:
    """What `check_database` found: where, how it looked, and each problem (none when sound)."""

    where: str
    method: str
    problems: tuple[str, ...]
    empty: bool = False
    """The database holds no Trustworks schema yet (nothing to check beyond the file)."""

    @property
    def ok(self) -> bool:
        """Whether nothing was found wrong."""
        return not self.problems


def check_database(url: str | None = None, *, full: bool = False) -> CheckReport:
    """Check a ledger without changing it: header, pages, schema and every stored value.

    SQLite: `PRAGMA quick_check`, or `integrity_check` (slower, also matches every index to
    its table) with `full`. Reads only, so it never waits for a writer.
    """
    resolved = database_url(url)
    where = shown_url(resolved)
    parsed = make_url(resolved)
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and not Path(parsed.database).exists():
        raise DatabaseError(f"{where}: no such database file")
    method = ("integrity_check" if full else "quick_check") if sqlite else "schema"
    empty = False
    try:
        engine = _engine(resolved, _timeout(), read_only=sqlite)
    except CorruptDatabaseError as exc:
        problem = str(exc).removeprefix(f"{where}: ")
        if parsed.database:
            integrity.record_damage(Path(parsed.database), [problem])
        return CheckReport(where, "header", (problem,))
    problems: list[str] = []
    try:
        reader = engine.execution_options(**{_READING: True})
        if sqlite:
            try:
                with reader.connect() as conn:
                    answer = conn.exec_driver_sql(f"PRAGMA {method}(100)").scalars().all()
            except sa_exc.DatabaseError as exc:  # too damaged to walk: say so, read on
                answer = [f"PRAGMA {method} stopped: {_first_line(exc)}"]
            if answer != ["ok"]:
                problems += [line for a in answer for line in str(a).splitlines()]
        empty = schema_revision(engine) is None
        if not empty:
            try:
                integrity.check_tables(engine, where)
            except CorruptDatabaseError as exc:
                problems.append(str(exc).removeprefix(f"{where}: "))
            problems += [str(u) for u in integrity.unreadable_values(engine, limit=50)]
    except sa_exc.DBAPIError as exc:
        problems.append(str(database_error(exc, None, where=where)).removeprefix(f"{where}: "))
    finally:
        engine.dispose()
    if sqlite and parsed.database:
        if problems:
            integrity.record_damage(Path(parsed.database), problems)
        else:
            integrity.clear_damage(Path(parsed.database))
    return CheckReport(where, method, tuple(problems), empty=empty)


def head_revision() -> str:
    """The newest schema revision this Trustworks knows."""
    return _revisions()[0]


def known_revisions() -> set[str]:
    """Every schema revision this Trustworks can read (and upgrade from)."""
    return set(_revisions()[1])


@cache
def _revisions() -> tuple[str, frozenset[str]]:
    """The head and every revision, read once a process: reading them compiles every
    migration script (about 20 ms), and opening a ledger asks for both."""
    script = ScriptDirectory.from_config(_config())
    head = script.get_current_head()
    assert head is not None
    return head, frozenset(rev.revision for rev in script.walk_revisions())


def schema_revision(engine: Engine) -> str | None:
    """The database's schema revision (None when empty); refuses what is not a ledger."""
    known = known_revisions()
    with engine.execution_options(**{_READING: True}).connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
    where = shown_url(str(engine.url))
    if current is None and tables - {"alembic_version"}:
        raise DatabaseError(
            f"{where}: the database has tables ({', '.join(sorted(tables)[:5])}) but no "
            "Trustworks schema; point --db at an empty or Trustworks database"
        )
    if current is not None and current not in known:
        raise SchemaTooNewError(
            f"{where}: the database has schema revision {current}, which this Trustworks "
            f"does not know (newest known: {head_revision()}); upgrade Trustworks to use it"
        )
    return current


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision (in one transaction where the database allows)."""
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    # A migration that copies a table switches SQLite's foreign keys off on its connection
    # (migrations/sqlite.py): new connections switch them on again.
    engine.dispose()


def _config() -> Config:
    cfg = Config()
    location = resources.files("trustworks.ledger") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def _engine(url: str, timeout: float = DEFAULT_TIMEOUT, *, read_only: bool = False) -> Engine:
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise DatabaseError(f"{url!r} is not a database URL") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"{shown_url(url)}: unsupported database {backend!r}: use a SQLite file or "
            "postgresql+psycopg://user:password@host/database"
        )
    if backend != "sqlite":
        # A row lock held longer than the timeout fails the statement (SQLSTATE 55P03) instead
        # of waiting for ever; database_error says "try again".
        options = f"-c lock_timeout={int(timeout * 1000)}"
        given = parsed.query.get("options")  # the URL's own options are kept, ours added
        if given:
            options = f"{given if isinstance(given, str) else ' '.join(given)} {options}"
        try:
            return create_engine(url, pool_pre_ping=True, connect_args={"options": options})
        except (sa_exc.ArgumentError, ImportError) as exc:
            raise DatabaseError(f"{shown_url(url)}: {exc}") from None
    database = parsed.database or ""
    if database and database != ":memory:":
        integrity.check_file(Path(database))
        if read_only:
            url = _read_only_url(Path(database))
    engine = create_engine(url, connect_args={"timeout": timeout})
    event.listen(engine, "connect", _sqlite_on_connect(timeout))
    # The stdlib driver opens transactions lazily and not for every statement; begin explicitly
    # so a multi-row write is all or nothing. IMMEDIATE takes the write lock at the start,
    # where the busy timeout applies: a deferred transaction that reads and then writes fails
    # at once (SQLITE_BUSY) when another process wrote in between.
    immediate = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    def begin(conn: Any) -> None:
        reading = conn.get_execution_options().get(_READING, False)
        conn.exec_driver_sql("BEGIN" if reading else immediate)

    event.listen(engine, "begin", begin)
    return engine


def _read_only_url(path: Path) -> str:
    """A URI that opens the file read-only; immutable when SQLite could not share it."""
    query = "mode=ro"
    shm = path.with_name(path.name + "-shm")
    if not shm.exists() and not os.access(path.parent, os.W_OK):
        # A WAL database needs its -shm file, which nobody can create in a read-only folder;
        # nobody can write there either, so the file cannot change under us.
        query += "&immutable=1"
    return f"sqlite:///file:{path}?{query}&uri=true"


def _sqlite_on_connect(timeout: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cursor.close()

    return on_connect


# Turning database errors into ours ---------------------------------------------------------

# PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_BUSY = {"55P03", "40001", "40P01", "57014"}  # lock timeout, serialization, deadlock, cancel
_PG_READ_ONLY = {"25006"}
_PG_CORRUPT = {"XX001", "XX002"}


def database_error(
    exc: sa_exc.DBAPIError, ledger: Ledger | None, *, where: str | None = None
) -> DatabaseError | ConflictError:
    """The error a user should see for a database failure: what happened, where, what to do."""
    where = where or (shown_url(ledger.url) if ledger is not None else "the database")
    orig = exc.orig
    first = _first_line(exc)
    sqlstate = getattr(orig, "sqlstate", None)
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or sqlstate in _PG_BUSY:
        waited = f" (waited {_timeout():g} s)" if primary is not None else ""
        return DatabaseBusyError(
            f"{where}: the database is locked by another process{waited}; nothing was "
            "written; try again"
        )
    if primary == sqlite3.SQLITE_FULL or (sqlstate or "").startswith("53"):
        return DatabaseFullError(f"{where}: the disk is full ({first}); nothing was written")
    if primary == sqlite3.SQLITE_IOERR:
        return DatabaseFullError(
            f"{where}: the disk failed to read or write ({first}; is it full?); nothing was written"
        )
    if primary == sqlite3.SQLITE_READONLY or sqlstate in _PG_READ_ONLY:
        why = ledger.read_only if ledger is not None and ledger.read_only else first
        return ReadOnlyDatabaseError(f"{where}: cannot write: {why}; nothing was written")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or sqlstate in _PG_CORRUPT:
        table = integrity.table_of(exc.statement)
        place = f" while reading table {table}" if table else ""
        return CorruptDatabaseError(
            f"{where}: the database file is damaged ({first}){place}; run `trustworks db "
            "check` and restore a backup",
            f"{first}{place}",
        )
    if "Could not decode to UTF-8" in first and ledger is not None:
        found = integrity.unreadable_values(ledger.engine, limit=3)
        if found:
            return CorruptDatabaseError(integrity.describe(where, found), str(found[0]))
        table = integrity.table_of(exc.statement)
        return CorruptDatabaseError(f"{where}: table {table or '?'}: {first}", first)
    if isinstance(exc, sa_exc.IntegrityError):
        return ConflictError(f"{where}: the database refused the change: {first}")
    if isinstance(exc, sa_exc.OperationalError) and sqlstate is None and primary is None:
        return DatabaseError(f"{where}: cannot use the database: {first}")
    return DatabaseError(f"{where}: the database refused the request: {first}")


def _unreadable_value(ledger: Ledger, exc: BaseException) -> CorruptDatabaseError | None:
    """The stored values that cannot be read, when `exc` came from reading one; else None."""
    if ledger.engine.dialect.name != "sqlite" or not _raised_in_sqlalchemy(exc):
        return None
    found = integrity.unreadable_values(ledger.engine, limit=3)
    if not found:
        return None
    return CorruptDatabaseError(integrity.describe(shown_url(ledger.url), found), str(found[0]))


def _first_database_error(exc: sa_exc.DBAPIError) -> sa_exc.DBAPIError:
    """The database error that started it all (not "no such savepoint" from the rollback after).

    When SQLite gives up a transaction (a full disk), it rolls back the savepoints too, so
    rolling back to one fails; the first error is the one to report.
    """
    first = exc
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, sa_exc.DBAPIError):
            first = cause
        cause = cause.__cause__ or cause.__context__
    return first


def _raised_in_sqlalchemy(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        if f"{os.sep}sqlalchemy{os.sep}" in tb.tb_frame.f_code.co_filename:
            return True
        tb = tb.tb_next
    return False


def shown_url(url: str) -> str:
    """How messages name a database: a SQLite file by its path, a server without password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0]
