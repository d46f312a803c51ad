"""Links that leave the app (a rating link sent to a client): built from the public URL.

With `--public-url` a link is that URL plus the route's path, whatever Host a request named:
a forged `Host: evil.example` cannot put another site into a link a client will open. Without
one, the link is built from the request as the browser addressed it (`http://host:port`), but
only from a Host that is a bare host name or address with a port: anything else (a path, a
user name, spaces) is refused with 400 rather than copied into the link.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request

from trustworks.web.settings import WebSettings, plausible_host


def client_link(request: Request, route: str, **params: Any) -> str:
    """The absolute URL of route `route` for someone outside the app to open."""
    path = str(request.app.url_path_for(route, **params))
    settings: WebSettings = request.app.state.settings
    if settings.public_url:
        return settings.public_url + path
    host = request.headers.get("host", "")
    if not plausible_host(host):
        raise HTTPException(400, "the request's Host header is not a host name")
    return f"{request.url.scheme}://{host}{path}"
