from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.ledger.database import head_revision

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


def run(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.output


def test_add_list_show_edit_remove_round_trip(db: str) -> None:
    assert run(db, "ledger", "add", "account", "name=Northwind Logistics", "owner=Dana") == (
        0,
        "added account 1\n",
    )
    assert run(db, "ledger", "add", "person", "account=northwind", "name=Marcus Lee")[0] == 0
    code, out = run(db, "ledger", "list", "people", "--json")
    assert code == 0
    assert [(p["name"], p["account"]) for p in json.loads(out)] == [
        ("Marcus Lee", "Northwind Logistics")
    ]
    assert run(db, "ledger", "edit", "person", "1", "title=COO")[0] == 0
    code, out = run(db, "ledger", "show", "person", "1", "--json")
    assert json.loads(out)["title"] == "COO"
    assert run(db, "ledger", "remove", "account", "Northwind Logistics")[0] == 0
    code, out = run(db, "ledger", "list", "people", "--json")
    assert json.loads(out) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [
                "ledger",
                "add",
                "commitment",
                "account=Acme",
                "side=us",
                "by=Dana",
                "what=x",
                "due=2026-02-30",
            ],
            "due:",
        ),
        (["ledger", "add", "account", "name=Acme"], "already exists"),
        (["ledger", "add", "account", "Acme"], "expected FIELD=VALUE"),
        (["ledger", "add", "account", "name=A", "name=B"], "given twice"),
        (["ledger", "add", "gadget", "name=A"], "unknown kind 'gadget'"),
        (["ledger", "show", "commitment", "99"], "no commitment with id 99"),
        (["ledger", "show", "commitment", "abc"], "whole numbers"),
        (["ledger", "edit", "account", "Acme", "colour=red"], "colour: not a field of account"),
        (["ledger", "edit", "account", "Acme"], "nothing to change"),
        (["ledger", "confirm", "1"], "no commitment with id 1"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2_with_nothing_changed(
    db: str, args: list[str], message: str
) -> None:
    run(db, "ledger", "add", "account", "name=Acme")
    code, out = run(db, *args)
    assert code == 2
    assert message in out
    assert "Traceback" not in out
    _, listed = run(db, "ledger", "list", "accounts", "--json")
    assert [a["name"] for a in json.loads(listed)] == ["Acme"]


def test_log_saves_the_analysis_and_proposes_commitments(db: str) -> None:
    run(db, "ledger", "add", "account", "name=Northwind")
    code, out = run(
        db,
        "log",
        str(EXAMPLES / "qualifying-call-honest.vtt"),
        "--account",
        "Northwind",
        "--seller",
        "Dana Whitfield",
        "--date",
        "2026-11-30",
        "--purpose",
        "discovery",
    )
    assert code == 0, out
    assert "saved interaction 1: trust" in out
    assert "[us] Dana Whitfield: send you two examples (due 2026-12-03)" in out
    assert "confirm with: trustworks ledger confirm 1 2" in out
    code, out = run(db, "ledger", "proposed")
    assert "1: [us] Dana Whitfield" in out
    assert run(db, "ledger", "confirm", "1")[0] == 0
    assert run(db, "ledger", "dismiss", "2")[0] == 0
    _, listed = run(db, "ledger", "list", "commitments", "--json")
    assert [c["status"] for c in json.loads(listed)] == ["open", "dismissed"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--account", "Nowhere"], "no account 'Nowhere'"),
        (["--account", "Northwind", "--date", "30/11/2026"], "--date: '30/11/2026' is not a date"),
        (["--account", "Northwind", "--purpose", "gossip"], "purpose:"),
    ],
)
def test_log_bad_input_saves_nothing(db: str, args: list[str], message: str) -> None:
    run(db, "ledger", "add", "account", "name=Northwind")
    code, out = run(db, "log", str(EXAMPLES / "discovery-pounce.srt"), *args)
    assert code == 2
    assert message in out
    _, listed = run(db, "ledger", "list", "interactions", "--json")
    assert json.loads(listed) == []


def test_log_refuses_a_broken_transcript(db: str, tmp_path: Path) -> None:
    run(db, "ledger", "add", "account", "name=Northwind")
    bad = tmp_path / "call.vtt"
    bad.write_bytes(b"\xff\xfe\x00garbage\x00\x00")
    code, out = run(db, "log", str(bad), "--account", "Northwind")
    assert code == 2
    assert str(bad) in out


def test_fields_lists_every_kind() -> None:
    result = runner.invoke(app, ["ledger", "fields", "commitment"])
    assert result.exit_code == 0
    for field in ("side", "by", "what", "due", "status"):
        assert field in result.output


def test_db_status_and_upgrade(db: str) -> None:
    head = head_revision()
    code, out = run(db, "db", "status")
    assert (code, "not created yet" in out) == (0, True)
    assert not Path(db.removeprefix("sqlite:///")).exists()
    code, out = run(db, "db", "upgrade")
    assert (code, f"schema empty -> {head}" in out) == (0, True)
    code, out = run(db, "db", "status")
    assert f"{head} (up to date)" in out
    assert run(db, "db", "upgrade")[1].endswith(f"already at schema {head}\n")


def test_reflect_asks_the_servant_questions(db: str) -> None:
    run(db, "ledger", "add", "account", "name=Northwind")
    run(db, "ledger", "add", "interaction", "account=Northwind", "occurred_on=2026-11-30")
    answers = "yes\nmaybe\nno\nskip\nyes\nThey want to cut driver churn by a third\n\n"
    result = runner.invoke(app, ["reflect", "1", "--db", db], input=answers)
    assert result.exit_code == 0, result.output
    assert "Please answer yes, no or skip" in result.output
    _, shown = run(db, "ledger", "show", "reflection", "1", "--json")
    reflection = json.loads(shown)
    assert (reflection["good_use_of_time"], reflection["felt_respected"]) == (True, False)
    assert (reflection["gave_value"], reflection["world_better"]) == (None, True)
    assert reflection["learned_about_goals"] == "They want to cut driver churn by a third"


def test_reflect_with_values_and_on_a_missing_interaction(db: str) -> None:
    run(db, "ledger", "add", "account", "name=Northwind")
    assert run(db, "reflect", "7", "gave_value=yes") == (2, "error: no interaction with id 7\n")
    run(db, "ledger", "add", "interaction", "account=Northwind")
    assert run(db, "reflect", "1", "gave_value=yes", "notes=good call")[0] == 0
    code, out = run(db, "reflect", "1", "gave_value=no")
    assert code == 2
    assert "already has a reflection" in out


def test_fields_are_described_in_words() -> None:
    out = runner.invoke(app, ["ledger", "fields", "commitment"]).output
    assert "one of: us, client" in out
    assert "date (YYYY-MM-DD)" in out
    assert "account: id or name" in out
    assert "class" not in out and "Annotated" not in out


def test_fields_say_an_amount_is_exact_to_the_cent() -> None:
    out = runner.invoke(app, ["ledger", "fields", "deal"]).output
    assert "exact to the cent" in " ".join(out.split())
    assert "Decimal" not in out


def test_listing_counts_agree_with_their_noun(db: str) -> None:
    run(db, "ledger", "add", "account", "name=Northwind")
    _, out = run(db, "ledger", "list", "accounts")
    assert out.split()[:2] == ["1", "account"]
    run(db, "ledger", "add", "account", "name=Corrigan")
    _, out = run(db, "ledger", "list", "accounts")
    assert out.split()[:2] == ["2", "accounts"]


def test_log_without_a_date_says_so_and_reads_the_days_the_call_names(db: str) -> None:
    run(db, "ledger", "add", "account", "name=Corrigan")
    call = str(EXAMPLES / "qualifying-call-honest.vtt")
    code, out = run(db, "log", call, "--account", "Corrigan", "--seller", "Dana Whitfield")
    assert code == 0, out
    assert "the file does not say when the call was; --date YYYY-MM-DD gives its day" in " ".join(
        out.split()
    )
    code, out = run(
        db, "log", call, "--account", "Corrigan", "-s", "Dana Whitfield", "--date", "2026-11-09"
    )
    assert "does not say when" not in out
    assert "send you two examples (due 2026-11-12)" in out  # "by Thursday", said on Monday 9th


def test_ledger_history_shows_who_changed_a_commitment(db: str) -> None:
    run(db, "ledger", "add", "account", "name=Acme", "owner=Dana")
    code, out = run(
        db, "ledger", "add", "commitment", "account=Acme", "side=us", "by=Dana", "what=call"
    )
    assert code == 0, out
    ident = out.split()[-1]
    assert run(db, "ledger", "edit", "commitment", ident, "status=kept")[0] == 0
    code, out = run(db, "ledger", "history", "commitment", ident, "--json")
    assert code == 0, out
    changes = json.loads(out)
    assert {(c["action"], c["field"], c["before"], c["after"]) for c in changes} >= {
        ("add", "by", None, "Dana"),
        ("edit", "status", "open", "kept"),
    }
    assert all(c["actor"].startswith("command line") for c in changes)
    code, out = run(db, "ledger", "history", "commitment", ident, "--limit", "1")
    assert code == 0, out
    assert f"showing the newest 1 of {len(changes)} changes" in " ".join(out.split())
    assert "kept" in out and "call" not in out.replace("commitment", "")  # the newest line
    code, out = run(db, "ledger", "history", "deal")
    assert code == 2 and "the audit trail keeps commitment and interaction" in out


def test_db_rescore_reports_what_it_checked_and_changed(db: str) -> None:
    code, out = run(db, "db", "rescore")
    assert (code, out.split(": ", 1)[1]) == (0, "0 stored calls checked, 0 rescored\n")
    run(db, "ledger", "add", "account", "name=Northwind")
    assert run(db, "log", str(EXAMPLES / "discovery-pounce.srt"), "--account", "Northwind")[0] == 0
    code, out = run(db, "db", "rescore")
    # Logged at this version's scale: checked, nothing to change.
    assert (code, out.split(": ", 1)[1]) == (0, "1 stored call checked, 0 rescored\n")
