"""What a user should see: comments on their calls, mentions, replies in their threads.

In the app, a user reads their notifications and marks them read. By e-mail, each notification
is also an outbox row: written `pending` with the comment (when e-mail is configured and the
user gave an address), claimed by one background sender (`sending`), then `sent` or `failed`
with the reason. The comment never waits for the mail, and a failed mail never undoes it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from trustworks.errors import FieldError, NotFoundError
from trustworks.ledger import repository, tables
from trustworks.ledger.access import Scope

REASONS = ("mention", "seller", "thread")  # strongest first: one notification each, that one
EMAIL_STATES = ("none", "pending", "sending", "sent", "failed")
MAX_LISTED = 200
MAX_COUNTED = 100
EXCERPT = 200
_ADDRESS = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+$")


@dataclass(frozen=True)
class Item:
    """A notification as its user sees it."""

    id: int
    reason: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    comment_id: int
    interaction_id: int
    reply: bool
    turn: int
    signal: str | None
    author: str
    author_name: str
    excerpt: str
    account: str
    occurred_on: dt.date

    @property
    def link(self) -> str:
        """Where the comment is shown: its call, at the comment."""
        return f"/interactions/{self.interaction_id}#comment-{self.comment_id}"

    @property
    def headline(self) -> str:
        """What happened, in a few words."""
        return headline(self.reason, self.author_name, self.reply, self.account)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reason": self.reason,
            "headline": self.headline,
            "created_at": self.created_at.isoformat(),
            "read": self.read_at is not None,
            "read_at": self.read_at.isoformat() if self.read_at else None,
            "comment_id": self.comment_id,
            "interaction_id": self.interaction_id,
            "turn": self.turn,
            "signal": self.signal,
            "author": self.author,
            "excerpt": self.excerpt,
            "account": self.account,
            "occurred_on": self.occurred_on.isoformat(),
            "link": self.link,
        }


@dataclass(frozen=True)
class Outgoing:
    """A notification e-mail claimed for sending."""

    id: int
    to: str
    reason: str
    reply: bool
    author_name: str
    account: str
    occurred_on: dt.date
    turn: int
    signal: str | None
    evidence: str | None
    body: str
    interaction_id: int
    comment_id: int

    @property
    def headline(self) -> str:
        return headline(self.reason, self.author_name, self.reply, self.account)


def headline(reason: str, author: str, reply: bool, account: str) -> str:
    """ "Maria Gomez mentioned you on a call with Northwind", and the like."""
    what = {
        "mention": "mentioned you on a call",
        "seller": "replied on your call" if reply else "commented on your call",
        "thread": "replied in your thread on a call",
    }.get(reason, "commented")
    return f"{author} {what} with {account}"


def notify(
    session: Session,
    comment: tables.CallComment,
    *,
    author_id: int,
    mentioned: Sequence[int],
    seller: int | None,
    in_thread: Iterable[int],
    may_see: set[int],
    email: bool,
    now: dt.datetime,
) -> list[int]:
    """Write one notification per user to tell of a new comment (the strongest reason each),
    only to users who may see the call, never to its writer; the ids of those told."""
    reasons: dict[int, str] = {}
    for user_id in mentioned:
        reasons.setdefault(user_id, "mention")
    if seller is not None:
        reasons.setdefault(seller, "seller")
    for user_id in sorted(in_thread):
        reasons.setdefault(user_id, "thread")
    told = [u for u in reasons if u != author_id and u in may_see]
    addresses = _addresses(session, told) if email else {}
    for user_id in told:
        session.add(
            tables.Notification(
                user_id=user_id,
                comment_id=comment.id,
                reason=reasons[user_id],
                created_at=now,
                email_state="pending" if addresses.get(user_id) else "none",
            )
        )
    return told


def unread_count(session: Session, scope: Scope) -> int:
    """How many of the user's notifications are unread, on calls they may still see, counted
    up to MAX_COUNTED (the header shows "99+" beyond): every page asks, so it stays cheap."""
    n, c, i, a = tables.Notification, tables.CallComment, tables.Interaction, tables.Account
    newest = (
        select(n.comment_id)
        .where(n.user_id == scope.user_id, n.read_at.is_(None))
        .order_by(n.id.desc())
        .limit(MAX_COUNTED)
        .subquery()
    )
    rows = session.execute(
        select(a.owner, func.count())
        .select_from(newest)
        .join(c, c.id == newest.c.comment_id)
        .join(i, i.id == c.interaction_id)
        .join(a, a.id == i.account_id)
        .group_by(a.owner)
    ).all()
    return sum(count for owner, count in rows if scope.sees(owner))


def notifications_for(
    session: Session, scope: Scope, *, unread_only: bool = False, limit: int = MAX_LISTED
) -> list[Item]:
    """The user's notifications, newest first, on calls they may still see."""
    return listing(session, scope, unread_only=unread_only, limit=limit).items


@dataclass(frozen=True)
class Listing:
    """A page of a user's notifications, and the `before` that reads the next, older page
    (None when there is none)."""

    items: list[Item]
    older: int | None


def listing(
    session: Session,
    scope: Scope,
    *,
    before: int | None = None,
    unread_only: bool = False,
    limit: int = MAX_LISTED,
) -> Listing:
    """The user's notifications older than notification `before` (None: the newest), newest
    first, at most `limit`, on calls they may still see."""
    n, c, i, a = tables.Notification, tables.CallComment, tables.Interaction, tables.Account
    # The newest ids first, from the index alone; only those are joined to their calls.
    newest = select(n.id).where(n.user_id == scope.user_id)
    if unread_only:
        newest = newest.where(n.read_at.is_(None))
    if before is not None:
        newest = newest.where(n.id < before)
    chosen = list(session.scalars(newest.order_by(n.id.desc()).limit(limit + 1)))
    # One more than a page was asked for, only to know whether an older page exists.
    older = chosen[limit - 1] if len(chosen) > limit else None
    query = (
        select(n, c, i.occurred_on, a.name, a.owner, tables.User.seller)
        .where(n.id.in_(chosen[:limit]))
        .join(c, c.id == n.comment_id)
        .join(i, i.id == c.interaction_id)
        .join(a, a.id == i.account_id)
        .outerjoin(tables.User, tables.User.id == c.author_id)
        .order_by(n.id.desc())
    )
    out = []
    for note, comment, occurred_on, account, owner, author_name in session.execute(query):
        if not scope.sees(owner):
            continue
        text = " ".join(comment.body.split())
        out.append(
            Item(
                id=note.id,
                reason=note.reason,
                created_at=note.created_at,
                read_at=note.read_at,
                comment_id=comment.id,
                interaction_id=comment.interaction_id,
                reply=comment.thread_id is not None,
                turn=comment.turn,
                signal=comment.signal,
                author=comment.author,
                author_name=author_name or comment.author,
                excerpt=text if len(text) <= EXCERPT else text[: EXCERPT - 1] + "…",
                account=account,
                occurred_on=occurred_on,
            )
        )
    return Listing(out, older)


def mark_read(
    session: Session, scope: Scope, ids: Sequence[int] | None = None, *, now: dt.datetime | None
) -> int:
    """Mark these of the user's notifications read (None: all of them); how many changed.

    An id that is not one of the user's own is "not found", and nothing is marked.
    """
    n = tables.Notification
    query = update(n).where(n.user_id == scope.user_id, n.read_at.is_(None))
    if ids is not None:
        wanted = {i for i in ids if 0 < i <= repository.MAX_ID}
        own = set(session.scalars(select(n.id).where(n.user_id == scope.user_id, n.id.in_(wanted))))
        missing = sorted(set(ids) - own)
        if missing:
            raise NotFoundError(f"no notification {missing[0]}")
        query = query.where(n.id.in_(own))
    result = session.execute(query.values(read_at=now or _now()))
    return int(result.rowcount)  # type: ignore[attr-defined]


def open_notification(session: Session, scope: Scope, ident: int) -> str:
    """Mark one of the user's notifications read and return where its comment is shown."""
    n, c, i, a = tables.Notification, tables.CallComment, tables.Interaction, tables.Account
    if not 0 < ident <= repository.MAX_ID:
        raise NotFoundError(f"no notification {ident}")
    row = session.execute(
        select(c.interaction_id, c.id, a.owner)
        .join(n, n.comment_id == c.id)
        .join(i, i.id == c.interaction_id)
        .join(a, a.id == i.account_id)
        .where(n.id == ident, n.user_id == scope.user_id)
    ).first()
    if row is None or not scope.sees(row[2]):
        raise NotFoundError(f"no notification {ident}")
    mark_read(session, scope, [ident], now=None)
    return f"/interactions/{row[0]}#comment-{row[1]}"


def email_of(session: Session, user_id: int) -> str | None:
    """Where the user's notifications are e-mailed, if anywhere."""
    found = session.get(tables.NotificationSettings, user_id)
    return found.email if found is not None else None


def set_email(session: Session, user_id: int, email: str | None) -> str | None:
    """Set (or with None or "", clear) where the user's notifications are e-mailed."""
    text = (email or "").strip()
    if text and (
        len(text) > 320
        or not text.isprintable()
        or not _ADDRESS.fullmatch(text)
        # As a mail header reads it: "a(b@c" would go to the mailbox "a", "a:b@c" is a group.
        or parseaddr(text) != ("", text)
    ):
        raise FieldError("email", f"{text[:80]!r} is not an e-mail address")
    found = session.get(tables.NotificationSettings, user_id)
    if found is None:
        found = tables.NotificationSettings(user_id=user_id)
        session.add(found)
    found.email = text or None
    session.flush()
    return found.email


def claim_emails(session: Session, limit: int = 50) -> list[Outgoing]:
    """Claim up to `limit` pending e-mails for sending (another sender, in another worker
    process, cannot claim the same ones); each is then `record_email`ed."""
    n, c, i, a = tables.Notification, tables.CallComment, tables.Interaction, tables.Account
    pending = list(
        session.scalars(select(n.id).where(n.email_state == "pending").order_by(n.id).limit(limit))
    )
    out = []
    for ident in pending:
        claimed = session.execute(
            update(n).where(n.id == ident, n.email_state == "pending").values(email_state="sending")
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            continue
        row = session.execute(
            select(n, c, i.occurred_on, a.name, tables.User.seller)
            .join(c, c.id == n.comment_id)
            .join(i, i.id == c.interaction_id)
            .join(a, a.id == i.account_id)
            .outerjoin(tables.User, tables.User.id == c.author_id)
            .where(n.id == ident)
        ).one()
        note, comment, occurred_on, account, author_name = row
        to = email_of(session, note.user_id)
        if not to:  # the address was taken away since
            note.email_state = "none"
            continue
        out.append(
            Outgoing(
                id=note.id,
                to=to,
                reason=note.reason,
                reply=comment.thread_id is not None,
                author_name=author_name or comment.author,
                account=account,
                occurred_on=occurred_on,
                turn=comment.turn,
                signal=comment.signal,
                evidence=comment.evidence,
                body=comment.body,
                interaction_id=comment.interaction_id,
                comment_id=comment.id,
            )
        )
    return out


def record_email(session: Session, ident: int, error: str | None) -> None:
    """Record how sending a claimed e-mail went: sent, or failed and why."""
    n = tables.Notification
    session.execute(
        update(n)
        .where(n.id == ident)
        .values(email_state="failed" if error else "sent", email_error=error)
    )


def _addresses(session: Session, user_ids: Sequence[int]) -> dict[int, str]:
    s = tables.NotificationSettings
    rows = session.execute(select(s.user_id, s.email).where(s.user_id.in_(list(user_ids))))
    return {user_id: email for user_id, email in rows if email}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
