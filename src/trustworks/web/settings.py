"""What the web app can be told: its database, request size cap and session lifetime."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """Settings of one web app instance."""

    database_url: str | None = None  # None: as the CLI ($TRUSTWORKS_DATABASE_URL or the default)
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    session_lifetime: dt.timedelta = dt.timedelta(days=7)
    secure_cookies: bool = False  # set behind HTTPS so cookies never travel in the clear
