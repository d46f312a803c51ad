"""The call library (`/calls`), the team page (`/team`) and snippets (`/snippets`), as pages
and under `/api/v1`. Each handler parses the query or form, calls the ledger, renders."""

from __future__ import annotations

from dataclasses import asdict
from functools import cache
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.analysis.bands import (
    BAND_WORDS,
    THRESHOLDS,
    TRUST_BUILDS_ABOVE,
    TRUST_SPENDS_BELOW,
)
from trustworks.errors import FieldError
from trustworks.ledger import tables
from trustworks.ledger.access import find_visible_account, visible_account_ids
from trustworks.ledger.calls import SORT_WORDS, CallFilter, CallPage, list_calls, seller_choices
from trustworks.ledger.snippets import (
    lesson_choices,
    list_snippets,
    save_snippet,
    set_consent,
    use_in_lesson,
)
from trustworks.ledger.team import TeamOverview, back, team_overview
from trustworks.signals.loader import default_catalogue
from trustworks.signals.schema import FAMILIES
from trustworks.web.auth import Caller, caller, form_caller, ledger_of
from trustworks.web.charts import Series, line_chart
from trustworks.web.forms import parse_day

pages = APIRouter(include_in_schema=False)
api = APIRouter()
Who = Annotated[Caller, Depends(form_caller)]
ApiCaller = Annotated[Caller, Depends(caller)]
BANDS = ("spends", "neutral", "builds")
MAX_ACCOUNT_CHOICES = 500


class CallQuery(BaseModel):
    """The call library's filters, as the page's URL and the API take them."""

    seller: str | None = Field(None, description="A username (or the name they sell under).")
    account: str | None = Field(None, description="An account's id or name.")
    since: str | None = Field(None, description="First day, YYYY-MM-DD.")
    until: str | None = Field(None, description="Last day, YYYY-MM-DD.")
    band: Literal["spends", "neutral", "builds", ""] | None = None
    signal: str | None = Field(None, description="A signal id, e.g. dodges_price_question.")
    family: str | None = Field(None, description="A signal family, e.g. price.")
    found: Literal["spends", "builds", ""] | None = Field(
        None, description="With signal or family: only where it spent (or built) trust."
    )
    sort: Literal["-date", "date", "trust", "-trust", "account", "seller"] = "-date"
    page: int = Field(1, ge=1, le=100_000)
    per_page: int = Field(25, ge=1, le=200)


def _filter(session: Session, who: Caller, q: CallQuery) -> CallFilter:
    """The ledger's filter for a query, names resolved among what the caller may see."""
    seller = None
    if q.seller:
        wanted = q.seller.strip().lower()
        found = [
            ident
            for ident, username, name in seller_choices(session, who.scope)
            if wanted in (name.lower(), username.lower())
        ]
        seller = found[0] if found else -1  # someone not theirs to see: no calls, no hint
    account = find_visible_account(session, who.scope, q.account).id if q.account else None
    catalogue = default_catalogue()
    if q.signal:
        try:
            catalogue.signal(q.signal)
        except Exception as exc:  # the catalogue's own error names the signal
            raise FieldError("signal", f"no signal {q.signal!r}") from exc
    if q.family and q.family not in FAMILIES:
        raise FieldError("family", f"choose one of {', '.join(FAMILIES)}")
    polarity: Literal[-1, 1] | None = {"spends": -1, "builds": 1}.get(q.found or "")  # type: ignore[assignment]
    return CallFilter(
        seller=seller,
        account=account,
        since=parse_day(q.since, "since") if q.since else None,
        until=parse_day(q.until, "until") if q.until else None,
        band=q.band or None,
        signal=q.signal or None,
        family=q.family or None,
        polarity=polarity,
        sort=q.sort,
        page=q.page,
        per_page=q.per_page,
    )


@cache
def _signal_choices() -> list[tuple[str, str, int]]:
    """(family, signal id, polarity) of every signal, by family: the catalogue is per process."""
    return sorted((s.family, s.id, s.polarity) for s in default_catalogue())


def _calls(request: Request, who: Caller, q: CallQuery) -> CallPage:
    with ledger_of(request).reading() as session:
        return list_calls(session, who.scope, _filter(session, who, q))


def _link(q: CallQuery, **changes: Any) -> str:
    """The library's URL with these filters changed (empty ones left out)."""
    values = {**q.model_dump(), **changes}
    kept = {k: v for k, v in values.items() if v not in (None, "")}
    if kept.get("sort") == "-date":
        del kept["sort"]
    if kept.get("page") == 1:
        del kept["page"]
    if kept.get("per_page") == 25:
        del kept["per_page"]
    return "/calls" + ("?" + urlencode(kept) if kept else "")


@pages.get("/calls")
def calls_page(request: Request, who: Who, q: Annotated[CallQuery, Query()]) -> Response:
    from trustworks.web.routes.pages import render

    found = _calls(request, who, q)
    with ledger_of(request).reading() as session:
        sellers = [(username, name) for _, username, name in seller_choices(session, who.scope)]
        visible = visible_account_ids(session, who.scope)
        query = select(tables.Account.name).order_by(tables.Account.name)
        if visible is not None:
            query = query.where(tables.Account.id.in_(sorted(visible)))
        accounts = list(session.scalars(query.limit(MAX_ACCOUNT_CHOICES)))
    catalogue = default_catalogue()
    signals = sorted(((s.family, s.id, s.polarity) for s in catalogue), key=lambda s: (s[0], s[1]))
    return render(
        request,
        who,
        "calls.html",
        page=found,
        q=q,
        page_link=lambda **changes: _link(q, **changes),
        sellers=sellers,
        accounts=accounts,
        signals=signals,
        families=FAMILIES,
        bands=BANDS,
        band_words=BAND_WORDS,
        sorts=SORT_WORDS,
        thresholds=(TRUST_SPENDS_BELOW, TRUST_BUILDS_ABOVE),
    )


class CallsOut(BaseModel):
    items: list[dict[str, Any]]
    total: int = Field(description="How many calls match, exactly unless `more`.")
    more: bool = Field(description="More than `total` (1,000) calls match: not counted further.")
    page: int
    pages: int | None = Field(description="How many pages; null when the count was capped.")
    per_page: int
    has_next: bool


@api.get("/calls", response_model=CallsOut, tags=["calls"])
def calls_api(request: Request, who: ApiCaller, q: Annotated[CallQuery, Query()]) -> CallsOut:
    """The analysed calls you may see, filtered, sorted and paged as on the /calls page."""
    found = _calls(request, who, q)
    return CallsOut(
        items=[asdict(r) for r in found.rows],
        total=found.total,
        more=found.more,
        page=found.page,
        pages=found.pages,
        per_page=found.per_page,
        has_next=found.has_next,
    )


# ---- team ---------------------------------------------------------------------------------


def _team(request: Request, who: Caller, date: str | None) -> TeamOverview:
    day = parse_day(date)
    with ledger_of(request).reading() as session:
        return team_overview(session, who.scope, day)


@pages.get("/team")
def team_page(request: Request, who: Who, date: str | None = None) -> Response:
    from trustworks.web.routes.pages import render

    team = _team(request, who, date)
    charts = []
    for seller in team.sellers:
        labels = [p.week.strftime("%d %b") for p in seller.weeks]
        trust = line_chart(
            [Series("trust", "trust", [p.trust for p in seller.weeks])],
            labels,
            title=f"Trust of {seller.name}'s calls by week",
            unit="week",
        )
        parts = line_chart(
            [
                Series(name.replace("_", "-"), name, [getattr(p, name) for p in seller.weeks])
                for name in ("credibility", "reliability", "intimacy", "self_orientation")
            ],
            labels,
            title=f"Trust components of {seller.name}'s calls by week",
            unit="week",
        )
        charts.append((seller, trust, parts))
    return render(
        request,
        who,
        "team.html",
        team=team,
        charts=charts,
        band_words=BAND_WORDS,
        thresholds=THRESHOLDS,
        since=back(team.today, 29).isoformat(),
    )


@api.get("/team", tags=["calls"])
def team_api(request: Request, who: ApiCaller, date: str | None = None) -> dict[str, Any]:
    """The team page's figures: trends by week, reliability, waiting calls, top spending
    signals and calls worth a look (a seller gets their own)."""
    return asdict(_team(request, who, date))


# ---- snippets -----------------------------------------------------------------------------


@pages.get("/snippets")
def snippets_page(request: Request, who: Who, saved: str | None = None) -> Response:
    from trustworks.web.routes.pages import render

    with ledger_of(request).reading() as session:
        found = list_snippets(session, who.scope)
        lessons = lesson_choices(session) if who.role != "seller" else []
    return render(request, who, "snippets.html", snippets=found, lessons=lessons, saved=saved)


@pages.post("/calls/{ident}/snippets")
def snippet_save(
    request: Request,
    who: Who,
    ident: int,
    turn: Annotated[int, Form(ge=0, le=1_000_000)] = 0,
    finding: Annotated[str, Form(max_length=10)] = "",
    note: Annotated[str, Form(max_length=2_000)] = "",
) -> Response:
    with ledger_of(request).session() as session:
        save_snippet(
            session,
            who.scope,
            ident,
            turn=turn,
            finding=int(finding) if finding.isascii() and finding.isdigit() else None,
            note=note,
        )
    return RedirectResponse("/snippets?saved=1", status_code=303)


@pages.post("/snippets/{ident}/consent")
def snippet_consent(
    request: Request, who: Who, ident: int, consent: Annotated[str, Form(max_length=5)] = "yes"
) -> Response:
    with ledger_of(request).session() as session:
        set_consent(session, who.scope, ident, consent == "yes")
    return RedirectResponse("/snippets", status_code=303)


@pages.post("/snippets/{ident}/lessons")
def snippet_lesson(
    request: Request, who: Who, ident: int, lesson: Annotated[int, Form(ge=1)]
) -> Response:
    with ledger_of(request).session() as session:
        use_in_lesson(session, who.scope, ident, lesson)
    return RedirectResponse("/snippets", status_code=303)


class SnippetIn(BaseModel):
    """A moment of a call to keep: a turn (0-based), or a finding of its analysis."""

    turn: int = Field(0, ge=0)
    finding: int | None = Field(None, ge=0, description="The finding's number in the analysis.")
    note: str | None = Field(None, max_length=2_000)


class ConsentIn(BaseModel):
    consent: bool


class LessonIn(BaseModel):
    lesson: int = Field(ge=1, description="The lesson's id.")


@api.get("/snippets", tags=["snippets"])
def snippets_api(request: Request, who: ApiCaller, call: int | None = None) -> dict[str, Any]:
    """Snippets of the calls you may see (of one call with ?call=)."""
    with ledger_of(request).reading() as session:
        found = list_snippets(session, who.scope, interaction_id=call)
    return {"items": [asdict(s) for s in found], "count": len(found)}


@api.post("/calls/{ident}/snippets", status_code=201, tags=["snippets"])
def snippet_save_api(
    request: Request, who: ApiCaller, ident: int, body: SnippetIn
) -> dict[str, Any]:
    """Keep a moment of a call as a teaching example (managers and admins)."""
    with ledger_of(request).session() as session:
        info = save_snippet(
            session, who.scope, ident, turn=body.turn, finding=body.finding, note=body.note
        )
    return asdict(info)


@api.post("/snippets/{ident}/consent", tags=["snippets"])
def snippet_consent_api(
    request: Request, who: ApiCaller, ident: int, body: ConsentIn
) -> dict[str, Any]:
    """The call's seller gives or withdraws consent to use the snippet in lessons."""
    with ledger_of(request).session() as session:
        return asdict(set_consent(session, who.scope, ident, body.consent))


@api.post("/snippets/{ident}/lessons", tags=["snippets"])
def snippet_lesson_api(
    request: Request, who: ApiCaller, ident: int, body: LessonIn
) -> dict[str, Any]:
    """Use a consented snippet in a lesson (managers and admins)."""
    with ledger_of(request).session() as session:
        return asdict(use_in_lesson(session, who.scope, ident, body.lesson))
