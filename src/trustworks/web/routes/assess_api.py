"""The assessments' JSON API (`/api/v1`): questionnaires, audit responses and reports,
self-assessments beside the calls and others' ratings, and rating links (answered without
signing in: the token is the permission). The documents are the CLI's `--json` ones."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from trustworks.assess.questionnaire import Questionnaire, audit_questionnaire, self_questionnaire
from trustworks.errors import NotFoundError
from trustworks.ledger.assessments import (
    audit_report,
    record_audit,
    record_self_assessment,
    self_report,
)
from trustworks.ledger.ratings import (
    LINK_DAYS,
    invite_rater,
    open_rating,
    others_report,
    record_rating,
)
from trustworks.report.assessments import (
    audit_document,
    others_document,
    questions_document,
    rater_items,
    self_document,
)
from trustworks.web.auth import Caller, caller, ledger_of
from trustworks.web.links import client_link
from trustworks.web.routes.assess import FIELD_LENGTH, person_in_view

__all__ = ["router"]

router = APIRouter(tags=["assessments"])
CallerDep = Annotated[Caller, Depends(caller)]


def _today() -> dt.date:
    return dt.date.today()


class AuditIn(BaseModel):
    """One respondent's complete answers to the trust audit (the respondent is the caller)."""

    organisation: str = Field(min_length=1, max_length=FIELD_LENGTH)
    taken_on: dt.date | None = Field(None, description="Default: today.")
    answers: dict[str, str] = Field(description="item id -> option key, for every item.")


class SelfAssessmentIn(BaseModel):
    """The caller's complete self-assessment answers."""

    taken_on: dt.date | None = Field(None, description="Default: today.")
    answers: dict[str, str] = Field(description="item id -> option key, for every item.")


class RatingLinkIn(BaseModel):
    """Whom to ask to rate the caller."""

    rater: str = Field(min_length=1, max_length=FIELD_LENGTH)
    relation: Literal["client", "colleague"] = "client"
    days: int = Field(LINK_DAYS, ge=1, le=365, description="How long the link stays open.")


class RatingIn(BaseModel):
    """A rater's complete answers about the person."""

    answers: dict[str, str] = Field(description="item id -> option key, for every item.")


def _questionnaire(kind: str) -> Questionnaire:
    if kind == "audit":
        return audit_questionnaire()
    if kind == "self":
        return self_questionnaire()
    raise NotFoundError(f"no questionnaire {kind!r}: there are 'audit' and 'self'")


@router.get("/questionnaires/{kind}")
def api_questionnaire(kind: str, who: CallerDep) -> dict[str, Any]:
    """The audit's or the self-assessment's items and options."""
    return questions_document(_questionnaire(kind))


@router.post("/audits", status_code=201)
def api_record_audit(request: Request, body: AuditIn, who: CallerDep) -> dict[str, Any]:
    """Record the caller's audit answers for an organisation; returns the updated report."""
    with ledger_of(request).session() as session:
        row = record_audit(
            session,
            body.organisation,
            who.scope.seller,
            dict(body.answers),
            body.taken_on or _today(),
            source="request body",
        )
        return audit_document(audit_report(session, row.organisation))


@router.get("/audits/report")
def api_audit_report(
    request: Request,
    who: CallerDep,
    organisation: Annotated[str, Query(min_length=1, max_length=FIELD_LENGTH)],
    top: Annotated[int, Query(ge=1, le=50)] = 5,
) -> dict[str, Any]:
    """An organisation's trusting score, costliest items, spread, rounds and change."""
    with ledger_of(request).session() as session:
        return audit_document(audit_report(session, organisation), top)


@router.post("/self-assessments", status_code=201)
def api_record_self(request: Request, body: SelfAssessmentIn, who: CallerDep) -> dict[str, Any]:
    """Record the caller's self-assessment; returns their report."""
    with ledger_of(request).session() as session:
        record_self_assessment(
            session,
            who.scope.seller,
            dict(body.answers),
            body.taken_on or _today(),
            source="request body",
        )
        return self_document(self_report(session, who.scope.seller))


@router.get("/self-assessments/report")
def api_self_report(request: Request, who: CallerDep, person: str | None = None) -> dict[str, Any]:
    """A person's self-assessments beside their measured scores and others' ratings."""
    chosen = person_in_view(who, person)
    with ledger_of(request).session() as session:
        report = self_report(session, chosen)
        others = others_report(session, chosen, _today())
    return {**self_document(report), "rated_by_others": others_document(others)}


@router.post("/rating-links", status_code=201)
def api_rating_link(request: Request, body: RatingLinkIn, who: CallerDep) -> dict[str, Any]:
    """A share link for a client or colleague to rate the caller; the token is shown once."""
    with ledger_of(request).session() as session:
        invitation = invite_rater(
            session, who.scope.seller, body.rater, body.relation, _today(), body.days
        )
    return {
        "id": invitation.id,
        "person": invitation.person,
        "rater": invitation.rater,
        "relation": invitation.relation,
        "expires_on": invitation.expires_on.isoformat(),
        "token": invitation.token,
        "url": client_link(request, "rate_page", token=invitation.token),
    }


@router.get("/ratings/{token}")
def api_open_rating(request: Request, token: str) -> dict[str, Any]:
    """Whom a rating link asks about, and the statements to answer (no sign-in)."""
    with ledger_of(request).session() as session:
        found = open_rating(session, token, _today())
    return {
        "person": found.person,
        "rater": found.rater,
        "relation": found.relation,
        "expires_on": found.expires_on.isoformat(),
        "items": rater_items(self_questionnaire()),
    }


@router.post("/ratings/{token}", status_code=201)
def api_record_rating(request: Request, token: str, body: RatingIn) -> dict[str, Any]:
    """Answer a rating link (once; no sign-in)."""
    with ledger_of(request).session() as session:
        found = record_rating(session, token, dict(body.answers), _today(), source="request body")
    return {"person": found.person, "rater": found.rater, "recorded": True}
