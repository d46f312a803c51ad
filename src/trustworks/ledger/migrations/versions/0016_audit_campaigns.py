"""audit campaigns with anonymous answers

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 03:00:00.000000

The trust audit was answered under any organisation name, one named row per respondent and
date, and every user could read each named score. Now a manager or admin runs a campaign
(`audit_campaigns`: organisation, audience, open and close dates) and invites users
(`audit_invitations`, which say whether they answered, never what). Answers
(`audit_answers`) carry neither a name nor a date; `audit_authors` links each to its author
alone, so they can read and change it until the campaign closes (it is never exported).

The old responses move over: each organisation's responses of one date become one campaign,
opened and closed that day (audience "the respondents of <date>"), their answers anonymous.
A respondent whose name is a user's ledger name or username (one user) is recorded as invited
and answered, and as the author of their answers, so they alone can still read them. The
names themselves are not kept. A downgrade writes the answers back as "respondent <id>".
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def upgrade() -> None:
    """Add campaigns, invitations and anonymous answers; move the old responses over."""
    op.create_table(
        "audit_campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("audience", sa.String(length=200), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_audit_campaigns_created_by_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_campaigns")),
    )
    op.create_index(op.f("ix_audit_campaigns_organisation"), "audit_campaigns", ["organisation"])
    op.create_index(op.f("ix_audit_campaigns_closes_on"), "audit_campaigns", ["closes_on"])
    op.create_index(
        op.f("ix_audit_campaigns_created_by_user_id"), "audit_campaigns", ["created_by_user_id"]
    )
    op.create_table(
        "audit_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["audit_campaigns.id"],
            name=op.f("fk_audit_invitations_campaign_id_audit_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_audit_invitations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_invitations")),
        sa.UniqueConstraint("campaign_id", "user_id", name="uq_audit_invitations_user"),
    )
    op.create_index(op.f("ix_audit_invitations_campaign_id"), "audit_invitations", ["campaign_id"])
    op.create_index(op.f("ix_audit_invitations_user_id"), "audit_invitations", ["user_id"])
    op.create_table(
        "audit_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_version", sa.Integer(), nullable=False),
        sa.Column("answers_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["audit_campaigns.id"],
            name=op.f("fk_audit_answers_campaign_id_audit_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_answers")),
    )
    op.create_index(op.f("ix_audit_answers_campaign_id"), "audit_answers", ["campaign_id"])
    op.create_table(
        "audit_authors",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["audit_answers.id"],
            name=op.f("fk_audit_authors_answer_id_audit_answers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_audit_authors_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("answer_id", name=op.f("pk_audit_authors")),
    )
    op.create_index(op.f("ix_audit_authors_user_id"), "audit_authors", ["user_id"])
    _move_responses()
    op.drop_index(op.f("ix_audit_responses_taken_on"), table_name="audit_responses")
    op.drop_index(op.f("ix_audit_responses_organisation"), table_name="audit_responses")
    op.drop_table("audit_responses")


_CAMPAIGNS = sa.table(
    "audit_campaigns",
    sa.column("id", sa.Integer()),
    sa.column("organisation", sa.String()),
    sa.column("audience", sa.String()),
    sa.column("opens_on", sa.Date()),
    sa.column("closes_on", sa.Date()),
)
_INVITATIONS = sa.table(
    "audit_invitations",
    sa.column("campaign_id", sa.Integer()),
    sa.column("user_id", sa.Integer()),
    sa.column("answered", sa.Boolean()),
)
_ANSWERS = sa.table(
    "audit_answers",
    sa.column("id", sa.Integer()),
    sa.column("campaign_id", sa.Integer()),
    sa.column("questionnaire_version", sa.Integer()),
    sa.column("answers_json", sa.Text()),
)
_AUTHORS = sa.table(
    "audit_authors", sa.column("answer_id", sa.Integer()), sa.column("user_id", sa.Integer())
)
_USERS = sa.table(
    "users", sa.column("id", sa.Integer()), sa.column("username"), sa.column("seller")
)


def _move_responses() -> None:
    conn = op.get_bind()
    old = sa.table(
        "audit_responses",
        sa.column("id", sa.Integer()),
        sa.column("organisation", sa.String()),
        sa.column("respondent", sa.String()),
        sa.column("taken_on", sa.Date()),
        sa.column("questionnaire_version", sa.Integer()),
        sa.column("answers_json", sa.Text()),
    )
    query = sa.select(old).order_by(old.c.taken_on, old.c.organisation, old.c.id)
    move_rows(conn, [dict(row._mapping) for row in conn.execute(query)])


def move_rows(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """Turn old audit responses (organisation, respondent, taken_on, questionnaire_version,
    answers_json) into campaigns of anonymous answers; `trustworks restore` of an older backup
    uses it too, so both paths follow one rule."""
    by_name: dict[str, set[int]] = defaultdict(set)
    known = sa.select(_USERS.c.id, _USERS.c.username, _USERS.c.seller)
    for ident, username, seller in conn.execute(known):
        by_name[_fold(username)].add(ident)
        by_name[_fold(seller)].add(ident)
    rounds: dict[tuple[str, dt.date], list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r["taken_on"], r["organisation"], r.get("id", 0))):
        rounds[(row["organisation"], row["taken_on"])].append(row)
    for (organisation, taken_on), members in rounds.items():
        campaign_id = conn.execute(
            _CAMPAIGNS.insert()
            .values(
                organisation=organisation,
                audience=f"the respondents of {taken_on.isoformat()}",
                opens_on=taken_on,
                closes_on=taken_on,
            )
            .returning(_CAMPAIGNS.c.id)
        ).scalar_one()
        authors: dict[int, int] = {}  # user -> their answer
        for row in members:
            answer_id = conn.execute(
                _ANSWERS.insert()
                .values(
                    campaign_id=campaign_id,
                    questionnaire_version=row["questionnaire_version"],
                    answers_json=row["answers_json"],
                )
                .returning(_ANSWERS.c.id)
            ).scalar_one()
            users_of = by_name.get(_fold(row["respondent"]), set())
            if len(users_of) == 1 and not users_of & authors.keys():
                (user_id,) = users_of
                authors[user_id] = answer_id
        # Invitations by user, not in the answers' order: a backup holds both (never the
        # authors), and ids written in one order would pair each answer with its author.
        for user_id in sorted(authors):
            conn.execute(
                _INVITATIONS.insert().values(
                    campaign_id=campaign_id, user_id=user_id, answered=True
                )
            )
            conn.execute(_AUTHORS.insert().values(answer_id=authors[user_id], user_id=user_id))


def downgrade() -> None:
    """Write the answers back as one unnamed response each, and drop the campaigns."""
    responses = op.create_table(
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
    conn = op.get_bind()
    campaigns = sa.table(
        "audit_campaigns",
        sa.column("id", sa.Integer()),
        sa.column("organisation", sa.String()),
        sa.column("closes_on", sa.Date()),
    )
    answers = sa.table(
        "audit_answers",
        sa.column("id", sa.Integer()),
        sa.column("campaign_id", sa.Integer()),
        sa.column("questionnaire_version", sa.Integer()),
        sa.column("answers_json", sa.Text()),
    )
    query = sa.select(
        answers.c.id,
        campaigns.c.organisation,
        campaigns.c.closes_on,
        answers.c.questionnaire_version,
        answers.c.answers_json,
    ).join(campaigns, campaigns.c.id == answers.c.campaign_id)
    for row in conn.execute(query.order_by(answers.c.id)):
        conn.execute(
            responses.insert().values(
                organisation=row.organisation,
                respondent=f"respondent {row.id}",
                taken_on=row.closes_on,
                questionnaire_version=row.questionnaire_version,
                answers_json=row.answers_json,
            )
        )
    for table in ("audit_authors", "audit_answers", "audit_invitations"):
        op.drop_table(table)
    op.drop_index(op.f("ix_audit_campaigns_created_by_user_id"), table_name="audit_campaigns")
    op.drop_index(op.f("ix_audit_campaigns_closes_on"), table_name="audit_campaigns")
    op.drop_index(op.f("ix_audit_campaigns_organisation"), table_name="audit_campaigns")
    op.drop_table("audit_campaigns")
