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
    record_self_assessment,
    self_report,
)
from trustworks.ledger.campaigns import (
    CampaignReport,
    CampaignView,
    answer_campaign,
    campaign_report,
    campaigns_for,
    create_campaign,
    invite,
    my_answers,
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


class CampaignIn(BaseModel):
    """A trust audit campaign to start (managers and admins)."""

    organisation: str = Field(min_length=1, max_length=FIELD_LENGTH)
    audience: str = Field(min_length=1, max_length=FIELD_LENGTH)
    opens_on: dt.date
    closes_on: dt.date
    invite: list[str] = Field(
        min_length=1, max_length=1000, description="Usernames or ledger names to ask."
    )


class InviteIn(BaseModel):
    """More users to ask to answer a campaign."""

    invite: list[str] = Field(min_length=1, max_length=1000)


class AuditIn(BaseModel):
    """The caller's complete answers to a campaign (they replace earlier ones)."""

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


def _campaign(view: CampaignView) -> dict[str, Any]:
    return {
        "id": view.id,
        "organisation": view.organisation,
        "audience": view.audience,
        "opens_on": view.opens_on.isoformat(),
        "closes_on": view.closes_on.isoformat(),
        "state": view.state,
        "run_by": view.created_by,
        "invited": view.invited,
        "answered": view.answered,
        "you": {"invited": view.invited_me, "answered": view.answered_me, "run": view.runs_it},
    }


def _report(found: CampaignReport, top: int = 5) -> dict[str, Any]:
    return {
        "campaign": _campaign(found.campaign),
        "report": audit_document(found.report, top) if found.report is not None else None,
        "why_not": found.why_not,
    }


@router.get("/audits/campaigns")
def api_campaigns(request: Request, who: CallerDep) -> list[dict[str, Any]]:
    """The campaigns the caller runs or is invited to (an admin: all), newest first."""
    with ledger_of(request).session() as session:
        return [_campaign(v) for v in campaigns_for(session, who.scope, _today())]


@router.post("/audits/campaigns", status_code=201)
def api_create_campaign(request: Request, body: CampaignIn, who: CallerDep) -> dict[str, Any]:
    """Start a campaign (managers and admins) with the users it asks."""
    with ledger_of(request).session() as session:
        row = create_campaign(
            session,
            who.scope,
            body.organisation,
            body.audience,
            body.opens_on,
            body.closes_on,
            body.invite,
        )
        views = {v.id: v for v in campaigns_for(session, who.scope, _today())}
        return _campaign(views[row.id])


@router.post("/audits/campaigns/{campaign}/invitations")
def api_invite(request: Request, campaign: int, body: InviteIn, who: CallerDep) -> dict[str, Any]:
    """Ask more users to answer a campaign that has not closed."""
    with ledger_of(request).session() as session:
        added = invite(session, who.scope, campaign, body.invite, _today())
    return {"invited": added}


@router.get("/audits/campaigns/{campaign}/answers")
def api_my_answers(request: Request, campaign: int, who: CallerDep) -> dict[str, Any]:
    """The caller's own answers to a campaign (null when they have not answered); nobody
    can read anyone else's."""
    with ledger_of(request).session() as session:
        return {"answers": my_answers(session, who.scope, campaign)}


@router.put("/audits/campaigns/{campaign}/answers")
def api_answer(request: Request, campaign: int, body: AuditIn, who: CallerDep) -> dict[str, Any]:
    """Record or change the caller's answers while the campaign is open."""
    with ledger_of(request).session() as session:
        answer_campaign(
            session, who.scope, campaign, dict(body.answers), _today(), source="request body"
        )
        return {"answers": my_answers(session, who.scope, campaign)}


@router.get("/audits/campaigns/{campaign}/report")
def api_audit_report(
    request: Request,
    who: CallerDep,
    campaign: int,
    top: Annotated[int, Query(ge=1, le=50)] = 5,
) -> dict[str, Any]:
    """The campaign's aggregate (once closed with enough answers), its costliest items,
    spread and change since the previous campaign; or why there is none yet."""
    with ledger_of(request).session() as session:
        return _report(campaign_report(session, who.scope, campaign, _today()), top)


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
