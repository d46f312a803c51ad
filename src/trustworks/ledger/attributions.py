"""Sales a participant attributes, in part, to the training: client, amount, date and share.

The revenue attributed to a programme is the sum of amount x share over its sales. A share
outside 0-100 %, a negative or non-numeric amount, or the same sale named twice by the same
participant (same client regardless of case, date and amount) is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.errors import ConflictError, FieldError
from trustworks.ledger import _checks as check
from trustworks.ledger import tables as t
from trustworks.ledger.money import CENT
from trustworks.ledger.programmes import find_participant, find_programme

__all__ = ["AttributionRecord", "attribute", "attributions", "credited"]


@dataclass(frozen=True)
class AttributionRecord:
    """One attributed sale and the revenue it credits to the training."""

    id: int
    participant: str
    client: str
    amount: Decimal
    sold_on: dt.date
    share: float  # percent
    reason: str
    recorded_on: dt.date

    @property
    def attributed(self) -> Decimal:
        """The part of the amount credited to the training, to the cent."""
        return credited(self.amount, self.share)


def credited(amount: Decimal, share: float) -> Decimal:
    """`share` percent of `amount`, to the cent (half-cents to even)."""
    return (amount * Decimal(repr(share)) / 100).quantize(CENT)


def attribute(
    session: Session,
    programme: int | str,
    participant: int | str,
    *,
    client: object,
    amount: object,
    sold_on: object,
    share: object,
    reason: object,
    today: dt.date | None = None,
) -> t.Attribution:
    """Store a sale a participant attributes to the programme, with the share (0-100 %)."""
    owner = find_programme(session, programme)
    who = find_participant(session, owner, participant)
    buyer = check.name(client, "client")
    value = check.amount(amount, "amount")
    percent = check.number(share, "share", high=100.0)
    day = check.date(sold_on, "sold_on")
    recorded = today or dt.date.today()
    if day > recorded:
        raise FieldError("sold_on", f"{day.isoformat()} is in the future")
    clash = f"{who.name} already attributed the sale to {buyer} of {value} on {day.isoformat()}"
    exists = session.scalar(
        select(t.Attribution.id).where(
            t.Attribution.participant_id == who.id,
            func.lower(t.Attribution.client) == buyer.lower(),
            t.Attribution.sold_on == day,
            t.Attribution.amount == value,
        )
    )
    if exists is not None:
        raise ConflictError(f"{clash}: attribution {exists}")
    row = t.Attribution(
        programme_id=owner.id,
        participant_id=who.id,
        client=buyer,
        amount=value,
        sold_on=day,
        share=percent,
        reason=check.text(reason, "reason"),
        recorded_on=recorded,
    )
    check.insert(session, row, clash)
    return row


def attributions(session: Session, programme: int | str) -> list[AttributionRecord]:
    """A programme's attributed sales, oldest sale first."""
    owner = find_programme(session, programme)
    rows = session.execute(
        select(t.Attribution, t.Participant.name)
        .join(t.Participant, t.Participant.id == t.Attribution.participant_id)
        .where(t.Attribution.programme_id == owner.id)
        .order_by(t.Attribution.sold_on, t.Attribution.id)
    )
    return [
        AttributionRecord(
            a.id, name, a.client, a.amount, a.sold_on, a.share, a.reason, a.recorded_on
        )
        for a, name in rows
    ]
