"""Others' view of a seller: share links a client or colleague answers the self-assessment's
statements through, about the seller, set beside the seller's own latest self-assessment.

A link is a random token; only its SHA-256 digest is stored, so whoever reads the database
cannot answer in a rater's name. A link is answered once and expires after `LINK_DAYS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import statistics
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.analysis.result import COMPONENTS, TrustScores
from trustworks.assess.questionnaire import Questionnaire, check_answers, self_questionnaire
from trustworks.assess.selfassess import SelfComparison, compare_self, score_self
from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger.assessments import SelfRecord, clean_name, self_assessments
from trustworks.ledger.rules import seller_is

__all__ = [
    "LINK_DAYS",
    "RELATIONS",
    "Invitation",
    "OpenRating",
    "OthersReport",
    "Rating",
    "invite_rater",
    "open_rating",
    "others_report",
    "record_rating",
]

Relation = Literal["client", "colleague"]
RELATIONS: tuple[str, ...] = get_args(Relation)
LINK_DAYS = 30
MAX_LINK_DAYS = 365


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Invitation:
    """A new share link's request; `token` is shown once and never stored."""

    id: int
    person: str
    rater: str
    relation: str
    token: str
    expires_on: dt.date


def invite_rater(
    session: Session,
    person: str,
    rater: str,
    relation: str,
    today: dt.date,
    days: int = LINK_DAYS,
) -> Invitation:
    """Ask `rater` (a client or colleague) to rate `person` through a new share link."""
    who = clean_name(person, "person")
    asked = clean_name(rater, "rater")
    if relation not in RELATIONS:
        raise FieldError("relation", f"{relation!r} is not one of {', '.join(RELATIONS)}")
    if not 1 <= days <= MAX_LINK_DAYS:
        raise FieldError("days", f"a link lasts 1 to {MAX_LINK_DAYS} days, not {days}")
    token = secrets.token_urlsafe(24)
    row = t.RatingRequest(
        person=who,
        rater=asked,
        relation=relation,
        token_digest=_digest(token),
        asked_on=today,
        expires_on=today + dt.timedelta(days=days),
    )
    session.add(row)
    session.flush()
    return Invitation(row.id, who, asked, relation, token, row.expires_on)


@dataclass(frozen=True)
class OpenRating:
    """A share link that may still be answered: whom it asks about, and until when."""

    id: int
    person: str
    rater: str
    relation: str
    expires_on: dt.date


def _request(session: Session, token: str, today: dt.date) -> t.RatingRequest:
    row = session.scalar(
        select(t.RatingRequest).where(t.RatingRequest.token_digest == _digest(token))
    )
    if row is None:
        raise NotFoundError("this rating link is not known: check it was copied whole")
    if row.answered_on is not None:
        raise ConflictError(
            f"this rating link was answered on {row.answered_on.isoformat()}; "
            "the first answers are kept"
        )
    if today > row.expires_on:
        raise ConflictError(
            f"this rating link expired on {row.expires_on.isoformat()}: "
            f"ask {row.person} for a new one"
        )
    return row


def open_rating(session: Session, token: str, today: dt.date) -> OpenRating:
    """The request behind a share link that can still be answered (else a clear error)."""
    row = _request(session, token, today)
    return OpenRating(row.id, row.person, row.rater, row.relation, row.expires_on)


def record_rating(
    session: Session,
    token: str,
    answers: dict[str, object],
    today: dt.date,
    questionnaire: Questionnaire | None = None,
    source: str = "answers",
) -> OpenRating:
    """Store a rater's complete answers through their link; a link is answered only once."""
    q = questionnaire or self_questionnaire()
    row = _request(session, token, today)
    checked = check_answers(q, answers, source)
    row.answers_json = json.dumps(checked)
    row.questionnaire_version = q.version
    row.answered_on = today
    session.flush()
    return OpenRating(row.id, row.person, row.rater, row.relation, row.expires_on)


@dataclass(frozen=True)
class Rating:
    """One answered link, scored on the analyzer's scales."""

    id: int
    rater: str
    relation: str
    answered_on: dt.date
    scores: TrustScores


@dataclass(frozen=True)
class Pending:
    """A link sent and not answered yet."""

    id: int
    rater: str
    relation: str
    asked_on: dt.date
    expires_on: dt.date
    expired: bool


@dataclass(frozen=True)
class OthersReport:
    """How others rate a person beside how the person rates themselves."""

    person: str
    ratings: tuple[Rating, ...]  # oldest first
    pending: tuple[Pending, ...]
    others: dict[str, float]  # mean over the ratings, per component and trust
    latest_self: SelfRecord | None
    comparison: SelfComparison | None  # latest self against `others`; None without both


def others_report(
    session: Session,
    person: str,
    today: dt.date,
    questionnaire: Questionnaire | None = None,
) -> OthersReport:
    """Everyone's answered ratings of `person`, their means, and the gap to the self-view."""
    q = questionnaire or self_questionnaire()
    who = clean_name(person, "person")
    rows = session.scalars(
        select(t.RatingRequest)
        .where(seller_is(t.RatingRequest.person, who))
        .order_by(t.RatingRequest.asked_on, t.RatingRequest.id)
    ).all()
    ratings: list[Rating] = []
    pending: list[Pending] = []
    for row in rows:
        if row.answered_on is None or row.answers_json is None:
            pending.append(
                Pending(
                    row.id,
                    row.rater,
                    row.relation,
                    row.asked_on,
                    row.expires_on,
                    today > row.expires_on,
                )
            )
            continue
        where = f"rating {row.id} of {row.person} by {row.rater}"
        scores = score_self(q, json.loads(row.answers_json), where)
        ratings.append(Rating(row.id, row.rater, row.relation, row.answered_on, scores))
    ratings.sort(key=lambda r: (r.answered_on, r.id))
    others = {
        name: statistics.fmean(getattr(r.scores, name) for r in ratings)
        for name in (*COMPONENTS, "trust")
        if ratings
    }
    try:
        latest: SelfRecord | None = self_assessments(session, who, q)[-1]
    except NotFoundError:
        latest = None
    comparison = compare_self(latest.scores, others) if latest and others else None
    return OthersReport(who, tuple(ratings), tuple(pending), others, latest, comparison)
