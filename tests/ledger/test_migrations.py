from __future__ import annotations

import warnings

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from trustworks.ledger import search
from trustworks.ledger.database import Ledger
from trustworks.ledger.tables import Base

EXPRESSION_INDEXES = {
    "ix_accounts_lower_name",
    "ix_people_account_lower_name",
    "uq_accounts_owner_name",
}


def test_migrations_build_exactly_the_tables_the_code_declares(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn, warnings.catch_warnings():
        # SQLite cannot reflect expression indexes, so they are checked by name below.
        warnings.filterwarnings("ignore", message=".*expression-based index")
        opts = {"compare_type": True, "include_name": _not_the_engines_own}
        context = MigrationContext.configure(conn, opts=opts)
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def _not_the_engines_own(name: str | None, type_: str, _parents: object) -> bool:
    """Leave out what only one database has for search: FTS5's tables on SQLite, the tsvector
    column and its GIN index on PostgreSQL (test_search checks those)."""
    if type_ == "table":
        return not (name or "").startswith(search.FTS_TABLE)
    return name not in (
        search.PG_VECTOR,
        search.PG_VECTOR_INDEX,
        search.PG_TITLE_VECTOR,
        search.PG_TITLE_INDEX,
        search.PG_PAIRS,
        search.PG_PAIRS_INDEX,
    )


def test_migrations_create_the_case_insensitive_name_indexes(ledger: Ledger) -> None:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index'"
        if ledger.engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes"
    )
    with ledger.engine.connect() as conn:
        names = set(conn.execute(text(query)).scalars())
    assert names >= EXPRESSION_INDEXES
