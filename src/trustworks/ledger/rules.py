"""The ledger's rules: alerts for dropped leads, broken promises, one-sided risk and pipeline
honesty. docs/ledger-rules.md gives each rule's exact definition.

Every rule reads the ledger as of `today`: entries dated after it are ignored, so a test (or a
look back at last week) gets the same answer every time. Thresholds are keyword arguments.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from trustworks.ledger import tables as t
from trustworks.ledger.days import shifted
from trustworks.plural import counted

__all__ = [
    "RULES",
    "SEVERITIES",
    "Alert",
    "SellerReliability",
    "alerts",
    "churn",
    "commitments_of",
    "commitments_overdue",
    "discount_pull_forward",
    "dropped_leads",
    "latest_screenings",
    "missing_reflections",
    "open_commitments",
    "quarter_end",
    "reliability",
    "risk_imbalance",
    "screen_outs_untold",
    "seller_is",
    "stage_without_evidence",
    "unreflected_interactions",
]

Severity = Literal["high", "medium", "low"]
# high: someone on the client's side is being let down now; medium: the record is dishonest or
# a promise to us has lapsed; low: a habit worth fixing.
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")

RULES: tuple[str, ...] = (
    "dropped_lead",
    "commitment_overdue",
    "samples_not_reciprocated",
    "seller_never_first",
    "stage_without_evidence",
    "discount_pull_forward",
    "churn",
    "screen_out_unexplained",
    "screen_out_not_told",
    "missing_reflection",
)

PAST_DISCOVERY = ("proposal", "negotiation", "won")
NEEDS_PROPOSAL = ("negotiation", "won")


@dataclass(frozen=True)
class Alert:
    """Something that needs attention; `ref` names the entry it is about, e.g. "commitment:12"."""

    rule: str
    severity: Severity
    account_id: int
    account: str
    message: str
    ref: str
    seller: str | None
    on: dt.date  # the day it became due or happened, for ordering


@dataclass(frozen=True)
class SellerReliability:
    """A seller's record on our promises: kept / due, where due = kept + missed + overdue."""

    seller: str
    kept: int
    missed: int
    overdue: int
    due: int
    rate: float | None  # None when nothing has come due: no record is not a perfect record
    # The user it is the record of; None for promises under a name no user has (older data, a
    # ledger without users), counted by that name on the accounts asked about only.
    user_id: int | None = None


def seller_is(column: Any, seller: str) -> ColumnElement[bool]:
    """A case-insensitive match of a seller-name column."""
    return func.lower(column) == seller.strip().lower()


def latest_screenings(today: dt.date) -> tuple[Any, ColumnElement[int]]:
    """The screening entity ranked per account (rank 1 = latest decided on or before `today`)."""
    ranked = (
        select(
            t.Screening,
            func.row_number()
            .over(
                partition_by=t.Screening.account_id,
                order_by=(t.Screening.decided_on.desc(), t.Screening.id.desc()),
            )
            .label("rank"),
        )
        .where(t.Screening.decided_on <= today)
        .subquery()
    )
    return aliased(t.Screening, ranked), ranked.c.rank


def dropped_leads(
    session: Session, today: dt.date, *, seller: str | None = None, grace_days: int = 0
) -> list[Alert]:
    """Prospects past their review date with no contact since it and no closing conversation."""
    s, rank = latest_screenings(today)
    contact = exists().where(
        t.Interaction.account_id == s.account_id,
        t.Interaction.occurred_on >= s.review_on,
        t.Interaction.occurred_on <= today,
    )
    closing = exists().where(
        t.Interaction.account_id == s.account_id,
        t.Interaction.purpose == "closing",
        t.Interaction.occurred_on >= s.decided_on,
        t.Interaction.occurred_on <= today,
    )
    last_contact = (
        select(func.max(t.Interaction.occurred_on))
        .where(t.Interaction.account_id == s.account_id, t.Interaction.occurred_on <= today)
        .scalar_subquery()
    )
    query = (
        select(s, t.Account, last_contact)
        .join(t.Account, t.Account.id == s.account_id)
        .where(
            rank == 1,
            s.willing.is_(True),
            s.outcome.is_(None),
            s.review_on < shifted(today, -grace_days),
            ~contact,
            ~closing,
        )
        .order_by(s.review_on, s.id)
    )
    if seller:
        query = query.where(seller_is(t.Account.owner, seller))
    found = []
    for screening, account, last in session.execute(query):
        since = f"last contact {last}" if last else "never contacted"
        found.append(
            Alert(
                "dropped_lead",
                "high",
                account.id,
                account.name,
                f"prospect was due for review on {screening.review_on} "
                f"({counted((today - screening.review_on).days, 'day')} ago): {since}, "
                "no closing conversation",
                f"screening:{screening.id}",
                account.owner,
                screening.review_on,
            )
        )
    return found


def open_commitments(
    session: Session, *, due_before: dt.date, seller: str | None = None
) -> list[tuple[t.Commitment, t.Account]]:
    """Open commitments due before `due_before`: ours first, then theirs, each by due date.

    With `seller`, ours are those the seller made and theirs those made to the account's owner.
    """
    query = (
        select(t.Commitment, t.Account)
        .join(t.Account, t.Account.id == t.Commitment.account_id)
        .where(
            t.Commitment.status == "open",
            t.Commitment.due.is_not(None),
            t.Commitment.due < due_before,
        )
        .order_by(case((t.Commitment.side == "us", 0), else_=1), t.Commitment.due, t.Commitment.id)
    )
    if seller:
        query = query.where(commitments_of(seller))
    return [(c, a) for c, a in session.execute(query)]


def commitments_of(seller: str) -> ColumnElement[bool]:
    """The seller's commitments (a query joining Commitment to its Account): ours they made,
    and theirs made to the account's owner."""
    # Ours: bound to the user of that name (whatever name the row was saved with), or
    # bound to nobody and carrying that name.
    users = select(t.User.id).where(seller_is(t.User.seller, seller))
    ours = or_(
        t.Commitment.by_user_id.in_(users),
        and_(t.Commitment.by_user_id.is_(None), seller_is(t.Commitment.by, seller)),
    )
    return or_(
        and_(t.Commitment.side == "us", ours),
        and_(t.Commitment.side == "client", seller_is(t.Account.owner, seller)),
    )


def commitments_overdue(
    session: Session, today: dt.date, *, seller: str | None = None
) -> list[Alert]:
    """Open commitments past their due date, ours first; proposed ones never alert."""
    found = []
    for c, account in open_commitments(session, due_before=today, seller=seller):
        assert c.due is not None
        ours = c.side == "us"
        days = (today - c.due).days
        to = f" to {c.to}" if c.to else ""
        found.append(
            Alert(
                "commitment_overdue",
                "high" if ours else "medium",
                account.id,
                account.name,
                f"{'ours' if ours else 'theirs'}: {c.by} promised{to} {c.what!r}, due {c.due}, "
                f"{counted(days, 'day')} overdue",
                f"commitment:{c.id}",
                c.by if ours else account.owner,
                c.due,
            )
        )
    return found


def reliability(
    session: Session,
    today: dt.date,
    *,
    seller: str | None = None,
    account_ids: Iterable[int] | None = None,
) -> list[SellerReliability]:
    """Each user's kept / due on our side's commitments, by the user the promise is bound to
    (never by the name typed), then promises bound to no user by their name, only on
    `account_ids` when given. `seller` picks one user (username or name) or unlinked name."""
    c = t.Commitment

    def count(condition: ColumnElement[bool]) -> Any:
        return func.sum(case((condition, 1), else_=0))

    overdue = and_(c.status == "open", c.due.is_not(None), c.due < today)
    counts = (count(c.status == "kept"), count(c.status == "missed"), count(overdue))
    linked = (
        select(t.User.id, t.User.seller, *counts)
        .join(t.User, t.User.id == c.by_user_id)
        .where(c.side == "us")
        .group_by(t.User.id, t.User.seller)
    )
    unlinked = select(c.by, *counts).where(c.side == "us", c.by_user_id.is_(None)).group_by(c.by)
    if account_ids is not None:
        unlinked = unlinked.where(c.account_id.in_(list(account_ids)))
    if seller:
        linked = linked.where(
            or_(seller_is(t.User.username, seller), seller_is(t.User.seller, seller))
        )
        unlinked = unlinked.where(seller_is(c.by, seller))
    out = []
    for user_id, name, *numbers in session.execute(linked):
        out.append(_record(name, numbers, user_id))
    for name, *numbers in session.execute(unlinked):
        out.append(_record(name, numbers, None))
    return sorted(out, key=lambda r: (r.seller.lower(), r.user_id is None, r.user_id or 0))


def _record(name: str, numbers: list[Any], user_id: int | None) -> SellerReliability:
    kept, missed, late = (int(n or 0) for n in numbers)
    due = kept + missed + late
    return SellerReliability(name, kept, missed, late, due, kept / due if due else None, user_id)


def risk_imbalance(
    session: Session, today: dt.date, *, seller: str | None = None, min_samples: int = 2
) -> list[Alert]:
    """Clients who keep taking our sample work and never reciprocate, and accounts where the
    client has taken risks but we never moved first."""
    r = t.Risk

    def count(*conditions: ColumnElement[bool]) -> Any:
        return func.sum(case((and_(*conditions), 1), else_=0))

    ours, theirs = r.taken_by == "us", r.taken_by == "client"
    sample = and_(ours, r.kind == "free_sample_work")
    totals = (
        select(
            r.account_id.label("account_id"),
            count(sample).label("samples"),
            count(sample, r.reciprocated.is_(True)).label("answered"),
            func.max(case((sample, r.taken_on))).label("last_sample"),
            count(theirs).label("client_risks"),
            func.min(case((theirs, r.taken_on))).label("client_first"),
            count(ours, r.reciprocated.is_(True)).label("ours_answered"),
            func.min(case((ours, r.taken_on))).label("first_ours"),
        )
        .where(r.taken_on <= today)
        .group_by(r.account_id)
        .subquery()
    )
    query = (
        select(t.Account, *list(totals.c)[1:])
        .join(totals, totals.c.account_id == t.Account.id)
        .order_by(t.Account.id)
    )
    if seller:
        query = query.where(seller_is(t.Account.owner, seller))
    found = []
    for (
        account,
        samples,
        answered,
        last_sample,
        client_risks,
        client_first,
        ours_answered,
        first_ours,
    ) in session.execute(query):
        if samples >= min_samples and not answered and not client_risks:
            found.append(
                Alert(
                    "samples_not_reciprocated",
                    "medium",
                    account.id,
                    account.name,
                    f"received {samples} pieces of free sample work (latest {last_sample}) and has "
                    "reciprocated none, nor taken any risk of its own",
                    f"account:{account.id}",
                    account.owner,
                    last_sample,
                )
            )
        if not client_risks:
            continue
        # We moved first if the client answered one of our risks, or ours came before theirs.
        if not (ours_answered or (first_ours is not None and first_ours < client_first)):
            found.append(
                Alert(
                    "seller_never_first",
                    "low",
                    account.id,
                    account.name,
                    f"the client has taken {counted(client_risks, 'risk')} "
                    f"(first {client_first}); we have never taken one first",
                    f"account:{account.id}",
                    account.owner,
                    client_first,
                )
            )
    return found


def stage_without_evidence(
    session: Session, today: dt.date, *, seller: str | None = None
) -> list[Alert]:
    """Deals past discovery with no discovery conversation, or past proposal with no proposal."""
    d = t.Deal

    def evidence(stage: str) -> ColumnElement[bool]:
        conversation = exists().where(
            t.Interaction.account_id == d.account_id,
            t.Interaction.purpose == stage,
            t.Interaction.occurred_on <= today,
        )
        noted = exists().where(t.Evidence.deal_id == d.id, t.Evidence.stage == stage)
        return or_(conversation, noted)

    entered = (
        select(func.max(t.StageChange.entered_on))
        .where(t.StageChange.deal_id == d.id, t.StageChange.stage == d.stage)
        .scalar_subquery()
    )
    owner = func.coalesce(d.owner, t.Account.owner)
    query = (
        select(
            d,
            t.Account,
            evidence("discovery").label("discovery"),
            evidence("proposal").label("proposal"),
            entered,
        )
        .join(t.Account, t.Account.id == d.account_id)
        .where(d.stage.in_(PAST_DISCOVERY))
        .order_by(d.id)
    )
    if seller:
        query = query.where(seller_is(owner, seller))
    found = []
    for deal, account, discovery, proposal, since in session.execute(query):
        missing = [] if discovery else ["no discovery conversation"]
        if deal.stage in NEEDS_PROPOSAL and not proposal:
            missing.append("no proposal")
        if missing:
            found.append(
                Alert(
                    "stage_without_evidence",
                    "medium",
                    account.id,
                    account.name,
                    f"deal {deal.name!r} is at {deal.stage} with {' and '.join(missing)}",
                    f"deal:{deal.id}",
                    deal.owner or account.owner,
                    since or today,
                )
            )
    return found


def quarter_end(day: dt.date) -> dt.date:
    """The last day of the calendar quarter `day` falls in."""
    last_month = (day.month - 1) // 3 * 3 + 3
    if day.year == dt.MAXYEAR and last_month == 12:
        return dt.date.max  # the quarter after it is beyond the calendar
    first_after = dt.date(day.year + last_month // 12, last_month % 12 + 1, 1)
    return first_after - dt.timedelta(days=1)


def discount_pull_forward(
    session: Session,
    today: dt.date,
    *,
    seller: str | None = None,
    within_days: int = 10,
    period_ends: Sequence[dt.date] | None = None,
) -> list[Alert]:
    """Won deals closed at a discount within `within_days` before a period end (calendar
    quarters unless `period_ends` is given) that had been expected to close later."""
    d = t.Deal
    expected = (
        select(func.max(t.StageChange.expected_close))
        .where(t.StageChange.deal_id == d.id)
        .scalar_subquery()
    )
    query = (
        select(d, t.Account, expected)
        .join(t.Account, t.Account.id == d.account_id)
        .where(d.stage == "won", d.discount_pct > 0, d.closed_on.is_not(None), d.closed_on <= today)
        .order_by(d.closed_on, d.id)
    )
    if seller:
        query = query.where(seller_is(func.coalesce(d.owner, t.Account.owner), seller))
    ends = sorted(period_ends) if period_ends is not None else None
    found = []
    for deal, account, history_close in session.execute(query):
        closed = deal.closed_on
        assert closed is not None  # the query asks for a closing date
        end = _period_end(closed, ends)
        if end is None or (end - closed).days > within_days:
            continue
        latest = max((c for c in (history_close, deal.expected_close) if c), default=None)
        if latest is None or latest <= closed:
            continue
        found.append(
            Alert(
                "discount_pull_forward",
                "medium",
                account.id,
                account.name,
                f"deal {deal.name!r} closed {closed} at a {deal.discount_pct:g}% discount, "
                f"{counted((end - closed).days, 'day')} before the period end {end}; "
                f"it was expected to close {latest}",
                f"deal:{deal.id}",
                deal.owner or account.owner,
                closed,
            )
        )
    return found


def _period_end(day: dt.date, ends: list[dt.date] | None) -> dt.date | None:
    if ends is None:
        return quarter_end(day)
    at = bisect.bisect_left(ends, day)
    return ends[at] if at < len(ends) else None


def churn(
    session: Session,
    today: dt.date,
    *,
    seller: str | None = None,
    window_days: int = 90,
    min_count: int = 2,
) -> list[Alert]:
    """Runs of `min_count` or more transactions that paid us while the client lost, each within
    `window_days` of the one before, on one account."""
    x = t.Transaction
    query = (
        select(x, t.Account)
        .join(t.Account, t.Account.id == x.account_id)
        .where(x.amount > 0, x.client_outcome == "loss", x.occurred_on <= today)
        .order_by(x.account_id, x.occurred_on, x.id)
    )
    if seller:
        query = query.where(seller_is(t.Account.owner, seller))
    runs: list[list[tuple[t.Transaction, t.Account]]] = []
    for row, account in session.execute(query):
        last = runs[-1][-1] if runs else None
        if (
            last is None
            or last[1].id != account.id
            or (row.occurred_on - last[0].occurred_on).days > window_days
        ):
            runs.append([])
        runs[-1].append((row, account))
    found = []
    for run in runs:
        if len(run) < min_count:
            continue
        first, (last_row, account) = run[0][0], run[-1]
        earned = sum(row.amount for row, _ in run)
        found.append(
            Alert(
                "churn",
                "high",
                account.id,
                account.name,
                f"{len(run)} transactions earned us {earned:,.2f} while the client lost, "
                f"{first.occurred_on} to {last_row.occurred_on}",
                f"transaction:{last_row.id}",
                account.owner,
                last_row.occurred_on,
            )
        )
    return found


def screen_outs_untold(
    session: Session, today: dt.date, *, seller: str | None = None
) -> list[Alert]:
    """Screen-outs (latest screening per account) with no record of how the client was told;
    high when the client does not yet agree, since we owe them an explanation."""
    s, rank = latest_screenings(today)
    screened_out = or_(s.willing.is_(False), s.outcome.like("cannot_help_%"))
    untold = or_(s.told_how.is_(None), func.trim(s.told_how) == "")
    query = (
        select(s, t.Account)
        .join(t.Account, t.Account.id == s.account_id)
        .where(rank == 1, screened_out, untold)
        .order_by(s.decided_on, s.id)
    )
    if seller:
        query = query.where(seller_is(t.Account.owner, seller))
    found = []
    for screening, account in session.execute(query):
        owed = screening.outcome == "cannot_help_not_yet_agree"
        found.append(
            Alert(
                "screen_out_unexplained" if owed else "screen_out_not_told",
                "high" if owed else "medium",
                account.id,
                account.name,
                "screened out and the client does not yet agree; no explanation recorded"
                if owed
                else f"screened out on {screening.decided_on}; no record of how they were told",
                f"screening:{screening.id}",
                account.owner,
                screening.decided_on,
            )
        )
    return found


def unreflected_interactions(
    session: Session, today: dt.date, *, seller: str | None = None, days: int | None = 30
) -> list[tuple[t.Interaction, t.Account]]:
    """Interactions on or before `today` (and within `days` of it) with no reflection, oldest
    first; an interaction without a seller belongs to the account's owner."""
    i = t.Interaction
    query = (
        select(i, t.Account)
        .join(t.Account, t.Account.id == i.account_id)
        .outerjoin(t.Reflection, t.Reflection.interaction_id == i.id)
        .where(t.Reflection.id.is_(None), i.occurred_on <= today)
        .order_by(i.occurred_on, i.id)
    )
    if days is not None:
        query = query.where(i.occurred_on > shifted(today, -days))
    if seller:
        query = query.where(seller_is(func.coalesce(i.seller, t.Account.owner), seller))
    return [(row, account) for row, account in session.execute(query)]


def missing_reflections(
    session: Session, today: dt.date, *, seller: str | None = None, days: int | None = 30
) -> list[Alert]:
    """An alert per recent interaction that has no servant reflection yet."""
    return [
        Alert(
            "missing_reflection",
            "low",
            account.id,
            account.name,
            f"{row.purpose.replace('_', ' ')} {row.channel} on {row.occurred_on} has no reflection",
            f"interaction:{row.id}",
            row.seller or account.owner,
            row.occurred_on,
        )
        for row, account in unreflected_interactions(session, today, seller=seller, days=days)
    ]


_ALL: tuple[Callable[..., list[Alert]], ...] = (
    dropped_leads,
    commitments_overdue,
    risk_imbalance,
    stage_without_evidence,
    discount_pull_forward,
    churn,
    screen_outs_untold,
    missing_reflections,
)


def alerts(session: Session, today: dt.date, seller: str | None = None) -> list[Alert]:
    """Every rule with its default thresholds, by severity, then date, then account."""
    found = [alert for rule in _ALL for alert in rule(session, today, seller=seller)]
    return sorted(
        found, key=lambda a: (SEVERITIES.index(a.severity), a.on, a.account.lower(), a.ref)
    )
