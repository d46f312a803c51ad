"""rating requests

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:40:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add share links for others (clients, colleagues) to rate a seller."""
    op.create_table(
        "rating_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("rater", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("questionnaire_version", sa.Integer(), nullable=True),
        sa.Column("answers_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rating_requests")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_rating_requests_token_digest")),
    )
    op.create_index(op.f("ix_rating_requests_person"), "rating_requests", ["person"], unique=False)


def downgrade() -> None:
    """Drop the share links and the ratings they collected."""
    op.drop_index(op.f("ix_rating_requests_person"), table_name="rating_requests")
    op.drop_table("rating_requests")
