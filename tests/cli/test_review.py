from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tests.databases import migrated_sqlite_url
from trustworks.cli import app
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import open_ledger

runner = CliRunner()
DAY = "2026-12-01"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Dana's two calls waiting for a reflection, and one of Sam's."""
    url = migrated_sqlite_url(tmp_path / "ledger.sqlite3")
    ledger = open_ledger(url)
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme Freight", "owner": "Dana"})
        repo.add(s, "account", {"name": "Beta", "owner": "Sam"})
        repo.add(s, "interaction", {"account": "Acme", "occurred_on": "2026-11-28"})
        repo.add(s, "interaction", {"account": "Acme", "occurred_on": DAY, "purpose": "discovery"})
        repo.add(s, "interaction", {"account": "Beta", "occurred_on": DAY})
    ledger.close()
    return url


def _reflections(db: str) -> list[tables.Reflection]:
    ledger = open_ledger(db)
    with ledger.session() as s:
        rows = list(s.scalars(select(tables.Reflection).order_by(tables.Reflection.id)))
        s.expunge_all()
    ledger.close()
    return rows


def test_review_asks_each_question_of_each_waiting_call(db: str) -> None:
    replies = [
        # 2026-11-28: nothing to say, every question skipped
        "", "", "", "", "", "",
        # today's discovery call: a bad answer is asked again
        "perhaps", "y", "y", "n", "y", "They need it before the audit.", "",
        "Listen longer before pricing.",
    ]  # fmt: skip
    result = runner.invoke(
        app, ["review", "--seller", "dana", "--date", DAY, "--db", db], input="\n".join(replies)
    )
    assert result.exit_code == 0, result.output
    assert "1/2 Acme Freight: call, other on 2026-11-28" in result.output
    assert "2/2 Acme Freight: call, discovery on 2026-12-01" in result.output
    assert "answer y or n, or press enter to skip" in result.output
    assert result.output.count("Was it a good use of the client's time?") == 3
    assert result.output.rstrip().endswith(
        "Reflected on 1 of 2 conversations; 1 still waiting. 2026-12-01 is marked reviewed. "
        "Streak: 1 day."
    )
    (row,) = _reflections(db)
    assert (row.good_use_of_time, row.felt_respected, row.gave_value, row.world_better) == (
        True,
        True,
        False,
        True,
    )
    assert row.learned_about_goals == "They need it before the audit." and row.notes is None


def test_review_from_a_file_and_as_json(db: str, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"conversations": {"1": {"gave_value": "yes"}}, "notes": "ok"}),
        encoding="utf-8",
    )
    result = runner.invoke(
        app,
        ["review", "--seller", "Dana", "--date", DAY, "--answers", str(answers), "--json",
         "--db", db],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["reflected"] == [1] and doc["streak"] == 1 and doc["mark"]["notes"] == "ok"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "answers.json:1: not valid JSON"),
        ('{"conversations": []}', 'expected {"conversations"'),
        ('{"conversations": {"x": {}}}', "conversations['x']: expected an interaction id"),
        ('{"conversations": {"3": {"gave_value": "yes"}}}', "interaction: 3: not one of dana's"),
        ('{"conversations": {"2": {"gave_value": "yes"}, "1": {"mood": "x"}}}', "mood"),
    ],
)
def test_review_refuses_bad_answer_files_and_records_nothing(
    db: str, tmp_path: Path, content: str, problem: str
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(content, encoding="utf-8")
    result = runner.invoke(
        app, ["review", "--seller", "dana", "--date", DAY, "--answers", str(answers), "--db", db]
    )
    assert result.exit_code == 2
    assert problem in result.output
    assert _reflections(db) == []
    marked = runner.invoke(app, ["today", "--seller", "dana", "--date", DAY, "--json", "--db", db])
    assert json.loads(marked.stdout)["reviewed"] is False
