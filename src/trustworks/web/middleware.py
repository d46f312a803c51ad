"""ASGI middleware: a request size cap and security headers on every answer (with HSTS when
the app is served over HTTPS at its public URL)."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


_TOO_LARGE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Too large</title>
<link rel="stylesheet" href="/static/app.css"></head>
<body><main><h1>Too large to send</h1>
<p class="error" role="alert">What you sent is larger than the {limit}-byte limit, so the
server did not read it. Use your browser's Back button: it keeps what you typed in the form.
Analyse a shorter part (at most 1,000,000 characters are analysed at once), or upload the
file.</p></main></body></html>
"""


class LimitsMiddleware:
    """Refuse request bodies over `max_bytes` with 413, declared or streamed; add headers.

    The body is read here, up to the cap, before the app sees it: parsers further in turn a
    failed read into a generic 400, and the client deserves to hear what was wrong.
    """

    def __init__(self, app: ASGIApp, max_bytes: int, hsts_seconds: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.headers = list(SECURITY_HEADERS)
        if hsts_seconds:
            # Browsers then refuse plain HTTP to this host for a year: only sent when the
            # app's public URL is https. No includeSubDomains: other hosts are not ours.
            self.headers.append((b"strict-transport-security", f"max-age={hsts_seconds}".encode()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (
            not (declared.isascii() and declared.isdigit()) or int(declared) > self.max_bytes
        ):
            await self._refuse(scope, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._refuse(scope, send)
                return
            if not message.get("more_body", False):
                break
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, replay, send_with_headers)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = f"request body larger than the {self.max_bytes:,}-byte limit"
        accept = dict(scope["headers"]).get(b"accept", b"")
        if not scope["path"].startswith("/api/") and b"text/html" in accept:
            # A form too large for the server: a page a person can act on, not JSON.
            page = _TOO_LARGE_PAGE.format(limit=f"{self.max_bytes:,}")
            body, kind = page.encode(), b"text/html; charset=utf-8"
        else:
            body = json.dumps({"error": {"status": 413, "message": message}}).encode()
            kind = b"application/json"
        headers: list[Any] = [(b"content-type", kind), *self.headers]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
