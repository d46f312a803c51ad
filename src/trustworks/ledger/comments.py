"""Coaching threads on saved calls: a comment on a moment (a turn, or a finding on it), replies
in its thread, and @mentions of the users who may see the call.

A call's comments are scoped exactly like the call: whoever may see the call (its seller, their
manager, an admin) may read and write them; for anyone else the call and its comments are "not
found". Only those same people can be mentioned, so a mention never tells anyone about a call
they cannot open. Comments are plain text: no Markdown, escaped wherever they are shown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import ConflictError, FieldError, NotAllowedError, NotFoundError
from trustworks.ledger import notifications, repository, tables
from trustworks.ledger.access import Scope, acting
from trustworks.plural import counted

MAX_BODY = 10_000
MAX_TURN = 100_000  # when a call kept no analysis to count its turns by
MAX_SUGGESTIONS = 20
_SIGNAL_ID = re.compile(r"[a-z0-9_]{1,100}")
# A mention starts at "@" after the start of the text, a space or punctuation, never inside a
# word (in any alphabet): "josé@example.com" is an address, not a mention of "example.com".


@dataclass(frozen=True)
class Piece:
    """A run of a comment's text; `mention` is the username it names, if it is a mention."""

    text: str
    mention: str | None = None


@dataclass(frozen=True)
class Person:
    """A user as comments show them: username, the name they go by, role."""

    id: int
    username: str
    name: str
    role: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "name": self.name, "role": self.role}


@dataclass(frozen=True)
class Comment:
    """One comment as read back."""

    id: int
    interaction_id: int
    thread_id: int  # the id of the thread's first comment (its own id when it is that one)
    turn: int
    signal: str | None
    evidence: str | None
    author: str
    author_name: str
    body: str
    created_at: dt.datetime
    mentions: tuple[Person, ...]
    pieces: tuple[Piece, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "interaction_id": self.interaction_id,
            "thread_id": self.thread_id,
            "turn": self.turn,
            "signal": self.signal,
            "evidence": self.evidence,
            "author": self.author,
            "author_name": self.author_name,
            "body": self.body,
            "created_at": self.created_at.isoformat(),
            "mentions": [p.username for p in self.mentions],
        }


@dataclass(frozen=True)
class Thread:
    """A comment on a moment and the replies to it, oldest first."""

    first: Comment
    replies: tuple[Comment, ...]

    @property
    def turn(self) -> int:
        return self.first.turn

    @property
    def comments(self) -> tuple[Comment, ...]:
        return (self.first, *self.replies)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.first.id,
            "turn": self.first.turn,
            "signal": self.first.signal,
            "evidence": self.first.evidence,
            "comments": [c.as_dict() for c in self.comments],
        }


@dataclass(frozen=True)
class Added:
    """A comment just written, and who was notified of it."""

    comment: Comment
    notified: tuple[Person, ...]


def visible_call(session: Session, scope: Scope, interaction_id: int) -> tables.Interaction:
    """The saved call with this id if the scope may see it; otherwise NotFoundError."""
    acting(session, scope)
    label = f"no call with id {interaction_id}"
    if not 0 < interaction_id <= repository.MAX_ID:
        raise NotFoundError(label)
    row = session.get(tables.Interaction, interaction_id)
    if row is None:
        raise NotFoundError(label)
    account = session.get(tables.Account, row.account_id)
    if account is None or not scope.sees(account.owner):
        raise NotFoundError(label)
    return row


def viewers(session: Session, owner: str | None) -> list[tables.User]:
    """The active users who may see an account owned by `owner` (as `access.scope_of` rules:
    admins, the users who go by that name, and the managers of those users)."""
    everyone = list(session.scalars(select(tables.User)))
    folded = fold_name(owner) if owner is not None else None
    named = {u.id for u in everyone if folded is not None and fold_name(u.seller) == folded}
    # A manager's team is everyone who reports to them, switched off or not (scope_of).
    managers = {u.manager_id for u in everyone if u.id in named and u.manager_id is not None}
    return [
        u
        for u in everyone
        if u.active
        and (u.role == "admin" or u.id in named or (u.role == "manager" and u.id in managers))
    ]


def call_viewers(session: Session, call: tables.Interaction) -> list[tables.User]:
    """The active users who may see this call."""
    account = session.get(tables.Account, call.account_id)
    return viewers(session, account.owner if account is not None else None)


def mentionable(
    session: Session, scope: Scope, interaction_id: int, query: str = ""
) -> list[Person]:
    """Who may be mentioned on a call (the users who may see it, the writer aside), whose
    username or name starts with `query` (or has a word that does), at most 20."""
    call = visible_call(session, scope, interaction_id)
    text = fold_name(query.lstrip("@"))
    found = []
    for user in sorted(call_viewers(session, call), key=lambda u: fold_name(u.seller)):
        if user.id == scope.user_id:
            continue
        words = [fold_name(user.username), *fold_name(user.seller).split()]
        if (
            not text
            or any(w.startswith(text) for w in words)
            or fold_name(user.seller).startswith(text)
        ):
            found.append(_person(user))
        if len(found) == MAX_SUGGESTIONS:
            break
    return found


def threads(session: Session, scope: Scope, interaction_id: int) -> list[Thread]:
    """Every thread on a call the scope may see, by turn and then oldest first."""
    call = visible_call(session, scope, interaction_id)
    rows = list(
        session.scalars(
            select(tables.CallComment)
            .where(tables.CallComment.interaction_id == call.id)
            .order_by(tables.CallComment.created_at, tables.CallComment.id)
        )
    )
    shown = _shown(session, rows)
    firsts = [c for c in shown if c.id == c.thread_id]
    replies: dict[int, list[Comment]] = {}
    for c in shown:
        if c.id != c.thread_id:
            replies.setdefault(c.thread_id, []).append(c)
    out = [Thread(f, tuple(replies.get(f.id, ()))) for f in firsts]
    return sorted(out, key=lambda t: (t.turn, t.first.created_at, t.first.id))


def add_comment(
    session: Session,
    scope: Scope,
    interaction_id: int,
    body: str,
    *,
    turn: int | None = None,
    signal: str | None = None,
    reply_to: int | None = None,
    email: bool = False,
    now: dt.datetime | None = None,
) -> Added:
    """Comment on a moment of a call (`turn`, and `signal` for a finding on that turn), or reply
    in the thread of comment `reply_to`; notify the call's seller, whoever is mentioned and
    whoever is in the thread (the writer aside). `email`: queue an e-mail for those who gave
    an address.
    """
    call = visible_call(session, scope, interaction_id)
    text = _clean(body)
    author = session.get(tables.User, scope.user_id)
    if author is None:
        raise NotFoundError(f"no user {scope.username!r}")
    when = now or _now()
    if reply_to is not None:
        first = _thread_of(session, call, reply_to)
        moment = (first.turn, first.signal, first.evidence)
        thread_id: int | None = first.id
    else:
        if turn is None:
            raise FieldError("turn", "choose the moment to comment on: a turn or a finding")
        moment = _moment(session, call, turn, signal)
        first, thread_id = None, None
    can_see = call_viewers(session, call)
    mentioned = mentioned_users(text, [u for u in can_see if u.id != author.id])
    row = tables.CallComment(
        interaction_id=call.id,
        thread_id=thread_id,
        turn=moment[0],
        signal=moment[1],
        evidence=moment[2],
        author_id=author.id,
        author=author.username,
        body=text,
        created_at=when,
    )
    session.add(row)
    session.flush()
    for user in mentioned:
        session.add(tables.CommentMention(comment_id=row.id, user_id=user.id))
    in_thread = _thread_people(session, first.id) if first is not None else set()
    seller = _seller_of(session, call)
    recipients = notifications.notify(
        session,
        row,
        author_id=author.id,
        mentioned=[u.id for u in mentioned],
        seller=seller,
        in_thread=in_thread,
        may_see={u.id for u in can_see},
        email=email,
        now=when,
    )
    session.flush()
    (shown,) = _shown(session, [row])
    by_id = {u.id: u for u in can_see}
    return Added(shown, tuple(_person(by_id[i]) for i in recipients if i in by_id))


def remove_comment(session: Session, scope: Scope, ident: int) -> int:
    """Remove a comment its writer (or an admin) no longer wants, with its notifications; the
    id of its call. A thread's first comment goes only while nobody has replied to it: the
    replies are others' words, and would be left answering nothing."""
    label = f"no comment {ident}"
    # Locked before its replies are counted: a reply being written at the same moment (which
    # key-share locks this row) is waited for and counted, never deleted with it by cascade.
    row = _locked(session, ident, key_share=False)
    if row is None:
        raise NotFoundError(label)
    try:
        visible_call(session, scope, row.interaction_id)
    except NotFoundError:
        raise NotFoundError(label) from None
    if row.author_id != scope.user_id and scope.role != "admin":
        raise NotAllowedError(f"comment {ident} is {row.author}'s: only they may remove it")
    replies = session.scalar(select(func.count()).where(tables.CallComment.thread_id == row.id))
    if replies:
        raise ConflictError(f"comment {ident} has {counted(replies, 'reply')}: it stays with them")
    call = row.interaction_id
    session.delete(row)
    session.flush()
    return call


def mentioned_users(text: str, candidates: Iterable[tables.User]) -> list[tables.User]:
    """The users among `candidates` the text mentions, as @username or @Their Name."""
    found: dict[int, tables.User] = {}
    for _, user in _mentions(text, list(candidates)):
        found.setdefault(user.id, user)
    return list(found.values())


def pieces(text: str, mentioned: Sequence[tables.User]) -> tuple[Piece, ...]:
    """The text split into plain runs and the mentions of these users."""
    out: list[Piece] = []
    cursor = 0
    for (start, end), user in _mentions(text, mentioned):
        if start > cursor:
            out.append(Piece(text[cursor:start]))
        out.append(Piece(text[start:end], user.username))
        cursor = end
    if cursor < len(text):
        out.append(Piece(text[cursor:]))
    return tuple(out)


def _mentions(text: str, users: Sequence[tables.User]) -> list[tuple[tuple[int, int], tables.User]]:
    # Every way each user may be named, longest first, so "@Dana Whitfield" wins over "@dana".
    names = sorted(
        ((name, u) for u in users for name in {u.username, " ".join(u.seller.split())} if name),
        key=lambda nu: -len(nu[0]),
    )
    # Each name is compared with the text as written, letter for letter: folding the whole
    # text first would move every place after an "ß" or "ﬁ" (they fold to two letters).
    found = []
    at = text.find("@")
    while at != -1:
        end = at + 1
        if at == 0 or not _in_word(text[at - 1]):
            for name, user in names:
                stop = at + 1 + len(name)
                if text[at + 1 : stop].casefold() == name.casefold() and (
                    stop >= len(text) or not _in_word(text[stop])
                ):
                    found.append(((at, stop), user))
                    end = stop
                    break
        at = text.find("@", end)
    return found


def _in_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _clean(body: str) -> str:
    # NUL cannot be stored in PostgreSQL text, nor lone surrogates encoded: both are typing
    # accidents, not content, so they become the replacement character rather than an error.
    text = body.replace("\x00", "\ufffd").encode("utf-8", "replace").decode("utf-8").strip()
    if not text:
        raise FieldError("body", "write the comment first")
    if len(text) > MAX_BODY:
        raise FieldError("body", f"at most {MAX_BODY:,} characters, please ({len(text):,} given)")
    return text


def _moment(
    session: Session, call: tables.Interaction, turn: int, signal: str | None
) -> tuple[int, str | None, str | None]:
    turns = _turn_count(session, call)
    if not 0 <= turn < (turns if turns is not None else MAX_TURN):
        raise FieldError("turn", f"this call has no turn {turn + 1}")
    if not signal:
        return turn, None, None
    if not _SIGNAL_ID.fullmatch(signal):
        raise FieldError("signal", f"{signal[:40]!r} is not a signal id")
    finding = session.scalars(
        select(tables.StoredFinding).where(
            tables.StoredFinding.interaction_id == call.id,
            tables.StoredFinding.turn == turn,
            tables.StoredFinding.signal == signal,
        )
    ).first()
    if finding is None:
        raise FieldError("signal", f"no finding {signal!r} on turn {turn + 1} of this call")
    return turn, finding.signal, finding.evidence


def _turn_count(session: Session, call: tables.Interaction) -> int | None:
    """How many turns the call's stored analysis has (None when none was kept)."""
    raw = session.scalar(
        select(tables.Interaction.analysis_json).where(tables.Interaction.id == call.id)
    )
    if not raw:
        return None
    try:
        turns = json.loads(raw).get("turns")
    except (ValueError, AttributeError):
        return None
    return len(turns) if isinstance(turns, list) else None


def _thread_of(session: Session, call: tables.Interaction, ident: int) -> tables.CallComment:
    """The first comment of the thread comment `ident` is in, if it is on this call."""
    label = f"no comment {ident} on call {call.id}"
    row = _locked(session, ident)
    if row is None or row.interaction_id != call.id:
        raise NotFoundError(label)
    if row.thread_id is not None:
        first = _locked(session, row.thread_id)
        if first is None:  # removed since this reply was read: gone with its thread
            raise NotFoundError(label)
        return first
    return row


def _locked(session: Session, ident: int, *, key_share: bool = True) -> tables.CallComment | None:
    """The comment, locked until the transaction ends (PostgreSQL; SQLite has one writer):
    shared while a reply is written to its thread, exclusively while it is removed."""
    if not 0 < ident <= repository.MAX_ID:
        return None
    query = (
        select(tables.CallComment)
        .where(tables.CallComment.id == ident)
        .execution_options(populate_existing=True)
    )
    lock = (
        query.with_for_update(read=True, key_share=True) if key_share else query.with_for_update()
    )
    return session.scalars(lock).first()


def _thread_people(session: Session, thread_id: int) -> set[int]:
    """Who wrote in a thread or was mentioned in it."""
    c = tables.CallComment
    ids = select(c.id).where((c.id == thread_id) | (c.thread_id == thread_id))
    authors = session.scalars(select(c.author_id).where(c.id.in_(ids)))
    named = session.scalars(
        select(tables.CommentMention.user_id).where(tables.CommentMention.comment_id.in_(ids))
    )
    return {i for i in [*authors, *named] if i is not None}


def _seller_of(session: Session, call: tables.Interaction) -> int | None:
    """The user whose call it is: its seller, else the one user who owns its account."""
    if call.seller_user_id is not None:
        return call.seller_user_id
    account = session.get(tables.Account, call.account_id)
    if account is None or account.owner is None:
        return None
    folded = fold_name(account.owner)
    owners = [u.id for u in session.scalars(select(tables.User)) if fold_name(u.seller) == folded]
    return owners[0] if len(owners) == 1 else None


def _shown(session: Session, rows: Sequence[tables.CallComment]) -> list[Comment]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    links = session.execute(
        select(tables.CommentMention.comment_id, tables.User)
        .join(tables.User, tables.User.id == tables.CommentMention.user_id)
        .where(tables.CommentMention.comment_id.in_(ids))
    ).all()
    named: dict[int, list[tables.User]] = {}
    for comment_id, user in links:
        named.setdefault(comment_id, []).append(user)
    author_ids = {r.author_id for r in rows if r.author_id is not None}
    authors = {
        u.id: u for u in session.scalars(select(tables.User).where(tables.User.id.in_(author_ids)))
    }
    out = []
    for r in rows:
        users = sorted(named.get(r.id, []), key=lambda u: u.username)
        author = authors.get(r.author_id) if r.author_id is not None else None
        out.append(
            Comment(
                id=r.id,
                interaction_id=r.interaction_id,
                thread_id=r.thread_id if r.thread_id is not None else r.id,
                turn=r.turn,
                signal=r.signal,
                evidence=r.evidence,
                author=r.author,
                author_name=author.seller if author is not None else r.author,
                body=r.body,
                created_at=r.created_at,
                mentions=tuple(_person(u) for u in users),
                pieces=pieces(r.body, users),
            )
        )
    return out


def _person(user: tables.User) -> Person:
    return Person(user.id, user.username, user.seller, user.role)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
