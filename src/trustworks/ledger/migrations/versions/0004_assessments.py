"""assessments

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 14:15:38.532172

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the trust audit's responses and the personal self-assessments."""
    op.create_table(
        "audit_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("respondent", sa.String(length=200), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_responses")),
        sa.UniqueConstraint(
            "organisation",
            "respondent",
            "taken_on",
            name="uq_audit_responses_respondent_day",
        ),
    )
    op.create_index(op.f("ix_audit_responses_organisation"), "audit_responses", ["organisation"])
    op.create_index(op.f("ix_audit_responses_taken_on"), "audit_responses", ["taken_on"])
    op.create_table(
        "self_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_self_assessments")),
        sa.UniqueConstraint("person", "taken_on", name="uq_self_assessments_day"),
    )
    op.create_index(op.f("ix_self_assessments_person"), "self_assessments", ["person"])


def downgrade() -> None:
    """Drop the assessment tables."""
    op.drop_index(op.f("ix_self_assessments_person"), table_name="self_assessments")
    op.drop_table("self_assessments")
    op.drop_index(op.f("ix_audit_responses_taken_on"), table_name="audit_responses")
    op.drop_index(op.f("ix_audit_responses_organisation"), table_name="audit_responses")
    op.drop_table("audit_responses")
