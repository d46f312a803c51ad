"""search: one index over accounts, people, calls, promises and stories

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 03:10:00.000000

`search_documents` holds each record's words as ledger/search.py normalises them; SQLite
indexes them with FTS5 (an external-content table kept in step by triggers on
search_documents), PostgreSQL with generated tsvector columns (all words, the name alone, pairs of
neighbouring words) and GIN indexes. Existing
records are indexed here, by the same code that indexes new ones.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from trustworks.ledger import search

# revision identifiers, used by Alembic.
revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LINKS = (
    ("account_id", "accounts"),
    ("person_id", "people"),
    ("interaction_id", "interactions"),
    ("commitment_id", "commitments"),
    ("story_id", "stories"),
)

_SQLITE = (
    f"CREATE VIRTUAL TABLE {search.FTS_TABLE} USING fts5(title, body, "
    "content='search_documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    f"""CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
  INSERT INTO {search.FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
END""",
    f"""CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
  INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}, rowid, title, body)
  VALUES ('delete', old.id, old.title, old.body);
END""",
    f"""CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
  INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}, rowid, title, body)
  VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO {search.FTS_TABLE}(rowid, title, body) VALUES (new.id, new.title, new.body);
END""",
)


def upgrade() -> None:
    """Make the search index and fill it with every record there is."""
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        *(sa.Column(column, sa.Integer(), nullable=True) for column, _ in _LINKS),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("exact", sa.Boolean(), nullable=False),
        *(
            sa.ForeignKeyConstraint(
                [column],
                [f"{table}.id"],
                name=op.f(f"fk_search_documents_{column}_{table}"),
                ondelete="CASCADE",
            )
            for column, table in _LINKS
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
    )
    for column in [c for c, _ in _LINKS] + ["programme_id"]:
        op.create_index(op.f(f"ix_search_documents_{column}"), "search_documents", [column])
    op.create_index(
        "uq_search_documents_record", "search_documents", ["kind", "record_id"], unique=True
    )
    op.create_index(
        "ix_search_documents_order",
        "search_documents",
        ["day", "kind", "record_id", "account_id", "programme_id"],
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE:
            bind.exec_driver_sql(statement)
    else:
        bind.exec_driver_sql(
            f"ALTER TABLE search_documents ADD COLUMN {search.PG_VECTOR} tsvector "
            f"GENERATED ALWAYS AS ({search.PG_VECTOR_SQL}) STORED"
        )
        bind.exec_driver_sql(
            f"CREATE INDEX {search.PG_VECTOR_INDEX} ON search_documents "
            f"USING gin ({search.PG_VECTOR})"
        )
        bind.exec_driver_sql(
            f"ALTER TABLE search_documents ADD COLUMN {search.PG_TITLE_VECTOR} tsvector "
            f"GENERATED ALWAYS AS ({search.PG_TITLE_SQL}) STORED"
        )
        bind.exec_driver_sql(
            f"CREATE INDEX {search.PG_TITLE_INDEX} ON search_documents "
            f"USING gin ({search.PG_TITLE_VECTOR})"
        )
        bind.exec_driver_sql(
            f"ALTER TABLE search_documents ADD COLUMN {search.PG_PAIRS} tsvector "
            f"GENERATED ALWAYS AS ({search.PG_PAIRS_SQL}) STORED"
        )
        bind.exec_driver_sql(
            f"CREATE INDEX {search.PG_PAIRS_INDEX} ON search_documents "
            f"USING gin ({search.PG_PAIRS})"
        )
    search.rebuild(bind)


def downgrade() -> None:
    """Remove the search index (the records are untouched)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS search_documents_{trigger}")
        bind.exec_driver_sql(f"DROP TABLE IF EXISTS {search.FTS_TABLE}")
    op.drop_table("search_documents")
