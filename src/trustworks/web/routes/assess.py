"""The assessments on the web: the organisation trust audit, the personal self-assessment
beside what the calls show, and the share links through which others rate a seller.

Any signed-in user may answer the audit and read its reports (it is about the firm, not a
person). A self-assessment is answered by its person only, and read by whoever may see that
seller. A rating link is answered without signing in: the link's token is the permission.
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
    audit_report,
    record_audit,
    record_self_assessment,
    self_report,
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


def _organisations(session: Session) -> list[str]:
    names = session.scalars(select(t.AuditResponse.organisation).distinct())
    return sorted(names, key=str.casefold)


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


# ---- the organisation trust audit ---------------------------------------------------------


@pages.get("/audit")
def audit_page(request: Request, who: Who) -> Response:
    with ledger_of(request).session() as session:
        organisations = _organisations(session)
    return render(
        request,
        who,
        "audit.html",
        q=audit_questionnaire(),
        organisations=organisations,
        answers={},
        problems={},
        error=None,
        form={"respondent": who.scope.seller, "taken_on": _today().isoformat()},
    )


@pages.post("/audit")
async def audit_submit(request: Request, who: Who) -> Response:
    answers, fields = await _form_answers(request)
    organisation = fields.get("organisation", "")[:FIELD_LENGTH]
    q = audit_questionnaire()
    try:
        taken_on = parse_day(fields.get("taken_on"), "taken_on")
        filed_under = await in_ledger(
            request,
            lambda s: (
                record_audit(
                    s, organisation, who.scope.seller, answers, taken_on, q, "the audit form"
                ).organisation
            ),
        )
    except TrustworksError as exc:
        return render(
            request,
            who,
            "audit.html",
            status_for(exc),
            q=q,
            organisations=await in_ledger(request, _organisations),
            answers=answers,
            problems=_problems(exc),
            error=_error_text(exc),
            form=fields,
        )
    return RedirectResponse(
        request.url_for("audit_report_page").include_query_params(organisation=filed_under),
        status_code=303,
    )


@pages.get("/audit/report")
def audit_report_page(request: Request, who: Who, organisation: str = "") -> Response:
    with ledger_of(request).session() as session:
        report = audit_report(session, organisation)
    labels, values = audit_round_points(report)
    return render(
        request,
        who,
        "audit_report.html",
        report=report,
        costliest=report.latest.costliest(5),
        items_chart=bar_chart(
            audit_item_rows(report.latest),
            [("item score", "practice")],
            high=100.0,
            title=f"Trust extended per practice, {report.latest.taken_on.isoformat()}",
        ),
        rounds_chart=line_chart(
            [Series("trusting score", "trust", values)],
            labels,
            high=100.0,
            title=f"{report.organisation}: trusting score per round",
        ),
        charts=AUDIT_CHARTS,
        formats=FIGURE_FORMATS,
    )


@pages.get("/audit/chart.{fmt}")
def audit_chart(
    request: Request, who: Who, fmt: str, organisation: str = "", chart: str = "items"
) -> Response:
    _format(fmt)
    with ledger_of(request).session() as session:
        report = audit_report(session, organisation)
    return _export(figure_bytes(audit_figure(report, chart), fmt), fmt, f"audit-{chart}")


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
        link=_invited_link(request),
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
