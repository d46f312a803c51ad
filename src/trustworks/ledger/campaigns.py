"""The trust audit as campaigns: a manager or admin asks named users to answer, the answers
stay anonymous to everyone but their author, and the report shows only aggregates.

    campaign = create_campaign(session, scope, "Acme", "sales team", opens, closes,
                               ["dana", "ryan", ...])
    answer_campaign(session, scope, campaign.id, answers, today)   # again to change them
    my_answers(session, scope, campaign.id)                        # only the author's own
    campaign_report(session, scope, campaign.id)                   # aggregate, or why not yet

A campaign's aggregate is shown once it has closed and at least MIN_ANSWERS people answered:
with fewer, or while answers can still change, a report could be read against the one
before it to learn one person's answers. Rounds are campaigns: an organisation's report
compares a campaign with its previous reported one. Nothing here returns a named score.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.assess.audit import Respondent, Round, compare_rounds, score_audit, score_round
from trustworks.assess.questionnaire import Questionnaire, audit_questionnaire, check_answers
from trustworks.errors import (
    AnswersError,
    ConflictError,
    FieldError,
    NotAllowedError,
    NotFoundError,
)
from trustworks.ledger import identities
from trustworks.ledger import tables as t
from trustworks.ledger.access import Scope
from trustworks.ledger.assessments import AuditReport, clean_name

__all__ = [
    "MIN_ANSWERS",
    "CampaignReport",
    "CampaignView",
    "answer_campaign",
    "campaign_report",
    "campaigns_for",
    "create_campaign",
    "invite",
    "my_answers",
]

MIN_ANSWERS = 5
"""Fewest answers a campaign's aggregate is shown for."""


@dataclass(frozen=True)
class CampaignView:
    """A campaign as one user sees it: its terms, how many answered, and their own part."""

    id: int
    organisation: str
    audience: str
    opens_on: dt.date
    closes_on: dt.date
    created_by: str | None  # the ledger name of who runs it
    invited: int
    answered: int
    state: str  # "upcoming", "open" or "closed"
    runs_it: bool  # the viewer created it (or is an admin)
    invited_me: bool
    answered_me: bool

    @property
    def reported(self) -> bool:
        """Whether the aggregate can be shown: closed, with at least MIN_ANSWERS answers."""
        return self.state == "closed" and self.answered >= MIN_ANSWERS


@dataclass(frozen=True)
class CampaignReport:
    """A campaign's terms and, once it may be shown, its organisation's rounds up to it."""

    campaign: CampaignView
    report: AuditReport | None  # None: not closed yet, or fewer than MIN_ANSWERS answers
    why_not: str | None  # why there is no report yet, in words


def _state(row: t.AuditCampaign, today: dt.date) -> str:
    if today < row.opens_on:
        return "upcoming"
    return "open" if today <= row.closes_on else "closed"


def _runs(scope: Scope, row: t.AuditCampaign) -> bool:
    return scope.role == "admin" or row.created_by_user_id == scope.user_id


def _view(session: Session, scope: Scope, row: t.AuditCampaign, today: dt.date) -> CampaignView:
    invited = session.scalar(
        select(func.count())
        .select_from(t.AuditInvitation)
        .where(t.AuditInvitation.campaign_id == row.id)
    )
    answered = _answer_count(session, row.id)
    mine = _invitation(session, scope, row.id)
    creator = session.get(t.User, row.created_by_user_id) if row.created_by_user_id else None
    return CampaignView(
        id=row.id,
        organisation=row.organisation,
        audience=row.audience,
        opens_on=row.opens_on,
        closes_on=row.closes_on,
        created_by=creator.seller if creator is not None else None,
        invited=int(invited or 0),
        answered=answered,
        state=_state(row, today),
        runs_it=_runs(scope, row),
        invited_me=mine is not None,
        answered_me=bool(mine is not None and mine.answered),
    )


def _answer_count(session: Session, campaign_id: int) -> int:
    query = select(func.count()).select_from(t.AuditAnswer)
    return int(session.scalar(query.where(t.AuditAnswer.campaign_id == campaign_id)) or 0)


def _invitation(session: Session, scope: Scope, campaign_id: int) -> t.AuditInvitation | None:
    return session.scalars(
        select(t.AuditInvitation).where(
            t.AuditInvitation.campaign_id == campaign_id,
            t.AuditInvitation.user_id == scope.user_id,
        )
    ).first()


def _campaign(session: Session, scope: Scope, campaign_id: int) -> t.AuditCampaign:
    """The campaign, if this user runs it or is invited to it; else "not found"."""
    row = session.get(t.AuditCampaign, campaign_id) if 0 < campaign_id < 2**31 else None
    if row is None or not (_runs(scope, row) or _invitation(session, scope, campaign_id)):
        raise NotFoundError(f"no audit campaign {campaign_id}")
    return row


def _users(session: Session, scope: Scope, names: list[str]) -> list[t.User]:
    """The users these names (usernames or ledger names) mean, each one the caller may ask."""
    found: list[t.User] = []
    for name in names:
        if not name.strip():
            continue
        user = identities.user_named(session, name, "invite")
        if user is None or not user.active or not scope.covers(user.id):
            whom = "a user" if scope.role == "admin" else "you or someone on your team"
            raise FieldError("invite", f"{name.strip()!r} is not {whom}")
        if user.id not in {u.id for u in found}:
            found.append(user)
    return found


def create_campaign(
    session: Session,
    scope: Scope,
    organisation: str,
    audience: str,
    opens_on: dt.date,
    closes_on: dt.date,
    invitees: list[str],
) -> t.AuditCampaign:
    """Start a campaign (managers and admins): who is asked, and from when until when."""
    if scope.role not in ("manager", "admin"):
        raise NotAllowedError("only a manager or an admin runs a trust audit campaign")
    org = clean_name(organisation, "organisation")
    who = clean_name(audience, "audience")
    if closes_on < opens_on:
        raise FieldError("closes_on", "the campaign closes before it opens")
    users = _users(session, scope, invitees)
    if not users:
        raise FieldError("invite", "invite at least one respondent")
    # The first spelling of an organisation is the one its later campaigns are filed under.
    stored = session.scalar(
        select(t.AuditCampaign.organisation)
        .where(func.lower(t.AuditCampaign.organisation) == org.lower())
        .order_by(t.AuditCampaign.id)
        .limit(1)
    )
    row = t.AuditCampaign(
        organisation=stored or org,
        audience=who,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by_user_id=scope.user_id,
    )
    session.add(row)
    session.flush()
    for user in users:
        session.add(t.AuditInvitation(campaign_id=row.id, user_id=user.id, answered=False))
    session.flush()
    return row


def invite(
    session: Session, scope: Scope, campaign_id: int, invitees: list[str], today: dt.date
) -> int:
    """Ask more users to answer a campaign that has not closed; how many were new."""
    row = _campaign(session, scope, campaign_id)
    if not _runs(scope, row):
        raise NotAllowedError("only whoever runs the campaign (or an admin) invites to it")
    if _state(row, today) == "closed":
        raise ConflictError(f"campaign {campaign_id} closed on {row.closes_on.isoformat()}")
    asked = set(
        session.scalars(
            select(t.AuditInvitation.user_id).where(t.AuditInvitation.campaign_id == row.id)
        )
    )
    new = [u for u in _users(session, scope, invitees) if u.id not in asked]
    for user in new:
        session.add(t.AuditInvitation(campaign_id=row.id, user_id=user.id, answered=False))
    session.flush()
    return len(new)


def campaigns_for(session: Session, scope: Scope, today: dt.date) -> list[CampaignView]:
    """The campaigns a user runs or is invited to (an admin: all), newest first."""
    query = select(t.AuditCampaign).order_by(
        t.AuditCampaign.opens_on.desc(), t.AuditCampaign.id.desc()
    )
    if scope.role != "admin":
        invited = select(t.AuditInvitation.campaign_id).where(
            t.AuditInvitation.user_id == scope.user_id
        )
        query = query.where(
            (t.AuditCampaign.created_by_user_id == scope.user_id) | t.AuditCampaign.id.in_(invited)
        )
    return [_view(session, scope, row, today) for row in session.scalars(query)]


def _authored(session: Session, scope: Scope, campaign_id: int) -> t.AuditAnswer | None:
    return session.scalars(
        select(t.AuditAnswer)
        .join(t.AuditAuthor, t.AuditAuthor.answer_id == t.AuditAnswer.id)
        .where(t.AuditAnswer.campaign_id == campaign_id, t.AuditAuthor.user_id == scope.user_id)
    ).first()


def answer_campaign(
    session: Session,
    scope: Scope,
    campaign_id: int,
    answers: dict[str, object],
    today: dt.date,
    questionnaire: Questionnaire | None = None,
    source: str = "answers",
) -> t.AuditAnswer:
    """Store (or replace) the caller's complete answers, while the campaign is open."""
    q = questionnaire or audit_questionnaire()
    row = _campaign(session, scope, campaign_id)
    # Locked (PostgreSQL) so that two first answers sent at once make one, not two; SQLite
    # lets one writer at a time through anyway.
    invitation = session.scalars(
        select(t.AuditInvitation)
        .where(
            t.AuditInvitation.campaign_id == campaign_id,
            t.AuditInvitation.user_id == scope.user_id,
        )
        .with_for_update()
    ).first()
    if invitation is None:
        raise NotAllowedError(f"you are not invited to answer audit campaign {campaign_id}")
    state = _state(row, today)
    if state == "upcoming":
        raise ConflictError(f"audit campaign {campaign_id} opens on {row.opens_on.isoformat()}")
    if state == "closed":
        raise ConflictError(
            f"audit campaign {campaign_id} closed on {row.closes_on.isoformat()}: "
            "answers can no longer change"
        )
    checked = check_answers(q, answers, source)
    mine = _authored(session, scope, campaign_id)
    if mine is None and invitation.answered:
        # Answered, but the link to the answers is gone (a restored backup never holds it).
        raise ConflictError(
            "your answers to this campaign were restored from a backup without their author, "
            "so they count but can no longer be changed"
        )
    if mine is None:
        mine = t.AuditAnswer(
            campaign_id=campaign_id, questionnaire_version=q.version, answers_json="{}"
        )
        session.add(mine)
        session.flush()
        session.add(t.AuditAuthor(answer_id=mine.id, user_id=scope.user_id))
        invitation.answered = True
    mine.questionnaire_version = q.version
    mine.answers_json = json.dumps(checked)
    session.flush()
    return mine


def my_answers(session: Session, scope: Scope, campaign_id: int) -> dict[str, str] | None:
    """The caller's own answers to a campaign, or None when they have not answered."""
    _campaign(session, scope, campaign_id)
    mine = _authored(session, scope, campaign_id)
    return None if mine is None else dict(json.loads(mine.answers_json))


def _round(session: Session, row: t.AuditCampaign, q: Questionnaire) -> Round:
    stored = session.scalars(
        select(t.AuditAnswer).where(t.AuditAnswer.campaign_id == row.id).order_by(t.AuditAnswer.id)
    )
    people = []
    for answer in stored:
        where = f"audit campaign {row.id}"
        try:
            scored = score_audit(q, json.loads(answer.answers_json), where)
        except AnswersError as exc:
            problems = "; ".join(f"{item}: {problem}" for item, problem in exc.problems)
            raise ConflictError(
                f"{where}: stored answers (questionnaire version {answer.questionnaire_version}) "
                f"do not fit version {q.version}: {problems}"
            ) from exc
        people.append(Respondent("", scored))  # never a name: the aggregate is what is shown
    return score_round(row.organisation, row.closes_on, people)


def campaign_report(
    session: Session,
    scope: Scope,
    campaign_id: int,
    today: dt.date,
    questionnaire: Questionnaire | None = None,
) -> CampaignReport:
    """The campaign's aggregate with its organisation's earlier reported campaigns as rounds,
    once it has closed with at least MIN_ANSWERS answers; else why not yet."""
    q = questionnaire or audit_questionnaire()
    row = _campaign(session, scope, campaign_id)
    view = _view(session, scope, row, today)
    if view.state != "closed":
        why = (
            f"{view.answered} of {view.invited} have answered; the report opens when the "
            f"campaign closes on {row.closes_on.isoformat()}, if at least {MIN_ANSWERS} have"
        )
        return CampaignReport(view, None, why)
    if view.answered < MIN_ANSWERS:
        why = (
            f"only {view.answered} answered (fewer than {MIN_ANSWERS}): "
            "so that nobody's answers can be told apart, there is no report"
        )
        return CampaignReport(view, None, why)
    earlier = session.scalars(
        select(t.AuditCampaign)
        .where(
            func.lower(t.AuditCampaign.organisation) == row.organisation.lower(),
            t.AuditCampaign.closes_on <= row.closes_on,
            t.AuditCampaign.closes_on < today,
            t.AuditCampaign.id != row.id,
        )
        .order_by(t.AuditCampaign.closes_on, t.AuditCampaign.id)
    )
    rounds = []
    for other in earlier:
        if _answer_count(session, other.id) >= MIN_ANSWERS:
            rounds.append(_round(session, other, q))
    rounds.append(_round(session, row, q))
    comparison = compare_rounds(rounds[-2], rounds[-1]) if len(rounds) > 1 else None
    return CampaignReport(view, AuditReport(row.organisation, tuple(rounds), comparison), None)
