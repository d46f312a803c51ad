"""The web app: server-rendered pages and a versioned JSON API over the same library."""

from __future__ import annotations

from trustworks.web.app import create_app
from trustworks.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
