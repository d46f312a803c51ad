"""Signing in and out, and changing one's own password: the login form and the password page
(pages), `/api/v1/session` and `/api/v1/password` (API clients).

Signing in is throttled (429 with Retry-After: "too many attempts for this account; try again
in N s") and its hashing bounded (503 with Retry-After when the pool is full): see
`trustworks.web.auth.sign_in`.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from trustworks.errors import FieldError, TrustworksError
from trustworks.ledger.passwords import MAX_LENGTH, MAX_SIGN_IN_LENGTH, MIN_LENGTH
from trustworks.ledger.users import end_session
from trustworks.web.auth import (
    DEVICE_COOKIE,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Caller,
    SignInError,
    caller,
    change_password,
    form_caller,
    ledger_of,
    new_login_csrf,
    safe_next,
    session_token,
    sign_in,
)
from trustworks.web.errors import error_response, status_for

router = APIRouter()


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=MAX_SIGN_IN_LENGTH)


class SessionOut(BaseModel):
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
    csrf_token: str
    expires_at: str = Field(
        description="When the session ends unless used: it moves on with use (the idle "
        "timeout) up to its absolute end."
    )
    username: str
    role: str


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=MAX_SIGN_IN_LENGTH)
    new_password: str = Field(
        min_length=1,
        max_length=MAX_SIGN_IN_LENGTH,
        description=f"{MIN_LENGTH} to {MAX_LENGTH} characters, not a common or leaked password.",
    )


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str = "/") -> Response:
    return _login_form(request, next, None, 200)


@router.post("/login", include_in_schema=False)
async def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=MAX_SIGN_IN_LENGTH)],
    csrf_token: Annotated[str, Form(max_length=100)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, csrf_token):
        return error_response(request, 403, "the sign-in form expired: reload it and try again")
    try:
        done = await sign_in(request, username, password)
    except SignInError as refused:
        message = "Wrong username or password." if refused.status == 401 else refused.message
        page = _login_form(request, next, message, refused.status, username=username)
        if refused.retry_after is not None:
            page.headers["Retry-After"] = str(refused.retry_after)
        return page
    response = RedirectResponse(safe_next(next), status_code=303)
    max_age = int(request.app.state.settings.session_lifetime.total_seconds())
    _set_cookie(request, response, SESSION_COOKIE, done.signed.token, max_age=max_age)
    # Kept after signing out: it is what lets this browser past an attacked account's delay.
    trusted_for = int(request.app.state.settings.throttle.trusted_for)
    _set_cookie(request, response, DEVICE_COOKIE, done.device, max_age=trusted_for)
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
async def api_sign_in(request: Request, credentials: Credentials) -> SessionOut | Response:
    """Sign in with a username and password; returns a bearer token for the other calls.

    Wrong passwords are throttled per account and per address: 429 with Retry-After (seconds)
    while an attempt must wait; 503 with Retry-After when the server is busy checking others."""
    try:
        done = await sign_in(request, credentials.username, credentials.password)
    except SignInError as refused:
        return _refused(request, refused)
    return SessionOut(
        token=done.signed.token,
        csrf_token=done.signed.csrf_token,
        expires_at=done.signed.expires_at.isoformat() + "Z",
        username=done.username,
        role=done.role,
    )


@router.delete("/api/v1/session", status_code=204, tags=["session"])
def api_sign_out(request: Request) -> Response:
    """End the session whose bearer token (or cookie) this request carries."""
    token, _ = session_token(request)
    if token:
        with ledger_of(request).session() as session:
            end_session(session, token)
    return Response(status_code=204)


@router.put("/api/v1/password", status_code=204, tags=["session"])
async def api_change_password(
    request: Request, body: PasswordChange, who: Annotated[Caller, Depends(caller)]
) -> Response:
    """Change your own password, giving the current one; your other sessions end, this one
    stays. 422 names the rule a new password breaks, or a wrong current password."""
    try:
        await change_password(request, who, body.current_password, body.new_password)
    except SignInError as refused:
        return _refused(request, refused)
    return Response(status_code=204)


@router.get("/password", include_in_schema=False)
def password_page(request: Request, who: Annotated[Caller, Depends(form_caller)]) -> Response:
    return _password_form(request, who, None, 200)


@router.post("/password", include_in_schema=False)
async def password_submit(
    request: Request,
    who: Annotated[Caller, Depends(form_caller)],
    current_password: Annotated[str, Form(max_length=MAX_SIGN_IN_LENGTH)],
    new_password: Annotated[str, Form(max_length=MAX_SIGN_IN_LENGTH)],
    repeat_password: Annotated[str, Form(max_length=MAX_SIGN_IN_LENGTH)],
) -> Response:
    if new_password != repeat_password:
        return _password_form(request, who, "The two new passwords differ: type them again.", 422)
    try:
        await change_password(request, who, current_password, new_password)
    except SignInError as refused:
        page = _password_form(request, who, refused.message, refused.status)
        if refused.retry_after is not None:
            page.headers["Retry-After"] = str(refused.retry_after)
        return page
    except TrustworksError as problem:
        shown = _field_message(problem)
        return _password_form(request, who, shown, status_for(problem))
    return _password_form(request, who, None, 200, changed=True)


def _field_message(problem: TrustworksError) -> str:
    if isinstance(problem, FieldError):
        name = {"password": "New password", "current_password": "Current password"}.get(
            problem.field, problem.field
        )
        return f"{name} {problem.problem}."
    return str(problem)


def _password_form(
    request: Request, who: Caller, error: str | None, status: int, *, changed: bool = False
) -> Response:
    page: Response = request.app.state.templates.TemplateResponse(
        request,
        "password.html",
        {
            "user": who,
            "csrf_token": who.csrf_token,
            "error": error,
            "changed": changed,
            "min_length": MIN_LENGTH,
            "max_length": MAX_LENGTH,
        },
        status_code=status,
    )
    return page


def _login_form(
    request: Request, next: str, error: str | None, status: int, *, username: str = ""
) -> Response:
    token = new_login_csrf()
    page: Response = request.app.state.templates.TemplateResponse(
        request,
        "login.html",
        {"csrf_token": token, "next": safe_next(next), "error": error, "username": username},
        status_code=status,
    )
    _set_cookie(request, page, LOGIN_CSRF_COOKIE, token, max_age=3600)
    return page


def _refused(request: Request, refused: SignInError) -> Response:
    extra = {} if refused.retry_after is None else {"retry_after": refused.retry_after}
    response = error_response(request, refused.status, refused.message, **extra)
    if refused.retry_after is not None:
        response.headers["Retry-After"] = str(refused.retry_after)
    return response


def _set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.cookies_secure,
        path="/",
    )
