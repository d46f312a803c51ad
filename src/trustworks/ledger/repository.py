"""Add, edit, show, list and remove ledger entries of any kind, validated by their schemas.

Every function works inside the caller's session (one transaction, see `Ledger.session`), so
a command that writes several rows commits all of them or none.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import identities, tables
from trustworks.ledger.entities import Entry, Kind, kind

Row = tables.Base
# The largest id both databases hold: PostgreSQL's integer columns stop at 2**31 - 1 (a larger
# number there is a database error, not "no such entry"), and SQLite follows the same rule.
MAX_ID = 2**31 - 1


def validate(kind_: Kind, values: Mapping[str, Any]) -> Entry:
    """Check `values` against the kind's schema; blank strings mean "not given"."""
    cleaned = _blanks_as_unset(kind_, values)
    try:
        return kind_.schema.model_validate(cleaned)
    except ValidationError as exc:
        raise _field_error(kind_, exc) from None


def add(session: Session, kind_name: str, values: Mapping[str, Any]) -> Row:
    """Validate and insert one entry; returns the new row (with its id)."""
    kind_ = kind(kind_name)
    entry = validate(kind_, values)
    row = kind_.table()
    _apply(session, kind_, row, entry)
    identities.check_allowed(session, kind_.name, row)
    session.add(row)
    _flush(session, kind_)
    _after_write(session, kind_, row, entry, previous=None)
    identities.record(session, kind_.name, row, "add", None)
    return row


def edit(session: Session, kind_name: str, ident: int | str, changes: Mapping[str, Any]) -> Row:
    """Change some fields of an entry; the whole entry is validated again."""
    kind_ = kind(kind_name)
    row = get(session, kind_name, ident)
    unknown = sorted(set(changes) - set(kind_.schema.model_fields))
    if unknown:
        raise FieldError(unknown[0], f"not a field of {kind_.name} (fields: {_names(kind_)})")
    merged = {**current_values(session, kind_, row), **_blanks_as_unset(kind_, changes)}
    entry = validate(kind_, merged)
    previous = {c: getattr(row, c) for c in ("stage", "expected_close") if hasattr(row, c)}
    before = identities.snapshot(row)
    identities.check_allowed(session, kind_.name, row)
    _apply(session, kind_, row, entry)
    identities.check_allowed(session, kind_.name, row)
    _flush(session, kind_)
    _after_write(session, kind_, row, entry, previous=previous)
    identities.record(session, kind_.name, row, "edit", before)
    return row


def get(session: Session, kind_name: str, ident: int | str) -> Row:
    """The entry with this id (or, for accounts, this name)."""
    kind_ = kind(kind_name)
    if kind_.name == "account":
        return find_account(session, ident)
    number = _as_id(kind_, ident)
    row = session.get(kind_.table, number)
    if row is None:
        raise NotFoundError(f"no {kind_.name} with id {number}")
    return row


def rows(
    session: Session,
    kind_name: str,
    *,
    account: int | str | None = None,
    account_ids: set[int] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """Entries of a kind in id order; only one account's, or only some accounts', when asked."""
    kind_ = kind(kind_name)
    query = select(kind_.table).order_by(kind_.table.id)  # type: ignore[attr-defined]
    wanted: set[int] | None = account_ids
    if account is not None:
        acc_id = find_account(session, account).id
        wanted = {acc_id} if wanted is None else wanted & {acc_id}
    if wanted is not None:
        if kind_.name == "account":
            query = query.where(tables.Account.id.in_(wanted))
        elif hasattr(kind_.table, "account_id"):
            query = query.where(kind_.table.account_id.in_(wanted))
        elif kind_.name == "reflection":
            query = query.join(tables.Interaction).where(tables.Interaction.account_id.in_(wanted))
        elif kind_.name == "evidence":
            query = query.join(tables.Deal).where(tables.Deal.account_id.in_(wanted))
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


def remove(session: Session, kind_name: str, ident: int | str) -> None:
    """Delete an entry (an account takes everything recorded about it with it).

    The commitments and interactions it takes or unlinks are checked and kept in the audit
    trail as if each had been removed or edited on its own: deleting an account is no way
    round the rule that only a record's user or their manager may change it.
    """
    name = kind(kind_name).name
    row = get(session, kind_name, ident)
    identities.check_allowed(session, name, row)
    taken, unlinked = _dependants(session, row)
    for child_kind, child in taken:
        identities.check_allowed(session, child_kind, child)
    for child_kind, child, _field in unlinked:
        identities.check_allowed(session, child_kind, child)
    for child_kind, child in taken:
        identities.record(session, child_kind, child, "remove", identities.snapshot(child))
    for child_kind, child, field in unlinked:
        before = identities.snapshot(child)
        setattr(child, field, None)  # what the database's SET NULL would do, but seen
        session.flush()
        identities.record(session, child_kind, child, "edit", before)
    identities.record(session, name, row, "remove", identities.snapshot(row))
    session.delete(row)
    session.flush()


def _dependants(
    session: Session, row: Row
) -> tuple[list[tuple[str, Row]], list[tuple[str, Row, str]]]:
    """The audited records deleting `row` removes, and those it unlinks (with the column)."""
    taken: list[tuple[str, Row]] = []
    unlinked: list[tuple[str, Row, str]] = []
    c, i = tables.Commitment, tables.Interaction
    if isinstance(row, tables.Account):
        taken += [
            ("commitment", r)
            for r in session.scalars(select(c).where(c.account_id == row.id).order_by(c.id))
        ]
        taken += [
            ("interaction", r)
            for r in session.scalars(select(i).where(i.account_id == row.id).order_by(i.id))
        ]
    elif isinstance(row, tables.Interaction):
        found = session.scalars(select(c).where(c.interaction_id == row.id).order_by(c.id))
        unlinked += [("commitment", r, "interaction_id") for r in found]
    elif isinstance(row, tables.Person):
        found = session.scalars(select(c).where(c.by_person_id == row.id).order_by(c.id))
        unlinked += [("commitment", r, "by_person_id") for r in found]
        calls = session.scalars(select(i).where(i.person_id == row.id).order_by(i.id))
        unlinked += [("interaction", r, "person_id") for r in calls]
    return taken, unlinked


def find_account(session: Session, ref: int | str) -> tables.Account:
    """An account by id or by name (case does not matter)."""
    text = str(ref).strip()
    if "\x00" in text:
        raise NotFoundError(f"no account {text!r}")
    if is_id_text(text) and int(text) <= MAX_ID:
        found = session.get(tables.Account, int(text))
        if found is not None:
            return found
    by_name = list(
        session.scalars(
            select(tables.Account)
            .where(func.lower(tables.Account.name) == text.lower())
            .order_by(tables.Account.id)
            .limit(6)
        )
    )
    if len(by_name) == 1:
        return by_name[0]
    if by_name:  # account names are unique per owner: several owners may have this one
        shown = describe_accounts(by_name)
        raise ConflictError(f"account {text!r} is ambiguous: {shown}; give the id")
    # A unique beginning of a name is enough ("northwind" for "Northwind Logistics").
    pattern = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    starts = list(
        session.scalars(
            select(tables.Account)
            .where(func.lower(tables.Account.name).like(pattern, escape="\\"))
            .order_by(tables.Account.name)
            .limit(6)
        )
    )
    if len(starts) == 1:
        return starts[0]
    if starts:
        names = ", ".join(repr(a.name) for a in starts[:5])
        raise ConflictError(
            f"account {text!r} is ambiguous: {names}; give more of the name or the id"
        )
    raise NotFoundError(f"no account {text!r}")


def describe_accounts(accounts: list[tables.Account]) -> str:
    """Accounts that share a name, told apart by id and owner."""
    return ", ".join(f"{a.id} ({a.owner or 'no owner'})" for a in accounts[:5])


def find_person(session: Session, account_id: int, ref: int | str) -> tables.Person:
    """A person at an account by id or by name."""
    text = str(ref).strip()
    query = select(tables.Person).where(tables.Person.account_id == account_id)
    if is_id_text(text) and int(text) <= MAX_ID:
        found = session.scalars(query.where(tables.Person.id == int(text))).first()
        if found is not None:
            return found
    found = session.scalars(query.where(func.lower(tables.Person.name) == text.lower())).first()
    if found is None:
        raise NotFoundError(f"no person {text!r} at account {account_id}")
    return found


def as_dict(session: Session, kind_name: str, row: Row) -> dict[str, Any]:
    """Every column of the row (but the large deferred ones: a transcript, a stored report),
    with the names of the account and person it points at."""
    kind_ = kind(kind_name)
    out: dict[str, Any] = {
        c.key: getattr(row, c.key) for c in kind_.table.__mapper__.column_attrs if not c.deferred
    }
    if "account_id" in out:
        account = session.get(tables.Account, out["account_id"])
        out["account"] = account.name if account else None
    if out.get("person_id") is not None:
        person = session.get(tables.Person, out["person_id"])
        out["person"] = person.name if person else None
    for field, _target in kind_.refs:
        if field not in out and f"{field}_id" in out:
            out[field] = out[f"{field}_id"]
    return out


def current_values(session: Session, kind_: Kind, row: Row) -> dict[str, Any]:
    """The row as schema input, so an edit can be validated as a whole entry."""
    columns = {attr.key: getattr(row, attr.key) for attr in kind_.table.__mapper__.column_attrs}
    return schema_input(kind_, columns)


def schema_input(kind_: Kind, columns: Mapping[str, Any]) -> dict[str, Any]:
    """Stored column values as schema input (links as id strings), to validate them as `add` does.

    Columns that are not there are left out, so the schema's default applies.
    """
    values: dict[str, Any] = {}
    for field in kind_.schema.model_fields:
        if field in kind_.virtual:
            continue
        if any(field == ref for ref, _ in kind_.refs):
            if f"{field}_id" in columns:
                ident = columns[f"{field}_id"]
                values[field] = None if ident is None else str(ident)
        elif field in columns:
            values[field] = columns[field]
    return values


def _blanks_as_unset(kind_: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """Blank strings as None, and dropped where the field has a default (a form's untouched
    status select means "the default", not "no status")."""
    fields = kind_.schema.model_fields
    out: dict[str, Any] = {}
    for key, value in values.items():
        if isinstance(value, str) and not value.strip():
            value = None
        info = fields.get(key)
        has_default = (
            info is not None
            and not info.is_required()
            and (info.default is not None or info.default_factory is not None)
        )
        if value is None and has_default:
            continue
        out[key] = value
    return out


def _apply(session: Session, kind_: Kind, row: Row, entry: Entry) -> None:
    data = entry.model_dump()
    account_id: int | None = None
    if "account" in data:
        account = find_account(session, data.pop("account"))
        account_id = account.id
        row.account_id = account_id  # type: ignore[attr-defined]
    for field, target in kind_.refs:
        if field == "account":
            continue
        ref = data.pop(field)
        if ref is None:
            setattr(row, f"{field}_id", None)
        elif target == "person":
            assert account_id is not None
            setattr(row, f"{field}_id", find_person(session, account_id, ref).id)
        else:
            linked = get(session, target, ref)
            _check_same_account(session, kind_, account_id, target, linked)
            setattr(row, f"{field}_id", linked.id)  # type: ignore[attr-defined]
    if isinstance(row, tables.Evidence) and row.interaction_id is not None:
        deal = session.get(tables.Deal, row.deal_id)
        interaction = session.get(tables.Interaction, row.interaction_id)
        if deal and interaction and deal.account_id != interaction.account_id:
            raise ConflictError(
                f"interaction {interaction.id} is not on the account of deal {deal.id}"
            )
    for field in kind_.virtual:
        data.pop(field, None)
    _check_unique(session, kind_, row, data, account_id)
    who = {f: getattr(row, f, None) for f in ("side", "by", "seller")}
    for key, value in data.items():
        setattr(row, key, value)
    changed = who != {f: getattr(row, f, None) for f in who}
    if isinstance(row, tables.Commitment):
        identities.bind_commitment(session, row, changed=changed)
    elif isinstance(row, tables.Interaction):
        identities.bind_interaction(session, row, changed=changed)


def _check_same_account(
    session: Session, kind_: Kind, account_id: int | None, target: str, linked: Row
) -> None:
    """An entry may only point at an interaction or deal of its own account."""
    if account_id is None:  # evidence is checked against its deal's account in _apply
        return
    other = getattr(linked, "account_id", None)
    if other is not None and other != account_id:
        account = session.get(tables.Account, account_id)
        name = account.name if account else account_id
        raise ConflictError(f"{target} {linked.id} is not on account {name!r}")  # type: ignore[attr-defined]


def _check_unique(
    session: Session, kind_: Kind, row: Row, data: dict[str, Any], account_id: int | None
) -> None:
    """Refuse a second entry where the ledger keeps one: names compare regardless of case."""
    table = kind_.table
    if kind_.name == "account":
        # Per owner: another seller's account of the same name is theirs, and not to be told.
        owner = data.get("owner")
        where = [
            func.lower(tables.Account.name) == data["name"].lower(),
            func.lower(func.coalesce(tables.Account.owner, "")) == (owner or "").lower(),
        ]
        whose = f" of {owner}" if owner else " without an owner"
        what = f"account {data['name']!r}{whose} already exists"
    elif kind_.name in ("person", "deal"):
        where = [
            table.account_id == account_id,  # type: ignore[attr-defined]
            func.lower(table.name) == data["name"].lower(),  # type: ignore[attr-defined]
        ]
        what = f"{kind_.name} {data['name']!r} already exists at that account"
    elif kind_.name == "review":
        where = [
            func.lower(tables.DailyReview.seller) == data["seller"].lower(),
            tables.DailyReview.reviewed_on == data["reviewed_on"],
        ]
        what = f"{data['seller']} already reviewed {data['reviewed_on']}"
    elif kind_.name == "reflection":
        interaction_id = row.interaction_id  # type: ignore[attr-defined]
        where = [tables.Reflection.interaction_id == interaction_id]
        what = f"interaction {interaction_id} already has a reflection; edit that one"
    else:
        return
    clash = session.scalars(select(table).where(*where)).first()
    own_id = getattr(row, "id", None)
    if clash is not None and clash.id != own_id:  # type: ignore[attr-defined]
        raise ConflictError(f"{what} ({kind_.name} {clash.id})")  # type: ignore[attr-defined]


def _after_write(
    session: Session, kind_: Kind, row: Row, entry: Entry, previous: dict[str, Any] | None
) -> None:
    if not isinstance(row, tables.Deal):
        return
    stage_on = getattr(entry, "stage_on", None)
    changed = previous is None or any(
        previous[c] != getattr(row, c) for c in ("stage", "expected_close")
    )
    if changed:
        user_id, name = identities.actor(session)
        session.add(
            tables.StageChange(
                deal_id=row.id,
                stage=row.stage,
                entered_on=stage_on or dt.date.today(),
                expected_close=row.expected_close,
                changed_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                changed_by=name,
                changed_by_user_id=user_id,
            )
        )
        session.flush()


def _flush(session: Session, kind_: Kind) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        raise ConflictError(
            f"{kind_.name}: the database refused it: {str(exc.orig).splitlines()[0]}"
        ) from None


def is_id_text(text: str) -> bool:
    """Whether `text` is an id as typed: ASCII digits only. `str.isdigit` alone takes "²" and
    other digits `int` refuses, which would end a request in a traceback."""
    return text.isascii() and text.isdigit()


def _as_id(kind_: Kind, ident: int | str) -> int:
    text = str(ident).strip()
    if not is_id_text(text):
        raise FieldError("id", f"{kind_.name} ids are whole numbers, not {text!r}")
    number = int(text)
    if number > MAX_ID:  # beyond any id a database hands out
        raise NotFoundError(f"no {kind_.name} with id {text}")
    return number


def _names(kind_: Kind) -> str:
    return ", ".join(kind_.schema.model_fields)


def _field_error(kind_: Kind, exc: ValidationError) -> FieldError:
    problems = []
    fields = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or kind_.name
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = f"not a field of {kind_.name} (fields: {_names(kind_)})"
        elif err["type"] == "missing":
            message = "required"
        fields.append(field)
        problems.append(message if len(exc.errors()) == 1 else f"{field}: {message}")
    return FieldError(fields[0] if len(fields) == 1 else kind_.name, "; ".join(problems))
