"""A real HTTP server for the browser tests: uvicorn on 127.0.0.1, in a background thread.

The app is served exactly as `trustworks serve` serves it (uvicorn, its default HTTP and
WebSocket protocols), on a port the operating system picks, so tests never collide.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI

HOST = "127.0.0.1"


@contextmanager
def serving(app: FastAPI, *, timeout: float = 10.0) -> Iterator[str]:
    """Serve `app` on a free port of 127.0.0.1 until the block ends; yields the base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, host=HOST, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, name="uvicorn", daemon=True
    )
    thread.start()
    base = f"http://{HOST}:{port}"
    try:
        _wait_until_serving(server, thread, base, timeout)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout)
        listener.close()


def _wait_until_serving(
    server: uvicorn.Server, thread: threading.Thread, base: str, timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("uvicorn stopped before it served a request")
        if server.started:
            try:
                httpx.get(f"{base}/login", timeout=1.0)
                return
            except httpx.TransportError:
                pass
        time.sleep(0.02)
    raise RuntimeError(f"uvicorn did not serve {base} within {timeout:.0f} s")
