from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.databases import migrated_sqlite_url
from trustworks.cli import app
from trustworks.ledger import repository as repo
from trustworks.ledger.database import open_ledger

runner = CliRunner()
WIDE = {"COLUMNS": "200"}  # so Rich does not wrap the lines the tests look for


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite ledger with one account that has a little of everything."""
    url = migrated_sqlite_url(tmp_path / "ledger.sqlite3")
    ledger = open_ledger(url)
    entries: list[tuple[str, dict[str, Any]]] = [
        ("account", {"name": "Acme Freight", "owner": "Dana"}),
        ("account", {"name": "Beta", "owner": "Sam"}),
        ("goal", {"account": "Acme", "description": "fewer late loads", "noted_on": "2026-06-01"}),
        (
            "screening",
            {
                "account": "Acme",
                "decided_on": "2026-10-01",
                "willing": True,
                "review_on": "2026-11-15",
            },
        ),
        (
            "commitment",
            {
                "account": "Acme",
                "side": "us",
                "by": "Dana",
                "what": "route plan",
                "due": "2026-11-25",
            },
        ),
        (
            "risk",
            {
                "account": "Acme",
                "taken_by": "client",
                "kind": "shared_cost_data",
                "taken_on": "2026-10-10",
            },
        ),
        ("screening", {"account": "Beta", "decided_on": "2026-11-01", "willing": False}),
        ("interaction", {"account": "Beta", "occurred_on": "2026-12-01", "purpose": "check_in"}),
    ]
    with ledger.session() as s:
        for kind, values in entries:
            repo.add(s, kind, values)
    ledger.close()
    return url


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), env=WIDE)


def test_alerts_json_lists_alerts_by_severity_and_reliability(db: str) -> None:
    result = invoke("alerts", "--date", "2026-12-01", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["date"] == "2026-12-01"
    assert [(a["severity"], a["rule"], a["account"]) for a in doc["alerts"]] == [
        ("high", "dropped_lead", "Acme Freight"),
        ("high", "commitment_overdue", "Acme Freight"),
        ("medium", "screen_out_not_told", "Beta"),
        ("low", "seller_never_first", "Acme Freight"),
        ("low", "missing_reflection", "Beta"),
    ]
    assert doc["alerts"][1]["ref"].startswith("commitment:")
    assert doc["reliability"] == [
        {
            "seller": "Dana",
            "kept": 0,
            "missed": 0,
            "overdue": 1,
            "due": 1,
            "rate": 0.0,
            "user_id": None,  # a name no user has: a ledger without users
        }
    ]


def test_alerts_seller_filter_and_table(db: str) -> None:
    result = invoke("alerts", "--seller", "Sam", "--date", "2026-12-01", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2 alerts on 2026-12-01" in result.stdout
    assert "screen out not told" in result.stdout
    assert "Acme" not in result.stdout
    assert "Reliability (our promises): none" in result.stdout


def test_alerts_none_says_so(db: str) -> None:
    result = invoke("alerts", "--date", "2026-01-01", "--db", db)
    assert result.exit_code == 0, result.output
    assert "No alerts on 2026-01-01." in result.stdout


@pytest.mark.parametrize("command", [["alerts"], ["today"], ["client", "Acme"]])
def test_views_bad_date_exits_2_naming_the_option(db: str, command: list[str]) -> None:
    result = invoke(*command, "--date", "2026-13-01", "--db", db)
    assert result.exit_code == 2
    assert "--date: '2026-13-01' is not a date (use YYYY-MM-DD)" in result.stderr
    assert "Traceback" not in result.output


def test_client_json_is_the_empty_chair(db: str) -> None:
    result = invoke("client", "acme", "--date", "2026-12-01", "--json", "--db", db)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["account"] == "Acme Freight"
    assert [g["description"] for g in doc["goals"]] == ["fewer late loads"]
    assert [(p["what"], p["overdue"], p["days_overdue"]) for p in doc["open_promises"]] == [
        ("route plan", True, 6)
    ]
    assert [r["kind"] for r in doc["risks_they_carry"]] == ["shared_cost_data"]
    assert doc["trust_direction"] == "unknown"


def test_client_text_renders_the_sections(db: str) -> None:
    result = invoke("client", "Acme Freight", "--date", "2026-12-01", "--db", db)
    assert result.exit_code == 0, result.output
    for text in (
        "The empty chair",
        "Acme Freight, looked after by Dana",
        "Their goals",
        "fewer late loads",
        "Open promises to them",
        "6 days overdue",
        "Risks they carry",
        "shared cost data",
        "What they have received: none",
    ):
        assert text in result.stdout, text


def test_client_unknown_account_exits_2(db: str) -> None:
    result = invoke("client", "Nope", "--db", db)
    assert result.exit_code == 2
    assert "no account 'Nope'" in result.stderr


def test_today_done_marks_the_day_once_and_counts_the_streak(db: str) -> None:
    base = ["today", "--seller", "Dana", "--json", "--db", db]
    first = invoke(*base, "--date", "2026-11-30", "--done")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["marked"]["created"] is True
    second = invoke(*base, "--date", "2026-12-01", "--done", "--notes", "route plan late")
    again = invoke(*base, "--date", "2026-12-01", "--done")
    assert json.loads(again.stdout)["marked"] == {
        "seller": "Dana",
        "day": "2026-12-01",
        "notes": "route plan late",
        "created": False,
    }
    doc = json.loads(second.stdout)
    assert (doc["reviewed"], doc["streak"]) == (True, 2)
    assert [c["what"] for c in doc["commitments_due"]] == ["route plan"]
    assert [d["account"] for d in doc["screenings_due"]] == ["Acme Freight"]
    assert [d["rule"] for d in doc["dropped_leads"]] == ["dropped_lead"]
    later = json.loads(invoke(*base, "--date", "2026-12-02").stdout)
    assert (later["marked"], later["reviewed"], later["streak"]) == (None, False, 2)


def test_today_text_shows_the_agenda(db: str) -> None:
    result = invoke("today", "--date", "2026-12-01", "--db", db)
    assert result.exit_code == 0, result.output
    for text in (
        "Daily review, 2026-12-01",
        "Screening reviews due",
        "16 days ago",
        "Dropped leads",
        "Commitments due",
        "6 days overdue",
        "Today's conversations",
        "check in call",
        "Without a reflection",
    ):
        assert text in result.stdout, text
    assert "streak" not in result.stdout  # no seller, no streak
    assert re.search(r"┃ id ┃ on", result.stdout)  # the ids `reflect` and `ledger edit` take


def test_today_seller_streak_line(db: str) -> None:
    result = invoke("today", "--seller", "Dana", "--date", "2026-12-01", "--done", "--db", db)
    assert result.exit_code == 0, result.output
    assert "2026-12-01 marked reviewed for Dana." in result.stdout
    assert "2026-12-01 reviewed; streak: 1 day." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--done"], "--seller: needed with --done"),
        (["--seller", "Dana", "--notes", "x"], "--notes: only goes with --done"),
    ],
)
def test_today_bad_option_combinations_exit_2(db: str, args: list[str], message: str) -> None:
    result = invoke("today", *args, "--db", db)
    assert result.exit_code == 2
    assert message in result.stderr
