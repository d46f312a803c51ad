"""`trustworks search TEXT`: the library's answers as a list or JSON; bad queries in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.databases import migrated_sqlite_url
from trustworks.cli import app
from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger
from trustworks.ledger.tables import Interaction
from trustworks.ledger.users import add_user

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = migrated_sqlite_url(tmp_path / "cli.sqlite3")
    ledger = open_ledger(url)
    with ledger.session() as s:
        add_user(s, "ryan", "a long enough password", "seller", seller="Ryan Cole")
        north = repository.add(s, "account", {"name": "Northwind", "owner": "Dana Whitfield"})
        call = repository.add(
            s,
            "interaction",
            {"account": str(north.id), "occurred_on": "2026-11-09", "purpose": "discovery"},  # type: ignore[attr-defined]
        )
        assert isinstance(call, Interaction)
        call.transcript = "Marcus: Can you send the proposal by Friday?"
    ledger.close()
    return url


def test_search_lists_what_matches_with_the_words_around(db: str) -> None:
    result = runner.invoke(app, ["search", '"send the proposal"', "--db", db])
    assert result.exit_code == 0, result.output
    assert "Call 1: Discovery call with Northwind" in result.output
    assert "Marcus: Can you send the proposal by Friday?" in result.output


def test_search_json_and_a_user_scope(db: str) -> None:
    result = runner.invoke(app, ["search", "northwind", "--json", "--db", db])
    found = json.loads(result.output)
    assert [(h["kind"], h["title"]) for h in found["hits"]] == [("account", "Northwind")]
    result = runner.invoke(app, ["search", "northwind", "--user", "ryan", "--json", "--db", db])
    assert json.loads(result.output)["hits"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (['"send the'], "error: q: a quotation mark is not closed"),
        (["x", "--kind", "deal"], "error: kind: 'deal' is not one of"),
        (["x", "--user", "nobody"], "error: no user 'nobody'"),
    ],
)
def test_search_says_what_is_wrong_in_one_line(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["search", *args, "--db", db])
    assert result.exit_code == 2
    assert result.output.strip().startswith(message)
    assert "Traceback" not in result.output
