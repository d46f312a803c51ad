"""Who a record is about, and who changed it.

Our side's commitments and an interaction's seller point at a user; the client's side of a
commitment at a person of the account. A name is kept beside the link, as shown, but figures
(reliability, trends) go by the link, so typing someone else's name counts against nobody but
that name. Every change to a commitment or an interaction is kept in the audit trail: who
made it, when, and each field before and after.

    bind_commitment(session, row, changed=True)   # after its fields are set
    history(session, "commitment", 12)            # its newest changes, oldest first; the count
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import ConflictError, NotAllowedError
from trustworks.ledger import tables
from trustworks.plural import counted

AUDITED = ("commitment", "interaction")
"""The kinds whose every change is kept in the audit trail."""

# Columns of audited rows that are not worth a line each: the stored report is kept whole.
_NOT_AUDITED = frozenset({"id", "transcript", "analysis_json"})
_ACTOR = "trustworks_actor"
_ACTS_FOR = "trustworks_acts_for"


def act_as(session: Session, user_id: int, username: str, acts_for: frozenset[int] | None) -> None:
    """Make this session's changes as `username`, who may only set or change records bound to
    the users in `acts_for` (None: anyone's). The web does, for each signed-in request."""
    session.info[_ACTOR] = (user_id, username)
    session.info[_ACTS_FOR] = acts_for


def check_allowed(session: Session, kind_name: str, row: tables.Base) -> None:
    """Refuse a change to a commitment or interaction bound to a user the acting user may not
    act for: only that user (the record's owner) or their manager may set or change it."""
    acts_for = session.info.get(_ACTS_FOR)
    if acts_for is None:
        return
    if isinstance(row, tables.Commitment) and row.side == "us":
        bound, what = row.by_user_id, "promise"
    elif isinstance(row, tables.Interaction):
        bound, what = row.seller_user_id, "conversation"
    else:
        return
    if bound is not None and bound not in acts_for:
        user = session.get(tables.User, bound)
        name = user.seller if user is not None else "another user"
        ident = getattr(row, "id", None)
        label = f"{kind_name} {ident}" if ident is not None else f"this {kind_name}"
        raise NotAllowedError(
            f"{label} is {name}'s {what}: only they or their manager may set or change it"
        )


def actor(session: Session) -> tuple[int | None, str]:
    """Who makes this session's changes: the signed-in user, else whoever runs the command."""
    found = session.info.get(_ACTOR)
    if found is not None:
        return found  # type: ignore[no-any-return]
    try:
        who = getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        who = "unknown"
    return None, f"command line ({who})"


def users_named(session: Session, name: str) -> list[tables.User]:
    """The users a name means: the one with that username, else those who go by it."""
    text = name.strip()
    u = tables.User
    by_username = session.scalars(select(u).where(func.lower(u.username) == text.lower())).first()
    if by_username is not None:
        return [by_username]
    folded = fold_name(text)
    candidates = session.scalars(select(u).where(func.lower(u.seller) == text.lower()))
    exact = list(candidates)
    if exact:
        return exact
    # Spacing aside too (fold_name), which SQL cannot say portably: few users, read them.
    return [user for user in session.scalars(select(u)) if fold_name(user.seller) == folded]


def user_named(session: Session, name: str, field: str) -> tables.User | None:
    """The one user `name` means, None for nobody; several is a conflict to resolve."""
    found = users_named(session, name)
    if len(found) > 1:
        names = ", ".join(u.username for u in found[:5])
        raise ConflictError(f"{field} {name!r} could be any of the users {names}; give a username")
    return found[0] if found else None


def bind_commitment(session: Session, row: tables.Commitment, *, changed: bool) -> None:
    """Link a commitment to who made it: a user for our side, a person of the account for
    theirs (added to the account when it has nobody of that name). An our-side name that no
    user has stays as typed, unlinked. `changed`: its side or `by` was set just now (when
    not, the row keeps its link or its lack of one)."""
    if not changed:
        # Kept as it is, linked or not: an unlinked name (older data) is linked only when
        # someone gives `by` again, never as a side effect of changing its status.
        return
    row.by_user_id = row.by_person_id = None
    if row.side == "us":
        user = user_named(session, row.by, "by")
        if user is not None:
            row.by_user_id = user.id
            row.by = user.seller
        return
    person = session.scalars(
        select(tables.Person)
        .where(
            tables.Person.account_id == row.account_id,
            func.lower(tables.Person.name) == row.by.lower(),
        )
        .order_by(tables.Person.id)
    ).first()
    if person is None:
        person = tables.Person(account_id=row.account_id, name=row.by)
        session.add(person)
        session.flush()
    row.by_person_id = person.id
    row.by = person.name


def bind_interaction(session: Session, row: tables.Interaction, *, changed: bool) -> None:
    """Link an interaction to the user whose conversation it is (None: the account's owner)."""
    if not changed:
        return
    row.seller_user_id = None
    if row.seller:
        user = user_named(session, row.seller, "seller")
        if user is not None:
            row.seller_user_id = user.id
            row.seller = user.seller


def speakers(row: tables.Interaction) -> list[str]:
    """Who spoke as the seller in the interaction's transcript, as saved."""
    if not row.seller_speakers:
        return []
    found = json.loads(row.seller_speakers)
    return [str(s) for s in found] if isinstance(found, list) else []


def snapshot(row: tables.Base) -> dict[str, Any]:
    """The audited fields of a row as they stand."""
    mapper = type(row).__mapper__
    return {
        c.key: getattr(row, c.key)
        for c in mapper.column_attrs
        if c.key not in _NOT_AUDITED and not c.deferred
    }


def record(
    session: Session,
    kind_name: str,
    row: tables.Base,
    action: str,
    before: Mapping[str, Any] | None,
) -> None:
    """Keep what `action` (add, edit, remove) did to an audited row, field by field."""
    if kind_name not in AUDITED:
        return
    after = snapshot(row) if action != "remove" else {}
    before = before or {}
    user_id, name = actor(session)
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ident: int = row.id  # type: ignore[attr-defined]
    account_id = getattr(row, "account_id", None)
    if account_id is None:
        account_id = before.get("account_id")
    account = session.get(tables.Account, account_id) if account_id is not None else None
    owner = fold_name(account.owner) if account is not None and account.owner else None
    entries = [
        {
            "at": at,
            "user_id": user_id,
            "actor": name,
            "kind": kind_name,
            "record_id": ident,
            "account_id": account_id,
            "account_owner": owner,
            "action": action,
            "field": field,
            "before": _text(before.get(field)),
            "after": _text(after.get(field)),
        }
        for field in sorted(set(before) | set(after))
        if before.get(field) != after.get(field)
    ]
    session.flush()
    if entries:
        # One executemany, not an ORM object per field: a saved call writes dozens of lines,
        # and nothing reads them back in the same transaction as objects.
        session.execute(insert(tables.AuditEntry), entries)


def history(
    session: Session,
    kind_name: str | None = None,
    ident: int | None = None,
    *,
    account_ids: set[int] | None = None,
    owners: frozenset[str] | None = None,
    limit: int = 1000,
) -> tuple[list[tables.AuditEntry], int]:
    """The newest `limit` entries of the audit trail, oldest first, and how many there are in
    all: of one record, one kind, or everything. With `account_ids`, only those on these
    accounts, and those on accounts since removed whose owner then was one of `owners`
    (folded names): a removed account's trail stays with the team it was the team's of."""
    a = tables.AuditEntry
    query = select(a)
    if kind_name is not None:
        query = query.where(a.kind == kind_name)
    if ident is not None:
        query = query.where(a.record_id == ident)
    if account_ids is not None:
        gone = and_(
            a.account_id.not_in(select(tables.Account.id)),
            a.account_owner.in_(sorted(owners or ())),
        )
        query = query.where(or_(a.account_id.in_(account_ids), gone))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    newest = list(session.scalars(query.order_by(a.id.desc()).limit(limit)))
    return newest[::-1], total


def shown(count: int, total: int) -> str:
    """How many changes a list of the trail holds, saying when it was cut to the newest."""
    if count >= total:
        return counted(total, "change")
    return f"showing the newest {count:,} of {counted(total, 'change')}"


def entry_dict(entry: tables.AuditEntry) -> dict[str, Any]:
    """One line of the trail as plain values."""
    return {
        "at": entry.at,
        "user_id": entry.user_id,
        "actor": entry.actor,
        "kind": entry.kind,
        "record_id": entry.record_id,
        "account_id": entry.account_id,
        "action": entry.action,
        "field": entry.field,
        "before": entry.before,
        "after": entry.after,
    }


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)
