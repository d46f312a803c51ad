"""a user's display name

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 03:00:00.000000

What the pages call a user (the header, lists of users), which they set themselves at /me;
empty means their username. Their name in the ledger (`seller`, which accounts are owned by)
stays as it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add users.display_name (nullable: nobody has one yet)."""
    op.add_column("users", sa.Column("display_name", sa.String(length=100), nullable=True))


def downgrade() -> None:
    """Drop it (SQLite copies the table to do so)."""
    with op.batch_alter_table("users") as batch:
        batch.drop_column("display_name")
