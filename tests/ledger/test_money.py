"""Amounts are exact on both databases: stored, read, exported, restored and migrated."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from trustworks.errors import FieldError
from trustworks.ledger import database, tables
from trustworks.ledger import repository as repo
from trustworks.ledger.attributions import attribute, attributions
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.export import backup, restore, write_json
from trustworks.ledger.money import parse_amount_text, to_amount
from trustworks.ledger.programmes import add_programme, enrol
from trustworks.report.plain import plain

LONG = Decimal("12345678901234567.00")  # a float makes it 12345678901234568


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (12345678901234567, LONG),
        ("12345678901234567", LONG),
        ("12345678901234567.99", Decimal("12345678901234567.99")),
        ("92233720368547758.07", Decimal("92233720368547758.07")),  # the largest
        ("0.10", Decimal("0.10")),
        (0.1, Decimal("0.10")),
        ("$1,250.50", Decimal("1250.50")),
        ("USD 48000", Decimal("48000.00")),
        ("19.990", Decimal("19.99")),
    ],
)
def test_deal_amounts_come_back_exactly(ledger: Ledger, given: object, stored: Decimal) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        ident = repo.add(s, "deal", {"account": "Acme", "name": "Big", "amount": given}).id  # type: ignore[attr-defined]
    with ledger.session() as s:
        deal = s.get(tables.Deal, ident)
        assert deal is not None
        assert isinstance(deal.amount, Decimal)
        assert deal.amount == stored
        assert str(deal.amount) == str(stored)


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("0.125", "no more than 2 decimal places"),
        ("92233720368547758.08", "less than or equal to Decimal('92233720368547758.07')"),
        ("-1", "greater than or equal to 0"),
        ("NaN", "finite number"),
        ("12,00", "valid decimal"),
        ("lots", "valid decimal"),
    ],
)
def test_deal_amounts_that_cannot_be_kept_exactly_are_refused(
    ledger: Ledger, given: str, problem: str
) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
    with pytest.raises(FieldError, match="amount") as info, ledger.session() as s:
        repo.add(s, "deal", {"account": "Acme", "name": "Big", "amount": given})
    assert problem in str(info.value)


def test_transactions_keep_negative_amounts_and_compare_in_sql(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        for amount in ("-12345678901234567.25", "0", "0.01"):
            repo.add(
                s,
                "transaction",
                {"account": "Acme", "amount": amount, "client_outcome": "loss"},
            )
    with ledger.session() as s:
        amounts = [t.amount for t in repo.rows(s, "transaction")]
        positive = s.scalars(
            tables.Transaction.__table__.select()
            .with_only_columns(tables.Transaction.amount)
            .where(tables.Transaction.amount > 0)
        ).all()
    assert amounts == [Decimal("-12345678901234567.25"), Decimal("0.00"), Decimal("0.01")]
    assert positive == [Decimal("0.01")]


def test_backup_writes_amounts_as_text_and_restores_them_exactly(
    ledger: Ledger, tmp_path: Path
) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        repo.add(s, "deal", {"account": "Acme", "name": "Big", "amount": "12345678901234567"})
        repo.add(s, "transaction", {"account": "Acme", "amount": "-0.05", "client_outcome": "gain"})
    out = io.StringIO()
    write_json(ledger, out)
    doc = json.loads(out.getvalue())
    assert doc["tables"]["deals"][0]["amount"] == "12345678901234567.00"
    assert doc["tables"]["transactions"][0]["amount"] == "-0.05"
    path = tmp_path / "b.json"
    backup(ledger, path)
    restore(ledger, path, replace=True)
    with ledger.session() as s:
        assert [d.amount for d in repo.rows(s, "deal")] == [LONG]
        assert [t.amount for t in repo.rows(s, "transaction")] == [Decimal("-0.05")]


def test_restore_reads_amounts_an_older_backup_wrote_as_numbers(
    ledger: Ledger, tmp_path: Path
) -> None:
    rows = {
        "accounts": [{"id": 1, "name": "Acme"}],
        "deals": [
            {"id": 1, "account_id": 1, "name": "A", "stage": "prospect", "amount": 1234.5},
            {"id": 2, "account_id": 1, "name": "B", "stage": "prospect", "amount": 19.99},
            {"id": 3, "account_id": 1, "name": "C", "stage": "prospect", "amount": 7},
        ],
    }
    doc = {"format": "trustworks-ledger", "schema_revision": "0006", "tables": rows}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    restore(ledger, path)
    with ledger.session() as s:
        amounts = [str(d.amount) for d in repo.rows(s, "deal")]
    assert amounts == ["1234.50", "19.99", "7.00"]


def test_attributions_keep_amounts_and_credit_to_the_cent(ledger: Ledger) -> None:
    with ledger.session() as s:
        programme = add_programme(s, "Trusted Advisor", dt.date(2026, 3, 31), lessons=["Listen"])
        enrol(s, programme.id, "Dana Whitfield", on=dt.date(2026, 3, 1))
        attribute(
            s,
            programme.id,
            "Dana Whitfield",
            client="Acme",
            amount="12345678901234567.10",
            sold_on=dt.date(2026, 4, 2),
            share="10",
            reason="asked before pitching",
            today=dt.date(2026, 5, 1),
        )
    with ledger.session() as s:
        [record] = attributions(s, programme.id)
    assert record.amount == Decimal("12345678901234567.10")
    assert record.attributed == Decimal("1234567890123456.71")
    assert plain({"amount": record.amount}) == {"amount": "12345678901234567.10"}


@pytest.mark.parametrize(
    ("floats", "expected"),
    [
        ((1234.5, 0.1, 19.99, None), ("1234.50", "0.10", "19.99", None)),
        ((1e15, 2.675, -3.0, 0.0), ("1000000000000000.00", "2.68", "-3.00", "0.00")),
        ((2.665, -2.665, None, 0.005), ("2.67", "-2.67", None, "0.01")),  # as round() does
    ],
)
def test_migration_converts_float_amounts_to_exact_ones(
    db_url: str, floats: tuple[float | None, ...], expected: tuple[str | None, ...]
) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        cfg = database._config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO accounts (id, name) VALUES (1, 'Acme')"))
        for n, amount in enumerate(floats, 1):
            conn.execute(
                text(
                    "INSERT INTO deals (id, account_id, name, stage, amount) "
                    "VALUES (:id, 1, :name, 'prospect', :amount)"
                ),
                {"id": n, "name": f"Deal {n}", "amount": amount},
            )
            if amount is not None:
                conn.execute(
                    text(
                        "INSERT INTO transactions (id, account_id, occurred_on, amount, "
                        "client_outcome) VALUES (:id, 1, '2026-01-01', :amount, 'gain')"
                    ),
                    {"id": n, "amount": amount},
                )
    engine.dispose()
    ledger = open_ledger(db_url)  # upgrades to the newest revision
    try:
        with ledger.session() as s:
            deals = [None if d.amount is None else str(d.amount) for d in repo.rows(s, "deal")]
            moved = [str(t.amount) for t in repo.rows(s, "transaction")]
    finally:
        ledger.close()
    assert tuple(deals) == expected
    assert moved == [e for e in expected if e is not None]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12345678901234567", Decimal("12345678901234567")),
        ("1,250.75", Decimal("1250.75")),
        ("€99", Decimal("99")),
        ("12,00", "12,00"),
        ("lots", "lots"),
    ],
)
def test_parse_amount_text_keeps_every_digit(raw: str, expected: object) -> None:
    assert parse_amount_text(raw) == expected


@pytest.mark.parametrize("bad", [True, None, "1e400", "0.001", float("inf"), [1]])
def test_to_amount_refuses_what_is_not_an_exact_amount(bad: object) -> None:
    with pytest.raises(ValueError):
        to_amount(bad)
