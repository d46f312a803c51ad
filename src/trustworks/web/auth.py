"""Who is calling: a session cookie (pages, with CSRF tokens on forms) or a bearer token (API).

A browser sends cookies by itself, so every state-changing request that rides on the cookie
must also carry the session's CSRF token (a form field or the X-CSRF-Token header). A bearer
token is never sent by a browser on its own, so it needs none.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from trustworks.ledger.access import Scope, scope_of
from trustworks.ledger.database import Ledger
from trustworks.ledger.users import signed_in
from trustworks.web.errors import ForbiddenError, SignInRequiredError

SESSION_COOKIE = "tw_session"
LOGIN_CSRF_COOKIE = "tw_login_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
T = TypeVar("T")


@dataclass(frozen=True)
class Caller:
    """The signed-in user behind a request."""

    scope: Scope
    csrf_token: str
    via: str  # "cookie" or "bearer"

    @property
    def username(self) -> str:
        return self.scope.username

    @property
    def role(self) -> str:
        return self.scope.role


def ledger_of(request: Request) -> Ledger:
    """The app's open ledger."""
    ledger: Ledger = request.app.state.ledger
    return ledger


async def in_ledger(request: Request, work: Callable[[Session], T]) -> T:
    """Run `work` in one ledger transaction in the thread pool, so that an async handler (one
    that awaited its form) does not hold up the event loop on the database."""

    def run() -> T:
        with ledger_of(request).session() as session:
            return work(session)

    return await run_in_threadpool(run)


def session_token(request: Request) -> tuple[str | None, str]:
    """The token the request carries and how: ("...", "bearer"), ("...", "cookie") or None."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), "bearer"
    return request.cookies.get(SESSION_COOKIE), "cookie"


def optional_caller(request: Request) -> Caller | None:
    """The signed-in caller, or None."""
    token, via = session_token(request)
    if not token:
        return None
    with ledger_of(request).session() as session:
        found = signed_in(session, token)
        if found is None:
            return None
        scope = scope_of(session, found.user_id, found.username, found.role, found.seller)
        return Caller(scope, found.csrf_token, via)


def caller(request: Request) -> Caller:
    """The signed-in caller; API requests on the cookie must carry the CSRF header.

    A plain function, so FastAPI runs its database lookup in the thread pool, off the loop.
    """
    who = optional_caller(request)
    if who is None:
        raise SignInRequiredError()
    if who.via == "cookie" and request.method in UNSAFE and request.url.path.startswith("/api/"):
        check_csrf(who, request.headers.get(CSRF_HEADER))
    return who


async def inline_caller(request: Request) -> Caller:
    """As `caller`, looked up on the event loop rather than in the thread pool."""
    return caller(request)


async def form_caller(request: Request) -> Caller:
    """The signed-in caller of a page form, whose CSRF field must match the session's."""
    who = await run_in_threadpool(caller, request)
    if request.method in UNSAFE:
        form = await request.form()
        given = form.get("csrf_token")
        check_csrf(who, given if isinstance(given, str) else None)
    return who


def check_csrf(who: Caller, given: str | None) -> None:
    """Refuse a state change whose CSRF token is missing or wrong."""
    if who.via == "bearer":
        return
    if not given or not hmac.compare_digest(given, who.csrf_token):
        raise ForbiddenError("missing or wrong CSRF token: reload the page and try again")


def require_role(who: Caller, *roles: str) -> None:
    """Refuse callers whose role is not one of `roles`."""
    if who.role not in roles:
        raise ForbiddenError(f"{who.role}s may not do this")


def new_login_csrf() -> str:
    """A token for the sign-in form, paired with a cookie (no session exists yet)."""
    return secrets.token_urlsafe(24)


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path on this site, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
