"""What each kind of ledger entry holds: a pydantic schema per kind, validated on every write.

The CLI, the importers and the web API all pass plain field values through these schemas, so
a bad date or an unknown channel is refused the same way wherever it comes from. Fields that
point at another entry (`account`, `person`, `interaction`, `deal`) take an id or a name and
are resolved by the repository.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from trustworks.errors import NotFoundError
from trustworks.ledger import tables
from trustworks.ledger.money import Amount, SignedAmount

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100_000)]
# An id (a number, as the API returns them, or its digits) or a name.
Ref = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
]

Side = Literal["us", "client"]
Channel = Literal["call", "meeting", "video", "email", "message", "other"]
Purpose = Literal["discovery", "follow_up", "proposal", "closing", "check_in", "other"]
CommitmentStatus = Literal["proposed", "open", "kept", "missed", "dismissed"]
RiskKind = Literal[
    "shared_cost_data",
    "free_sample_work",
    "first_move",
    "trust_without_contract",
    "recommended_competitor",
    "other",
]
GoalStatus = Literal["open", "achieved", "dropped"]
Outcome = Literal[
    "can_help_agree", "can_help_disagree", "cannot_help_agree", "cannot_help_not_yet_agree"
]
Stage = Literal["prospect", "qualified", "discovery", "proposal", "negotiation", "won", "lost"]
ClientOutcome = Literal["gain", "neutral", "loss"]

CHANNELS: tuple[str, ...] = get_args(Channel)
PURPOSES: tuple[str, ...] = get_args(Purpose)
RISK_KINDS: tuple[str, ...] = get_args(RiskKind)
OUTCOMES: tuple[str, ...] = get_args(Outcome)
STAGES: tuple[str, ...] = get_args(Stage)  # in the order a deal moves through them


class Entry(BaseModel):
    """Common settings: unknown fields are errors, strings are trimmed, numbers are finite."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, values: Any) -> Any:
        # PostgreSQL cannot store NUL in text, and no real name or note contains one.
        if isinstance(values, dict):
            for key, value in values.items():
                if isinstance(value, str) and "\x00" in value:
                    raise ValueError(f"{key}: contains a NUL character")
        return values


class AccountIn(Entry):
    name: Name
    owner: Name | None = None
    industry: Name | None = None
    website: Annotated[str, StringConstraints(max_length=500)] | None = None
    notes: Text | None = None
    external_id: Name | None = None


class PersonIn(Entry):
    account: Ref
    name: Name
    title: Name | None = None
    email: (
        Annotated[str, StringConstraints(max_length=320, pattern=r"^[^@\s]+@[^@\s]+$")] | None
    ) = None
    phone: Annotated[str, StringConstraints(max_length=64)] | None = None
    notes: Text | None = None
    external_id: Name | None = None


class InteractionIn(Entry):
    account: Ref
    person: Ref | None = None
    seller: Name | None = None
    occurred_on: dt.date = Field(default_factory=dt.date.today)
    channel: Channel = "call"
    purpose: Purpose = "other"
    notes: Text | None = None


class ReflectionIn(Entry):
    interaction: Ref
    good_use_of_time: bool | None = None
    felt_respected: bool | None = None
    gave_value: bool | None = None
    world_better: bool | None = None
    learned_about_goals: Text | None = None
    notes: Text | None = None
    written_on: dt.date = Field(default_factory=dt.date.today)


class CommitmentIn(Entry):
    account: Ref
    interaction: Ref | None = None
    side: Side
    by: Name
    to: Name | None = None
    what: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    due: dt.date | None = None
    status: CommitmentStatus = "open"
    resolved_on: dt.date | None = None
    source: Literal["manual", "analysis"] = "manual"
    evidence: Text | None = None

    @model_validator(mode="after")
    def _resolution(self) -> CommitmentIn:
        if self.status in ("kept", "missed") and self.resolved_on is None:
            self.resolved_on = dt.date.today()
        if self.status in ("proposed", "open") and self.resolved_on is not None:
            raise ValueError(f"resolved_on is set but status is {self.status!r}")
        return self


class RiskIn(Entry):
    account: Ref
    interaction: Ref | None = None
    taken_by: Side
    kind: RiskKind
    description: Text | None = None
    taken_on: dt.date = Field(default_factory=dt.date.today)
    reciprocated: bool = False
    reciprocated_on: dt.date | None = None
    seller: Name | None = None

    @model_validator(mode="after")
    def _reciprocation(self) -> RiskIn:
        if self.reciprocated_on is not None and not self.reciprocated:
            raise ValueError("reciprocated_on is set but reciprocated is false")
        if self.reciprocated_on is not None and self.reciprocated_on < self.taken_on:
            raise ValueError("reciprocated_on is before taken_on")
        return self


class GoalIn(Entry):
    account: Ref
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    noted_on: dt.date = Field(default_factory=dt.date.today)
    status: GoalStatus = "open"


class IntroductionIn(Entry):
    account: Ref
    introduced_to: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    purpose: Text | None = None
    made_on: dt.date = Field(default_factory=dt.date.today)
    seller: Name | None = None


class ReferralIn(Entry):
    account: Ref
    referred: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    notes: Text | None = None
    received_on: dt.date = Field(default_factory=dt.date.today)


class ScreeningIn(Entry):
    account: Ref
    decided_on: dt.date = Field(default_factory=dt.date.today)
    willing: bool
    review_on: dt.date | None = None
    outcome: Outcome | None = None
    told_how: Text | None = None
    told_on: dt.date | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _dates(self) -> ScreeningIn:
        if self.review_on is not None and self.review_on < self.decided_on:
            raise ValueError("review_on is before decided_on")
        if self.told_on is not None and not self.told_how:
            raise ValueError("told_on is set but told_how (how they were told) is empty")
        return self


class DealIn(Entry):
    account: Ref
    name: Name
    stage: Stage = "prospect"
    amount: Amount | None = None
    currency: (
        Annotated[str, StringConstraints(min_length=3, max_length=3, to_upper=True)] | None
    ) = None
    discount_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    expected_close: dt.date | None = None
    closed_on: dt.date | None = None
    owner: Name | None = None
    external_id: Name | None = None
    # Not a column: the day the deal entered its stage, recorded in its stage history.
    stage_on: dt.date | None = None

    @model_validator(mode="after")
    def _closing(self) -> DealIn:
        if self.stage in ("won", "lost") and self.closed_on is None:
            self.closed_on = self.stage_on or dt.date.today()
        if self.stage not in ("won", "lost") and self.closed_on is not None:
            raise ValueError(f"closed_on is set but the deal is still at {self.stage!r}")
        return self


class EvidenceIn(Entry):
    deal: Ref
    stage: Stage
    interaction: Ref | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _something(self) -> EvidenceIn:
        if self.interaction is None and not self.note:
            raise ValueError("evidence needs an interaction or a note")
        return self


class TransactionIn(Entry):
    account: Ref
    deal: Ref | None = None
    occurred_on: dt.date = Field(default_factory=dt.date.today)
    amount: SignedAmount
    client_outcome: ClientOutcome
    description: Text | None = None


class DailyReviewIn(Entry):
    seller: Name
    reviewed_on: dt.date = Field(default_factory=dt.date.today)
    notes: Text | None = None


@dataclass(frozen=True)
class Kind:
    """One kind of ledger entry: its name, its table, its schema, what a listing shows."""

    name: str
    plural: str
    table: type[tables.Base]
    schema: type[Entry]
    columns: tuple[str, ...]
    # Fields that name another entry, and the kind each points at.
    refs: tuple[tuple[str, str], ...] = ()
    # Schema fields that are not columns (handled by the repository).
    virtual: tuple[str, ...] = ()

    def fields(self) -> dict[str, Any]:
        """The schema's fields, for help texts and forms."""
        return dict(self.schema.model_fields)


_ACCOUNT = (("account", "account"),)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("account", "accounts", tables.Account, AccountIn, ("id", "name", "owner", "industry")),
        Kind(
            "person",
            "people",
            tables.Person,
            PersonIn,
            ("id", "account", "name", "title", "email"),
            _ACCOUNT,
        ),
        Kind(
            "interaction",
            "interactions",
            tables.Interaction,
            InteractionIn,
            ("id", "account", "occurred_on", "channel", "purpose", "seller", "trust"),
            (*_ACCOUNT, ("person", "person")),
        ),
        Kind(
            "reflection",
            "reflections",
            tables.Reflection,
            ReflectionIn,
            ("id", "interaction", "written_on", "good_use_of_time", "gave_value"),
            (("interaction", "interaction"),),
        ),
        Kind(
            "commitment",
            "commitments",
            tables.Commitment,
            CommitmentIn,
            ("id", "account", "side", "by", "what", "due", "status"),
            (*_ACCOUNT, ("interaction", "interaction")),
        ),
        Kind(
            "risk",
            "risks",
            tables.Risk,
            RiskIn,
            ("id", "account", "taken_by", "kind", "taken_on", "reciprocated"),
            (*_ACCOUNT, ("interaction", "interaction")),
        ),
        Kind(
            "goal",
            "goals",
            tables.Goal,
            GoalIn,
            ("id", "account", "description", "status"),
            _ACCOUNT,
        ),
        Kind(
            "introduction",
            "introductions",
            tables.Introduction,
            IntroductionIn,
            ("id", "account", "introduced_to", "made_on"),
            _ACCOUNT,
        ),
        Kind(
            "referral",
            "referrals",
            tables.Referral,
            ReferralIn,
            ("id", "account", "referred", "received_on"),
            _ACCOUNT,
        ),
        Kind(
            "screening",
            "screenings",
            tables.Screening,
            ScreeningIn,
            ("id", "account", "decided_on", "willing", "review_on", "outcome"),
            _ACCOUNT,
        ),
        Kind(
            "deal",
            "deals",
            tables.Deal,
            DealIn,
            ("id", "account", "name", "stage", "amount", "expected_close"),
            _ACCOUNT,
            ("stage_on",),
        ),
        Kind(
            "evidence",
            "evidence",
            tables.Evidence,
            EvidenceIn,
            ("id", "deal", "stage", "interaction", "note"),
            (("deal", "deal"), ("interaction", "interaction")),
        ),
        Kind(
            "transaction",
            "transactions",
            tables.Transaction,
            TransactionIn,
            ("id", "account", "occurred_on", "amount", "client_outcome"),
            (*_ACCOUNT, ("deal", "deal")),
        ),
        Kind(
            "review",
            "reviews",
            tables.DailyReview,
            DailyReviewIn,
            ("id", "seller", "reviewed_on"),
        ),
    )
}


def kind(name: str) -> Kind:
    """The kind called `name` (singular or plural)."""
    for k in KINDS.values():
        if name in (k.name, k.plural):
            return k
    raise NotFoundError(f"unknown kind {name!r}: expected one of {', '.join(KINDS)}")


def choice_columns() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, column) -> the values a schema allows there, for checks outside the schemas."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for k in KINDS.values():
        columns = {c.key for c in k.table.__mapper__.column_attrs}
        for name, info in k.fields().items():
            annotation = info.annotation
            args = [a for a in get_args(annotation) if a is not type(None)]
            if get_origin(annotation) is not Literal and len(args) == 1:
                annotation = args[0]
            if get_origin(annotation) is Literal and name in columns:
                found[(k.table.__tablename__, name)] = tuple(str(a) for a in get_args(annotation))
    return found
