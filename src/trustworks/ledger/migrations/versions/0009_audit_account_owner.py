"""audit trail keeps the account's owner

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 01:30:00.000000

An entry of the audit trail was shown to the managers of the team whose account it is on, found
through the account as it stands; once the account was removed, its records' entries showed to
nobody but an admin. `audit_trail.account_owner` keeps the owner (folded as access compares
names) at the time of the change, and is filled for the entries already kept from their
accounts as they are now.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from trustworks.conversation import fold_name

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add `audit_trail.account_owner` and fill it from the accounts still there."""
    op.add_column("audit_trail", sa.Column("account_owner", sa.String(length=200), nullable=True))
    bind = op.get_bind()
    for ident, owner in bind.execute(sa.text("SELECT id, owner FROM accounts")).all():
        if owner:
            bind.execute(
                sa.text("UPDATE audit_trail SET account_owner = :o WHERE account_id = :a"),
                {"o": fold_name(owner), "a": ident},
            )


def downgrade() -> None:
    """Drop `audit_trail.account_owner`."""
    with op.batch_alter_table("audit_trail") as batch:
        batch.drop_column("account_owner")
