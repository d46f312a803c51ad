"""story exchange

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 18:20:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE") -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(
            f"{target}.id", name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
        ),
        nullable=ondelete != "CASCADE",
    )


def _index(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def upgrade() -> None:
    """Add programmes, lessons, participants, stories, comments, follow-ups and attributions."""
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("name", name=op.f("uq_programmes_name")),
    )
    op.create_table(
        "lessons",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("lessons", "programme_id", "programmes"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lessons")),
        sa.UniqueConstraint("programme_id", "title", name="uq_lessons_programme_title"),
    )
    _index("lessons", "programme_id")
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("participants", "programme_id", "programmes"),
        sa.Column("name", sa.String(length=200), nullable=False),
        _fk("participants", "user_id", "users", ondelete="SET NULL"),
        sa.Column("enrolled_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint("programme_id", "name", name="uq_participants_programme_name"),
    )
    _index("participants", "programme_id", "user_id")
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("stories", "programme_id", "programmes"),
        _fk("stories", "lesson_id", "lessons"),
        _fk("stories", "participant_id", "participants"),
        sa.Column("situation", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stories")),
        sa.UniqueConstraint("participant_id", "fingerprint", name="uq_stories_participant_text"),
    )
    _index("stories", "programme_id", "lesson_id", "participant_id", "happened_on")
    op.create_table(
        "story_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("story_comments", "story_id", "stories"),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_comments")),
    )
    _index("story_comments", "story_id")
    op.create_table(
        "story_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("story_follow_ups", "story_id", "stories"),
        sa.Column("asked_by", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_follow_ups")),
    )
    _index("story_follow_ups", "story_id")
    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer(), nullable=False),
        _fk("attributions", "programme_id", "programmes"),
        _fk("attributions", "participant_id", "participants"),
        sa.Column("client", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("sold_on", sa.Date(), nullable=False),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attributions")),
        sa.UniqueConstraint(
            "participant_id", "client", "sold_on", "amount", name="uq_attributions_sale"
        ),
    )
    _index("attributions", "programme_id", "participant_id", "sold_on")


def downgrade() -> None:
    """Drop the story exchange's tables."""
    for table in (
        "attributions",
        "story_follow_ups",
        "story_comments",
        "stories",
        "participants",
        "lessons",
        "programmes",
    ):
        op.drop_table(table)
