"""What the web app can be told: its database, request size cap, sessions, public address, and
how much sign-in work it takes on at once."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from trustworks.ledger.throttle import ThrottlePolicy
from trustworks.ledger.users import DEFAULT_IDLE, DEFAULT_LIFETIME

DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024
HSTS_SECONDS = 365 * 24 * 3600
# A host name or an IPv4/IPv6 literal, with an optional port: what a Host header may be.
_HOST = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9-]{1,63})*"
    r"|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$"
)


@dataclass(frozen=True)
class SmtpSettings:
    """Where notification e-mails go: an SMTP server (none configured: in the app only)."""

    host: str
    port: int = 25
    sender: str = "trustworks@localhost"  # the From address
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0  # seconds to connect and for each reply, in the background sender


@dataclass(frozen=True)
class WebSettings:
    """Settings of one web app instance."""

    database_url: str | None = None  # None: as the CLI ($TRUSTWORKS_DATABASE_URL or the default)
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    session_lifetime: dt.timedelta = DEFAULT_LIFETIME  # from sign-in, however busy
    session_idle: dt.timedelta = DEFAULT_IDLE  # without a request
    # Where users reach the app ("https://trust.example.com"): links for clients are built
    # from it, never from a request's Host header; https turns on Secure cookies and HSTS.
    public_url: str | None = None
    secure_cookies: bool | None = None  # None: on when public_url is https
    hsts: bool | None = None  # None: on when public_url is https
    # argon2 takes 64 MiB and about 0.1-0.3 s of a core per password: at most `hash_slots`
    # run at once; `hash_queue` more may wait up to `hash_wait` s; the rest answer 503.
    hash_slots: int = 2
    hash_queue: int = 16
    hash_wait: float = 2.0
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    # A live socket checks its session before each message and, when quiet, this often.
    live_check_seconds: float = 30.0
    smtp: SmtpSettings | None = None  # notification e-mails; None: in the app only

    @property
    def cookies_secure(self) -> bool:
        """Whether cookies carry the Secure flag."""
        if self.secure_cookies is not None:
            return self.secure_cookies
        return self._https

    @property
    def sends_hsts(self) -> bool:
        """Whether answers carry Strict-Transport-Security."""
        return self._https if self.hsts is None else self.hsts

    @property
    def _https(self) -> bool:
        return bool(self.public_url and self.public_url.startswith("https://"))


def public_url_of(text: str) -> str:
    """A public URL as the app keeps it (scheme and host in lower case, no trailing slash), or
    ValueError saying what is wrong with it."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{text!r}: expected http(s)://host[:port][/path]")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ValueError(f"{text!r}: no user name, password, query or #fragment, please")
    host = parts.hostname.lower()
    if not _HOST.fullmatch(f"[{host}]" if ":" in host else host):
        raise ValueError(f"{text!r}: {host!r} is not a host name")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return f"{parts.scheme.lower()}://{netloc}{parts.path.rstrip('/')}"


def plausible_host(host: str) -> bool:
    """Whether a Host header is a bare host[:port], fit to appear in a link."""
    return bool(_HOST.fullmatch(host))


# `trustworks serve` hands its settings to each worker process through these variables.
MAX_BYTES_ENV = "TRUSTWORKS_WEB_MAX_REQUEST_BYTES"
SECURE_ENV = "TRUSTWORKS_WEB_SECURE_COOKIES"
HSTS_ENV = "TRUSTWORKS_WEB_HSTS"
PUBLIC_URL_ENV = "TRUSTWORKS_WEB_PUBLIC_URL"
LIFETIME_ENV = "TRUSTWORKS_WEB_SESSION_SECONDS"
IDLE_ENV = "TRUSTWORKS_WEB_IDLE_SECONDS"
HASH_SLOTS_ENV = "TRUSTWORKS_WEB_HASH_SLOTS"


# Notification e-mail: set in the environment of `trustworks serve` (its workers inherit it).
SMTP_HOST_ENV = "TRUSTWORKS_SMTP_HOST"
SMTP_PORT_ENV = "TRUSTWORKS_SMTP_PORT"
SMTP_FROM_ENV = "TRUSTWORKS_SMTP_FROM"
SMTP_USER_ENV = "TRUSTWORKS_SMTP_USER"
SMTP_PASSWORD_ENV = "TRUSTWORKS_SMTP_PASSWORD"
SMTP_STARTTLS_ENV = "TRUSTWORKS_SMTP_STARTTLS"
SMTP_TIMEOUT_ENV = "TRUSTWORKS_SMTP_TIMEOUT"


def smtp_from_environment() -> SmtpSettings | None:
    """The SMTP server named by $TRUSTWORKS_SMTP_HOST and its companions, or None; a bad
    port or timeout is a ValueError naming the variable."""
    host = os.environ.get(SMTP_HOST_ENV, "").strip()
    if not host:
        return None

    def number(name: str, default: float) -> float:
        value = os.environ.get(name, "").strip()
        try:
            found = float(value) if value else default
        except ValueError:
            found = -1
        if not 0 < found < 65536:
            raise ValueError(f"${name} is {value!r}: expected a positive number")
        return found

    return SmtpSettings(
        host=host,
        port=int(number(SMTP_PORT_ENV, 25)),
        sender=os.environ.get(SMTP_FROM_ENV, "").strip() or "trustworks@localhost",
        username=os.environ.get(SMTP_USER_ENV) or None,
        password=os.environ.get(SMTP_PASSWORD_ENV) or None,
        starttls=os.environ.get(SMTP_STARTTLS_ENV, "") == "1",
        timeout=number(SMTP_TIMEOUT_ENV, 10.0),
    )


def environment_for(settings: WebSettings) -> dict[str, str]:
    """The variables that make `settings_from_environment` give back `settings`."""
    flags = {True: "1", False: "0", None: ""}
    return {
        MAX_BYTES_ENV: str(settings.max_request_bytes),
        SECURE_ENV: flags[settings.secure_cookies],
        HSTS_ENV: flags[settings.hsts],
        PUBLIC_URL_ENV: settings.public_url or "",
        LIFETIME_ENV: str(int(settings.session_lifetime.total_seconds())),
        IDLE_ENV: str(int(settings.session_idle.total_seconds())),
        HASH_SLOTS_ENV: str(settings.hash_slots),
    }


def settings_from_environment(database_url: str | None) -> WebSettings:
    """A worker's settings, from the variables `environment_for` wrote."""

    def flag(name: str) -> bool | None:
        value = os.environ.get(name, "")
        return None if value == "" else value == "1"

    def seconds(name: str, default: dt.timedelta) -> dt.timedelta:
        value = os.environ.get(name)
        return dt.timedelta(seconds=int(value)) if value else default

    max_bytes = os.environ.get(MAX_BYTES_ENV)
    slots = os.environ.get(HASH_SLOTS_ENV)
    return WebSettings(
        hash_slots=int(slots) if slots else 2,
        database_url=database_url,
        max_request_bytes=int(max_bytes) if max_bytes else DEFAULT_MAX_REQUEST_BYTES,
        session_lifetime=seconds(LIFETIME_ENV, DEFAULT_LIFETIME),
        session_idle=seconds(IDLE_ENV, DEFAULT_IDLE),
        public_url=os.environ.get(PUBLIC_URL_ENV) or None,
        secure_cookies=flag(SECURE_ENV),
        hsts=flag(HSTS_ENV),
        smtp=smtp_from_environment(),
    )
