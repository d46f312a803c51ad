"""The assessments on the web: the organisation trust audit, the personal self-assessment
beside what the calls show, and the share links through which others rate a seller.

The trust audit is run as campaigns by a manager or admin; an invited user answers (and may
change their answers until it closes), reads only their own answers, and sees the campaign's
report in aggregate once it has closed with enough answers. A self-assessment is answered by
its person only, and read by whoever may see that seller. A rating link is answered without
signing in: the link's token is the permission.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.assess.questionnaire import (
    audit_questionnaire,
    self_questionnaire,
)
from trustworks.errors import AnswersError, NotFoundError, TrustworksError
from trustworks.ledger import tables as t
from trustworks.ledger.assessments import (
    record_self_assessment,
    self_report,
)
from trustworks.ledger.campaigns import (
    MIN_ANSWERS,
    answer_campaign,
    campaign_report,
    campaigns_for,
    create_campaign,
    invite,
    my_answers,
)
from trustworks.ledger.ratings import (
    LINK_DAYS,
    RELATIONS,
    OpenRating,
    invite_rater,
    open_rating,
    others_report,
    record_rating,
)
from trustworks.ledger.trends import seller_trends
from trustworks.report.assessment_charts import (
    AUDIT_CHARTS,
    SELF_CHARTS,
    audit_figure,
    audit_item_rows,
    audit_round_points,
    component_series,
    self_compare_rows,
    self_compare_series,
    self_figure,
    trend_series,
)
from trustworks.report.assessments import (
    rater_items,
)
from trustworks.report.figures import FIGURE_FORMATS, MEDIA_TYPES, figure_bytes
from trustworks.web.auth import Caller, form_caller, in_ledger, ledger_of
from trustworks.web.charts import Series, bar_chart, line_chart
from trustworks.web.errors import ForbiddenError, status_for
from trustworks.web.forms import parse_day
from trustworks.web.links import client_link
from trustworks.web.routes.pages import render

__all__ = ["pages", "person_in_view"]

pages = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]
ANSWER_PREFIX = "answer."  # form fields are answer.<item id> = option key
FIELD_LENGTH = 200


def _today() -> dt.date:
    return dt.date.today()


async def _form_answers(request: Request) -> tuple[dict[str, object], dict[str, str]]:
    """The answers (answer.<id> fields) and the other fields of a submitted form."""
    form = await request.form()
    answers: dict[str, object] = {}
    fields: dict[str, str] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str):
            continue
        if key.startswith(ANSWER_PREFIX):
            answers[key.removeprefix(ANSWER_PREFIX)] = value
        else:
            fields[key] = value
    return answers, fields


def _problems(exc: TrustworksError) -> dict[str, str]:
    """Item id -> problem, so the form can show each next to its question."""
    return dict(exc.problems) if isinstance(exc, AnswersError) else {}


def _error_text(exc: TrustworksError) -> str:
    if isinstance(exc, AnswersError):
        return f"{len(exc.problems)} question(s) need an answer; nothing was recorded."
    return str(exc)


def _export(fig_bytes: bytes, fmt: str, name: str) -> Response:
    return Response(
        fig_bytes,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'inline; filename="{name}.{fmt}"'},
    )


def _format(fmt: str) -> str:
    if fmt not in FIGURE_FORMATS:
        raise NotFoundError(f"charts come as {', '.join(FIGURE_FORMATS)}, not {fmt!r}")
    return fmt


# ---- the organisation trust audit, as campaigns ------------------------------------------


def _invitable(session: Session, who: Caller) -> list[tuple[str, str]]:
    """(username, ledger name) of the users this manager or admin may ask to answer."""
    query = select(t.User.id, t.User.username, t.User.seller).where(t.User.active.is_(True))
    return [
        (username, seller)
        for ident, username, seller in session.execute(query.order_by(t.User.seller))
        if who.scope.covers(ident)
    ]


def _audit_home(request: Request, who: Caller, status: int = 200, **extra: Any) -> Response:
    with ledger_of(request).session() as session:
        campaigns = campaigns_for(session, who.scope, _today())
        invitable = _invitable(session, who) if who.scope.role != "seller" else []
    today = _today()
    context: dict[str, Any] = {
        "campaigns": campaigns,
        "invitable": invitable,
        "error": None,
        "form": {
            "opens_on": today.isoformat(),
            "closes_on": (today + dt.timedelta(days=14)).isoformat(),
        },
        "min_answers": MIN_ANSWERS,
    }
    context.update(extra)
    return render(request, who, "audit.html", status, **context)


@pages.get("/audit")
def audit_page(request: Request, who: Who) -> Response:
    return _audit_home(request, who)


@pages.post("/audit/campaigns")
async def audit_campaign_create(request: Request, who: Who) -> Response:
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "invite"}
    invitees = [v for v in form.getlist("invite") if isinstance(v, str)]
    try:
        opens_on = parse_day(fields.get("opens_on"), "opens_on")
        closes_on = parse_day(fields.get("closes_on"), "closes_on")
        ident = await in_ledger(
            request,
            lambda s: (
                create_campaign(
                    s,
                    who.scope,
                    fields.get("organisation", "")[:FIELD_LENGTH],
                    fields.get("audience", "")[:FIELD_LENGTH],
                    opens_on,
                    closes_on,
                    invitees,
                ).id
            ),
        )
    except TrustworksError as exc:
        return _audit_home(
            request, who, status_for(exc), error=str(exc), form={**fields, "invite": invitees}
        )
    return RedirectResponse(f"/audit/{ident}", status_code=303)


def _campaign_page(
    request: Request, who: Caller, campaign: int, status: int = 200, **extra: Any
) -> Response:
    with ledger_of(request).session() as session:
        report = campaign_report(session, who.scope, campaign, _today())
        mine = my_answers(session, who.scope, campaign)
        invitable = _invitable(session, who) if report.campaign.runs_it else []
    context: dict[str, Any] = {
        "campaign": report.campaign,
        "q": audit_questionnaire(),
        "answers": mine or {},
        "problems": {},
        "error": None,
        "saved": request.query_params.get("saved") == "1",
        "invitable": invitable,
        "min_answers": MIN_ANSWERS,
    }
    context.update(extra)
    return render(request, who, "audit_campaign.html", status, **context)


@pages.get("/audit/{campaign}")
def audit_campaign_page(request: Request, who: Who, campaign: int) -> Response:
    return _campaign_page(request, who, campaign)


@pages.post("/audit/{campaign}")
async def audit_answer_submit(request: Request, who: Who, campaign: int) -> Response:
    answers, _ = await _form_answers(request)
    q = audit_questionnaire()
    try:
        await in_ledger(
            request,
            lambda s: answer_campaign(
                s, who.scope, campaign, answers, _today(), q, "the audit form"
            ),
        )
    except TrustworksError as exc:
        if isinstance(exc, NotFoundError):
            raise
        return _campaign_page(
            request,
            who,
            campaign,
            status_for(exc),
            answers=answers,
            problems=_problems(exc),
            error=_error_text(exc),
        )
    return RedirectResponse(f"/audit/{campaign}?saved=1", status_code=303)


@pages.post("/audit/{campaign}/invite")
async def audit_invite_submit(request: Request, who: Who, campaign: int) -> Response:
    form = await request.form()
    invitees = [v for v in form.getlist("invite") if isinstance(v, str)]
    try:
        await in_ledger(request, lambda s: invite(s, who.scope, campaign, invitees, _today()))
    except TrustworksError as exc:
        if isinstance(exc, NotFoundError):
            raise
        return _campaign_page(request, who, campaign, status_for(exc), error=str(exc))
    return RedirectResponse(f"/audit/{campaign}", status_code=303)


@pages.get("/audit/{campaign}/report")
def audit_report_page(request: Request, who: Who, campaign: int) -> Response:
    with ledger_of(request).session() as session:
        found = campaign_report(session, who.scope, campaign, _today())
    report = found.report
    charts: dict[str, Any] = {}
    if report is not None:
        labels, values = audit_round_points(report)
        charts = {
            "costliest": report.latest.costliest(5),
            "items_chart": bar_chart(
                audit_item_rows(report.latest),
                [("item score", "practice")],
                high=100.0,
                title=f"Trust extended per practice, {report.latest.taken_on.isoformat()}",
            ),
            "rounds_chart": line_chart(
                [Series("trusting score", "trust", values)],
                labels,
                high=100.0,
                title=f"{report.organisation}: trusting score per campaign",
            ),
        }
    return render(
        request,
        who,
        "audit_report.html",
        campaign=found.campaign,
        report=report,
        why_not=found.why_not,
        charts=AUDIT_CHARTS,
        formats=FIGURE_FORMATS,
        **charts,
    )


@pages.get("/audit/{campaign}/chart.{fmt}")
def audit_chart(
    request: Request, who: Who, campaign: int, fmt: str, chart: str = "items"
) -> Response:
    _format(fmt)
    with ledger_of(request).session() as session:
        found = campaign_report(session, who.scope, campaign, _today())
    if found.report is None:
        raise NotFoundError(f"no report of audit campaign {campaign} yet: {found.why_not}")
    return _export(figure_bytes(audit_figure(found.report, chart), fmt), fmt, f"audit-{chart}")


# ---- the personal self-assessment ---------------------------------------------------------


def person_in_view(who: Caller, person: str | None) -> str:
    """The seller whose self-assessment is asked for (default: the caller's own), if visible."""
    chosen = person or who.scope.seller
    if not who.scope.sees(chosen):
        raise ForbiddenError(f"you may not see {chosen}'s self-assessment")
    return chosen


def _self_views(request: Request, person: str) -> dict[str, Any]:
    with ledger_of(request).session() as session:
        report = self_report(session, person)
        others = others_report(session, person, _today())
        trend = next(iter(seller_trends(session, seller=report.person)), None)
    return {"report": report, "others": others, "trend": trend}


@pages.get("/self")
def self_page(request: Request, who: Who, person: str | None = None) -> Response:
    chosen = person_in_view(who, person)
    try:
        views = _self_views(request, chosen)
    except NotFoundError:
        if chosen != who.scope.seller:
            raise
        return RedirectResponse("/self/answer", status_code=303)
    report, others, trend = views["report"], views["others"], views["trend"]
    series = self_compare_series(report.measured, others)
    months, lines = trend_series(trend, report.records)
    components = component_series(trend) if trend else ([], [])
    return render(
        request,
        who,
        "self_report.html",
        **views,
        mine=chosen == who.scope.seller,
        compare_chart=bar_chart(
            self_compare_rows(report.latest, report.measured, others),
            [(name, name) for name in series],
            title="How I see myself, what my calls show, how others see me",
        ),
        trend_chart=line_chart(
            [Series(name, name, values) for name, values in lines],
            months,
            high=max(10.0, *(v for _, vs in lines for v in vs if v is not None)),
            title="Trust measured by month, and self-assessed",
        ),
        components_chart=line_chart(
            [Series(name.replace("_", " "), name, values) for name, values in components[1]],
            components[0],
            title="Trust components by month",
        )
        if trend
        else None,
        charts=SELF_CHARTS,
        formats=FIGURE_FORMATS,
        relations=RELATIONS,
        share_link=_invited_link(request),  # not `link`: base.html has a macro of that name
        link_days=LINK_DAYS,
    )


@pages.get("/self/answer")
def self_answer_page(request: Request, who: Who) -> Response:
    return render(
        request,
        who,
        "self_form.html",
        q=self_questionnaire(),
        answers={},
        problems={},
        error=None,
        form={"taken_on": _today().isoformat()},
    )


@pages.post("/self/answer")
async def self_answer_submit(request: Request, who: Who) -> Response:
    answers, fields = await _form_answers(request)
    q = self_questionnaire()
    try:
        taken_on = parse_day(fields.get("taken_on"), "taken_on")
        await in_ledger(
            request,
            lambda s: record_self_assessment(
                s, who.scope.seller, answers, taken_on, q, "the self-assessment form"
            ),
        )
    except TrustworksError as exc:
        return render(
            request,
            who,
            "self_form.html",
            status_for(exc),
            q=q,
            answers=answers,
            problems=_problems(exc),
            error=_error_text(exc),
            form=fields,
        )
    return RedirectResponse("/self", status_code=303)


@pages.get("/self/chart.{fmt}")
def self_chart(
    request: Request, who: Who, fmt: str, person: str | None = None, chart: str = "compare"
) -> Response:
    _format(fmt)
    views = _self_views(request, person_in_view(who, person))
    report = views["report"]
    fig = self_figure(
        chart, report.person, report.records, report.measured, views["others"], views["trend"]
    )
    return _export(figure_bytes(fig, fmt), fmt, f"self-{chart}")


@pages.post("/self/invite")
def self_invite(
    request: Request,
    who: Who,
    rater: Annotated[str, Form(max_length=FIELD_LENGTH)],
    relation: Annotated[str, Form(max_length=20)] = "client",
) -> Response:
    with ledger_of(request).session() as session:
        invitation = invite_rater(session, who.scope.seller, rater, relation, _today())
    # Shown once, on the page the seller lands on (only its digest is kept); the page builds
    # the link itself, so a crafted ?link= cannot show the seller someone else's address.
    target = f"{request.app.url_path_for('self_page')}?{urlencode({'invited': invitation.token})}"
    return RedirectResponse(target, status_code=303)


def _invited_link(request: Request) -> str | None:
    token = request.query_params.get("invited", "")
    if not token or len(token) > 100 or not token.replace("-", "").replace("_", "").isalnum():
        return None
    return client_link(request, "rate_page", token=token)


# ---- rating by others (no sign-in: the link is the permission) ----------------------------


def _rate(
    request: Request,
    status: int = 200,
    *,
    request_: OpenRating | None = None,
    closed: TrustworksError | None = None,
    answers: dict[str, object] | None = None,
    problem: AnswersError | None = None,
    done: bool = False,
) -> Response:
    """The rater's page: the form (again, with the problems), the thanks, or why it is shut."""
    showing_form = request_ is not None and not done
    return render(
        request,
        None,
        "rate.html",
        status_for(closed) if closed else status,
        request_=request_,
        closed=str(closed) if closed else None,
        items=rater_items(self_questionnaire()) if showing_form else [],
        answers=answers or {},
        problems=_problems(problem) if problem else {},
        error=_error_text(problem) if problem else None,
        done=done,
    )


@pages.get("/rate/{token}")
def rate_page(request: Request, token: str) -> Response:
    try:
        with ledger_of(request).session() as session:
            request_ = open_rating(session, token, _today())
    except TrustworksError as exc:
        return _rate(request, closed=exc)
    return _rate(request, request_=request_)


@pages.post("/rate/{token}")
async def rate_submit(request: Request, token: str) -> Response:
    answers, _ = await _form_answers(request)
    try:
        request_ = await in_ledger(request, lambda s: open_rating(s, token, _today()))
    except TrustworksError as exc:
        return _rate(request, closed=exc)
    try:
        await in_ledger(
            request, lambda s: record_rating(s, token, answers, _today(), source="the rating form")
        )
    except AnswersError as exc:
        return _rate(request, 422, request_=request_, answers=answers, problem=exc)
    except TrustworksError as exc:  # answered or expired in the meantime
        return _rate(request, closed=exc)
    return _rate(request, request_=request_, done=True)
