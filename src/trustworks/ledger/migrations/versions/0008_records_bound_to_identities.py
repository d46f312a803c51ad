"""records bound to identities

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 00:20:00.000000

Commitments and interactions named people by free text, so anyone could write a promise "by"
another seller into their reliability, and a saved call took the signed-in user for the
transcript's seller. They now point at who they mean:

- `commitments.by_user_id` (our side: a user) and `commitments.by_person_id` (their side: a
  person of the account). Existing rows are carried over: an our-side `by` that names exactly
  one user (username, or the name they go by in the ledger, case and spacing aside) is linked
  to that user when that user could have written it under the access rule (the account's
  owner, the owner's manager, or an admin). Any other `by` (nobody's name, several users',
  or a user's name typed on an account not theirs, which is how another seller's record was
  forged) is left unlinked, keeping its text, and is reported under that name, flagged "not
  a user", on the accounts it is on only. A client-side `by` is linked to the person of that
  account with that name, who is added to the account when there is none.
- `interactions.seller_user_id` (whose call it is, under the same rule as `by`) and
  `interactions.seller_speakers` (who spoke as the seller in the transcript, a JSON list),
  taken from the stored analysis where there is one.
- `audit_trail`: every later change to a commitment or interaction (who, when, field, before,
  after).
- Account names are unique per owner (`uq_accounts_owner_name`, case aside) instead of across
  the ledger. Two accounts of one owner whose names differ only in case stop the upgrade with
  their ids, to be renamed first; nothing is written then.

On SQLite the tables are copied with foreign keys off, so that dropping the old copies
cascades nowhere (see migrations/sqlite.py).
"""

import json
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import sqlalchemy as sa
from alembic import op

from trustworks.errors import DatabaseError
from trustworks.ledger.migrations.sqlite import check_references, foreign_keys_off

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_COLUMNS = (
    ("interactions", "seller_user_id", "users"),
    ("commitments", "by_user_id", "users"),
    ("commitments", "by_person_id", "people"),
)
_ACCOUNT_COLUMNS = "id, name, owner, industry, website, notes, external_id, created_at"


def upgrade() -> None:
    """Link commitments and interactions to users and people; scope account names per owner."""
    bind = op.get_bind()
    _check_account_names(bind)
    foreign_keys_off(bind)  # copying a table must not cascade (see migrations/sqlite.py)
    for table, column, target in _NEW_COLUMNS:
        _add_reference(table, column, target)
    op.add_column("interactions", sa.Column("seller_speakers", sa.Text(), nullable=True))
    op.create_table(
        "audit_trail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_audit_trail_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_trail")),
    )
    op.create_index(op.f("ix_audit_trail_at"), "audit_trail", ["at"])
    op.create_index(op.f("ix_audit_trail_user_id"), "audit_trail", ["user_id"])
    op.create_index(op.f("ix_audit_trail_account_id"), "audit_trail", ["account_id"])
    op.create_index("ix_audit_trail_record", "audit_trail", ["kind", "record_id"])
    _rebuild_accounts(bind, unique_name=False)
    _link_records(bind)


def downgrade() -> None:
    """Back to free-text names and ledger-wide account names (the audit trail is dropped)."""
    bind = op.get_bind()
    clash = bind.execute(
        sa.text(
            "SELECT lower(name), min(id), max(id) FROM accounts GROUP BY lower(name) "
            "HAVING count(*) > 1"
        )
    ).first()
    if clash is not None:
        raise DatabaseError(
            f"accounts {clash[1]} and {clash[2]} are both called {clash[0]!r}; rename one "
            "before going back to a version that keeps account names unique across the ledger"
        )
    foreign_keys_off(bind)
    _rebuild_accounts(bind, unique_name=True)
    op.drop_table("audit_trail")
    op.drop_column("interactions", "seller_speakers")
    for table, column, target in reversed(_NEW_COLUMNS):
        with _quiet(), op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_{column}")
            batch.drop_constraint(f"fk_{table}_{column}_{target}", type_="foreignkey")
            batch.drop_column(column)


def _add_reference(table: str, column: str, target: str) -> None:
    # On SQLite the table is copied (with foreign keys off by then, so nothing cascades).
    with _quiet(), op.batch_alter_table(table) as batch:
        batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
        batch.create_foreign_key(
            f"fk_{table}_{column}_{target}", target, [column], ["id"], ondelete="SET NULL"
        )
        batch.create_index(f"ix_{table}_{column}", [column])


@contextmanager
def _quiet() -> Iterator[None]:
    # Copying a table reflects the tables it points at; SQLAlchemy warns that it skips their
    # expression indexes (lower(name)), which the copy never touches.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        yield


def _check_account_names(bind: sa.Connection) -> None:
    clash = bind.execute(
        sa.text(
            "SELECT lower(coalesce(owner, '')), lower(name), min(id), max(id) FROM accounts "
            "GROUP BY lower(coalesce(owner, '')), lower(name) HAVING count(*) > 1"
        )
    ).first()
    if clash is not None:
        owner = repr(clash[0]) if clash[0] else "nobody"
        raise DatabaseError(
            f"accounts {clash[2]} and {clash[3]} of {owner} are both called {clash[1]!r} "
            "(case aside); rename one, then open the ledger again"
        )


def _rebuild_accounts(bind: sa.Connection, *, unique_name: bool) -> None:
    """The accounts table with or without the ledger-wide unique name."""
    if bind.dialect.name == "postgresql":
        if unique_name:
            op.drop_index("uq_accounts_owner_name", table_name="accounts")
            op.create_unique_constraint("uq_accounts_name", "accounts", ["name"])
        else:
            op.drop_constraint("uq_accounts_name", "accounts", type_="unique")
            _owner_name_index()
        return
    unique = ",\n CONSTRAINT uq_accounts_name UNIQUE (name)" if unique_name else ""
    bind.execute(
        sa.text(
            "CREATE TABLE _accounts_0008 (\n"
            " id INTEGER NOT NULL,\n"
            " name VARCHAR(200) NOT NULL,\n"
            " owner VARCHAR(200),\n"
            " industry VARCHAR(200),\n"
            " website VARCHAR(500),\n"
            " notes TEXT,\n"
            " external_id VARCHAR(200),\n"
            " created_at DATETIME DEFAULT (CURRENT_TIMESTAMP) NOT NULL,\n"
            f" CONSTRAINT pk_accounts PRIMARY KEY (id){unique}\n)"
        )
    )
    bind.execute(
        sa.text(
            f"INSERT INTO _accounts_0008 ({_ACCOUNT_COLUMNS}) "
            f"SELECT {_ACCOUNT_COLUMNS} FROM accounts"
        )
    )
    bind.execute(sa.text("DROP TABLE accounts"))  # its indexes go with it
    bind.execute(sa.text("ALTER TABLE _accounts_0008 RENAME TO accounts"))
    op.create_index("ix_accounts_external_id", "accounts", ["external_id"])
    op.create_index("ix_accounts_owner", "accounts", ["owner"])
    op.create_index("ix_accounts_lower_name", "accounts", [sa.text("lower(name)")])
    if not unique_name:
        _owner_name_index()
    check_references(bind, "rebuilding accounts")


def _owner_name_index() -> None:
    op.create_index(
        "uq_accounts_owner_name",
        "accounts",
        [sa.text("lower(coalesce(owner, ''))"), sa.text("lower(name)")],
        unique=True,
    )


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _link_records(bind: sa.Connection) -> None:
    users = bind.execute(sa.text("SELECT id, username, seller, role, manager_id FROM users")).all()
    by_username: dict[str, int] = {row[1].lower(): row[0] for row in users}
    by_seller: dict[str, list[int]] = {}
    for row in users:
        by_seller.setdefault(_fold(row[2]), []).append(row[0])
    role = {row[0]: row[3] for row in users}
    manager = {row[0]: row[4] for row in users}
    owners: dict[int, str | None] = {
        row[0]: row[1] for row in bind.execute(sa.text("SELECT id, owner FROM accounts"))
    }

    def user_named(name: str | None) -> int | None:
        if not name:
            return None
        if name.strip().lower() in by_username:
            return by_username[name.strip().lower()]
        found = by_seller.get(_fold(name), [])
        return found[0] if len(found) == 1 else None  # several: nobody can say which

    def may_act(user: int, account_id: int) -> bool:
        # Could this user have written it under today's rule: the account's owner, their
        # manager, or an admin? A name typed on someone else's account (the forgery this
        # revision stops) stays unlinked rather than count against the user it names.
        owner_ids = by_seller.get(_fold(owners.get(account_id) or ""), [])
        return (
            role[user] == "admin" or user in owner_ids or any(manager[o] == user for o in owner_ids)
        )

    def bound(name: str | None, account_id: int) -> int | None:
        user = user_named(name)
        return user if user is not None and may_act(user, account_id) else None

    commitments = bind.execute(sa.text("SELECT id, account_id, side, by FROM commitments")).all()
    for ident, account_id, side, by in commitments:
        if side == "us":
            user = bound(by, account_id)
            if user is not None:
                bind.execute(
                    sa.text("UPDATE commitments SET by_user_id = :u WHERE id = :i"),
                    {"u": user, "i": ident},
                )
            continue
        person = bind.execute(
            sa.text(
                "SELECT id FROM people WHERE account_id = :a AND lower(name) = lower(:n) "
                "ORDER BY id"
            ),
            {"a": account_id, "n": by},
        ).scalar()
        if person is None:
            bind.execute(
                sa.text("INSERT INTO people (account_id, name) VALUES (:a, :n)"),
                {"a": account_id, "n": by},
            )
            person = bind.execute(
                sa.text("SELECT id FROM people WHERE account_id = :a AND name = :n"),
                {"a": account_id, "n": by},
            ).scalar()
        bind.execute(
            sa.text("UPDATE commitments SET by_person_id = :p WHERE id = :i"),
            {"p": person, "i": ident},
        )
    interactions = bind.execute(
        sa.text("SELECT id, account_id, seller, analysis_json FROM interactions")
    ).all()
    for ident, account_id, seller, stored in interactions:
        speakers = _speakers(stored)
        bind.execute(
            sa.text(
                "UPDATE interactions SET seller_user_id = :u, seller_speakers = :s WHERE id = :i"
            ),
            {
                "u": bound(seller, account_id),
                "s": json.dumps(speakers) if speakers is not None else None,
                "i": ident,
            },
        )


def _speakers(stored: str | None) -> list[str] | None:
    """The seller speakers an analysis was saved with (None when there is none to read)."""
    if not stored:
        return None
    try:
        sellers = json.loads(stored).get("sellers")
    except (ValueError, AttributeError):
        return None
    if isinstance(sellers, list) and all(isinstance(s, str) for s in sellers):
        return sellers
    return None
