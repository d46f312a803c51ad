"""People who sign in to the web app: argon2 password hashes, roles, and sign-in sessions.

A session token is random, shown to the browser once, and stored only as its SHA-256, so a
copy of the database does not let anyone sign in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.orm import Session

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger.tables import User, WebSession

ROLES = ("seller", "manager", "admin")
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_HASHER = PasswordHasher()
# Verified against when the username is unknown, so both paths take as long.
_DUMMY_HASH = _HASHER.hash("not a password anyone has")


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
    _check_password(password)
    clash = session.scalars(
        select(User).where(func.lower(User.username) == username.lower())
    ).first()
    if clash is not None:
        raise ConflictError(f"user {username!r} already exists")
    user = User(
        username=username,
        password_hash=_HASHER.hash(password),
        role=role,
        seller=(seller or username).strip(),
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
    """Change a user's password and sign them out everywhere."""
    _check_password(password)
    user = find_user(session, username)
    user.password_hash = _HASHER.hash(password)
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


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


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None."""
    if "\x00" in username or "\x00" in password:
        return None
    user = session.scalars(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).first()
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return user


def start_session(
    session: Session, user: User, *, lifetime: dt.timedelta = dt.timedelta(days=7)
) -> SignIn:
    """Sign a user in: store the new session's token hash, return the token itself."""
    token = secrets.token_urlsafe(32)
    now = _now()
    row = WebSession(
        token_hash=_digest(token),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=now,
        expires_at=now + lifetime,
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


# Built once: every request runs it, and building a statement costs more than running it.
_SIGNED_IN = (
    select(User.id, User.username, User.role, User.seller, WebSession.csrf_token)
    .join(WebSession, WebSession.user_id == User.id)
    .where(
        WebSession.token_hash == bindparam("digest"),
        WebSession.expires_at > bindparam("now"),
        User.active.is_(True),
    )
)


def signed_in(session: Session, token: str) -> SignedIn | None:
    """Who a session token belongs to, unless it expired or the user was switched off.

    One joined query that loads no ORM objects: every signed-in request runs it."""
    if not token or len(token) > 200:
        return None
    # On the session's connection: a plain select needs none of the ORM's execution machinery.
    found = session.connection().execute(_SIGNED_IN, {"digest": _digest(token), "now": _now()})
    row = found.one_or_none()
    return None if row is None else SignedIn(*row)


def end_session(session: Session, token: str) -> None:
    """Sign out one session."""
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def list_users(session: Session) -> list[User]:
    """Every user, by username."""
    return list(session.scalars(select(User).order_by(User.username)))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise FieldError("password", f"at least {MIN_PASSWORD} characters")
    if len(password) > 1024:
        raise FieldError("password", "at most 1024 characters")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
