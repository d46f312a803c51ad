"""call library indexes and snippets

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 03:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Covering indexes: the call library and the team page never read the wide rows (tables.py).
INDEXES = (
    (
        "ix_calls_day",
        "interactions",
        ["occurred_on", "id", "account_id", "seller_user_id", "trust"],
    ),
    ("ix_calls_account", "interactions", ["account_id", "trust", "occurred_on", "seller_user_id"]),
    (
        "ix_calls_trust",
        "interactions",
        ["trust", "id", "occurred_on", "account_id", "seller_user_id"],
    ),
    (
        "ix_calls_seller_day",
        "interactions",
        [
            "seller_user_id",
            "occurred_on",
            "account_id",
            "trust",
            "credibility",
            "reliability",
            "intimacy",
            "self_orientation",
        ],
    ),
    ("ix_findings_call_signal", "findings", ["interaction_id", "signal", "family", "polarity"]),
)


def upgrade() -> None:
    """Index calls for the call library and the team page; keep snippets of calls for lessons."""
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_table(
        "snippets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("signal", sa.String(length=100), nullable=True),
        sa.Column("speaker", sa.String(length=200), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("saved_by_user_id", sa.Integer(), nullable=True),
        sa.Column("saved_by", sa.String(length=200), nullable=False),
        sa.Column("seller_user_id", sa.Integer(), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=True),
        sa.Column("saved_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_snippets_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["saved_by_user_id"],
            ["users.id"],
            name=op.f("fk_snippets_saved_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["seller_user_id"],
            ["users.id"],
            name=op.f("fk_snippets_seller_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_snippets")),
    )
    for column in ("interaction_id", "saved_by_user_id", "seller_user_id"):
        op.create_index(op.f(f"ix_snippets_{column}"), "snippets", [column], unique=False)
    op.create_table(
        "lesson_snippets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.Integer(), nullable=False),
        sa.Column("snippet_id", sa.Integer(), nullable=False),
        sa.Column("added_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lessons.id"],
            name=op.f("fk_lesson_snippets_lesson_id_lessons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["snippet_id"],
            ["snippets.id"],
            name=op.f("fk_lesson_snippets_snippet_id_snippets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson_snippets")),
        sa.UniqueConstraint("lesson_id", "snippet_id", name="uq_lesson_snippets_pair"),
    )
    for column in ("lesson_id", "snippet_id"):
        op.create_index(
            op.f(f"ix_lesson_snippets_{column}"), "lesson_snippets", [column], unique=False
        )


def downgrade() -> None:
    """Drop the snippets and the call library's indexes."""
    op.drop_table("lesson_snippets")
    op.drop_table("snippets")
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
