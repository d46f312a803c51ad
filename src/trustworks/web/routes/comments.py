"""Coaching threads on a call's page and the user's notifications, as pages and under /api/v1.

Each handler parses the form or body, calls `trustworks.ledger.comments` or `.notifications`,
and renders; the ledger decides who may see what (a call's comments exactly as the call). After
a comment is written and committed, the e-mail sender is nudged: it works in the background.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError

from trustworks.errors import FieldError, TrustworksError
from trustworks.ledger import comments, notifications, repository
from trustworks.ledger.comments import Added, Person, Thread
from trustworks.plural import counted
from trustworks.web.auth import Caller, caller, form_caller, ledger_of
from trustworks.web.mailer import Mailer
from trustworks.web.routes.pages import render

pages = APIRouter(include_in_schema=False)
api = APIRouter()
Who = Annotated[Caller, Depends(form_caller)]
ApiCaller = Annotated[Caller, Depends(caller)]
log = logging.getLogger("trustworks.web")


# ---- what the call's page and the header show ------------------------------------------------


@dataclass(frozen=True)
class Coaching:
    """A call's threads, by turn, and who may be mentioned on it."""

    call_id: int
    threads: tuple[Thread, ...]
    mentionable: tuple[Person, ...]

    def on_turn(self, turn: int) -> list[Thread]:
        return [t for t in self.threads if t.turn == turn]

    @property
    def people(self) -> list[dict[str, str]]:
        """Who may be mentioned, for the type-ahead."""
        return [{"username": p.username, "name": p.name} for p in self.mentionable]


def coaching_of(request: Request, who: Caller | None, call_id: int) -> Coaching | None:
    """The threads of a call the caller may see (None when they may not, or signed out)."""
    if who is None:
        return None
    with ledger_of(request).reading() as session:
        try:
            return Coaching(
                call_id,
                tuple(comments.threads(session, who.scope, call_id)),
                tuple(comments.mentionable(session, who.scope, call_id)),
            )
        except TrustworksError:
            return None


def unread_of(request: Request, who: Caller | None) -> int | None:
    """The caller's unread notifications for the header (None when it cannot be told: the
    header must never be what breaks a page, an error page least of all)."""
    if who is None:
        return None
    try:
        with ledger_of(request).reading() as session:
            return notifications.unread_count(session, who.scope)
    except (TrustworksError, SQLAlchemyError) as exc:
        log.warning("unread notifications not counted: %s", exc)
        return None


def install(templates: Jinja2Templates) -> None:
    """Let the templates ask for a call's threads and the header's unread count."""
    templates.env.globals["call_coaching"] = coaching_of
    templates.env.globals["unread_notifications"] = unread_of


def _sent(request: Request) -> None:
    """Nudge the e-mail sender, if e-mail is configured; never fails the request."""
    mailer: Mailer | None = getattr(request.app.state, "mailer", None)
    if mailer is not None:
        try:
            mailer.kick()
        except RuntimeError as exc:  # shut down while the app is stopping
            log.warning("notification e-mails not queued: %s", exc)


def _emails(request: Request) -> bool:
    return getattr(request.app.state, "mailer", None) is not None


# ---- pages ----------------------------------------------------------------------------------


def _number(text: str) -> bool:
    # ASCII only: "²" and other digits Python's isdigit takes are no number int() reads.
    return text.isascii() and text.isdigit()


def _moment(text: str) -> tuple[int | None, str | None]:
    """A moment as the form names it: "4" (turn 4, counted from 0) or "4:signal_id"."""
    turn, _, signal = text.strip().partition(":")
    if not turn:
        return None, None
    if not _number(turn) or len(turn) > 6:
        raise FieldError("moment", f"{text[:40]!r} is not a moment of this call")
    return int(turn), signal or None


@pages.post("/interactions/{ident}/comments")
def comment_submit(
    request: Request,
    who: Who,
    ident: int,
    body: Annotated[str, Form(max_length=comments.MAX_BODY * 2)] = "",
    moment: Annotated[str, Form(max_length=200)] = "",
    reply_to: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    if reply_to.strip() and not _number(reply_to.strip()):
        raise FieldError("reply_to", "not a comment of this call")
    answer = int(reply_to) if reply_to.strip() else None
    turn, signal = (None, None) if answer is not None else _moment(moment)
    with ledger_of(request).session() as session:
        added = comments.add_comment(
            session,
            who.scope,
            ident,
            body,
            turn=turn,
            signal=signal,
            reply_to=answer,
            email=_emails(request),
        )
    _sent(request)
    told = ", ".join(p.name for p in added.notified)
    flash = f"commented; told {told}" if told else "commented"
    return RedirectResponse(
        f"/interactions/{ident}?{urlencode({'commented': flash})}#comment-{added.comment.id}",
        status_code=303,
    )


@pages.post("/comments/{ident}/remove")
def comment_remove(request: Request, who: Who, ident: int) -> Response:
    """Remove one's own comment (an admin: anyone's), back to its call."""
    with ledger_of(request).session() as session:
        call = comments.remove_comment(session, who.scope, ident)
    return RedirectResponse(
        f"/interactions/{call}?{urlencode({'commented': 'comment removed'})}", status_code=303
    )


@pages.get("/notifications")
def notifications_page(
    request: Request,
    who: Who,
    saved: str | None = None,
    before: Annotated[int | None, Query(ge=1, le=repository.MAX_ID)] = None,
) -> Response:
    """The caller's notifications, a page at a time (`before`: older than that one)."""
    with ledger_of(request).reading() as session:
        page = notifications.listing(session, who.scope, before=before)
        unread = notifications.unread_count(session, who.scope)
        email = notifications.email_of(session, who.scope.user_id)
    return render(
        request,
        who,
        "notifications.html",
        items=page.items,
        older=page.older,
        before=before,
        unread=unread,
        max_counted=notifications.MAX_COUNTED,
        email=email or "",
        email_on=_emails(request),
        saved=saved,
    )


@pages.get("/notifications/{ident}/open")
def notification_open(request: Request, who: Who, ident: int) -> Response:
    """Mark a notification read and go to its comment (a link, as in a mail or the list)."""
    with ledger_of(request).session() as session:
        link = notifications.open_notification(session, who.scope, ident)
    return RedirectResponse(link, status_code=303)


@pages.post("/notifications/read")
def notifications_read(
    request: Request, who: Who, ident: Annotated[str, Form(max_length=20)] = ""
) -> Response:
    """Mark one notification read (`ident`), or all of them."""
    if ident.strip() and not _number(ident.strip()):
        raise FieldError("ident", "not a notification")
    with ledger_of(request).session() as session:
        marked = notifications.mark_read(
            session, who.scope, [int(ident)] if ident.strip() else None, now=None
        )
    said = f"marked {counted(marked, 'notification')} read"
    return RedirectResponse(f"/notifications?{urlencode({'saved': said})}", status_code=303)


@pages.post("/notifications/email")
def notifications_email(
    request: Request, who: Who, email: Annotated[str, Form(max_length=400)] = ""
) -> Response:
    with ledger_of(request).session() as session:
        kept = notifications.set_email(session, who.scope.user_id, email)
    said = f"notifications are e-mailed to {kept}" if kept else "no notification e-mails"
    return RedirectResponse(f"/notifications?{urlencode({'saved': said})}", status_code=303)


# ---- API ------------------------------------------------------------------------------------


class CommentIn(BaseModel):
    """A comment on a moment of a call, or a reply in a thread."""

    body: str = Field(max_length=comments.MAX_BODY * 2, description="Plain text; @username.")
    turn: int | None = Field(
        None, ge=0, le=comments.MAX_TURN, description="The turn, counted from 0."
    )
    signal: str | None = Field(None, max_length=100, description="A finding's signal on that turn.")
    reply_to: int | None = Field(
        None, ge=1, description="A comment of the thread to reply in (turn/signal ignored)."
    )


class MarkIn(BaseModel):
    ids: list[int] | None = Field(None, max_length=1000, description="None: all of them.")


class EmailIn(BaseModel):
    email: str | None = Field(None, max_length=400, description="Empty or null: no e-mails.")


def _added(added: Added) -> dict[str, Any]:
    return {
        "comment": added.comment.as_dict(),
        "notified": [p.username for p in added.notified],
    }


@api.get("/interactions/{ident}/comments", tags=["comments"])
def list_comments(request: Request, who: ApiCaller, ident: int) -> dict[str, Any]:
    """Every thread on a call the caller may see, by turn."""
    with ledger_of(request).reading() as session:
        found = comments.threads(session, who.scope, ident)
    return {"threads": [t.as_dict() for t in found], "count": len(found)}


@api.post("/interactions/{ident}/comments", status_code=201, tags=["comments"])
def post_comment(
    request: Request, who: ApiCaller, ident: int, comment: CommentIn
) -> dict[str, Any]:
    """Comment on a moment (`turn`, and `signal` for a finding) or reply (`reply_to`); the
    seller, whoever is mentioned and whoever is in the thread are notified."""
    with ledger_of(request).session() as session:
        added = comments.add_comment(
            session,
            who.scope,
            ident,
            comment.body,
            turn=comment.turn,
            signal=comment.signal,
            reply_to=comment.reply_to,
            email=_emails(request),
        )
    _sent(request)
    return _added(added)


@api.delete("/comments/{ident}", status_code=204, tags=["comments"])
def delete_comment(request: Request, who: ApiCaller, ident: int) -> Response:
    """Remove one's own comment (an admin: anyone's) and its notifications; a thread's first
    comment only while it has no replies (409)."""
    with ledger_of(request).session() as session:
        comments.remove_comment(session, who.scope, ident)
    return Response(status_code=204)


@api.get("/interactions/{ident}/mentionable", tags=["comments"])
def mentionable(
    request: Request,
    who: ApiCaller,
    ident: int,
    q: Annotated[str, Query(max_length=100)] = "",
) -> dict[str, Any]:
    """Who may be mentioned on a call (those who may see it), matching `q`."""
    with ledger_of(request).reading() as session:
        found = comments.mentionable(session, who.scope, ident, q)
    return {"users": [p.as_dict() for p in found]}


@api.get("/notifications", tags=["notifications"])
def list_notifications(
    request: Request,
    who: ApiCaller,
    unread: bool = False,
    before: Annotated[int | None, Query(ge=1, le=repository.MAX_ID)] = None,
) -> dict[str, Any]:
    """The caller's notifications, newest first (200 a page: `before` reads the page after
    `older`), and how many are unread."""
    with ledger_of(request).reading() as session:
        page = notifications.listing(session, who.scope, before=before, unread_only=unread)
        count = notifications.unread_count(session, who.scope)
    return {
        "unread": count,
        "notifications": [i.as_dict() for i in page.items],
        "older": page.older,
    }


@api.post("/notifications/read", tags=["notifications"])
def mark_notifications_read(request: Request, who: ApiCaller, body: MarkIn) -> dict[str, Any]:
    """Mark these notifications read (`ids`), or all of them."""
    with ledger_of(request).session() as session:
        marked = notifications.mark_read(session, who.scope, body.ids, now=None)
        count = notifications.unread_count(session, who.scope)
    return {"marked": marked, "unread": count}


@api.get("/notifications/email", tags=["notifications"])
def get_notification_email(request: Request, who: ApiCaller) -> dict[str, Any]:
    """Where the caller's notifications are e-mailed, and whether this server sends e-mail."""
    with ledger_of(request).reading() as session:
        email = notifications.email_of(session, who.scope.user_id)
    return {"email": email, "server_sends_email": _emails(request)}


@api.put("/notifications/email", tags=["notifications"])
def put_notification_email(request: Request, who: ApiCaller, body: EmailIn) -> dict[str, Any]:
    """Set (or clear) where the caller's notifications are e-mailed."""
    with ledger_of(request).session() as session:
        email = notifications.set_email(session, who.scope.user_id, body.email)
    return {"email": email, "server_sends_email": _emails(request)}
