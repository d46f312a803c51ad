"""The search box's results page (/search) and GET /api/v1/search: both parse the query string,
call `ledger.search.find` with the signed-in user's scope, and render what it returns."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from trustworks.errors import FieldError
from trustworks.ledger.search import MAX_PAGE, MAX_QUERY_CHARS, SearchHit, find
from trustworks.web.auth import Caller, caller, form_caller, ledger_of
from trustworks.web.routes.pages import render

pages = APIRouter(include_in_schema=False)
api = APIRouter()
PAGE_SIZE = 20
PLURALS = {
    "account": "Accounts",
    "person": "People",
    "call": "Calls",
    "commitment": "Promises",
    "story": "Stories",
}


def link(hit: SearchHit) -> str:
    """Where a hit opens: the account, the call, the person's or promise's entry, the story."""
    if hit.kind == "account":
        return f"/accounts/{hit.id}"
    if hit.kind == "call":
        return f"/interactions/{hit.id}"
    if hit.kind == "story":
        return f"/programmes/{hit.programme_id}#story-{hit.id}"
    return f"/entries/{hit.kind}/{hit.id}"


def _kinds(kind: str | None) -> list[str] | None:
    return [kind] if kind else None


@pages.get("/search")
def search_page(
    request: Request,
    who: Annotated[Caller, Depends(form_caller)],
    q: Annotated[str, Query(max_length=4 * MAX_QUERY_CHARS)] = "",
    kind: Annotated[str, Query(max_length=20)] = "",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> Response:
    context: dict[str, Any] = {
        "q": q,
        "kind": kind,
        "kind_label": PLURALS.get(kind, "").lower(),
        "page": page,
        "search_kinds": list(PLURALS.items()),
        "results": None,
        "problem": None,
        "hit_url": link,
    }
    if q.strip():
        try:
            with ledger_of(request).reading() as session:
                context["results"] = find(
                    session,
                    q,
                    who.scope,
                    kinds=_kinds(kind),
                    limit=PAGE_SIZE,
                    offset=(page - 1) * PAGE_SIZE,
                )
        except FieldError as exc:
            # Said on the page beside the box, as typed, rather than as an error page.
            context["problem"] = exc.problem
    status = 422 if context["problem"] else 200
    return render(request, who, "search.html", status=status, **context)


class SearchHitOut(BaseModel):
    kind: str
    id: int
    title: str
    detail: str
    day: dt.date | None
    url: str
    snippet: list[tuple[str, bool]]
    """The words around the match as [text, matched] pieces."""


class SearchOut(BaseModel):
    query: str
    kinds: list[str]
    offset: int
    limit: int
    more: bool
    hits: list[SearchHitOut]


@api.get("/search", response_model=SearchOut, tags=["search"])
def search_api(
    request: Request,
    who: Annotated[Caller, Depends(caller)],
    q: Annotated[str, Query(max_length=4 * MAX_QUERY_CHARS)],
    kind: Annotated[list[str] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> SearchOut:
    """Accounts, people, calls (their transcripts), promises and stories matching `q` that you
    may see, best first: words (all must be there), "a phrase", `north*`, `-word` to leave
    out. `kind` (repeatable) narrows to account, person, call, commitment or story. A query
    that cannot be searched is a 422 saying why."""
    with ledger_of(request).reading() as session:
        found = find(session, q, who.scope, kinds=kind, limit=limit, offset=offset)
    return SearchOut(
        query=found.query,
        kinds=list(found.kinds),
        offset=found.offset,
        limit=found.limit,
        more=found.more,
        hits=[
            SearchHitOut(
                kind=h.kind,
                id=h.id,
                title=h.title,
                detail=h.detail,
                day=h.day,
                url=link(h),
                snippet=list(h.snippet),
            )
            for h in found.hits
        ],
    )
