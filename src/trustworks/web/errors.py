"""One place that turns Trustworks' errors into HTTP answers: JSON for the API, a page otherwise.

Bad input is always a 4xx with the message that names the problem, never a 500. A database
that is busy (another process held its lock longer than we wait), full, read-only or damaged
answers 503 with what happened; a busy one adds Retry-After.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from trustworks.errors import (
    AnswersError,
    ConflictError,
    DatabaseBusyError,
    DatabaseError,
    FieldError,
    ImportFileError,
    InputError,
    InputTooLargeError,
    NotAllowedError,
    NotFoundError,
    TrustworksError,
)
from trustworks.ledger.database import database_error, shown_url

logger = logging.getLogger("trustworks.web")
STATUS: tuple[tuple[type[TrustworksError], int], ...] = (
    (InputTooLargeError, 413),
    (NotFoundError, 404),
    (NotAllowedError, 403),
    (ConflictError, 409),
    (FieldError, 422),
    (AnswersError, 422),
    (ImportFileError, 422),
    (InputError, 422),
    (DatabaseError, 503),
    (TrustworksError, 400),
)


class SignInRequiredError(Exception):
    """The request needs a signed-in user."""


class ForbiddenError(Exception):
    """Signed in, but this user's role may not do this."""


class AnalysisBusyError(Exception):
    """Too many analyses running for this user (429) or for the server (503); try later."""

    def __init__(self, message: str, status: int, retry_after: int) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


def status_for(exc: TrustworksError) -> int:
    """The HTTP status that fits one of our errors."""
    return next(code for cls, code in STATUS if isinstance(exc, cls))


def wants_json(request: Request) -> bool:
    """API paths and clients that ask for JSON get JSON errors."""
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def error_response(request: Request, status: int, message: str, **extra: Any) -> Response:
    """A JSON body `{"error": {...}}` for the API, a small page for a browser."""
    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message, **extra}}, status)
    templates = request.app.state.templates
    page: Response = templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
    return page


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""

    @app.exception_handler(TrustworksError)
    async def _ours(request: Request, exc: TrustworksError) -> Response:
        return _our_error(request, exc)

    @app.exception_handler(sa_exc.DBAPIError)
    async def _database(request: Request, exc: sa_exc.DBAPIError) -> Response:
        # A database error outside `Ledger.session()` (which translates its own): said the
        # same way, never a bare 500.
        return _our_error(request, database_error(exc, request.app.state.ledger))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"] if p != "body"), "message": e["msg"]}
            for e in exc.errors()
        ]
        message = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        return error_response(request, 422, message, problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(SignInRequiredError)
    async def _sign_in(request: Request, exc: SignInRequiredError) -> Response:
        if wants_json(request):
            return error_response(request, 401, "sign in first")
        return HTMLResponse(
            status_code=303, headers={"Location": f"/login?next={request.url.path}"}
        )

    @app.exception_handler(AnalysisBusyError)
    async def _busy(request: Request, exc: AnalysisBusyError) -> Response:
        answer = error_response(request, exc.status, str(exc), retry_after=exc.retry_after)
        answer.headers["Retry-After"] = str(exc.retry_after)
        return answer

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # A bug of ours. The client hears so, with a reference to find it in the server's log
        # (uvicorn logs the traceback), rather than a bare text/plain "Internal Server Error".
        reference = secrets.token_hex(4)
        logger.error("unexpected error %s on %s %s", reference, request.method, request.url.path)
        message = f"something went wrong on our side (reference {reference}); it has been logged"
        return error_response(request, 500, message, reference=reference)

    @app.exception_handler(ForbiddenError)
    async def _forbidden(request: Request, exc: ForbiddenError) -> Response:
        return error_response(request, 403, str(exc) or "not allowed")


def _our_error(request: Request, exc: TrustworksError) -> Response:
    extra: dict[str, Any] = {}
    if isinstance(exc, FieldError):
        extra["field"] = exc.field
    if isinstance(exc, AnswersError):
        extra["problems"] = [{"item": i, "problem": p} for i, p in exc.problems]
    if isinstance(exc, DatabaseBusyError):
        extra["retry_after"] = exc.retry_after
    message = str(exc)
    if isinstance(exc, DatabaseError):
        # Where the server keeps its database is none of a client's business.
        message = message.replace(shown_url(request.app.state.ledger.url), "the ledger")
    response = error_response(request, status_for(exc), message, **extra)
    if isinstance(exc, DatabaseBusyError):
        response.headers["Retry-After"] = str(exc.retry_after)
    return response
