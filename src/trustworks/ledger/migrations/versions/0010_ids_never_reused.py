"""ids of accounts, commitments and interactions are never reused

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 01:40:00.000000

SQLite hands a new row the highest id plus one, so removing the newest account, commitment or
interaction freed its id for the next one, and the audit trail, which names records by id,
gave the new record the removed one's history (to whoever may read the new one). SQLite's
AUTOINCREMENT never hands out an id twice; PostgreSQL's sequences already never did, so this
changes nothing there.

On SQLite each table is copied into the same definition with `id ... PRIMARY KEY
AUTOINCREMENT` (foreign keys off for the copy, checked after: see migrations/sqlite.py), its
indexes made again as they were, and its counter started above every id the audit trail
already names, so a record removed before this upgrade does not lend its id either. Going
back leaves the tables as they are: AUTOINCREMENT is harmless to an older version.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from trustworks.errors import DatabaseError
from trustworks.ledger.migrations.sqlite import check_references, foreign_keys_off

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each table, and the audit trail's column that names its ids.
_TABLES = (
    ("accounts", "account_id"),
    ("commitments", "record_id"),
    ("interactions", "record_id"),
)
_KIND = {"commitments": "commitment", "interactions": "interaction"}


def upgrade() -> None:
    """Rebuild the three tables with AUTOINCREMENT on SQLite."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    foreign_keys_off(bind)
    for table, column in _TABLES:
        _rebuild(bind, table)
        _start_above_the_trail(bind, table, column)
    check_references(bind, "rebuilding accounts, commitments and interactions")


def downgrade() -> None:
    """Nothing to undo: ids that are never reused suit every earlier version."""


def _rebuild(bind: sa.Connection, table: str) -> None:
    found = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar()
    if found is None:
        raise DatabaseError(f"the ledger has no table {table}")
    sql = str(found)
    if "AUTOINCREMENT" in sql.upper():
        return
    indexes = [
        str(row[0])
        for row in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        )
    ]
    pk = re.compile(rf",\s*CONSTRAINT pk_{table} PRIMARY KEY \(id\)")
    first = re.compile(r"\bid INTEGER NOT NULL,")
    if not pk.search(sql) or not first.search(sql):
        raise DatabaseError(f"{table}: its definition is not as this upgrade expects; nothing done")
    new = f"_{table}_0010"
    sql = pk.sub("", sql, count=1)
    sql = first.sub(f"id INTEGER NOT NULL CONSTRAINT pk_{table} PRIMARY KEY AUTOINCREMENT,", sql)
    sql = re.sub(rf'^CREATE TABLE "?{table}"?', f"CREATE TABLE {new}", sql, count=1)
    bind.exec_driver_sql(sql)
    bind.exec_driver_sql(f"INSERT INTO {new} SELECT * FROM {table}")
    bind.exec_driver_sql(f"DROP TABLE {table}")  # its indexes go with it
    bind.exec_driver_sql(f"ALTER TABLE {new} RENAME TO {table}")
    for index in indexes:
        bind.exec_driver_sql(index)


def _start_above_the_trail(bind: sa.Connection, table: str, column: str) -> None:
    where = f"WHERE kind = '{_KIND[table]}'" if table in _KIND else ""
    named = bind.exec_driver_sql(f"SELECT max({column}) FROM audit_trail {where}").scalar()
    if not named:
        return
    current = bind.exec_driver_sql(
        "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
    ).scalar()
    if current is None:
        bind.exec_driver_sql(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, int(named))
        )
    elif int(current) < int(named):
        bind.exec_driver_sql(
            "UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (int(named), table)
        )
