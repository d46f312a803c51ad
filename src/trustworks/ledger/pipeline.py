"""The pipeline: the deals a user may see, by stage, each with what its stage rests on.

A card says where a deal stands (account, value, stage and how long it has been there), how
the relationship is going (the latest trust score of the account's analysed conversations and
its direction, the promises open on either side), the evidence the stage rests on, and the
flags the ledger's rules raise on it (`rules.stage_without_evidence`,
`rules.discount_pull_forward`), each naming its rule. Moving a deal records who moved it,
when, and the evidence for the new stage, in one transaction.

    board = pipeline(session, dt.date.today(), scope=scope)   # scope None: every deal
    move_stage(session, scope, 12, "proposal", note="sent the proposal on 3 March")
    stage_history(session, scope, 12)                          # oldest first
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import repository, rules
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope, check_visible, visible_account_ids
from trustworks.ledger.client_view import Direction, trust_direction
from trustworks.ledger.days import shifted
from trustworks.ledger.entities import STAGES

__all__ = [
    "CLOSED_STAGES",
    "FLAG_RULES",
    "STAGES",
    "DealCard",
    "EvidenceItem",
    "Flag",
    "HistoryStep",
    "Move",
    "OpenPromise",
    "Pipeline",
    "StageColumn",
    "deal_card",
    "move_stage",
    "pipeline",
    "rests_on",
    "stage_history",
]

CLOSED_STAGES = ("won", "lost")
FLAG_RULES = ("stage_without_evidence", "discount_pull_forward")
"""The rules whose alerts mark a card."""

NOTE_MAX = 10_000
TREND_POINTS = 5  # the conversations the trust direction is drawn over (client_view's default)


@dataclass(frozen=True)
class EvidenceItem:
    """One thing a stage rests on: a conversation of that purpose on the account, or evidence
    recorded for the deal (a note, or a conversation named as the evidence)."""

    stage: str
    kind: Literal["conversation", "noted"]
    text: str
    interaction_id: int | None
    on: dt.date | None  # the conversation's day; None for a note
    evidence_id: int | None  # None for a conversation found by its purpose


@dataclass(frozen=True)
class OpenPromise:
    """An open commitment on the deal's account, ours or theirs."""

    id: int
    side: str  # "us" or "client"
    by: str
    what: str
    due: dt.date | None
    overdue: bool


@dataclass(frozen=True)
class Flag:
    """An alert of a ledger rule on this deal."""

    rule: str
    severity: str
    message: str


@dataclass(frozen=True)
class DealCard:
    """One deal as the pipeline shows it, as of `today`."""

    id: int
    name: str
    account_id: int
    account: str
    owner: str | None  # the deal's owner, else the account's
    stage: str
    amount: Decimal | None
    currency: str | None
    discount_pct: float | None
    expected_close: dt.date | None
    closed_on: dt.date | None
    stage_since: dt.date | None  # None: no stage change recorded for this stage
    stage_age_days: int | None
    trust: float | None  # the latest analysed conversation's trust score
    trust_on: dt.date | None
    trust_direction: Direction
    conversations: int  # analysed conversations on the account, on or before today
    ours: tuple[OpenPromise, ...]  # by due date, undated last
    theirs: tuple[OpenPromise, ...]
    evidence: tuple[EvidenceItem, ...]  # what the stage rests on, by stage then date
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class StageColumn:
    """The deals at one stage, and their value per currency."""

    stage: str
    deals: tuple[DealCard, ...]
    value: dict[str, Decimal]  # currency ("" when none is given) -> sum of amounts


@dataclass(frozen=True)
class Pipeline:
    """The board: a column per stage, in the order a deal moves through them."""

    today: dt.date
    columns: tuple[StageColumn, ...]

    @property
    def deals(self) -> tuple[DealCard, ...]:
        """Every card, stage by stage."""
        return tuple(card for column in self.columns for card in column.deals)


@dataclass(frozen=True)
class HistoryStep:
    """A deal entered a stage: on which day, moved by whom and when, and the evidence for it."""

    id: int
    stage: str
    entered_on: dt.date
    expected_close: dt.date | None
    changed_at: dt.datetime | None  # UTC; None on changes kept before this was recorded
    changed_by: str | None
    evidence: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class Move:
    """What moving a deal recorded."""

    deal_id: int
    account_id: int
    from_stage: str
    to_stage: str
    stage_change_id: int
    evidence_id: int
    entered_on: dt.date
    changed_by: str


def rests_on(stage: str) -> tuple[str, ...]:
    """The stages whose evidence a deal at `stage` rests on: its own, and the discovery and
    proposal the ledger's rule asks of any deal past them.

    >>> rests_on("negotiation")
    ('discovery', 'proposal', 'negotiation')
    """
    needed: list[str] = []
    if stage in rules.PAST_DISCOVERY:
        needed.append("discovery")
    if stage in rules.NEEDS_PROPOSAL:
        needed.append("proposal")
    if stage != "prospect" and stage not in needed:
        needed.append(stage)
    return tuple(needed)


def pipeline(
    session: Session,
    today: dt.date,
    *,
    scope: Scope | None = None,
    seller: str | None = None,
    stage: str | None = None,
    closed_days: int | None = 90,
) -> Pipeline:
    """The deals `scope` may see (None: all), as of `today`, by stage.

    `seller` keeps the deals owned by that name (the deal's owner, else the account's);
    `stage` keeps one stage; won and lost deals closed more than `closed_days` before `today`
    are left off (None keeps them all), so the board does not fill with history.
    """
    if stage is not None and stage not in STAGES:
        raise FieldError("stage", f"{stage!r} is not a stage; choose one of {', '.join(STAGES)}")
    if closed_days is not None and closed_days < 0:
        raise FieldError("closed_days", "must be 0 or more")
    d, a = t.Deal, t.Account
    # Plain columns, not ORM objects: a board of thousands of deals is read, never changed.
    query = select(*_DEAL_COLUMNS, a.id, a.name, a.owner).join(a, a.id == d.account_id)
    query = query.order_by(d.id)
    if scope is not None:
        visible = visible_account_ids(session, scope)
        if visible is not None:
            query = query.where(d.account_id.in_(visible))
    if stage is not None:
        query = query.where(d.stage == stage)
    if closed_days is not None:
        since = shifted(today, -closed_days)
        query = query.where(
            (d.stage.not_in(CLOSED_STAGES)) | (d.closed_on.is_(None)) | (d.closed_on >= since)
        )
    wanted = fold_name(seller) if seller is not None else None
    found = []
    for row in session.execute(query):
        cut = len(_DEAL_COLUMNS)
        deal, account = _DealRow(*row[:cut]), _AccountRow(*row[cut:])
        if wanted is None or fold_name(deal.owner or account.owner or "") == wanted:
            found.append((deal, account))
    cards = _cards(session, today, found)
    by_stage: dict[str, list[DealCard]] = defaultdict(list)
    for card in cards:
        by_stage[card.stage].append(card)
    shown = (stage,) if stage is not None else STAGES
    columns = []
    for name in shown:
        deals = sorted(by_stage.get(name, ()), key=_card_order)
        columns.append(StageColumn(name, tuple(deals), _value(deals)))
    return Pipeline(today, tuple(columns))


def deal_card(session: Session, scope: Scope | None, deal: int | str, today: dt.date) -> DealCard:
    """One deal's card (NotFoundError when the scope may not see it)."""
    row = _visible_deal(session, scope, deal)
    account = session.get(t.Account, row.account_id)
    assert account is not None  # a deal's account is a foreign key
    found = (
        _DealRow(*(getattr(row, c.key) for c in _DEAL_COLUMNS)),
        _AccountRow(account.id, account.name, account.owner),
    )
    return _cards(session, today, [found])[0]


def stage_history(
    session: Session, scope: Scope | None, deal: int | str
) -> tuple[HistoryStep, ...]:
    """The stages a deal has entered, oldest first, with who moved it, when, and the evidence
    recorded for each stage."""
    row = _visible_deal(session, scope, deal)
    changes = session.scalars(
        select(t.StageChange)
        .where(t.StageChange.deal_id == row.id)
        .order_by(t.StageChange.entered_on, t.StageChange.id)
    )
    noted: dict[str, list[EvidenceItem]] = defaultdict(list)
    for item in _noted_evidence(session, [row.id]).get(row.id, ()):
        noted[item.stage].append(item)
    return tuple(
        HistoryStep(
            c.id,
            c.stage,
            c.entered_on,
            c.expected_close,
            c.changed_at,
            c.changed_by,
            tuple(noted.get(c.stage, ())),
        )
        for c in changes
    )


def move_stage(
    session: Session,
    scope: Scope | None,
    deal: int | str,
    stage: str,
    *,
    note: str | None = None,
    interaction: int | str | None = None,
    on: dt.date | None = None,
) -> Move:
    """Move a deal to `stage` on day `on` (default today) with the evidence for it: a note,
    a conversation on the deal's account (by id), or both. Who moved it and when are kept
    with the stage change; the evidence is recorded for the new stage.

    Refused, with nothing written: an unknown stage, the stage it is at, no evidence, a
    conversation on another account or one the scope may not see.
    """
    if stage not in STAGES:
        raise FieldError("stage", f"{stage!r} is not a stage; choose one of {', '.join(STAGES)}")
    row = _visible_deal(session, scope, deal)
    # Locked (PostgreSQL) and read again: of two moves sent at once the second sees the
    # first's stage, instead of recording the same stage twice. SQLite has one writer anyway.
    session.refresh(row, with_for_update=True)
    if row.stage == stage:
        raise ConflictError(f"deal {row.id} ({row.name!r}) is already at {stage}")
    note = (note or "").strip() or None
    if note is not None and len(note) > NOTE_MAX:
        raise FieldError("note", f"at most {NOTE_MAX:,} characters")
    ref = str(interaction).strip() if interaction is not None else ""
    if not ref and note is None:
        raise FieldError(
            "evidence", f"say what moving it to {stage} rests on: a note, a conversation, or both"
        )
    interaction_id = _evidence_conversation(session, scope, row, ref) if ref else None
    from_stage = row.stage
    day = on or dt.date.today()
    if day > dt.date.today():
        raise FieldError("on", f"{day.isoformat()} is after today: record a move once it happens")
    entered = session.scalar(
        select(func.max(t.StageChange.entered_on)).where(t.StageChange.deal_id == row.id)
    )
    if entered is not None and day < entered:
        # Else the history would list the new stage before the one it left, and its age lie.
        raise FieldError(
            "on", f"{day.isoformat()} is before {entered.isoformat()}, when it entered {row.stage}"
        )
    changes: dict[str, object] = {"stage": stage, "stage_on": day}
    # A deal reopened from won or lost is no longer closed; one closed again closes that day.
    changes["closed_on"] = day if stage in CLOSED_STAGES else None
    repository.edit(session, "deal", row.id, changes)
    change = session.scalars(
        select(t.StageChange)
        .where(t.StageChange.deal_id == row.id)
        .order_by(t.StageChange.id.desc())
        .limit(1)
    ).one()
    evidence = repository.add(
        session,
        "evidence",
        {
            "deal": str(row.id),
            "stage": stage,
            "interaction": str(interaction_id) if interaction_id is not None else None,
            "note": note,
        },
    )
    return Move(
        row.id,
        row.account_id,
        from_stage,
        stage,
        change.id,
        evidence.id,  # type: ignore[attr-defined]
        day,
        change.changed_by or "",
    )


def _visible_deal(session: Session, scope: Scope | None, deal: int | str) -> t.Deal:
    row = repository.get(session, "deal", deal)
    if scope is not None:
        check_visible(session, scope, row, f"deal with id {deal}")
    assert isinstance(row, t.Deal)
    return row


def _evidence_conversation(session: Session, scope: Scope | None, deal: t.Deal, ref: str) -> int:
    """The id of a conversation named as evidence: one the scope sees, on the deal's account."""
    if not repository.is_id_text(ref):
        raise FieldError("interaction", f"give the conversation's id (a number), not {ref!r}")
    try:
        found = repository.get(session, "interaction", ref)
        if scope is not None:
            check_visible(session, scope, found, f"interaction with id {ref}")
    except NotFoundError:
        raise FieldError("interaction", f"no conversation {ref} that you may see") from None
    assert isinstance(found, t.Interaction)
    if found.account_id != deal.account_id:
        raise FieldError(
            "interaction", f"conversation {found.id} is not on the account of deal {deal.id}"
        )
    return found.id


def _card_order(card: DealCard) -> tuple[bool, int, int]:
    # The deal that has waited longest at its stage first: it is the one to look at.
    return (card.stage_age_days is None, -(card.stage_age_days or 0), card.id)


def _value(cards: Iterable[DealCard]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = {}
    for card in cards:
        if card.amount is not None:
            key = card.currency or ""
            totals[key] = totals.get(key, Decimal(0)) + card.amount
    return dict(sorted(totals.items()))


class _DealRow(NamedTuple):
    id: int
    account_id: int
    name: str
    owner: str | None
    stage: str
    amount: Decimal | None
    currency: str | None
    discount_pct: float | None
    expected_close: dt.date | None
    closed_on: dt.date | None


class _AccountRow(NamedTuple):
    id: int
    name: str
    owner: str | None


_DEAL_COLUMNS = tuple(getattr(t.Deal, field) for field in _DealRow._fields)


def _cards(
    session: Session, today: dt.date, found: list[tuple[_DealRow, _AccountRow]]
) -> list[DealCard]:
    if not found:
        return []
    deal_ids = [deal.id for deal, _ in found]
    account_ids = sorted({account.id for _, account in found})
    since = _stage_since(session, deal_ids)
    trust = _trust(session, account_ids, today)
    promises = _promises(session, account_ids, today)
    noted = _noted_evidence(session, deal_ids)
    talks = _conversations(session, account_ids, today)
    flags = _flags(session, today, set(deal_ids))
    cards = []
    for deal, account in found:
        entered = since.get((deal.id, deal.stage))
        scores, analysed = trust.get(account.id, ([], 0))
        needed = rests_on(deal.stage)
        evidence = [
            item
            for stage in needed
            for item in [
                *talks.get((account.id, stage), ()),
                *(e for e in noted.get(deal.id, ()) if e.stage == stage),
            ]
        ]
        ours = tuple(p for p in promises.get(account.id, ()) if p.side == "us")
        theirs = tuple(p for p in promises.get(account.id, ()) if p.side != "us")
        cards.append(
            DealCard(
                deal.id,
                deal.name,
                account.id,
                account.name,
                deal.owner or account.owner,
                deal.stage,
                deal.amount,
                deal.currency,
                deal.discount_pct,
                deal.expected_close,
                deal.closed_on,
                entered,
                max((today - entered).days, 0) if entered is not None else None,
                scores[-1][1] if scores else None,
                scores[-1][0] if scores else None,
                trust_direction([s for _, s in scores], last=TREND_POINTS),
                analysed,
                ours,
                theirs,
                tuple(evidence),
                tuple(flags.get(deal.id, ())),
            )
        )
    return cards


def _stage_since(session: Session, deal_ids: list[int]) -> dict[tuple[int, str], dt.date]:
    s = t.StageChange
    query = (
        select(s.deal_id, s.stage, func.max(s.entered_on))
        .where(s.deal_id.in_(deal_ids))
        .group_by(s.deal_id, s.stage)
    )
    return {(deal_id, stage): day for deal_id, stage, day in session.execute(query)}


def _trust(
    session: Session, account_ids: list[int], today: dt.date
) -> dict[int, tuple[list[tuple[dt.date, float]], int]]:
    """Per account, its newest TREND_POINTS analysed conversations' scores (oldest first) and
    how many it has: the direction needs no more, and a busy account has hundreds."""
    i = t.Interaction
    ranked = (
        select(
            i.account_id,
            i.occurred_on,
            i.trust,
            func.row_number()
            .over(partition_by=i.account_id, order_by=(i.occurred_on.desc(), i.id.desc()))
            .label("rank"),
            func.count().over(partition_by=i.account_id).label("total"),
        )
        .where(i.account_id.in_(account_ids), i.trust.is_not(None), i.occurred_on <= today)
        .subquery()
    )
    query = (
        select(ranked.c.account_id, ranked.c.occurred_on, ranked.c.trust, ranked.c.total)
        .where(ranked.c.rank <= TREND_POINTS)
        .order_by(ranked.c.account_id, ranked.c.rank.desc())
    )
    out: dict[int, tuple[list[tuple[dt.date, float]], int]] = {}
    for account_id, on, score, total in session.execute(query):
        out.setdefault(account_id, ([], int(total)))[0].append((on, float(score)))
    return out


def _promises(
    session: Session, account_ids: list[int], today: dt.date
) -> dict[int, list[OpenPromise]]:
    c = t.Commitment
    undated_last: ColumnElement[bool] = c.due.is_(None)
    query = (
        select(c.id, c.account_id, c.side, c.by, c.what, c.due)
        .where(c.account_id.in_(account_ids), c.status == "open")
        .order_by(undated_last, c.due, c.id)
    )
    out: dict[int, list[OpenPromise]] = defaultdict(list)
    for ident, account_id, side, by, what, due in session.execute(query):
        overdue = due is not None and due < today
        out[account_id].append(OpenPromise(ident, side, by, what, due, overdue))
    return out


def _noted_evidence(session: Session, deal_ids: list[int]) -> dict[int, list[EvidenceItem]]:
    e, i = t.Evidence, t.Interaction
    query = (
        select(e, i.occurred_on, i.purpose, i.channel)
        .outerjoin(i, i.id == e.interaction_id)
        .where(e.deal_id.in_(deal_ids))
        .order_by(e.id)
    )
    out: dict[int, list[EvidenceItem]] = defaultdict(list)
    for row, on, purpose, channel in session.execute(query):
        parts = []
        if row.interaction_id is not None and on is not None:
            parts.append(_conversation_text(purpose, channel, on))
        if row.note:
            parts.append(row.note)
        out[row.deal_id].append(
            EvidenceItem(
                row.stage,
                "noted",
                ": ".join(parts) or "(empty)",
                row.interaction_id,
                on,
                row.id,
            )
        )
    return out


def _conversations(
    session: Session, account_ids: list[int], today: dt.date
) -> dict[tuple[int, str], list[EvidenceItem]]:
    """Conversations whose purpose is a stage (discovery, proposal), as the rule counts them."""
    i = t.Interaction
    query = (
        select(i.id, i.account_id, i.purpose, i.channel, i.occurred_on)
        .where(
            i.account_id.in_(account_ids),
            i.purpose.in_([s for s in STAGES if s != "prospect"]),
            i.occurred_on <= today,
        )
        .order_by(i.occurred_on, i.id)
    )
    out: dict[tuple[int, str], list[EvidenceItem]] = defaultdict(list)
    for ident, account_id, purpose, channel, on in session.execute(query):
        out[(account_id, purpose)].append(
            EvidenceItem(
                purpose, "conversation", _conversation_text(purpose, channel, on), ident, on, None
            )
        )
    return out


def _conversation_text(purpose: str | None, channel: str | None, on: dt.date) -> str:
    what = " ".join(p.replace("_", " ") for p in (purpose, channel) if p)
    return f"{what or 'conversation'} on {on.isoformat()}"


def _flags(session: Session, today: dt.date, deal_ids: set[int]) -> dict[int, list[Flag]]:
    out: dict[int, list[Flag]] = defaultdict(list)
    found = [
        *rules.stage_without_evidence(session, today),
        *rules.discount_pull_forward(session, today),
    ]
    for alert in found:
        kind_name, _, ident = alert.ref.partition(":")
        if kind_name == "deal" and ident.isascii() and ident.isdigit() and int(ident) in deal_ids:
            out[int(ident)].append(Flag(alert.rule, alert.severity, alert.message))
    return out
