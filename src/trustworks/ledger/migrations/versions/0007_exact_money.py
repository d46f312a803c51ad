"""exact money

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04 22:10:00.000000

Amounts (deals, transactions, attributions) were floats, which round long amounts
(12345678901234567 came back as 1.2345678901234568e16). They become exact: NUMERIC(20, 2) on
PostgreSQL and whole hundredths (an INTEGER) on SQLite, where NUMERIC would still be a float.
An existing amount is taken as the decimal its float prints as, to the cent.
"""

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from alembic import op

from trustworks.errors import DatabaseError
from trustworks.ledger.migrations.sqlite import check_references, foreign_keys_off

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, whether the amount may be empty)
_AMOUNTS = (("deals", True), ("transactions", False), ("attributions", False))
_CENT = Decimal("0.01")
_MAX_CENTS = 2**63 - 1


def upgrade() -> None:
    """Store every amount exactly, converting the floats already there."""
    bind = op.get_bind()
    # Copying deals must not cascade into their stage changes and evidence (see sqlite.py).
    foreign_keys_off(bind)
    for table, nullable in _AMOUNTS:
        if bind.dialect.name == "postgresql":
            op.alter_column(
                table,
                "amount",
                type_=sa.Numeric(20, 2),
                existing_type=sa.Float(),
                existing_nullable=nullable,
                postgresql_using="round(amount::numeric, 2)",
            )
            continue
        # Read first: copying the table into its new form casts each float to a whole number.
        rows = bind.execute(sa.text(f"SELECT id, amount FROM {table} WHERE amount IS NOT NULL"))
        cents = [{"id": ident, "cents": _cents(table, ident, amount)} for ident, amount in rows]
        with _quiet(), op.batch_alter_table(table) as batch:
            batch.alter_column(
                "amount",
                type_=sa.BigInteger(),
                existing_type=sa.Float(),
                existing_nullable=nullable,
            )
        if cents:
            bind.execute(sa.text(f"UPDATE {table} SET amount = :cents WHERE id = :id"), cents)
    check_references(bind, "exact money")


def downgrade() -> None:
    """Back to floats (long amounts lose their last digits again)."""
    bind = op.get_bind()
    foreign_keys_off(bind)
    for table, nullable in _AMOUNTS:
        if bind.dialect.name == "postgresql":
            op.alter_column(
                table,
                "amount",
                type_=sa.Float(),
                existing_type=sa.Numeric(20, 2),
                existing_nullable=nullable,
                postgresql_using="amount::double precision",
            )
            continue
        with _quiet(), op.batch_alter_table(table) as batch:
            batch.alter_column(
                "amount",
                type_=sa.Float(),
                existing_type=sa.BigInteger(),
                existing_nullable=nullable,
            )
        bind.execute(sa.text(f"UPDATE {table} SET amount = amount / 100.0"))


@contextmanager
def _quiet() -> Iterator[None]:
    # Copying a table reflects the tables it points at; SQLAlchemy warns that it skips their
    # expression indexes (lower(name)), which the copy never touches.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        yield


def _cents(table: str, ident: int, amount: float | int) -> int:
    # The float's shortest printed form is what was typed (0.1, not 0.1000000000000000055...);
    # half a cent rounds away from zero, as PostgreSQL's round() does.
    exact = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
    if not exact.is_finite():
        raise DatabaseError(f"{table} {ident}: amount {amount!r} is not a number; fix it first")
    cents = int(exact.quantize(_CENT, rounding=ROUND_HALF_UP).scaleb(2))
    if abs(cents) > _MAX_CENTS:
        raise DatabaseError(
            f"{table} {ident}: amount {exact} is larger than an amount may be; fix it first"
        )
    return cents
