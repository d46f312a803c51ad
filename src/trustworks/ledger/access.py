"""Who may see what: a seller sees the accounts they own, a manager their team's, an admin all.

Every entry hangs off an account, so one rule covers them all. An entry the user may not see
is reported as not found, so its existence does not leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import identities, repository, tables
from trustworks.ledger._checks import storable
from trustworks.ledger.entities import kind


@dataclass(frozen=True)
class Scope:
    """The sellers whose accounts a user may see; `sellers` is None for everyone's."""

    user_id: int
    username: str
    role: str
    seller: str
    sellers: frozenset[str] | None
    users: frozenset[int] | None
    """Ids of the users whose records this user may set (themselves, their team); None: all."""

    def sees(self, owner: str | None) -> bool:
        """May this user see an account owned by `owner`?"""
        return self.sellers is None or (owner is not None and fold_name(owner) in self.sellers)

    def covers(self, user_id: int | None) -> bool:
        """May this user see and set the figures of the user with this id?"""
        return self.users is None or (user_id is not None and user_id in self.users)


def scope_for(session: Session, user: tables.User) -> Scope:
    """The scope of a signed-in user."""
    return scope_of(session, user.id, user.username, user.role, user.seller)


def scope_of(session: Session, user_id: int, username: str, role: str, seller: str) -> Scope:
    """The scope of the user with these fields (a manager's team is looked up)."""
    users: frozenset[int] | None
    if role == "admin":
        sellers = users = None
    elif role == "manager":
        team = session.execute(
            select(tables.User.id, tables.User.seller).where(tables.User.manager_id == user_id)
        ).all()
        sellers = frozenset(fold_name(s) for s in [seller, *(name for _, name in team)])
        users = frozenset([user_id, *(ident for ident, _ in team)])
    else:
        sellers = frozenset({fold_name(seller)})
        users = frozenset({user_id})
    return Scope(user_id, username, role, seller, sellers, users)


def acting(session: Session, scope: Scope) -> None:
    """Make the session's changes as this user: the audit trail names them, and records bound
    to users outside their team cannot be set or changed (see identities.check_allowed).

    Every scope check below calls it, since every web request that writes goes through one.
    """
    identities.act_as(session, scope.user_id, scope.username, scope.users)


def account_of(session: Session, row: tables.Base) -> tables.Account | None:
    """The account an entry belongs to (directly, or through its interaction or deal)."""
    if isinstance(row, tables.Account):
        return row
    account_id = getattr(row, "account_id", None)
    if account_id is None and isinstance(row, tables.Reflection):
        interaction = session.get(tables.Interaction, row.interaction_id)
        account_id = interaction.account_id if interaction else None
    if account_id is None and isinstance(row, tables.Evidence):
        deal = session.get(tables.Deal, row.deal_id)
        account_id = deal.account_id if deal else None
    return session.get(tables.Account, account_id) if account_id is not None else None


def check_visible(session: Session, scope: Scope, row: tables.Base, label: str) -> None:
    """Raise NotFoundError unless the scope may see this entry."""
    acting(session, scope)
    if isinstance(row, tables.DailyReview):
        if scope.sellers is None or fold_name(row.seller) in scope.sellers:
            return
        raise NotFoundError(f"no {label}")
    account = account_of(session, row)
    if account is None or not scope.sees(account.owner):
        raise NotFoundError(f"no {label}")


def visible_account_ids(session: Session, scope: Scope) -> set[int] | None:
    """Ids of the accounts the scope may see, or None when it sees every account."""
    if scope.sellers is None:
        return None
    owners = session.execute(select(tables.Account.id, tables.Account.owner)).all()
    return {ident for ident, owner in owners if scope.sees(owner)}


def prepare_values(
    session: Session,
    scope: Scope,
    kind_name: str,
    values: dict[str, Any],
    *,
    creating: bool,
    row: tables.Base | None = None,
) -> dict[str, Any]:
    """Check a write against the scope: every entry it points at must be visible to the user,
    an account's owner (or a review's seller) must be someone whose data they keep, and our
    side's `by` or an interaction's `seller` someone of their team (`row`: the entry edited).

    References are returned as ids, so a name can never reach an account the user cannot see.
    """
    acting(session, scope)
    kind_ = kind(kind_name)
    out = dict(values)
    # Before any name is looked up: PostgreSQL refuses a NUL even in a query's parameter, so
    # an owner typed as "\x00" was a failed query (a 503), not a field's error.
    for field, value in out.items():
        if isinstance(value, str):
            storable(value, field)
    _bind_names(session, scope, kind_.name, out, row)
    for field, target in kind_.refs:
        ref = out.get(field)
        if ref is None or target == "person" or (isinstance(ref, str) and not ref.strip()):
            continue
        if target == "account":
            out[field] = str(find_visible_account(session, scope, ref).id)
        else:
            row = repository.get(session, target, ref)
            check_visible(session, scope, row, f"{target} with id {ref}")
            out[field] = str(row.id)  # type: ignore[attr-defined]
    owner_field = {"account": "owner", "review": "seller"}.get(kind_.name)
    if owner_field is not None:
        owner = out.get(owner_field)
        if isinstance(owner, str) and not owner.strip():
            owner = out[owner_field] = None
        if owner is not None and kind_.name == "account":
            owner = out[owner_field] = _owner_name(session, str(owner))
        if owner is None and creating:
            out[owner_field] = scope.seller
        elif owner is None and owner_field in out and scope.sellers is not None:
            # Cleared by a seller or manager, the entry would drop out of their own sight.
            raise FieldError(owner_field, f"give it to {_whose(scope)}, it cannot be left empty")
        elif owner is not None and not scope.sees(str(owner)):
            raise FieldError(owner_field, f"you can only keep entries for {_whose(scope)}")
    return out


def _bind_names(
    session: Session,
    scope: Scope,
    kind_name: str,
    values: dict[str, Any],
    row: tables.Base | None,
) -> None:
    """Our side's `by` and an interaction's `seller` name a user of the caller's team; they
    become that user's username, so the ledger links exactly them. Anyone else, existing or
    not, is refused with the same words: a refusal tells nothing about other users."""
    if kind_name == "commitment":
        side = values.get("side") or getattr(row, "side", None)
        if side == "client":
            return  # theirs: a person of the account
        if "by" not in values:
            if "side" not in values or not isinstance(row, tables.Commitment):
                return  # `by` stays as it is; the ledger checks who may change the row
            values["by"] = _username_of(session, row.by_user_id) or row.by  # turned ours
        elif side is None:
            return  # an edit of a row we were not given: the ledger checks the link
        field = "by"
    elif kind_name == "interaction":
        field = "seller"
    else:
        return
    name = values.get(field)
    if not isinstance(name, str) or not name.strip():
        return
    found = [u for u in identities.users_named(session, name) if scope.covers(u.id)]
    if len(found) > 1:
        names = ", ".join(u.username for u in found[:5])
        raise FieldError(field, f"{name!r} could be any of {names}; give the username")
    if not found:
        raise FieldError(field, f"{name!r} is not {_who(scope)}: give a username")
    values[field] = found[0].username


def _owner_name(session: Session, name: str) -> str:
    """An account's owner as a user's ledger name (given as it or as their username), which is
    what a seller's sight compares; a name no user has is refused, since nobody would see it."""
    found = identities.users_named(session, name)
    if found:
        return found[0].seller
    if session.scalar(select(tables.User.id).limit(1)) is None:
        return name  # no users at all: the ledger is kept from the command line alone
    raise FieldError("owner", f"{name!r} is not a user: give their username or ledger name")


def _username_of(session: Session, user_id: int | None) -> str | None:
    user = session.get(tables.User, user_id) if user_id is not None else None
    return user.username if user is not None else None


def _who(scope: Scope) -> str:
    return "you" if scope.role == "seller" else "you or someone on your team"


def find_visible_account(session: Session, scope: Scope, ref: int | str) -> tables.Account:
    """An account by id or name among those the scope may see (others are "not found")."""
    acting(session, scope)
    text = str(ref).strip()
    visible = visible_account_ids(session, scope)
    if visible is None:
        return repository.find_account(session, text)
    query = select(tables.Account).where(tables.Account.id.in_(visible))
    if repository.is_id_text(text) and int(text) <= repository.MAX_ID:
        found = session.scalars(query.where(tables.Account.id == int(text))).first()
        if found is not None:
            return found
    candidates = list(session.scalars(query))
    exact = [a for a in candidates if a.name.lower() == text.lower()]
    own = fold_name(scope.seller)
    mine = [a for a in exact if a.owner is not None and fold_name(a.owner) == own]
    if len(exact) > 1 and len(mine) == 1:
        return mine[0]  # a manager's own account before a team member's of the same name
    starts = exact or [a for a in candidates if a.name.lower().startswith(text.lower())]
    if len(starts) == 1:
        return starts[0]
    if exact:  # names are unique per owner: the team members' own, all visible to the caller
        raise ConflictError(
            f"account {text!r} is ambiguous: {repository.describe_accounts(exact)}; give the id"
        )
    if starts:
        names = ", ".join(repr(a.name) for a in starts[:5])
        raise ConflictError(f"account {text!r} is ambiguous: {names}; give more of the name")
    raise NotFoundError(f"no account {text!r}")


def _whose(scope: Scope) -> str:
    return "yourself" if scope.role == "seller" else "your team"
