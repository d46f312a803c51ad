"""The mail sync page: where the signed-in user's mailbox is, and the senders nobody in the
ledger has yet, each to match to a person of an account they may see, or to ignore.

The page never asks for the mailbox password and the ledger never stores it:
`trustworks mail sync --user NAME` reads it from $TRUSTWORKS_MAIL_PASSWORD or asks for it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from trustworks.errors import FieldError, TrustworksError
from trustworks.ledger import access
from trustworks.ledger.mailsync import (
    SavedSettings,
    UnknownSender,
    ignore_sender,
    match_sender,
    quarantined,
    save_settings,
    settings_of,
    unknown_senders,
)
from trustworks.web.auth import Caller, form_caller, in_ledger
from trustworks.web.errors import status_for
from trustworks.web.routes.pages import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Who = Annotated[Caller, Depends(form_caller)]
_FIELD_LIMIT = 1000


def _state(session: Session, who: Caller) -> dict[str, object]:
    from trustworks.ledger import repository
    from trustworks.ledger.tables import Account

    visible = access.visible_account_ids(session, who.scope)
    accounts = [
        (r.id, r.name)
        for r in repository.rows(session, "account", account_ids=visible)
        if isinstance(r, Account)
    ]
    saved: SavedSettings | None = settings_of(session, who.username)
    senders: list[UnknownSender] = unknown_senders(session, who.username)
    held = [
        (m.message_id, m.sender, m.subject, m.reason) for m in quarantined(session, who.username)
    ]
    return {
        "saved": saved,
        "senders": senders,
        "ignored": len(unknown_senders(session, who.username, ignored=True)),
        "accounts": accounts,
        "held": held[:50],
        "held_total": len(held),
    }


async def _page(
    request: Request,
    who: Caller,
    *,
    status: int = 200,
    error: str | None = None,
    done: str | None = None,
    given: dict[str, str] | None = None,
) -> Response:
    state = await in_ledger(request, lambda s: _state(s, who))
    return render(
        request, who, "mail.html", status, error=error, done=done, given=given or {}, **state
    )


@router.get("/mail")
async def mail_page(request: Request, who: Who, done: str | None = None) -> Response:
    notices = {"saved": "Settings saved.", "matched": "Matched: the next sync logs their mail.",
               "ignored": "Ignored: they will not be listed again."}  # fmt: skip
    return await _page(request, who, done=notices.get(done or ""))


def _text(form: object, name: str) -> str:
    value = form.get(name)  # type: ignore[attr-defined]
    return value[:_FIELD_LIMIT].strip() if isinstance(value, str) else ""


@router.post("/mail/settings")
async def mail_settings(request: Request, who: Who) -> Response:
    form = await request.form()
    given = {
        k: _text(form, k) for k in ("host", "port", "login", "folder", "security", "addresses")
    }
    try:
        port = int(given["port"]) if given["port"] else None
    except ValueError:
        return await _page(
            request, who, status=422, error=str(FieldError("port", "a whole number")), given=given
        )
    user_id = who.scope.user_id

    def save(session: Session) -> None:
        save_settings(
            session,
            user_id,
            host=given["host"],
            login=given["login"],
            folder=given["folder"] or "INBOX",
            port=port,
            security=given["security"] or "tls",
            addresses=given["addresses"].replace(",", " ").split(),
        )

    try:
        await in_ledger(request, save)
    except TrustworksError as exc:
        return await _page(request, who, status=status_for(exc), error=str(exc), given=given)
    return RedirectResponse("/mail?done=saved", status_code=303)


@router.post("/mail/senders/{ident}/match")
async def mail_match(request: Request, who: Who, ident: int) -> Response:
    form = await request.form()
    account, person = _text(form, "account"), _text(form, "person")

    def match(session: Session) -> None:
        access.acting(session, who.scope)
        match_sender(session, ident, account, person or None, user=who.username, scope=who.scope)

    try:
        await in_ledger(request, match)
    except TrustworksError as exc:
        return await _page(request, who, status=status_for(exc), error=str(exc))
    return RedirectResponse("/mail?done=matched", status_code=303)


@router.post("/mail/senders/{ident}/ignore")
async def mail_ignore(request: Request, who: Who, ident: int) -> Response:
    try:
        await in_ledger(request, lambda s: ignore_sender(s, ident, who.username))
    except TrustworksError as exc:
        return await _page(request, who, status=status_for(exc), error=str(exc))
    return RedirectResponse("/mail?done=ignored", status_code=303)
