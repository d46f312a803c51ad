"""`trustworks pipeline` and `trustworks pipeline move`: the table, JSON, and plain refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from tests.cli.test_hostile import HOSTILE
from tests.databases import migrated_sqlite_url
from trustworks.cli import app
from trustworks.ledger import repository as repo
from trustworks.ledger import tables as t
from trustworks.ledger.database import open_ledger

# Each test's ledger comes migrated (tests/conftest.py, `migrated`): none is about creating one.
pytestmark = pytest.mark.usefixtures("migrated")

runner = CliRunner()
WIDE = {"COLUMNS": "220"}  # so Rich does not wrap the lines the tests look for


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Dana's deal at proposal with no discovery (flagged), Sam's at discovery with a call."""
    url = migrated_sqlite_url(tmp_path / "ledger.sqlite3")
    ledger = open_ledger(url)
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme", "owner": "Dana"})
        repo.add(s, "account", {"name": "Beta", "owner": "Sam"})
        repo.add(
            s,
            "deal",
            {
                "account": "Acme",
                "name": "Pilot",
                "stage": "proposal",
                "amount": "1200.50",
                "currency": "EUR",
                "stage_on": "2026-06-01",
            },
        )
        repo.add(
            s,
            "interaction",
            {"account": "Beta", "occurred_on": "2026-06-02", "purpose": "discovery"},
        )
        repo.add(s, "deal", {"account": "Beta", "name": "Rollout", "stage": "discovery"})
    ledger.close()
    return url


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    return result.exit_code, result.output


def test_pipeline_table_shows_deals_value_age_evidence_and_flags(db: str) -> None:
    code, out = run("pipeline", "--date", "2026-06-11", "--db", db)
    assert code == 0, out
    assert "2 deals on 2026-06-11" in out
    pilot = next(line for line in out.splitlines() if "Pilot" in line)
    assert "1,200.50 EUR" in pilot and "10" in pilot and "stage_without_evidence" in pilot
    assert "nothing recorded" in pilot
    assert "discovery: discovery call on 2026-06-02" in out
    assert "By stage: discovery 1; proposal 1 (1,200.50 EUR)" in out


def test_pipeline_json_and_filters(db: str) -> None:
    code, out = run("pipeline", "--json", "--seller", "dana", "--db", db)
    assert code == 0, out
    body = json.loads(out)
    deals = [d for c in body["columns"] for d in c["deals"]]
    assert [d["name"] for d in deals] == ["Pilot"]
    assert deals[0]["amount"] == "1200.50"
    assert deals[0]["flags"][0]["rule"] == "stage_without_evidence"
    code, out = run("pipeline", "--json", "--stage", "discovery", "--db", db)
    assert [c["stage"] for c in json.loads(out)["columns"]] == ["discovery"]


def test_pipeline_move_records_the_stage_and_its_evidence(db: str) -> None:
    code, out = run("pipeline", "move", "1", "negotiation", "--note", "terms asked", "--db", db)
    assert code == 0, out
    assert "deal 1: proposal -> negotiation" in out
    assert "by command line" in out
    ledger = open_ledger(db)
    with ledger.session() as s:
        deal = s.get(t.Deal, 1)
        assert deal is not None and deal.stage == "negotiation"
        (evidence,) = s.query(t.Evidence).all()
        assert (evidence.stage, evidence.note) == ("negotiation", "terms asked")
    ledger.close()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("pipeline", "--stage", "closing"), "'closing' is not a stage"),
        (("pipeline", "--date", "soon"), "--date: 'soon' is not a date"),
        (("pipeline", "--closed-days", "-1"), "--closed-days: must be 0 or more"),
        (("pipeline", "move", "1", "won"), "rests on"),
        (("pipeline", "move", "9", "won", "--note", "x"), "no deal with id 9"),
        (("pipeline", "move", "x", "won", "--note", "x"), "whole numbers"),
        (
            ("pipeline", "move", "1", "won", "--interaction", "1", "--note", "x"),
            "not on the account",
        ),
        (("pipeline", "move", "1", "won", "--note", "x", "--on", "3000-01-01"), "after today"),
    ],
)
def test_pipeline_bad_input_is_one_line_and_exit_2(
    db: str, args: tuple[str, ...], words: str
) -> None:
    code, out = run(*args, "--db", db)
    assert code == 2, out
    assert words in out
    assert "Traceback" not in out


PIPELINE_COMMANDS = [
    ["pipeline", "--seller", "{v}", "--stage", "{v}"],
    ["pipeline", "--date", "{v}", "--json"],
    ["pipeline", "move", "{v}", "won", "--note", "x"],
    ["pipeline", "move", "1", "{v}", "--note", "{v}"],
    ["pipeline", "move", "1", "lost", "--interaction", "{v}", "--on", "{v}"],
]


@pytest.mark.parametrize("command", PIPELINE_COMMANDS, ids=lambda c: " ".join(c[:3]))
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=HOSTILE)
def test_pipeline_takes_hostile_values_without_a_traceback(
    db_url: str, command: list[str], value: str
) -> None:
    # A deal first, so moves reach the ledger's own checks too (SQLite and PostgreSQL).
    runner.invoke(app, ["ledger", "add", "account", "name=Acme", "--db", db_url])
    runner.invoke(app, ["ledger", "add", "deal", "account=Acme", "name=Pilot", "--db", db_url])
    args = [part.replace("{v}", value) for part in command] + ["--db", db_url]
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args!r} raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
