"""The ledger's tables (SQLAlchemy 2); the Alembic migrations in `migrations/` build them.

Choices are plain strings checked by the schemas in `entities.py`, so a new kind of risk or
channel is a data change, not a schema migration on every team's database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from trustworks.ledger.money import Money

# Named constraints so migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _account_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)


def _interaction_fk() -> Mapped[int | None]:
    return mapped_column(ForeignKey("interactions.id", ondelete="SET NULL"), index=True)


class Account(Base):
    """A client organisation (or a single client) the seller works with."""

    __tablename__ = "accounts"
    __table_args__ = ({"sqlite_autoincrement": True},)  # ids never reused (migration 0010)
    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique per owner (see uq_accounts_owner_name), not across the ledger: two sellers may each
    # have a client of the same name, and a refusal must not tell one about the other's.
    name: Mapped[str] = mapped_column(String(200))
    owner: Mapped[str | None] = mapped_column(String(200), index=True)  # the seller's name
    industry: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    people: Mapped[list[Person]] = relationship(back_populates="account", passive_deletes=True)


# Names are looked up regardless of case, on every write and import row.
Index("ix_accounts_lower_name", func.lower(Account.name))
Index(
    "uq_accounts_owner_name",
    func.lower(func.coalesce(Account.owner, "")),
    func.lower(Account.name),
    unique=True,
)


class Person(Base):
    """Someone at an account."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("account_id", "name", name="uq_people_account_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)

    account: Mapped[Account] = relationship(back_populates="people")


Index("ix_people_account_lower_name", Person.account_id, func.lower(Person.name))


class Interaction(Base):
    """A call, meeting, e-mail or message, perhaps with a transcript and its stored analysis."""

    __tablename__ = "interactions"
    __table_args__ = ({"sqlite_autoincrement": True},)  # ids never reused (migration 0010)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    # Whose conversation it is in the ledger: the user (when it is one) and their name as shown.
    seller: Mapped[str | None] = mapped_column(String(200), index=True)
    seller_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Who spoke as the seller in the transcript (a JSON list of speaker names): kept apart from
    # the owner, so reading the call again never takes the signed-in user for a speaker.
    seller_speakers: Mapped[str | None] = mapped_column(Text)
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(32))
    purpose: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    transcript_source: Mapped[str | None] = mapped_column(String(500))
    transcript_format: Mapped[str | None] = mapped_column(String(32))
    # Large, and read only when asked for: left out of ordinary loads.
    transcript: Mapped[str | None] = mapped_column(Text, deferred=True)
    credibility: Mapped[float | None] = mapped_column(Float)
    reliability: Mapped[float | None] = mapped_column(Float)
    intimacy: Mapped[float | None] = mapped_column(Float)
    self_orientation: Mapped[float | None] = mapped_column(Float)
    trust: Mapped[float | None] = mapped_column(Float)
    analysis_json: Mapped[str | None] = mapped_column(Text, deferred=True)  # the full report

    findings: Mapped[list[StoredFinding]] = relationship(
        back_populates="interaction", cascade="all, delete-orphan", passive_deletes=True
    )


class StoredFinding(Base):
    """One finding of a saved analysis, kept as rows so trends and alerts can query it."""

    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    signal: Mapped[str] = mapped_column(String(100), index=True)
    family: Mapped[str] = mapped_column(String(100))
    component: Mapped[str] = mapped_column(String(32))
    polarity: Mapped[int] = mapped_column(Integer)
    turn: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(200))
    evidence: Mapped[str] = mapped_column(Text)
    learned: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)

    interaction: Mapped[Interaction] = relationship(back_populates="findings")


class Reflection(Base):
    """The seller's servant reflection after an interaction."""

    __tablename__ = "reflections"
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), unique=True
    )
    good_use_of_time: Mapped[bool | None] = mapped_column(Boolean)
    felt_respected: Mapped[bool | None] = mapped_column(Boolean)
    gave_value: Mapped[bool | None] = mapped_column(Boolean)
    world_better: Mapped[bool | None] = mapped_column(Boolean)
    learned_about_goals: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    written_on: Mapped[dt.date] = mapped_column(Date)


class Commitment(Base):
    """A promise by either side; the Reliability record."""

    __tablename__ = "commitments"
    __table_args__ = ({"sqlite_autoincrement": True},)  # ids never reused (migration 0010)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    interaction_id: Mapped[int | None] = _interaction_fk()
    side: Mapped[str] = mapped_column(String(16))  # "us" or "client"
    by: Mapped[str] = mapped_column(String(200))  # the name as shown
    # Who promised: a user for our side, a person of the account for theirs. An our-side promise
    # whose name matched no user (older data, a ledger without users) has neither, and counts
    # towards nobody's reliability but its own name's, on the accounts it is on.
    by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    to: Mapped[str | None] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    resolved_on: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16))  # "manual" or "analysis"
    evidence: Mapped[str | None] = mapped_column(Text)


class Risk(Base):
    """A risk one side took for the other, and whether it was reciprocated."""

    __tablename__ = "risks"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    interaction_id: Mapped[int | None] = _interaction_fk()
    taken_by: Mapped[str] = mapped_column(String(16))  # "us" or "client"
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    taken_on: Mapped[dt.date] = mapped_column(Date)
    reciprocated: Mapped[bool] = mapped_column(Boolean, default=False)
    reciprocated_on: Mapped[dt.date | None] = mapped_column(Date)
    seller: Mapped[str | None] = mapped_column(String(200), index=True)


class Goal(Base):
    """Something the client wants to achieve, in their words."""

    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    description: Mapped[str] = mapped_column(Text)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # open, achieved, dropped


class Introduction(Base):
    """An introduction the seller made for the client: value given beyond the sale."""

    __tablename__ = "introductions"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    introduced_to: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str | None] = mapped_column(Text)
    made_on: Mapped[dt.date] = mapped_column(Date)
    seller: Mapped[str | None] = mapped_column(String(200))


class Referral(Base):
    """A referral the client gave the seller."""

    __tablename__ = "referrals"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    referred: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    received_on: Mapped[dt.date] = mapped_column(Date)


class Screening(Base):
    """Two decisions about a prospect: will we treat them as a potential client, and when to
    review that; then the joint outcome and, for a screen-out, how they were told."""

    __tablename__ = "screenings"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    decided_on: Mapped[dt.date] = mapped_column(Date)
    willing: Mapped[bool] = mapped_column(Boolean)
    review_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    told_how: Mapped[str | None] = mapped_column(Text)
    told_on: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class Deal(Base):
    """An opportunity and where it stands."""

    __tablename__ = "deals"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    name: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(32))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(8))
    discount_pct: Mapped[float | None] = mapped_column(Float)
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    owner: Mapped[str | None] = mapped_column(String(200))
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)


class StageChange(Base):
    """A deal entered a stage on a day, with the expected close as it stood then, and who
    moved it when."""

    __tablename__ = "stage_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    entered_on: Mapped[dt.date] = mapped_column(Date)
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    # Who moved it and when (UTC); empty on changes kept before migration 0011.
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    changed_by: Mapped[str | None] = mapped_column(String(200))
    changed_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )


class Evidence(Base):
    """What a deal's stage rests on: a conversation, or a note of something observed."""

    __tablename__ = "evidence"
    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(32))
    interaction_id: Mapped[int | None] = _interaction_fk()
    note: Mapped[str | None] = mapped_column(Text)


class Transaction(Base):
    """Money that changed hands, and whether the client came out ahead."""

    __tablename__ = "transactions"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = _account_fk()
    deal_id: Mapped[int | None] = mapped_column(
        ForeignKey("deals.id", ondelete="SET NULL"), index=True
    )
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)  # what the seller earned
    client_outcome: Mapped[str] = mapped_column(String(16))  # gain, neutral, loss
    description: Mapped[str | None] = mapped_column(Text)


class DailyReview(Base):
    """The end-of-day review was done (Step 10), for the streak."""

    __tablename__ = "daily_reviews"
    __table_args__ = (UniqueConstraint("seller", "reviewed_on", name="uq_daily_reviews_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    seller: Mapped[str] = mapped_column(String(200))
    reviewed_on: Mapped[dt.date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class User(Base):
    """Someone who signs in to the web app; `seller` is the name they go by in the ledger."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # seller, manager, admin
    seller: Mapped[str] = mapped_column(String(200))
    manager_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # What the pages call them (the header, comments); None: their username.
    display_name: Mapped[str | None] = mapped_column(String(100))


class AuditEntry(Base):
    """One field of a commitment or interaction changed: who, when, before, after.

    `account_id` and `record_id` are plain numbers, not foreign keys: the trail outlives the
    record (a removal is itself a change), and says whose account it was for who may read it.
    """

    __tablename__ = "audit_trail"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    actor: Mapped[str] = mapped_column(String(200))  # the username, or who ran the command
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int] = mapped_column(Integer)
    account_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The account's owner when the change was made, folded (fold_name) as access compares
    # names: once the account is gone, this says which team may still read the entry.
    account_owner: Mapped[str | None] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))  # add, edit, remove
    field: Mapped[str] = mapped_column(String(64))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


Index("ix_audit_trail_record", AuditEntry.kind, AuditEntry.record_id)


class WebSession(Base):
    """A signed-in browser or API client; only a hash of its token is stored."""

    __tablename__ = "web_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class AuditCampaign(Base):
    """A round of the organisation trust audit, run by a manager or admin: who is asked
    (the invited users), and when answers are taken (opens_on to closes_on, both included)."""

    __tablename__ = "audit_campaigns"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200), index=True)
    audience: Mapped[str] = mapped_column(String(200))
    opens_on: Mapped[dt.date] = mapped_column(Date)
    closes_on: Mapped[dt.date] = mapped_column(Date, index=True)
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class AuditInvitation(Base):
    """A user asked to answer a campaign, and whether they have (never what they answered)."""

    __tablename__ = "audit_invitations"
    __table_args__ = (UniqueConstraint("campaign_id", "user_id", name="uq_audit_invitations_user"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("audit_campaigns.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditAnswer(Base):
    """One respondent's answers to a campaign, with nothing that says who gave them: neither
    a name nor a date. Who wrote it is in `audit_authors`, which no export or backup holds."""

    __tablename__ = "audit_answers"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("audit_campaigns.id", ondelete="CASCADE"), index=True
    )
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    answers_json: Mapped[str] = mapped_column(Text)  # {item id: option key}


class AuditAuthor(Base):
    """Whose answers these are, so their author (and nobody else) can read and change them
    until the campaign closes. Never exported: a restored ledger keeps the answers, anonymous
    to all."""

    __tablename__ = "audit_authors"
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("audit_answers.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class SelfAssessment(Base):
    """A seller's answers to the personal trust self-assessment on one date."""

    __tablename__ = "self_assessments"
    __table_args__ = (UniqueConstraint("person", "taken_on", name="uq_self_assessments_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str] = mapped_column(String(200), index=True)  # the seller's name
    taken_on: Mapped[dt.date] = mapped_column(Date)
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    answers_json: Mapped[str] = mapped_column(Text)  # {item id: option key}
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Programme(Base):
    """A training programme whose participants share stories of applying it afterwards."""

    __tablename__ = "programmes"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    started_on: Mapped[dt.date | None] = mapped_column(Date)
    ended_on: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class Lesson(Base):
    """One lesson of a programme, in the programme's order."""

    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("programme_id", "title", name="uq_lessons_programme_title"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)


class Participant(Base):
    """Someone enrolled in a programme; `user_id` links the web user who posts as them."""

    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("programme_id", "name", name="uq_participants_programme_name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    enrolled_on: Mapped[dt.date] = mapped_column(Date)


class Story(Base):
    """A participant's story of applying a lesson: the situation, what they did, what happened."""

    __tablename__ = "stories"
    __table_args__ = (
        UniqueConstraint("participant_id", "fingerprint", name="uq_stories_participant_text"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    situation: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)  # what they did
    outcome: Mapped[str] = mapped_column(Text)  # what happened
    success: Mapped[bool] = mapped_column(Boolean, default=False)
    happened_on: Mapped[dt.date] = mapped_column(Date, index=True)
    # A hash of the normalised text and date: the same story posted twice is refused.
    fingerprint: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class StoryComment(Base):
    """A comment on a story."""

    __tablename__ = "story_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    written_on: Mapped[dt.date] = mapped_column(Date)


class FollowUp(Base):
    """A question an admin asked about a story to tease more of it out, and the answer."""

    __tablename__ = "story_follow_ups"
    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    asked_by: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(Text)
    asked_on: Mapped[dt.date] = mapped_column(Date)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)


class Attribution(Base):
    """A sale a participant names, with the share of it they attribute to the training."""

    __tablename__ = "attributions"
    __table_args__ = (
        UniqueConstraint(
            "participant_id", "client", "sold_on", "amount", name="uq_attributions_sale"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    client: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money)
    sold_on: Mapped[dt.date] = mapped_column(Date, index=True)
    share: Mapped[float] = mapped_column(Float)  # percent, 0-100
    reason: Mapped[str] = mapped_column(Text)
    recorded_on: Mapped[dt.date] = mapped_column(Date)


class RatingRequest(Base):
    """A share link asking a client or colleague to rate a seller on the self-assessment."""

    __tablename__ = "rating_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    person: Mapped[str] = mapped_column(String(200), index=True)  # the seller being rated
    rater: Mapped[str] = mapped_column(String(200))  # who was asked, as the seller named them
    relation: Mapped[str] = mapped_column(String(16))  # client or colleague
    # Only a digest of the link's token is kept, so the table alone opens no form.
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    asked_on: Mapped[dt.date] = mapped_column(Date)
    expires_on: Mapped[dt.date] = mapped_column(Date)
    answered_on: Mapped[dt.date | None] = mapped_column(Date)
    questionnaire_version: Mapped[int | None] = mapped_column(Integer)
    answers_json: Mapped[str | None] = mapped_column(Text)  # {item id: option key}


class CallComment(Base):
    """A comment on a moment of a saved call (a turn, or a finding on it), or a reply in its
    thread. Replies hang off the thread's first comment and share its moment."""

    __tablename__ = "call_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("call_comments.id", ondelete="CASCADE"), index=True
    )  # None: this comment starts the thread
    turn: Mapped[int] = mapped_column(Integer)  # 0-based, as findings count turns
    signal: Mapped[str | None] = mapped_column(String(100))  # the finding's signal, if on one
    evidence: Mapped[str | None] = mapped_column(Text)  # the finding's words, kept as shown
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    author: Mapped[str] = mapped_column(String(200))  # the username, kept if the user goes
    body: Mapped[str] = mapped_column(Text)  # plain text, escaped wherever it is shown
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CommentMention(Base):
    """A user a comment mentions (@username or @Their Name)."""

    __tablename__ = "comment_mentions"
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("call_comments.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Notification(Base):
    """Something a user should see: a comment on their call, a mention, a reply in a thread.

    `email_state` is the outbox: pending until a background sender claims it (sending), then
    sent or failed (`email_error` says why); none when no e-mail was to be sent.
    """

    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    comment_id: Mapped[int] = mapped_column(
        ForeignKey("call_comments.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(16))  # mention, seller, thread
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    email_state: Mapped[str] = mapped_column(String(16), index=True)
    email_error: Mapped[str | None] = mapped_column(Text)


# The header counts a user's unread notifications on every page.
Index("ix_notifications_user_read", Notification.user_id, Notification.read_at)


class NotificationSettings(Base):
    """Where a user's notifications are e-mailed (no address: in the app only)."""

    __tablename__ = "notification_settings"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str | None] = mapped_column(String(320))


# ---- snippets: moments of calls kept as teaching examples (ledger/snippets.py) -------------


class Snippet(Base):
    """A moment of a call (a turn, or a finding in it) a manager kept as a teaching example.

    Usable in a lesson only once the call's seller has consented (`consent`); the quote is a
    copy, so the example reads the same if the call's analysis is later redone.
    """

    __tablename__ = "snippets"
    id: Mapped[int] = mapped_column(primary_key=True)
    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    turn: Mapped[int] = mapped_column(Integer)
    signal: Mapped[str | None] = mapped_column(String(100))  # the finding's signal, if one
    speaker: Mapped[str] = mapped_column(String(200))
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)  # what it teaches, in the manager's words
    saved_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    saved_by: Mapped[str] = mapped_column(String(200))
    # Whose consent it needs: the user the call is bound to (None: nobody can consent yet).
    seller_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_on: Mapped[dt.date | None] = mapped_column(Date)
    saved_on: Mapped[dt.date] = mapped_column(Date)


class LessonSnippet(Base):
    """A snippet used in a lesson of a training programme."""

    __tablename__ = "lesson_snippets"
    __table_args__ = (UniqueConstraint("lesson_id", "snippet_id", name="uq_lesson_snippets_pair"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    snippet_id: Mapped[int] = mapped_column(
        ForeignKey("snippets.id", ondelete="CASCADE"), index=True
    )
    added_on: Mapped[dt.date] = mapped_column(Date)


# The call library (ledger/calls.py) and the team page (ledger/team.py) read calls through these
# alone, never the wide rows (a transcript and its analysis each): each index holds every column
# its queries filter, sort or sum on. Measured with 100,000 calls in docs/performance.md.
_i, _f = Interaction, StoredFinding
Index("ix_calls_day", _i.occurred_on, _i.id, _i.account_id, _i.seller_user_id, _i.trust)
Index("ix_calls_account", _i.account_id, _i.trust, _i.occurred_on, _i.seller_user_id)
Index("ix_calls_trust", _i.trust, _i.id, _i.occurred_on, _i.account_id, _i.seller_user_id)
Index(
    "ix_calls_seller_day",
    _i.seller_user_id,
    _i.occurred_on,
    _i.account_id,
    _i.trust,
    _i.credibility,
    _i.reliability,
    _i.intimacy,
    _i.self_orientation,
)
Index("ix_findings_call_signal", _f.interaction_id, _f.signal, _f.family, _f.polarity)


# ------------------------------------------------------------------ mail sync (ledger/mailsync.py)
# `mailbox` is whose mailbox a row belongs to: the user's username, or "" for a ledger kept
# without users. It is a string, never NULL, so the unique keys below hold (NULLs never clash).


class MailThread(Base):
    """An e-mail thread synced from a mailbox, logged as one interaction of an account."""

    __tablename__ = "mail_threads"
    __table_args__ = (UniqueConstraint("mailbox", "root", name="uq_mail_threads_mailbox_root"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(100))
    root: Mapped[str] = mapped_column(String(300))  # the Message-ID the thread started from
    account_id: Mapped[int] = _account_fk()
    interaction_id: Mapped[int | None] = _interaction_fk()
    subject: Mapped[str | None] = mapped_column(String(500))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class MailMessage(Base):
    """A message a sync has dealt with, by Message-ID: logged in a thread, or quarantined.

    It is written in the same transaction as the interaction it went into, so a sync stopped
    at any point never logs a message twice.
    """

    __tablename__ = "mail_messages"
    __table_args__ = (
        UniqueConstraint("mailbox", "message_id", name="uq_mail_messages_mailbox_message_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(100))
    message_id: Mapped[str] = mapped_column(String(300))
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("mail_threads.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))  # logged, quarantined, skipped
    sender: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)  # why it was quarantined
    source: Mapped[str | None] = mapped_column(String(500))  # where it was read
    synced_at: Mapped[dt.datetime] = mapped_column(DateTime)


class MailSender(Base):
    """An address that wrote to a mailbox and is nobody in the ledger: to match or ignore."""

    __tablename__ = "mail_senders"
    __table_args__ = (
        UniqueConstraint("mailbox", "address", name="uq_mail_senders_mailbox_address"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # unknown, ignored
    messages: Mapped[int] = mapped_column(Integer, default=0)
    subject: Mapped[str | None] = mapped_column(String(500))  # of the latest message
    last_seen: Mapped[dt.datetime | None] = mapped_column(DateTime)


class MailSettings(Base):
    """Where a user's mailbox is. The password is never stored: the sync asks for it."""

    __tablename__ = "mail_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int | None] = mapped_column(Integer)
    login: Mapped[str] = mapped_column(String(320))
    folder: Mapped[str] = mapped_column(String(255))
    security: Mapped[str] = mapped_column(String(16))  # tls, starttls, plain (loopback only)
    addresses: Mapped[str | None] = mapped_column(Text)  # the user's own addresses, one a line
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
