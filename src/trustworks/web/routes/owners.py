"""Accounts nobody owns (an import's rows whose owner matched no user): no seller sees them
until a manager or an admin gives each to someone, which this page does."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from trustworks.errors import TrustworksError
from trustworks.ledger import tables as t
from trustworks.ledger.owners import give_account, unowned_accounts
from trustworks.web.auth import Caller, form_caller, in_ledger, ledger_of
from trustworks.web.errors import ForbiddenError, status_for
from trustworks.web.routes.pages import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]


def _page(request: Request, who: Caller, status: int = 200, error: str | None = None) -> Response:
    if who.scope.role == "seller":
        raise ForbiddenError("only a manager or an admin gives accounts their owners")
    with ledger_of(request).session() as session:
        accounts = unowned_accounts(session, who.scope)
        query = select(t.User.id, t.User.username, t.User.seller).where(t.User.active.is_(True))
        users = [
            (username, seller)
            for ident, username, seller in session.execute(query.order_by(t.User.seller))
            if who.scope.covers(ident)
        ]
    return render(request, who, "unowned.html", status, accounts=accounts, users=users, error=error)


@router.get("/unowned-accounts")
def unowned_page(request: Request, who: Who) -> Response:
    return _page(request, who)


@router.post("/unowned-accounts/{ident}")
async def give_owner(
    request: Request,
    who: Who,
    ident: int,
    owner: Annotated[str, Form(max_length=200)],
) -> Response:
    if who.scope.role == "seller":
        raise ForbiddenError("only a manager or an admin gives accounts their owners")
    try:
        await in_ledger(request, lambda s: give_account(s, who.scope, ident, owner))
    except TrustworksError as exc:
        return _page(request, who, status_for(exc), str(exc))
    return RedirectResponse("/unowned-accounts", status_code=303)
