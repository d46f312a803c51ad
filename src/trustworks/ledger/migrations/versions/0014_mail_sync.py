"""mail sync: threads, messages by Message-ID, unknown senders, mailbox settings

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 03:00:00.000000

`trustworks mail sync` logs each e-mail thread with people of the ledger as one interaction.
`mail_messages` records every Message-ID it dealt with (logged, quarantined with the reason,
or skipped), in the same transaction as the thread's interaction, so no message is ever logged
twice; `mail_senders` lists the addresses nobody in the ledger has, for the user to match or
ignore; `mail_settings` says where a user's mailbox is (never its password).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the mail sync's four tables."""
    op.create_table(
        "mail_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=100), nullable=False),
        sa.Column("root", sa.String(length=300), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_mail_threads_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_mail_threads_interaction_id_interactions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_threads")),
        sa.UniqueConstraint("mailbox", "root", name="uq_mail_threads_mailbox_root"),
    )
    op.create_index(op.f("ix_mail_threads_account_id"), "mail_threads", ["account_id"])
    op.create_index(op.f("ix_mail_threads_interaction_id"), "mail_threads", ["interaction_id"])
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=100), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sender", sa.String(length=320), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("synced_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["mail_threads.id"],
            name=op.f("fk_mail_messages_thread_id_mail_threads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint("mailbox", "message_id", name="uq_mail_messages_mailbox_message_id"),
    )
    op.create_index(op.f("ix_mail_messages_thread_id"), "mail_messages", ["thread_id"])
    op.create_table(
        "mail_senders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("last_seen", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_senders")),
        sa.UniqueConstraint("mailbox", "address", name="uq_mail_senders_mailbox_address"),
    )
    op.create_table(
        "mail_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(length=320), nullable=False),
        sa.Column("folder", sa.String(length=255), nullable=False),
        sa.Column("security", sa.String(length=16), nullable=False),
        sa.Column("addresses", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_mail_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_settings")),
        sa.UniqueConstraint("user_id", name=op.f("uq_mail_settings_user_id")),
    )


def downgrade() -> None:
    """Drop the mail sync's tables (the interactions it logged stay)."""
    op.drop_table("mail_settings")
    op.drop_table("mail_senders")
    op.drop_index(op.f("ix_mail_messages_thread_id"), table_name="mail_messages")
    op.drop_table("mail_messages")
    op.drop_index(op.f("ix_mail_threads_interaction_id"), table_name="mail_threads")
    op.drop_index(op.f("ix_mail_threads_account_id"), table_name="mail_threads")
    op.drop_table("mail_threads")
