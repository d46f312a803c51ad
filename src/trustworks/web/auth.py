"""Who is calling: a session cookie (pages, with CSRF tokens on forms) or a bearer token (API).

A browser sends cookies by itself, so every state-changing request that rides on the cookie
must also carry the session's CSRF token (a form field or the X-CSRF-Token header). A bearer
token is never sent by a browser on its own, so it needs none.

Signing in (and proving one's password to change it) goes through `sign_in` and
`change_password`: a throttle first (`trustworks.ledger.throttle`: a refused attempt costs no
hashing and answers 429 with Retry-After), then argon2 in a small bounded pool off the event
loop (`HashGate`: at most two at once, a few more waiting briefly, the rest 503), so a flood of
wrong passwords can neither fill the memory (64 MiB an argon2) nor starve signed-in users.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import hmac
import os
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
from fastapi import FastAPI, Request, WebSocket
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from trustworks.errors import DatabaseError, FieldError
from trustworks.ledger.access import Scope, scope_of
from trustworks.ledger.database import Ledger
from trustworks.ledger.passwords import check_new_password
from trustworks.ledger.throttle import Refusal, SignInThrottle, account_key
from trustworks.ledger.users import (
    SignedIn,
    SignIn,
    extend_session,
    finish_sign_in,
    hash_new_password,
    replace_password,
    sign_in_candidate,
    signed_in,
    verify_password,
)
from trustworks.web.errors import ForbiddenError, SignInRequiredError
from trustworks.web.settings import WebSettings

SESSION_COOKIE = "tw_session"
LOGIN_CSRF_COOKIE = "tw_login_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
T = TypeVar("T")


@dataclass(frozen=True)
class Caller:
    """The signed-in user behind a request."""

    scope: Scope
    csrf_token: str
    via: str  # "cookie" or "bearer"
    display_name: str | None = None  # what the pages call them; None: their username

    @property
    def username(self) -> str:
        return self.scope.username

    @property
    def role(self) -> str:
        return self.scope.role


def ledger_of(request: Request) -> Ledger:
    """The app's open ledger."""
    ledger: Ledger = request.app.state.ledger
    return ledger


async def in_ledger(request: Request, work: Callable[[Session], T]) -> T:
    """Run `work` in one ledger transaction in the thread pool, so that an async handler (one
    that awaited its form) does not hold up the event loop on the database."""

    def run() -> T:
        with ledger_of(request).session() as session:
            return work(session)

    return await run_in_threadpool(run)


def session_token(request: Request) -> tuple[str | None, str]:
    """The token the request carries and how: ("...", "bearer"), ("...", "cookie") or None."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), "bearer"
    return request.cookies.get(SESSION_COOKIE), "cookie"


def optional_caller(request: Request) -> Caller | None:
    """The signed-in caller, or None."""
    token, via = session_token(request)
    if not token:
        return None
    with ledger_of(request).reading() as session:
        found = live_session(request.app, session, token)
        if found is None:
            return None
        scope = scope_of(session, found.user_id, found.username, found.role, found.seller)
        return Caller(scope, found.csrf_token, via, found.display_name)


def live_session(app: FastAPI, session: Session, token: str) -> SignedIn | None:
    """Who a token belongs to under the app's session lifetime and idle time; a session in use
    has its idle end moved on (written at most about once a minute)."""
    settings: WebSettings = app.state.settings
    found = signed_in(session, token, lifetime=settings.session_lifetime)
    if found is None:
        return None
    until = found.extension(idle=settings.session_idle, lifetime=settings.session_lifetime)
    if until is not None:
        _extend_later(app.state.ledger, token, until)
    return found


def caller(request: Request) -> Caller:
    """The signed-in caller; API requests on the cookie must carry the CSRF header.

    A plain function, so FastAPI runs its database lookup in the thread pool, off the loop.
    """
    who = optional_caller(request)
    if who is None:
        raise SignInRequiredError()
    if who.via == "cookie" and request.method in UNSAFE and request.url.path.startswith("/api/"):
        check_csrf(who, request.headers.get(CSRF_HEADER))
    return who


async def inline_caller(request: Request) -> Caller:
    """As `caller`, looked up on the event loop rather than in the thread pool."""
    return caller(request)


async def form_caller(request: Request) -> Caller:
    """The signed-in caller of a page form, whose CSRF field must match the session's."""
    who = await run_in_threadpool(caller, request)
    if request.method in UNSAFE:
        form = await request.form()
        given = form.get("csrf_token")
        check_csrf(who, given if isinstance(given, str) else None)
    return who


def check_csrf(who: Caller, given: str | None) -> None:
    """Refuse a state change whose CSRF token is missing or wrong."""
    if who.via == "bearer":
        return
    if not given or not hmac.compare_digest(given, who.csrf_token):
        raise ForbiddenError("missing or wrong CSRF token: reload the page and try again")


def require_role(who: Caller, *roles: str) -> None:
    """Refuse callers whose role is not one of `roles`."""
    if who.role not in roles:
        raise ForbiddenError(f"{who.role}s may not do this")


def new_login_csrf() -> str:
    """A token for the sign-in form, paired with a cookie (no session exists yet)."""
    return secrets.token_urlsafe(24)


def safe_next(target: str | None) -> str:
    """Where to go after signing in: only a path on this site, never another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


# A session's idle end is moved on by one background thread, never in the request: the write
# may wait for the database's lock (seconds on a busy SQLite file), and a request that only
# reads must not wait with it. At most one pending write per session.
_EXTENDER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-extend")
_PENDING: set[str] = set()
_PENDING_LOCK = threading.Lock()


def _extend_later(ledger: Ledger, token: str, until: dt.datetime) -> None:
    with _PENDING_LOCK:
        if token in _PENDING:
            return
        _PENDING.add(token)

    def extend() -> None:
        try:
            # Best effort: if the database is busy, full or read-only, the session lives on to
            # its current end and a later request moves it on.
            with contextlib.suppress(DatabaseError), ledger.session() as writing:
                extend_session(writing, token, until)
        finally:
            with _PENDING_LOCK:
                _PENDING.discard(token)

    _EXTENDER.submit(extend)


def wait_for_session_writes() -> None:
    """Return once the idle ends asked for so far are written (for tests and benchmarks)."""
    _EXTENDER.submit(lambda: None).result()


# ---- signing in: a throttle, then argon2 in a bounded pool -------------------------------


class SignInError(Exception):
    """A sign-in (or a password proof) refused: the HTTP status, what to say, when to retry."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after

    @classmethod
    def throttled(cls, refusal: Refusal) -> SignInError:
        return cls(429, refusal.message, refusal.retry_after)


WRONG_PASSWORD = "wrong username or password"


class HashGate:
    """At most `slots` password hashes at once, in threads of their own (off the event loop
    and outside the pool that serves other requests); up to `queue` callers wait at most
    `wait` seconds for a slot, and any more are told at once that the server is busy.

    The hashing threads run at a lower CPU priority (nice 10, inherited by the threads argon2
    starts for its lanes): on a busy machine a signed-in user's request is served first and a
    sign-in takes a little longer, rather than the other way round.

    One more slot, with a queue of its own, is kept for sign-ins from an address the account
    signed in from before: a flood from elsewhere fills the others' queue, not that one, so
    people at their usual desk still get in."""

    def __init__(self, slots: int, queue: int, wait: float) -> None:
        self.wait = wait
        self.queue = queue
        self._lanes = {False: _Lane(slots), True: _Lane(1)}
        self._threads = ThreadPoolExecutor(
            max_workers=slots + 1, thread_name_prefix="argon2", initializer=_lower_priority
        )

    @contextlib.asynccontextmanager
    async def slot(self, *, known: bool = False) -> AsyncIterator[None]:
        """Hold a slot (the known addresses' own one when `known`), or raise a 503
        `SignInError`."""
        lane = self._lanes[known]
        if lane.waiting >= self.queue:
            raise _busy()
        lane.waiting += 1
        try:
            with anyio.fail_after(self.wait):
                await lane.limiter.acquire()
        except TimeoutError:
            raise _busy() from None
        finally:
            lane.waiting -= 1
        try:
            yield
        finally:
            lane.limiter.release()

    async def compute(self, work: Callable[[], T]) -> T:
        """Run `work` in one of the gate's threads (call inside `slot()`)."""
        return await asyncio.get_running_loop().run_in_executor(self._threads, work)


class _Lane:
    """Slots and the number of callers waiting for one."""

    def __init__(self, slots: int) -> None:
        self.limiter = anyio.CapacityLimiter(slots)
        self.waiting = 0


def _lower_priority() -> None:
    # On Linux a nice value is per thread, and threads started from this one inherit it.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICE)


HASHING_NICE = 10


def _busy() -> SignInError:
    return SignInError(503, "the server is busy checking other sign-ins; try again in 1 s", 1)


@dataclass
class Guards:
    """An app's sign-in throttle and hashing gate (one each per worker process)."""

    throttle: SignInThrottle
    gate: HashGate


def guards_of(app: FastAPI) -> Guards:
    """The app's guards, made on first use from its settings."""
    guards: Guards | None = getattr(app.state, "sign_in_guards", None)
    if guards is None:
        settings: WebSettings = app.state.settings
        guards = Guards(
            SignInThrottle(settings.throttle),
            HashGate(settings.hash_slots, settings.hash_queue, settings.hash_wait),
        )
        app.state.sign_in_guards = guards
    return guards


def client_address(connection: HTTPConnection) -> str | None:
    """The client's address as the server saw it (uvicorn takes X-Forwarded-For only from the
    addresses in --forwarded-allow-ips, 127.0.0.1 by default: a proxy on the same machine)."""
    return connection.client.host if connection.client else None


@dataclass(frozen=True)
class SignedInNow:
    """A new session and whose it is, and the device cookie that vouches for this browser."""

    username: str
    role: str
    signed: SignIn
    device: str


# ---- a signed device cookie: "this browser signed in to this account before" ------------

DEVICE_COOKIE = "tw_device"


def device_mark(username: str, password_hash: str, expires: int) -> str:
    """The device cookie's value: its expiry (Unix seconds) and an HMAC of account and expiry.

    The key is the account's stored password hash: a secret only the server holds (in the
    database, so every worker and every restart checks the same mark), and changing the
    password withdraws every mark made before."""
    message = f"device|{account_key(username)}|{expires}".encode()
    digest = hmac.new(password_hash.encode(), message, hashlib.sha256).hexdigest()
    return f"{expires}.{digest}"


def device_known(mark: str | None, username: str, password_hash: str | None) -> bool:
    """Whether `mark` is an unexpired device cookie for this account."""
    if not mark or not password_hash or "." not in mark:
        return False
    expires, _ = mark.split(".", 1)
    if not (expires.isascii() and expires.isdigit()) or int(expires) < time.time():
        return False
    expected = device_mark(username, password_hash, int(expires))
    return hmac.compare_digest(expected.encode(), mark.encode())


async def sign_in(request: Request, username: str, password: str) -> SignedInNow:
    """Check a username and password and start a session, or raise `SignInError`: 429 while
    throttled, 503 when the hashing pool is full, 401 for a wrong password or username."""
    guards, address = guards_of(request.app), client_address(request)
    refusal = guards.throttle.check(username, address)
    mark = request.cookies.get(DEVICE_COOKIE)
    if refusal is not None and (refusal.reason != "account" or not mark):
        raise SignInError.throttled(refusal)
    candidate = await in_ledger(request, lambda s: sign_in_candidate(s, username))
    # Only a refused attempt that carries a device cookie is checked for one (a read and an
    # HMAC, no argon2): a valid mark lets its browser past the account's counter.
    known_device = refusal is not None and device_known(mark, username, candidate.password_hash)
    if refusal is not None and not known_device:
        raise SignInError.throttled(refusal)
    known = known_device or guards.throttle.trusted(username, address)
    async with guards.gate.slot(known=known):
        # Checked again: attempts that waited for a slot may be throttled by now.
        refusal = guards.throttle.check(username, address, known_device=known_device)
        if refusal is not None:
            raise SignInError.throttled(refusal)
        verdict = await guards.gate.compute(
            functools.partial(verify_password, candidate.password_hash, password)
        )
    settings: WebSettings = request.app.state.settings
    done = None
    if verdict.ok:
        done = await in_ledger(
            request,
            lambda s: _started(
                finish_sign_in(
                    s,
                    candidate,
                    verdict,
                    lifetime=settings.session_lifetime,
                    idle=settings.session_idle,
                ),
                settings.throttle.trusted_for,
            ),
        )
    if done is None:
        guards.throttle.failed(username, address)
        raise SignInError(401, WRONG_PASSWORD)
    guards.throttle.succeeded(username, address)
    return done


def _started(found: Any, device_days: float) -> SignedInNow | None:
    if found is None:
        return None
    user, signed = found
    expires = int(time.time() + device_days)
    # Made from the hash as stored now (signing in may have just upgraded it).
    device = device_mark(user.username, user.password_hash, expires)
    return SignedInNow(user.username, user.role, signed, device)


async def change_password(request: Request, who: Caller, current: str, new: str) -> None:
    """The caller changes their own password, proving the current one; their other sessions
    end, this one stays. Raises `FieldError` (rules, wrong current password) or `SignInError`
    (throttled, busy); wrong current passwords count towards the sign-in throttle."""
    check_new_password(
        new, username=who.username, seller=who.scope.seller
    )  # cheap: before any hashing
    guards, address = guards_of(request.app), client_address(request)
    refusal = guards.throttle.check(who.username, address, strict=True)
    if refusal is not None:
        raise SignInError.throttled(refusal)
    candidate = await in_ledger(request, lambda s: sign_in_candidate(s, who.username))
    async with guards.gate.slot(known=True):  # signed in already: not one of a flood's
        verdict = await guards.gate.compute(
            functools.partial(verify_password, candidate.password_hash, current)
        )
        if not verdict.ok:
            guards.throttle.failed(who.username, address)
            raise FieldError("current_password", "does not match the password you sign in with")
        new_hash = await guards.gate.compute(
            functools.partial(
                hash_new_password, new, username=who.username, seller=who.scope.seller
            )
        )
    token, _ = session_token(request)
    user_id, old_hash = who.scope.user_id, candidate.password_hash or ""
    await in_ledger(
        request,
        lambda s: replace_password(s, user_id, old_hash, new_hash, keep_token=token),
    )


# ---- live sockets: closed when their session ends ---------------------------------------

POLICY_VIOLATION = 1008  # the WebSocket close code for "no longer allowed"


def socket_token(socket: WebSocket) -> str | None:
    """The session token a socket opened with (bearer header or cookie)."""
    header = socket.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return socket.cookies.get(SESSION_COOKIE)


async def socket_still_signed_in(socket: WebSocket, token: str) -> bool:
    """Whether the socket's session is still live (not signed out, expired or switched off)."""

    def look() -> bool:
        with ledger_of_app(socket.app).reading() as session:
            return live_session(socket.app, session, token) is not None

    return await run_in_threadpool(look)


async def watch_session(socket: WebSocket, token: str, every: float = 30.0) -> None:
    """Close `socket` (1008) once its session has ended, checking every `every` seconds, so a
    socket that sends nothing is closed too. Run it as a task beside the receive loop."""
    while True:
        await asyncio.sleep(every)
        if not await socket_still_signed_in(socket, token):
            with contextlib.suppress(RuntimeError):  # already closed by the other side
                await socket.close(code=POLICY_VIOLATION, reason="signed out")
            return


def ledger_of_app(app: FastAPI) -> Ledger:
    """An app's open ledger."""
    ledger: Ledger = app.state.ledger
    return ledger
