"""Opening the ledger: which database, its connection settings, and its schema version.

SQLite in the user's data directory is the default; `TRUSTWORKS_DATABASE_URL` (or `--db`)
points a team at PostgreSQL. Every open brings the schema up to date with Alembic, and
refuses a file that is not a database or was written by a newer Trustworks.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

from trustworks.errors import DatabaseError, SchemaTooNewError

ENV_VAR = "TRUSTWORKS_DATABASE_URL"
_SQLITE_MAGIC = b"SQLite format 3\x00"


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
    """An open ledger database; `session()` gives one transaction."""

    engine: Engine
    url: str
    _sessions: sessionmaker[Session]

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self._sessions.begin() as session:
            yield session

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()


def open_ledger(url: str | None = None, *, upgrade: bool = True) -> Ledger:
    """Open (and by default create or upgrade) the ledger at `url` (see `database_url`)."""
    resolved = database_url(url)
    engine = _engine(resolved)
    try:
        current = schema_revision(engine)
        head = head_revision()
        if engine.dialect.name == "sqlite" and (current is not None or upgrade):
            # Only once the file is known to be ours: WAL mode is written into the file.
            raw = engine.raw_connection()  # outside a transaction, where SQLite allows it
            try:
                raw.cursor().execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()
        if current != head and upgrade:
            upgrade_schema(engine)
    except sa_exc.DatabaseError as exc:
        engine.dispose()
        raise DatabaseError(
            f"{_shown(resolved)}: cannot open the database: {_first_line(exc)}"
        ) from exc
    except DatabaseError:
        engine.dispose()
        raise
    return Ledger(engine, resolved, sessionmaker(engine, expire_on_commit=False))


def head_revision() -> str:
    """The newest schema revision this Trustworks knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every schema revision this Trustworks can read (and upgrade from)."""
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def schema_revision(engine: Engine) -> str | None:
    """The database's schema revision (None when empty); refuses what is not a ledger."""
    known = known_revisions()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
    where = _shown(str(engine.url))
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


def _config() -> Config:
    cfg = Config()
    location = resources.files("trustworks.ledger") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise DatabaseError(f"{url!r} is not a database URL") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"{_shown(url)}: unsupported database {backend!r}: use a SQLite file or "
            "postgresql+psycopg://user:password@host/database"
        )
    if backend != "sqlite":
        try:
            return create_engine(url, pool_pre_ping=True)
        except (sa_exc.ArgumentError, ImportError) as exc:
            raise DatabaseError(f"{_shown(url)}: {exc}") from None
    database = parsed.database or ""
    if database and database != ":memory:":
        _check_sqlite_file(Path(database))
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_on_connect)
    # The stdlib driver opens transactions lazily and not for every statement; begin explicitly
    # so a multi-row write is all or nothing.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def _check_sqlite_file(path: Path) -> None:
    if path.is_dir():
        raise DatabaseError(f"{path}: is a directory, not a database file")
    if path.exists():
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
        if head and head != _SQLITE_MAGIC:
            raise DatabaseError(f"{path}: not a SQLite database (it starts with {head[:8]!r})")
        return
    if not path.parent.exists():
        try:
            path.parent.mkdir(parents=True)
        except OSError as exc:
            raise DatabaseError(f"{path}: cannot create its folder: {exc.strerror}") from exc


def _shown(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _first_line(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0]
