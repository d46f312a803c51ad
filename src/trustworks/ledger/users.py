"""People who sign in to the web app: argon2 password hashes, roles, and sign-in sessions.

A session token is random, shown to the browser once, and stored only as its SHA-256, so a
copy of the database does not let anyone sign in. A session ends at the first of: its absolute
lifetime from sign-in, or `idle` without a request (its `expires_at` slides forward while it is
used, never past the absolute end), sign-out, a password change, or the user switched off.

Signing in is three steps so that a web server can run the costly one in a bounded pool:
`sign_in_candidate` (a read), `verify_password` (argon2 only, no database), `finish_sign_in`
(a write). `authenticate` does all three for callers that need no such care.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
import threading
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger.passwords import MAX_SIGN_IN_LENGTH, check_new_password, normalise
from trustworks.ledger.tables import User, WebSession

ROLES = ("seller", "manager", "admin")
DEFAULT_LIFETIME = dt.timedelta(days=7)
DEFAULT_IDLE = dt.timedelta(hours=8)
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_HASHER = PasswordHasher()


@functools.lru_cache(maxsize=4)
def _dummy_hash_of(hasher: PasswordHasher) -> str:
    return hasher.hash("not a password anyone has")


def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both paths take as long.

    Made on first use, not at import: an argon2 hash takes 0.3-0.5 s, which every web worker
    and every command that touches the ledger paid before doing anything.
    """
    with _DUMMY_LOCK:  # one thread makes it; a flood's first wave waits rather than each hashing
        return _dummy_hash_of(_HASHER)


_DUMMY_LOCK = threading.Lock()


@dataclass(frozen=True)
class SignIn:
    """A new session: the token for the cookie and the CSRF token for its forms."""

    token: str
    csrf_token: str
    expires_at: dt.datetime


def add_user(
    session: Session,
    username: str,
    password: str,
    role: str = "seller",
    *,
    seller: str | None = None,
    manager: str | None = None,
) -> User:
    """Create a user; `seller` (their name in the ledger) defaults to the username."""
    username = username.strip()
    if not _USERNAME.fullmatch(username):
        raise FieldError("username", "use letters, digits and . _ @ - (at most 100)")
    if role not in ROLES:
        raise FieldError("role", f"expected one of {', '.join(ROLES)}, not {role!r}")
    seller = (seller or username).strip()
    password = check_new_password(password, username=username, seller=seller)
    clash = session.scalars(
        select(User).where(func.lower(User.username) == username.lower())
    ).first()
    if clash is not None:
        raise ConflictError(f"user {username!r} already exists")
    user = User(
        username=username,
        password_hash=_HASHER.hash(password),
        role=role,
        seller=seller,
        manager_id=find_user(session, manager).id if manager else None,
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, username: str) -> User:
    """A user by username (case does not matter)."""
    if "\x00" in username:
        raise NotFoundError(f"no user {username!r}")
    user = session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    return user


def set_password(session: Session, username: str, password: str) -> None:
    """Change a user's password and sign them out everywhere (an admin's reset)."""
    user = find_user(session, username)
    user.password_hash = hash_new_password(password, username=user.username, seller=user.seller)
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def hash_new_password(
    password: str, *, username: str | None = None, seller: str | None = None
) -> str:
    """The argon2 hash of a new password that passes the rules (`trustworks.ledger.passwords`)."""
    return _HASHER.hash(check_new_password(password, username=username, seller=seller))


def change_own_password(
    session: Session, username: str, current: str, new: str, *, keep_token: str | None = None
) -> None:
    """A user changes their own password, proving the current one; their other sessions end
    (the one whose token is `keep_token` stays signed in)."""
    user = find_user(session, username)
    if not verify_password(user.password_hash, current).ok:
        raise FieldError("current_password", "does not match the password you sign in with")
    replace_password(
        session,
        user.id,
        user.password_hash,
        hash_new_password(new, username=user.username, seller=user.seller),
        keep_token=keep_token,
    )


def replace_password(
    session: Session, user_id: int, old_hash: str, new_hash: str, *, keep_token: str | None = None
) -> None:
    """Store `new_hash` if the stored hash is still `old_hash` (so two changes at once cannot
    both win), and end the user's other sessions."""
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise NotFoundError("no such user")
    if user.password_hash != old_hash:
        raise ConflictError("the password was changed meanwhile: sign in again")
    user.password_hash = new_hash
    others = delete(WebSession).where(WebSession.user_id == user_id)
    if keep_token:
        others = others.where(WebSession.token_hash != _digest(keep_token))
    session.execute(others)
    session.flush()


def change_user(
    session: Session,
    username: str,
    *,
    role: str | None = None,
    seller: str | None = None,
    manager: str | None = None,
    active: bool | None = None,
) -> User:
    """Change a user's role, ledger name, manager ("" for none) or whether they may sign in.

    A user who is switched off or changes role is signed out everywhere; the last active admin
    can be neither switched off nor demoted, so someone can always manage the users.
    """
    user = find_user(session, username)
    if role is not None and role not in ROLES:
        raise FieldError("role", f"expected one of {', '.join(ROLES)}, not {role!r}")
    if seller is not None and not seller.strip():
        raise FieldError("seller", "a ledger name cannot be blank")
    boss = find_user(session, manager) if manager else None
    if boss is not None and boss.id == user.id:
        raise FieldError("manager", "a user cannot manage themselves")
    loses_admin = (
        user.role == "admin"
        and user.active
        and ((role is not None and role != "admin") or active is False)
    )
    if loses_admin:
        admins = session.scalar(
            select(func.count()).select_from(User).where(User.role == "admin", User.active)
        )
        if (admins or 0) <= 1:
            raise ConflictError(f"{user.username} is the last active admin: add another first")
    signs_out = (role is not None and role != user.role) or (active is False and user.active)
    if role is not None:
        user.role = role
    if seller is not None:
        user.seller = seller.strip()
    if manager is not None:
        user.manager_id = boss.id if boss is not None else None
    if active is not None:
        user.active = active
    if signs_out:
        session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    session.flush()
    return user


MAX_DISPLAY_NAME = 100


def set_display_name(session: Session, username: str, name: str) -> User:
    """Change what the pages call a user; blank goes back to their username. Their name in
    the ledger (`seller`, which accounts are owned by) is not touched."""
    user = find_user(session, username)
    cleaned = " ".join(name.split())
    if len(cleaned) > MAX_DISPLAY_NAME:
        raise FieldError("display_name", f"at most {MAX_DISPLAY_NAME} characters")
    if any(not ch.isprintable() for ch in cleaned):
        raise FieldError("display_name", "contains a control character")
    user.display_name = cleaned or None
    session.flush()
    return user


@dataclass(frozen=True)
class Candidate:
    """Whom a sign-in names: the user's id and stored hash (both None if there is no such user:
    `verify_password` then checks a decoy hash, so both cost the same)."""

    user_id: int | None
    password_hash: str | None  # None: no such user (checked against a decoy hash)


@dataclass(frozen=True)
class Verdict:
    """Whether a password matched, and the new hash to store when the old one is outdated."""

    ok: bool
    new_hash: str | None = None


def sign_in_candidate(session: Session, username: str) -> Candidate:
    """Step 1 of signing in: the stored hash for `username` (a read; no argon2)."""
    if "\x00" in username:
        return Candidate(None, None)
    user = session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()
    if user is None:
        return Candidate(None, None)
    return Candidate(user.id, user.password_hash)


def verify_password(stored_hash: str | None, password: str) -> Verdict:
    """Step 2: argon2 only (tens of MiB and a few hundred ms; no database).

    Passwords are hashed in NFKC form; a hash made of the password as typed, before
    normalisation, still matches once and is then replaced by the normalised one."""
    if "\x00" in password or len(password) > MAX_SIGN_IN_LENGTH:
        return Verdict(False)
    normal = normalise(password)
    # No such user: the decoy is checked all the same (made here, inside the caller's bounded
    # pool when there is one), so an unknown name costs what a known one does.
    stored = stored_hash or _dummy_hash()
    for attempt in dict.fromkeys((normal, password)):
        try:
            _HASHER.verify(stored, attempt)
        except (VerificationError, InvalidHashError):
            continue
        if stored_hash is None:
            return Verdict(False)
        outdated = attempt != normal or _HASHER.check_needs_rehash(stored_hash)
        return Verdict(True, _HASHER.hash(normal) if outdated else None)
    return Verdict(False)


def finish_sign_in(
    session: Session,
    candidate: Candidate,
    verdict: Verdict,
    *,
    lifetime: dt.timedelta = DEFAULT_LIFETIME,
    idle: dt.timedelta = DEFAULT_IDLE,
) -> tuple[User, SignIn] | None:
    """Step 3: start a session if the password matched, the user is active and their hash did
    not change since step 1 (a password changed meanwhile must not let the old one in)."""
    if not verdict.ok or candidate.user_id is None:
        return None
    user = session.get(User, candidate.user_id)
    if user is None or not user.active or user.password_hash != candidate.password_hash:
        return None
    if verdict.new_hash is not None:
        user.password_hash = verdict.new_hash
    return user, start_session(session, user, lifetime=lifetime, idle=idle)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    candidate = sign_in_candidate(session, username)
    verdict = verify_password(candidate.password_hash, password)
    if not verdict.ok or candidate.user_id is None:
        return None
    user = session.get(User, candidate.user_id)
    if user is None or not user.active:
        return None
    if verdict.new_hash is not None:
        user.password_hash = verdict.new_hash
    return user


def start_session(
    session: Session,
    user: User,
    *,
    lifetime: dt.timedelta = DEFAULT_LIFETIME,
    idle: dt.timedelta = DEFAULT_IDLE,
) -> SignIn:
    """Sign a user in: store the new session's token hash, return the token itself."""
    token = secrets.token_urlsafe(32)
    now = _now()
    row = WebSession(
        token_hash=_digest(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + min(lifetime, idle),
    )
    session.add(row)
    session.flush()
    return SignIn(token, row.csrf_token, row.expires_at)


@dataclass(frozen=True)
class SignedIn:
    """Who a live session token belongs to, read in one query (what every request needs)."""

    user_id: int
    username: str
    role: str
    seller: str
    csrf_token: str
    created_at: dt.datetime
    expires_at: dt.datetime
    display_name: str | None = None

    def extension(
        self, *, idle: dt.timedelta, lifetime: dt.timedelta, now: dt.datetime | None = None
    ) -> dt.datetime | None:
        """The new end of an idle session that was just used, when it is worth writing.

        It slides to `now + idle`, never past `created_at + lifetime`; it is written at most
        about once a minute (a write per request would be a write per page view)."""
        now = now or _now()
        until = min(self.created_at + lifetime, now + idle)
        worth = min(idle / 20, dt.timedelta(minutes=1))
        return until if until - self.expires_at > worth else None


# Built once: every request runs it, and building a statement costs more than running it.
_SIGNED_IN = (
    select(
        User.id,
        User.username,
        User.role,
        User.seller,
        WebSession.csrf_token,
        WebSession.created_at,
        WebSession.expires_at,
        User.display_name,
    )
    .join(WebSession, WebSession.user_id == User.id)
    .where(
        WebSession.token_hash == bindparam("digest"),
        WebSession.expires_at > bindparam("now"),
        WebSession.created_at > bindparam("born_after"),
        User.active.is_(True),
    )
)


def signed_in(
    session: Session, token: str, *, lifetime: dt.timedelta = DEFAULT_LIFETIME
) -> SignedIn | None:
    """Who a session token belongs to, unless it expired (idle or past `lifetime` since sign-in)
    or the user was switched off.

    One joined query that loads no ORM objects: every signed-in request runs it."""
    if not token or len(token) > 200:
        return None
    now = _now()
    values = {"digest": _digest(token), "now": now, "born_after": now - lifetime}
    # On the session's connection: a plain select needs none of the ORM's execution machinery.
    row = session.connection().execute(_SIGNED_IN, values).one_or_none()
    return None if row is None else SignedIn(*row)


def extend_session(session: Session, token: str, until: dt.datetime) -> None:
    """Move a session's idle end to `until` (never earlier than it is)."""
    session.execute(
        update(WebSession)
        .where(WebSession.token_hash == _digest(token), WebSession.expires_at < until)
        .values(expires_at=until)
    )


def end_session(session: Session, token: str) -> None:
    """Sign out one session."""
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def list_users(session: Session) -> list[User]:
    """Every user, by username."""
    return list(session.scalars(select(User).order_by(User.username)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
