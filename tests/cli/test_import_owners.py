"""`trustworks import ... --owner/--owners/--unmatched-owners`: owners that match no user are
listed and nothing is written unless the user accepts that they are owned by nobody."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.ledger import tables, users
from trustworks.ledger.database import open_ledger
from trustworks.ledger.users import add_user

runner = CliRunner()
EXPORT = (
    "Account ID,Account Name,Account Owner\n001A,Acme,Dana W.\n001B,Globex,ryan\n001C,Initech,\n"
)

# Each test's ledger comes migrated (tests/conftest.py, `migrated`): none is about creating one.
pytestmark = pytest.mark.usefixtures("migrated")


@pytest.fixture
def db(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    ledger = open_ledger(db_url)
    with ledger.session() as s:
        add_user(s, "dana", "a long enough password", "seller", seller="Dana Whitfield")
        add_user(s, "ryan", "a long enough password", "seller", seller="Ryan Cole")
    ledger.close()
    return db_url


def _owners(db: str) -> dict[str, str | None]:
    ledger = open_ledger(db)
    try:
        with ledger.session() as s:
            return {a.name: a.owner for a in s.scalars(select(tables.Account))}
    finally:
        ledger.close()


def _run(db: str, tmp_path: Path, *extra: str) -> tuple[int, str]:
    path = tmp_path / "accounts.csv"
    path.write_text(EXPORT, encoding="utf-8")
    args = ["import", "accounts", str(path), "-m", "salesforce", "--db", db, *extra]
    result = runner.invoke(app, args)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_import_owners_unmatched_are_listed_and_nothing_written(db: str, tmp_path: Path) -> None:
    code, output = _run(db, tmp_path)
    assert code == 2
    assert "error: 1 problem, nothing imported" in output
    assert "accounts.csv:2: owner: 'Dana W.' matches no user" in output
    assert _owners(db) == {}


def test_import_owners_nobody_imports_them_and_says_so(db: str, tmp_path: Path) -> None:
    code, output = _run(db, tmp_path, "--unmatched-owners", "nobody")
    assert code == 0, output
    assert "accounts.csv:2: owner 'Dana W.' matches no user: owned by nobody" in output
    assert "owner 'ryan' is Ryan Cole (1 row)" in output
    assert "2 accounts without an owner" in output and "Initech (line 4)" in output
    assert _owners(db) == {"Acme": None, "Globex": "Ryan Cole", "Initech": None}


def test_import_owners_table_and_default(db: str, tmp_path: Path) -> None:
    table = tmp_path / "owners.csv"
    table.write_text("crm owner,trustworks user\nDana W.,dana\n", encoding="utf-8")
    code, output = _run(db, tmp_path, "--owners", str(table), "--owner", "Ryan Cole")
    assert code == 0, output
    assert "without an owner" not in output
    assert _owners(db) == {"Acme": "Dana Whitfield", "Globex": "Ryan Cole", "Initech": "Ryan Cole"}


def test_import_owners_bad_table_or_default_is_one_line(db: str, tmp_path: Path) -> None:
    table = tmp_path / "owners.csv"
    table.write_text("owner,user\nDana W.,dana,extra\n", encoding="utf-8")
    code, output = _run(db, tmp_path, "--owners", str(table))
    assert code == 2 and "owners.csv: line 2: expected 2 values" in output
    code, output = _run(db, tmp_path, "--owner", "Nobody Atall", "--unmatched-owners", "nobody")
    assert code == 2 and "owner: 'Nobody Atall' is not a user's name" in output
    assert _owners(db) == {}
