"""What a migration needs to copy a SQLite table safely.

SQLite changes a constraint by copying the table: create the new form, copy the rows, drop the
old table, rename. With foreign keys on (as the ledger opens every connection), dropping a
table that others point at first deletes its rows, and that delete cascades: rebuilding
`deals` would empty `stage_changes` and `evidence` and unlink every transaction from its deal.
SQLite only lets foreign keys be switched off between transactions, so before the copy the
migration commits what came before it (a consistent earlier revision) and goes on in a new
transaction with them off; `database.upgrade_schema` gives the connection back with them on.
"""

from __future__ import annotations

import sqlalchemy as sa

from trustworks.errors import DatabaseError


def foreign_keys_off(bind: sa.Connection) -> None:
    """On SQLite, go on in a new write transaction with foreign keys off (see above)."""
    if bind.dialect.name != "sqlite" or not bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        return
    bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys = OFF")
    bind.exec_driver_sql("BEGIN IMMEDIATE")


def check_references(bind: sa.Connection, what: str) -> None:
    """Refuse (and so roll back) a copy that left a row pointing at nothing."""
    if bind.dialect.name != "sqlite":
        return
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        raise DatabaseError(
            f"{what}: a row of {broken[0]} (rowid {broken[1]}) would point at a missing "
            f"{broken[2]}; nothing was changed"
        )
