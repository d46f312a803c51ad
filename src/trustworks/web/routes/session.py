"""Signing in and out: the login form (pages) and `/api/v1/session` (API clients)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from trustworks.ledger.users import authenticate, end_session, start_session
from trustworks.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Caller,
    form_caller,
    ledger_of,
    new_login_csrf,
    safe_next,
    session_token,
)
from trustworks.web.errors import error_response

router = APIRouter()


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1024)


class SessionOut(BaseModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    csrf_token: str
    expires_at: str
    username: str
    role: str


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    token = new_login_csrf()
    response: Response = request.app.state.templates.TemplateResponse(
        request, "login.html", {"csrf_token": token, "next": safe_next(next), "error": None}
    )
    _set_cookie(request, response, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return response


@router.post("/login", include_in_schema=False)
def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1024)],
    csrf_token: Annotated[str, Form(max_length=100)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return error_response(request, 403, "the sign-in form expired: reload it and try again")
    settings = request.app.state.settings
    with ledger_of(request).session() as session:
        user = authenticate(session, username, password)
        signed = start_session(session, user, lifetime=settings.session_lifetime) if user else None
    if signed is None:
        fresh = new_login_csrf()
        page: Response = request.app.state.templates.TemplateResponse(
            request,
            "login.html",
            {"csrf_token": fresh, "next": safe_next(next), "error": "Wrong username or password."},
            status_code=401,
        )
        _set_cookie(request, page, LOGIN_CSRF_COOKIE, fresh, max_age=3600)
        return page
    response = RedirectResponse(safe_next(next), status_code=303)
    max_age = int(settings.session_lifetime.total_seconds())
    _set_cookie(request, response, SESSION_COOKIE, signed.token, max_age=max_age)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, who: Annotated[Caller, Depends(form_caller)]) -> Response:
    token, _ = session_token(request)
    if token:
        with ledger_of(request).session() as session:
            end_session(session, token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/api/v1/session", response_model=SessionOut, tags=["session"])
def api_sign_in(request: Request, credentials: Credentials) -> SessionOut | Response:
    """Sign in with a username and password; returns a bearer token for the other calls."""
    settings = request.app.state.settings
    with ledger_of(request).session() as session:
        user = authenticate(session, credentials.username, credentials.password)
        if user is None:
            return error_response(request, 401, "wrong username or password")
        signed = start_session(session, user, lifetime=settings.session_lifetime)
        return SessionOut(
            token=signed.token,
            csrf_token=signed.csrf_token,
            expires_at=signed.expires_at.isoformat() + "Z",
            username=user.username,
            role=user.role,
        )


@router.delete("/api/v1/session", status_code=204, tags=["session"])
def api_sign_out(request: Request) -> Response:
    """End the session whose bearer token (or cookie) this request carries."""
    token, _ = session_token(request)
    if token:
        with ledger_of(request).session() as session:
            end_session(session, token)
    return Response(status_code=204)


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.secure_cookies,
        path="/",
    )
