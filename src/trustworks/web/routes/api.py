"""The versioned JSON API (`/api/v1`): analyse, every ledger entity, alerts, today, trends.

Each route checks the caller's scope, calls the library and returns what it gives; the schemas
are the ledger's own (trustworks.ledger.entities), so OpenAPI documents exactly what is checked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response
from pydantic import BaseModel, Field, create_model

from trustworks.analysis import Analysis
from trustworks.errors import NotFoundError
from trustworks.ingest import FORMATS
from trustworks.ledger import identities, repository
from trustworks.ledger.access import (
    Scope,
    check_visible,
    find_visible_account,
    prepare_values,
    visible_account_ids,
)
from trustworks.ledger.client_view import client_view
from trustworks.ledger.entities import KINDS, Entry, Kind
from trustworks.ledger.log import confirm_commitment, dismiss_commitment, log_conversation
from trustworks.ledger.money import EXACT
from trustworks.ledger.rules import alerts, reliability
from trustworks.ledger.tables import DailyReview
from trustworks.ledger.today import daily_review, record_review
from trustworks.ledger.trends import seller_trends
from trustworks.report import AnalysisDocument, to_document
from trustworks.web.analysing import analyse_bytes, analyse_text, check_length, gate_of
from trustworks.web.auth import Caller, caller, inline_caller, ledger_of
from trustworks.web.errors import ForbiddenError
from trustworks.web.scoping import scoped_review

router = APIRouter()
CallerDep = Annotated[Caller, Depends(caller)]
# For a route whose own work is short: the caller is looked up on the event loop (one indexed
# query, 0.3 ms) rather than through the thread pool, whose round trip costs about as much.
InlineCallerDep = Annotated[Caller, Depends(inline_caller)]
InputFormat = Literal["vtt", "srt", "plain", "json", "email"]
assert set(FORMATS) == set(InputFormat.__args__)  # type: ignore[attr-defined]


class AnalyseIn(BaseModel):
    """A conversation to analyse."""

    text: str = Field(min_length=1, description="The transcript, notes or e-mail, as text.")
    format: InputFormat | None = Field(None, description="Detected from the text when omitted.")
    seller: list[str] = Field(default_factory=list, description="The seller's name(s).")
    learned: bool = Field(
        False, description="Retired and ignored: the semantic layer runs in every analysis."
    )
    source: str = Field("<api>", max_length=500, description="A name for error messages.")


class SaveConversationIn(AnalyseIn):
    """A conversation to analyse and save as an interaction of an account."""

    occurred_on: dt.date | None = None
    channel: str | None = None
    purpose: str = "other"
    person: str | None = None
    notes: str | None = None


class Items(BaseModel):
    items: list[dict[str, Any]]
    count: int


@router.post("/analyses", response_model=AnalysisDocument, tags=["analyse"])
async def analyse(body: AnalyseIn, request: Request, who: InlineCallerDep) -> Response:
    """Analyse a conversation given as text; returns the versioned analysis document.

    At most 1,000,000 characters (413 beyond), and two analyses of one user at once (429)."""
    check_length(body.text, body.source)
    work = partial(_analyse_document, body)
    return await gate_of(request.app.state).run(who.username, len(body.text), work)


def _analyse_document(body: AnalyseIn) -> Response:
    return _document(analyse_text(body.text, body.source, body.format, body.seller, body.learned))


@router.post("/analyses/file", response_model=AnalysisDocument, tags=["analyse"])
async def analyse_file(
    request: Request,
    who: CallerDep,
    file: Annotated[UploadFile, File(description="A transcript or e-mail file.")],
    seller: Annotated[list[str] | None, Form()] = None,
    format: Annotated[InputFormat | None, Form()] = None,
    learned: Annotated[bool, Form()] = False,
) -> Response:
    """Analyse an uploaded transcript or e-mail file (encoding and format detected)."""
    data = await file.read()
    source = file.filename or "<upload>"

    def work() -> Response:
        return _document(analyse_bytes(data, source, format, seller or [], learned))

    return await gate_of(request.app.state).run(who.username, len(data), work)


@router.post("/accounts/{account}/conversations", status_code=201, tags=["analyse"])
def save_conversation(
    account: str, body: SaveConversationIn, request: Request, who: CallerDep
) -> dict[str, Any]:
    """Analyse a conversation and save it as an interaction of the account; promises heard
    are proposed commitments, waiting for confirmation."""
    analysis = gate_of(request.app.state).run_sync(
        who.username,
        partial(analyse_text, body.text, body.source, body.format, body.seller, body.learned),
    )
    with ledger_of(request).session() as session:
        target = find_visible_account(session, who.scope, account)
        logged = log_conversation(
            session,
            analysis,
            account=str(target.id),
            occurred_on=body.occurred_on,
            channel=body.channel,
            purpose=body.purpose,
            person=body.person,
            notes=body.notes,
            transcript=body.text,
            seller=who.scope.username,  # the owner; the transcript's speakers are kept apart
        )
        interaction = repository.as_dict(session, "interaction", logged.interaction)
        proposed = [repository.as_dict(session, "commitment", c) for c in logged.proposed]
    interaction.pop("analysis_json", None)
    interaction.pop("transcript", None)
    return _json(
        {"interaction": interaction, "proposed": proposed, "analysis": to_document(analysis)}
    )


@router.post("/commitments/{ident}/confirm", tags=["commitments"])
def confirm(ident: int, request: Request, who: CallerDep) -> dict[str, Any]:
    """Confirm a proposed commitment: from now on it is open and counts."""
    return _decide(request, who, ident, confirm_commitment)


@router.post("/commitments/{ident}/dismiss", tags=["commitments"])
def dismiss(ident: int, request: Request, who: CallerDep) -> dict[str, Any]:
    """Dismiss a proposed commitment nobody actually made."""
    return _decide(request, who, ident, dismiss_commitment)


@router.get("/alerts", tags=["review"])
def list_alerts(
    request: Request, who: CallerDep, date: dt.date | None = None, seller: str | None = None
) -> dict[str, Any]:
    """Every alert the ledger's rules raise on `date` (default today) for what you may see, and
    each visible seller's reliability (kept / due on our promises)."""
    today = date or dt.date.today()
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        found = alerts(session, today, seller=_seller_filter(who.scope, seller))
        # Per user, whatever name was typed; names that are no user's only on visible accounts.
        records = [
            r
            for r in reliability(session, today, seller=seller, account_ids=visible)
            if r.user_id is None or who.scope.covers(r.user_id)
        ]
    items = [asdict(a) for a in found if visible is None or a.account_id in visible]
    return _json(
        {
            "date": today,
            "items": items,
            "count": len(items),
            "reliability": [asdict(r) for r in records],
        }
    )


@router.get("/today", tags=["review"])
def today_review(
    request: Request, who: CallerDep, date: dt.date | None = None, seller: str | None = None
) -> dict[str, Any]:
    """The day's agenda and end-of-day review: reviews due, dropped leads, commitments due,
    interactions without a reflection, and the streak of days reviewed."""
    with ledger_of(request).session() as session:
        review = daily_review(session, date or dt.date.today(), _own_seller(who.scope, seller))
        review = scoped_review(review, visible_account_ids(session, who.scope))
    return _json(asdict(review))


class ReviewIn(BaseModel):
    date: dt.date | None = None
    notes: str | None = Field(None, max_length=10_000)


@router.post("/today/done", tags=["review"])
def mark_reviewed(body: ReviewIn, request: Request, who: CallerDep) -> dict[str, Any]:
    """Mark the day reviewed (once per day; a second call changes nothing)."""
    with ledger_of(request).session() as session:
        mark = record_review(session, who.scope.seller, body.date or dt.date.today(), body.notes)
    return _json(asdict(mark))


@router.get("/accounts/{account}/client-view", tags=["accounts"])
def account_client_view(
    account: str, request: Request, who: CallerDep, date: dt.date | None = None
) -> dict[str, Any]:
    """The account from the client's side: goals, value received, open promises, their risks,
    recent reflections and the trust trend."""
    with ledger_of(request).session() as session:
        target = find_visible_account(session, who.scope, account)
        view = client_view(session, target.id, date or dt.date.today())
    return _json(asdict(view))


@router.get("/trends", tags=["review"])
def trends(request: Request, who: CallerDep, seller: str | None = None) -> dict[str, Any]:
    """Per seller, the Trust Equation components of analysed conversations by month."""
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        found = seller_trends(session, account_ids=visible, seller=seller)
    found = [t for t in found if t.user_id is None or who.scope.covers(t.user_id)]
    return _json({"sellers": [asdict(t) for t in found]})


@router.get(
    "/interactions/{ident}/analysis", response_model=AnalysisDocument, tags=["interactions"]
)
def stored_analysis(ident: int, request: Request, who: CallerDep) -> Response:
    """The full analysis document saved with an interaction."""
    with ledger_of(request).session() as session:
        row = repository.get(session, "interaction", ident)
        check_visible(session, who.scope, row, f"interaction with id {ident}")
        stored = row.analysis_json  # type: ignore[attr-defined]
    if stored is None:
        raise NotFoundError(f"interaction {ident} has no analysed transcript")
    return Response(stored, media_type="application/json")


class HistoryLine(BaseModel):
    """One field of a commitment or interaction changed."""

    at: dt.datetime
    user_id: int | None = Field(description="the user who changed it; null from the CLI")
    actor: str
    kind: str
    record_id: int
    account_id: int | None
    action: Literal["add", "edit", "remove"]
    field: str = Field(description="the column; on add and remove, every column but the id")
    before: str | None
    after: str | None


class History(BaseModel):
    items: list[HistoryLine]
    count: int = Field(description="how many lines are here")
    total: int = Field(description="how many changes match; more than count when cut to limit")
    shown: str = Field(description="'3 changes', or 'showing the newest 1,000 of 4,512 changes'")


@router.get("/history", response_model=History, tags=["review"])
def history(
    request: Request,
    who: CallerDep,
    kind: Annotated[Literal["commitment", "interaction"] | None, Query()] = None,
    record: Annotated[int | None, Query(ge=1, le=repository.MAX_ID)] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict[str, Any]:
    """The audit trail of commitments and interactions (who changed what, when, before and
    after), the newest `limit` of them, oldest first: for managers and admins, on their team's
    accounts, removed records included; `kind` and `record` pick one record."""
    if who.scope.role == "seller":
        raise ForbiddenError("the audit trail is for managers and admins")
    with ledger_of(request).session() as session:
        visible = visible_account_ids(session, who.scope)
        found, total = identities.history(
            session, kind, record, account_ids=visible, owners=who.scope.sellers, limit=limit
        )
        items = [identities.entry_dict(e) for e in found]
    return _json(
        {
            "items": items,
            "count": len(items),
            "total": total,
            "shown": identities.shown(len(items), total),
        }
    )


def _decide(request: Request, who: Caller, ident: int, action: Any) -> dict[str, Any]:
    with ledger_of(request).session() as session:
        row = repository.get(session, "commitment", ident)
        check_visible(session, who.scope, row, f"commitment with id {ident}")
        action(session, ident)
        return _json(repository.as_dict(session, "commitment", row))


def _seller_filter(scope: Scope, seller: str | None) -> str | None:
    # No filter by default: the scope already keeps out what the caller may not see, and a
    # seller must see every alert on their own accounts, whoever's promise it is about.
    if seller is not None and not scope.sees(seller):
        raise ForbiddenError(f"you may not see {seller}'s data")
    return seller


def _own_seller(scope: Scope, seller: str | None) -> str:
    return _seller_filter(scope, seller) or scope.seller


# ---- every ledger entity: list, create, show, change, remove -----------------------------


def _register(kind_: Kind) -> None:
    partial: type[BaseModel] = create_model(  # type: ignore[call-overload]
        f"{kind_.schema.__name__}Patch",
        __config__=kind_.schema.model_config,
        # Each field as the full schema checks it (its metadata carries the validators, such as
        # the one that takes an integer id), only optional.
        **{
            name: (_optional(info.annotation, info.metadata), None)
            for name, info in kind_.fields().items()
        },
    )
    tag = kind_.plural

    def list_entries(
        request: Request,
        who: CallerDep,
        account: Annotated[str | None, Query(description="Only this account's.")] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=repository.MAX_ID)] = 0,
    ) -> Items:
        with ledger_of(request).session() as session:
            visible = visible_account_ids(session, who.scope)
            if account is not None:
                visible = {find_visible_account(session, who.scope, account).id}
            found = repository.rows(
                session, kind_.name, account_ids=visible, limit=limit, offset=offset
            )
            if kind_.table is DailyReview:
                found = [r for r in found if who.scope.sees(r.seller)]  # type: ignore[attr-defined]
            items = [_shown(repository.as_dict(session, kind_.name, r)) for r in found]
        return Items(items=jsonable_encoder(items, custom_encoder=EXACT), count=len(items))

    def create_entry(request: Request, who: CallerDep, body: Entry) -> dict[str, Any]:
        values = body.model_dump(exclude_unset=True)
        with ledger_of(request).session() as session:
            values = prepare_values(session, who.scope, kind_.name, values, creating=True)
            row = repository.add(session, kind_.name, values)
            return _json(_shown(repository.as_dict(session, kind_.name, row)))

    def show_entry(ident: int, request: Request, who: CallerDep) -> dict[str, Any]:
        with ledger_of(request).session() as session:
            row = repository.get(session, kind_.name, ident)
            check_visible(session, who.scope, row, f"{kind_.name} with id {ident}")
            return _json(_shown(repository.as_dict(session, kind_.name, row)))

    def change_entry(ident: int, request: Request, who: CallerDep, body: Entry) -> dict[str, Any]:
        changes = body.model_dump(exclude_unset=True)
        with ledger_of(request).session() as session:
            row = repository.get(session, kind_.name, ident)
            check_visible(session, who.scope, row, f"{kind_.name} with id {ident}")
            changes = prepare_values(
                session, who.scope, kind_.name, changes, creating=False, row=row
            )
            repository.edit(session, kind_.name, ident, changes)
            return _json(_shown(repository.as_dict(session, kind_.name, row)))

    def remove_entry(ident: int, request: Request, who: CallerDep) -> Response:
        with ledger_of(request).session() as session:
            row = repository.get(session, kind_.name, ident)
            check_visible(session, who.scope, row, f"{kind_.name} with id {ident}")
            repository.remove(session, kind_.name, ident)
        return Response(status_code=204)

    # FastAPI reads the body's type from the annotation: give each kind its own schema.
    create_entry.__annotations__["body"] = kind_.schema
    change_entry.__annotations__["body"] = partial
    path = f"/{kind_.plural}"
    router.add_api_route(
        path,
        list_entries,
        methods=["GET"],
        tags=[tag],
        response_model=Items,
        summary=f"List {kind_.plural}",
    )
    router.add_api_route(
        path,
        create_entry,
        methods=["POST"],
        tags=[tag],
        status_code=201,
        summary=f"Add a {kind_.name}",
    )
    router.add_api_route(
        path + "/{ident}", show_entry, methods=["GET"], tags=[tag], summary=f"Show a {kind_.name}"
    )
    router.add_api_route(
        path + "/{ident}",
        change_entry,
        methods=["PATCH"],
        tags=[tag],
        summary=f"Change a {kind_.name}",
    )
    router.add_api_route(
        path + "/{ident}",
        remove_entry,
        methods=["DELETE"],
        tags=[tag],
        status_code=204,
        summary=f"Remove a {kind_.name}",
    )


def _optional(annotation: Any, metadata: list[Any]) -> Any:
    checked = Annotated[(annotation, *metadata)] if metadata else annotation
    return checked | None


def _document(analysis: Analysis) -> Response:
    # The document is already a validated model: write it as JSON directly rather than let
    # FastAPI validate and encode all of it a second time (a third of the time of a request).
    return Response(to_document(analysis).model_dump_json(), media_type="application/json")


def _json(value: Any) -> dict[str, Any]:
    """A mapping with dates and models in it as a JSON-ready dict."""
    encoded: dict[str, Any] = jsonable_encoder(value, custom_encoder=EXACT)
    return encoded


def _shown(item: dict[str, Any]) -> dict[str, Any]:
    # The transcript and the full stored report are large; they have routes of their own.
    item.pop("analysis_json", None)
    item.pop("transcript", None)
    return item


for _kind in KINDS.values():
    _register(_kind)
