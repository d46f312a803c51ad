"""Linking a CRM export's owner column to the ledger's users, before an import writes anything.

A seller sees an account only when its owner is their ledger name (access.Scope.sees), so an
owner written as the CRM writes it ("dana@x.com", "Dana W.") would leave the account to
nobody. Each owner text is linked to one user, in this order:

1. the owners table (`--owners FILE`, a CSV of `owner,user` rows; an empty user means "owned
   by nobody, on purpose"),
2. a user's ledger name (case and spacing aside),
3. a username,
4. the e-mail address a user gave for their notifications (only when one user gave it).

The linked user's ledger name is what the ledger stores. A row without an owner takes the
default (`--owner`). Texts that link to no user are listed; the import writes nothing unless
the caller accepts that those rows are owned by nobody (`unmatched="nobody"`).

A ledger without any users (the CLI used alone) keeps owners as written: nobody signs in to
see them, and a user added later with that ledger name sees them then.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import FieldError, FormatError, InputError, NotAllowedError, NotFoundError
from trustworks.ingest.decode import decode_text
from trustworks.ingest.read import read_source
from trustworks.ledger import identities, repository, tables
from trustworks.ledger.access import Scope, acting

__all__ = [
    "UNMATCHED_CHOICES",
    "OwnerLinks",
    "Owners",
    "give_account",
    "link_owners",
    "read_owners_table",
    "unowned_accounts",
]

UNMATCHED_CHOICES: tuple[str, ...] = ("refuse", "nobody")
MAX_OWNERS_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Owners:
    """What the caller said about owners: a table of export text -> user, a default for rows
    without an owner, and what to do with owners that link to nobody ("refuse" or "nobody")."""

    table: dict[str, str] = field(default_factory=dict)  # folded export text -> user or ""
    table_source: str = "owners table"
    table_lines: dict[str, int] = field(default_factory=dict)  # folded text -> line
    default: str | None = None
    unmatched: str = "refuse"

    def __post_init__(self) -> None:
        if self.unmatched not in UNMATCHED_CHOICES:
            raise FieldError(
                "unmatched_owners",
                f"{self.unmatched!r} is not one of {', '.join(UNMATCHED_CHOICES)}",
            )


def read_owners_table(path: str | Path) -> tuple[dict[str, str], dict[str, int], str]:
    """Read an owners CSV: a header, then `export owner text, user` rows (user: a username,
    ledger name or e-mail username; empty for nobody). Returns (table, lines, source)."""
    data, source = read_source(path, MAX_OWNERS_BYTES)
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise InputError(source, "empty file: expected a header (owner,user), then rows")
    text = decode_text(data, source, "utf-8").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    table: dict[str, str] = {}
    lines: dict[str, int] = {}
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FormatError(source, f"not valid CSV: {exc}") from None
    if not rows:
        raise InputError(source, "empty file: expected a header (owner,user), then rows")
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            raise FormatError(
                source, f"line {number}: expected 2 values (owner,user), found {len(row)}"
            )
        key, user = fold_name(row[0]), " ".join(row[1].split())
        if not key:
            raise FormatError(source, f"line {number}: the owner text is empty")
        if table.get(key, user) != user:
            raise FormatError(
                source, f"line {number}: {row[0].strip()!r} is given twice, differently"
            )
        table[key] = user
        lines.setdefault(key, number)
    return table, lines, source


@dataclass
class _Users:
    """The active users by folded ledger name, username and notification e-mail address."""

    by_name: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_username: dict[str, str] = field(default_factory=dict)
    by_email: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    any: bool = False

    @classmethod
    def load(cls, session: Session) -> _Users:
        found = cls()
        rows = session.execute(
            select(
                tables.User.username,
                tables.User.seller,
                tables.User.active,
                tables.NotificationSettings.email,
            ).outerjoin(
                tables.NotificationSettings,
                tables.NotificationSettings.user_id == tables.User.id,
            )
        ).all()
        found.any = bool(rows)
        for username, seller, active, email in rows:
            if not active:
                continue  # a user who cannot sign in would leave the account to nobody
            found.by_name[fold_name(seller)].add(seller)
            found.by_username[fold_name(username)] = seller
            if email:
                found.by_email[fold_name(email)].add(seller)
        return found

    def find(self, text: str) -> str | None:
        """The ledger name `text` means: a user's ledger name, else a username, else the
        e-mail address exactly one user gave for notifications; else None."""
        folded = fold_name(text)
        names = self.by_name.get(folded)
        if names:
            return min(names)  # several spellings of one folded name: access compares folded
        if folded in self.by_username:
            return self.by_username[folded]
        sellers = self.by_email.get(folded, set())
        return next(iter(sellers)) if len(sellers) == 1 else None


@dataclass
class OwnerLinks:
    """How one import's owner texts link: text -> ledger name (None: nobody), and the rows
    whose owner linked to no user, as (line, owner text)."""

    linked: dict[str, str | None]
    default: str | None
    unmatched: list[tuple[int, str]]
    keep_as_written: bool  # the ledger has no users: owners are stored as the export has them

    def owner_for(self, text: str | None) -> str | None:
        """The owner to store for a row's owner text (None: leave it unset)."""
        if text is None or not text.strip():
            return self.default
        if self.keep_as_written:
            return text
        return self.linked.get(fold_name(text))

    def renamed(self, texts: Iterable[str]) -> list[tuple[str, str, int]]:
        """(owner text, ledger name, rows) for each text stored as a user's name it did not
        already spell exactly, so the user can check each link the import made."""
        counts: dict[str, int] = {}
        for text in texts:
            counts[text] = counts.get(text, 0) + 1
        found = []
        for text, rows in counts.items():
            name = None if self.keep_as_written else self.linked.get(fold_name(text))
            if name is not None and name != text:
                found.append((text, name, rows))
        return sorted(found)

    def problems(self, what: str) -> list[tuple[int | None, str]]:
        """The unmatched rows as import problems, with what would let them through."""
        return [
            (
                line,
                f"{what}: {_shown(text)} matches no user (by ledger name, username or e-mail); "
                "link it in --owners FILE, or import such rows owned by nobody with "
                "--unmatched-owners nobody",
            )
            for line, text in self.unmatched
        ]


def link_owners(session: Session, owners: Owners, texts: Iterable[tuple[int, str]]) -> OwnerLinks:
    """Link every (line, owner text) to a user's ledger name; nothing is written.

    The owners table and the default must name users (FormatError / FieldError otherwise),
    so a typo there is caught before any row is read as "nobody's".
    """
    users = _Users.load(session)
    keep = not users.any
    table: dict[str, str | None] = {}
    for key, target in owners.table.items():
        if not target:
            table[key] = None
            continue
        found = users.find(target)
        if found is None and not keep:
            line = owners.table_lines.get(key)
            where = f"line {line}: " if line else ""
            raise FormatError(owners.table_source, f"{where}{target!r} is not a user's name")
        table[key] = found if found is not None else target
    default: str | None = None
    if owners.default is not None and owners.default.strip():
        default = users.find(owners.default) if not keep else " ".join(owners.default.split())
        if default is None:
            raise FieldError("owner", f"{owners.default!r} is not a user's name or username")
    linked: dict[str, str | None] = {}
    unmatched: list[tuple[int, str]] = []
    for line, text in texts:
        folded = fold_name(text)
        if not folded:
            continue
        if folded not in linked:
            if folded in table:
                linked[folded] = table[folded]
            else:
                linked[folded] = users.find(text)
        if linked[folded] is None and folded not in table and not keep:
            unmatched.append((line, text))
    return OwnerLinks(linked, default, unmatched, keep)


def _shown(value: str) -> str:
    return repr(value if len(value) <= 60 else value[:60] + "...")


# Giving an unowned account an owner ------------------------------------------------------------


def unowned_accounts(session: Session, scope: Scope) -> list[tables.Account]:
    """Accounts nobody owns (an import's, say), which no seller sees: for a manager or an admin
    to give to someone."""
    if scope.role not in ("manager", "admin"):
        raise NotAllowedError("only a manager or an admin gives accounts their owners")
    names = _ledger_names(session)
    # An owner text that is no user's ledger name (kept as an export wrote it, or a ledger
    # name since changed) is as much nobody's: no seller sees it. SQL narrows, Python folds.
    query = select(tables.Account).where(
        tables.Account.owner.is_(None)
        | (tables.Account.owner == "")
        | func.lower(tables.Account.owner).not_in(select(func.lower(tables.User.seller)))
    )
    found = session.scalars(query.order_by(tables.Account.name, tables.Account.id))
    return [a for a in found if not _owned(a.owner, names)]


def _ledger_names(session: Session) -> frozenset[str]:
    return frozenset(fold_name(name) for name in session.scalars(select(tables.User.seller)))


def _owned(owner: str | None, names: frozenset[str]) -> bool:
    """Whether `owner` is some user's ledger name, so that somebody sees the account."""
    return bool(owner) and fold_name(str(owner)) in names


def give_account(session: Session, scope: Scope, account_id: int, user: str) -> tables.Account:
    """Give an account to a user (their username or ledger name): a manager gives an unowned
    account, or one of their team's, to someone of their team; an admin any to anyone."""
    if scope.role not in ("manager", "admin"):
        raise NotAllowedError("only a manager or an admin gives accounts their owners")
    acting(session, scope)
    found = session.get(tables.Account, account_id) if 0 < account_id < 2**31 else None
    if found is None or (
        _owned(found.owner, _ledger_names(session)) and not scope.sees(str(found.owner))
    ):
        raise NotFoundError(f"no account with id {account_id}")
    who = identities.user_named(session, user, "owner")
    if who is None or not who.active or not scope.covers(who.id):
        whom = "a user" if scope.role == "admin" else "you or someone on your team"
        raise FieldError("owner", f"{user.strip()!r} is not {whom}")
    repository.edit(session, "account", found.id, {"owner": who.seller})
    return found
