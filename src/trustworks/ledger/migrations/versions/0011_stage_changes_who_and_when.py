"""stage changes say who moved the deal and when

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 02:40:00.000000

A deal's stage history kept the day it entered each stage, but not who moved it nor the
moment: the pipeline shows both, and asks for the evidence with each move. Three nullable
columns on `stage_changes`: `changed_at` (UTC), `changed_by` (the actor as the audit trail
names them) and `changed_by_user_id` (the user, when a signed-in user moved it). Rows kept
before this revision have none of them, and are shown as "not recorded".

On SQLite the table is copied to add the foreign key; nothing points at `stage_changes`, so
dropping the old copy cascades nowhere.
"""

import warnings
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add who and when to `stage_changes`."""
    with warnings.catch_warnings():
        # Copying reflects the tables it points at; SQLAlchemy warns that it skips their
        # expression indexes (lower(name)), which the copy never touches.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        with op.batch_alter_table("stage_changes") as batch:
            batch.add_column(sa.Column("changed_at", sa.DateTime(), nullable=True))
            batch.add_column(sa.Column("changed_by", sa.String(length=200), nullable=True))
            batch.add_column(sa.Column("changed_by_user_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                "fk_stage_changes_changed_by_user_id_users",
                "users",
                ["changed_by_user_id"],
                ["id"],
                ondelete="SET NULL",
            )
            batch.create_index("ix_stage_changes_changed_by_user_id", ["changed_by_user_id"])


def downgrade() -> None:
    """Drop who and when from `stage_changes`."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        with op.batch_alter_table("stage_changes") as batch:
            batch.drop_index("ix_stage_changes_changed_by_user_id")
            batch.drop_constraint("fk_stage_changes_changed_by_user_id_users", type_="foreignkey")
            batch.drop_column("changed_by_user_id")
            batch.drop_column("changed_by")
            batch.drop_column("changed_at")
