"""Fresh ledgers for the tests without running every migration for each test.

Running the 17 migrations takes about 0.25 s on SQLite and 0.6-1.5 s on PostgreSQL (2-core
CI machine), and some 1,500 tests want a freshly migrated, empty ledger: migrating each time
was over half the suite's time. The migrations still run, once per test process, to build
the template each test then starts from:

- SQLite: a migrated ledger file, copied to the test's own path (a file copy, under 1 ms);
- PostgreSQL: the worker's own database, migrated once and then put back to exactly that
  state before each test that wants it: the rows written since are deleted and the
  sequences rewound. A fingerprint of the schema (every table, column, default, index,
  constraint, trigger, function and extension) is compared first; a test that changed the
  schema (a downgrade, a dropped table) leaves a different fingerprint, and the next test then
  gets the database rebuilt by the migrations as before.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, NullPool, create_engine, text
from sqlalchemy.exc import DBAPIError

from trustworks.ledger.database import open_ledger

_SQLITE_TEMPLATE: list[Path] = []

# What the schema is, as one digest; user objects only (the system schemas are the server's).
_FINGERPRINT = """
SELECT md5(string_agg(item, ',' ORDER BY item)) FROM (
  SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text AS item
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
     AND n.nspname !~ '^pg_(toast|temp)'
  UNION ALL
  SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
         || ' ' || a.attnotnull::text || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
  UNION ALL
  SELECT 'index ' || pg_get_indexdef(i.indexrelid)
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
  UNION ALL
  SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' '
         || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'trigger ' || pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND NOT t.tgisinternal
  UNION ALL
  SELECT 'function ' || p.proname || ' ' || md5(p.prosrc)
    FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'extension ' || extname || ' ' || extversion FROM pg_extension
  UNION ALL
  SELECT 'enum ' || t.typname || ' ' || e.enumsortorder::text || ' ' || e.enumlabel
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
) AS schema_items
"""
_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
_SEQUENCES = "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"


# ---- SQLite -------------------------------------------------------------------------------


def make_sqlite_template(folder: Path) -> Path:
    """Migrate a ledger file in `folder` once; later `migrated_sqlite_url` calls copy it."""
    path = folder / "template.sqlite3"
    open_ledger(f"sqlite:///{path}").close()  # closing checkpoints the WAL into the file
    _SQLITE_TEMPLATE[:] = [path]
    return path


def migrated_sqlite_url(path: Path) -> str:
    """The URL of a fresh ledger at `path`, migrated to the head (a copy of the template)."""
    if not _SQLITE_TEMPLATE:
        raise RuntimeError("no SQLite template: tests/conftest.py's session fixture makes it")
    shutil.copyfile(_SQLITE_TEMPLATE[0], path)
    return f"sqlite:///{path}"


# ---- PostgreSQL ---------------------------------------------------------------------------


def empty_postgres(url: str) -> None:
    """Drop everything made in the database: empty, as CREATE DATABASE gives it, for the
    migrations to build the ledger in (the schema `public` itself stays, with its owner and
    grants)."""
    drops = {
        "SCHEMA": "SELECT quote_ident(nspname) FROM pg_namespace WHERE nspname NOT IN "
        "('public', 'pg_catalog', 'information_schema') AND nspname !~ '^pg_(toast|temp)'",
        "EXTENSION": "SELECT quote_ident(extname) FROM pg_extension WHERE extname <> 'plpgsql'",
        "VIEW": "SELECT quote_ident(viewname) FROM pg_views WHERE schemaname = 'public'",
        "MATERIALIZED VIEW": (
            "SELECT quote_ident(matviewname) FROM pg_matviews WHERE schemaname = 'public'"
        ),
        "TABLE": "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'",
        "SEQUENCE": "SELECT quote_ident(sequencename) FROM pg_sequences "
        "WHERE schemaname = 'public'",
        "ROUTINE": "SELECT oid::regprocedure::text FROM pg_proc "
        "WHERE pronamespace = 'public'::regnamespace",
        "TYPE": "SELECT quote_ident(typname) FROM pg_type WHERE typnamespace = "
        "'public'::regnamespace AND typtype IN ('e', 'd', 'r', 'm') OR (typtype = 'c' AND "
        "typnamespace = 'public'::regnamespace AND (SELECT relkind FROM pg_class "
        "WHERE oid = typrelid) = 'c')",
    }
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        for kind, query in drops.items():
            names = conn.execute(text(query)).scalars().all()
            if names:  # CASCADE: whatever depends on them goes too, whatever the order
                conn.execute(text(f"DROP {kind} IF EXISTS {', '.join(names)} CASCADE"))
    engine.dispose()


@dataclass
class PostgresTemplate:
    """A freshly migrated database as the fingerprint of its schema, the rows the migrations
    wrote (alembic_version's) and where each sequence stood."""

    fingerprint: str
    rows: dict[str, list[dict[str, Any]]]
    sequences: dict[str, tuple[int, bool]]
    """Each sequence's last_value and is_called (pg_sequences shows no value once a setval
    has said not called: the sequence itself is read)."""


def migrate_postgres(url: str) -> PostgresTemplate:
    """Rebuild the database by running every migration; what it looks like afterwards."""
    empty_postgres(url)
    open_ledger(url).close()
    engine = create_engine(url, poolclass=NullPool)
    with engine.connect() as conn:
        fingerprint = conn.execute(text(_FINGERPRINT)).scalar_one()
        rows = {
            table: [dict(row._mapping) for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
            for table in _nonempty(conn)
        }
        sequences = _sequences(conn)
    engine.dispose()
    return PostgresTemplate(fingerprint, rows, sequences)


def reset_postgres(url: str, template: PostgresTemplate | None) -> PostgresTemplate:
    """Put the database back as the migrations left it (see the module's docstring); the
    template, made by migrating when there is none yet or the schema has changed."""
    if template is None:
        return migrate_postgres(url)
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.begin() as conn:  # one transaction: the check, the deletes, the rewinds
            if conn.execute(text(_FINGERPRINT)).scalar_one() != template.fingerprint:
                changed = True
            else:
                changed = False
                _restore(conn, template)
    finally:
        engine.dispose()
    if changed:
        rebuilt = migrate_postgres(url)
        if rebuilt.fingerprint != template.fingerprint:
            raise RuntimeError("the migrations built a different schema than at the start")
        return rebuilt
    return template


def _nonempty(conn: Connection) -> list[str]:
    tables = conn.execute(text(_TABLES)).scalars().all()
    if not tables:
        return []
    probe = " UNION ALL ".join(
        f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in tables
    )
    return list(conn.execute(text(probe)).scalars())


def _restore(conn: Connection, template: PostgresTemplate) -> None:
    dirty = _nonempty(conn)
    if dirty:
        try:
            # Neither foreign keys nor the tables' own triggers act while the rows go:
            # everything is going. Needs a superuser, which .ci/run's role is.
            with conn.begin_nested():
                conn.execute(text("SET LOCAL session_replication_role = replica"))
            replica = True
        except DBAPIError:
            replica = False
        if replica:
            for name in dirty:
                conn.execute(text(f'DELETE FROM "{name}"'))
        else:  # slower (new files for every table it empties), needs no superuser
            listed = ", ".join(f'"{name}"' for name in dirty)
            conn.execute(text(f"TRUNCATE {listed} CASCADE"))
    for name, rows in template.rows.items():
        if rows:
            columns = ", ".join(f'"{c}"' for c in rows[0])
            values = ", ".join(f":{c}" for c in rows[0])
            conn.execute(text(f'INSERT INTO "{name}" ({columns}) VALUES ({values})'), rows)
    if template.sequences:  # all of them, at once: a setval costs next to nothing
        conn.execute(
            text(
                "SELECT setval(CAST(name AS regclass), value, called) FROM (VALUES "
                + ", ".join(
                    f"('public.\"{name}\"', {value}, {str(called).lower()})"
                    for name, (value, called) in template.sequences.items()
                )
                + ") AS s(name, value, called)"
            )
        )


def _sequences(conn: Connection) -> dict[str, tuple[int, bool]]:
    names = conn.execute(text(_SEQUENCES)).scalars().all()
    if not names:
        return {}
    query = " UNION ALL ".join(
        f"SELECT '{name}', last_value, is_called FROM public.\"{name}\"" for name in names
    )
    return {name: (value, called) for name, value, called in conn.execute(text(query))}
