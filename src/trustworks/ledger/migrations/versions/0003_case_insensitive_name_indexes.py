"""case-insensitive name indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 02:41:32.601987

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Index the lower-cased names that every write and import row looks up."""
    op.create_index("ix_accounts_lower_name", "accounts", [sa.text("lower(name)")])
    op.create_index(
        "ix_people_account_lower_name", "people", ["account_id", sa.text("lower(name)")]
    )


def downgrade() -> None:
    """Drop the name indexes."""
    op.drop_index("ix_people_account_lower_name", table_name="people")
    op.drop_index("ix_accounts_lower_name", table_name="accounts")
