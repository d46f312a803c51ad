"""Links that leave the app (a rating link sent to a client): built from the public URL.

With `--public-url` a link is that URL plus the route's path. Without one, a link is built from
the address the server itself accepted the connection on (the socket's own address and port,
as `--host`/`--port` bound it), never from the request's Host header: a forged
`Host: evil.example` cannot put another site into a link a client will open, whether or not a
public URL is set. A server that does not know its own address (a Unix socket behind a proxy)
refuses to make client links and says to set `--public-url`. A Host header that is not a bare
host name or address is still refused with 400, as a sign of a forged request.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from fastapi import HTTPException, Request

from trustworks.web.settings import WebSettings, plausible_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def client_link(request: Request, route: str, **params: Any) -> str:
    """The absolute URL of route `route` for someone outside the app to open."""
    path = str(request.app.url_path_for(route, **params))
    settings: WebSettings = request.app.state.settings
    if settings.public_url:
        return settings.public_url + path
    if not plausible_host(request.headers.get("host", "")):
        raise HTTPException(400, "the request's Host header is not a host name")
    return server_origin(request) + path


def server_origin(request: Request) -> str:
    """`scheme://address[:port]` of the socket this request arrived on (not its Host header)."""
    server = request.scope.get("server")
    if not server or not server[0] or server[1] is None:
        raise HTTPException(
            409,
            "this server does not know its own address: start it with --public-url "
            "to make links for clients",
        )
    host, port = str(server[0]), int(server[1])
    try:
        if isinstance(ipaddress.ip_address(host), ipaddress.IPv6Address):
            host = f"[{host}]"
    except ValueError:
        pass  # a name (the test client's "testserver")
    scheme = request.url.scheme
    if DEFAULT_PORTS.get(scheme) == port:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"
