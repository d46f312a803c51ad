from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.ledger.database import head_revision

DATA = Path(__file__).parents[1] / "ledger" / "data"
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.sqlite3")


def _export(db: str) -> dict[str, object]:
    result = runner.invoke(app, ["export", "--db", db])
    assert result.exit_code == 0, result.output
    doc: dict[str, object] = json.loads(result.stdout)
    doc.pop("exported_at")
    return doc


def _tables(db: str) -> dict[str, list[object]]:
    tables = _export(db)["tables"]
    assert isinstance(tables, dict)
    return tables


def test_import_hubspot_contacts_reports_what_it_did(db: str) -> None:
    result = runner.invoke(
        app, ["import", "people", str(DATA / "hubspot-contacts.csv"), "-m", "hubspot", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "hubspot-contacts.csv: 4 rows: created 4, updated 0 people; created 4 accounts they named"
    )
    again = runner.invoke(
        app, ["import", "people", str(DATA / "hubspot-contacts.csv"), "-m", "hubspot", "--db", db]
    )
    assert "created 0, updated 4 people" in again.stdout
    assert len(_tables(db)["people"]) == 4


def test_import_invalid_rows_exit_2_and_change_nothing(db: str) -> None:
    path = str(DATA / "contacts-invalid.csv")
    result = runner.invoke(app, ["import", "people", path, "--mapping", "trustworks", "--db", db])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: 3 problems, nothing imported",
        "contacts-invalid.csv:6: email: 'jo-at-acme' is not an e-mail address (column \"email\")",
        'contacts-invalid.csv:7: account: required (column "account")',
        'contacts-invalid.csv:10: name: required (column "name")',
    ]
    assert "Traceback" not in result.output
    assert _tables(db)["people"] == []


def test_import_skip_invalid_lists_the_skipped_lines(db: str) -> None:
    path = str(DATA / "contacts-invalid.csv")
    result = runner.invoke(
        app, ["import", "people", path, "-m", "trustworks", "--skip-invalid", "--db", db]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("skipped 3 invalid rows")
    assert [line.split(":")[1] for line in lines[1:4]] == ["6", "7", "10"]
    assert len(_tables(db)["people"]) == 3


def test_import_salesforce_mentions_the_footer_it_ignored(db: str) -> None:
    path = str(DATA / "salesforce-opportunities.csv")
    result = runner.invoke(app, ["import", "deals", path, "-m", "salesforce", "--db", db])
    assert result.exit_code == 0, result.output
    assert "stopped at the blank line 5" in result.stdout


def test_import_user_mapping_file(db: str, tmp_path: Path) -> None:
    mapping = tmp_path / "pipedrive.toml"
    mapping.write_text(
        '[accounts.fields]\nname = "Organization - Name"\nowner = "Organization - Owner"\n',
        encoding="utf-8",
    )
    csv_path = tmp_path / "orgs.csv"
    csv_path.write_text("Organization - Name,Organization - Owner\nAcme,Dana\n", encoding="utf-8")
    result = runner.invoke(
        app, ["import", "accounts", str(csv_path), "-m", str(mapping), "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert _tables(db)["accounts"][0]["owner"] == "Dana"  # type: ignore[index]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "people", "missing.csv", "-m", "hubspot"], "missing.csv: no such file"),
        (["import", "people", "{data}/hubspot-deals.csv", "-m", "nope"], "no such mapping"),
        (
            ["import", "people", "{data}/hubspot-deals.csv", "-m", "hubspot"],
            'needs "First Name" + "Last Name" (for name)',
        ),
        (["import", "people", "{data}/hubspot-deals.csv", "-m", "{bad_toml}"], "not valid TOML"),
        (["import", "goals", "{data}/hubspot-deals.csv", "-m", "hubspot"], "Invalid value"),
        (["import", "people", "{data}/hubspot-deals.csv"], "Missing option '--mapping'"),
        (
            ["import", "deals", "{data}/hubspot-deals.csv", "-m", "hubspot", "--max-bytes", "10"],
            "the limit is 10 bytes",
        ),
        (["export", "--format", "csv"], "--format csv writes a folder"),
        (["export", "--format", "xml"], "Invalid value"),
        (["restore", "missing.json"], "missing.json: no such file"),
        (["restore", "{data}/hubspot-deals.csv"], "not valid JSON"),
        (["backup", "{tmp}/no/such/folder/b.json"], "no such folder"),
    ],
)
def test_transfer_bad_input_exits_2_with_one_message(
    db: str, tmp_path: Path, args: list[str], message: str
) -> None:
    bad_toml = tmp_path / "bad.toml"
    bad_toml.write_text("[accounts\n", encoding="utf-8")
    filled = [a.format(data=DATA, tmp=tmp_path, bad_toml=bad_toml) for a in args]
    result = runner.invoke(app, [*filled, "--db", db])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert all(rows == [] for rows in _tables(db).values())


def test_backup_and_restore_round_trip(db: str, tmp_path: Path) -> None:
    runner.invoke(
        app,
        ["import", "accounts", str(DATA / "hubspot-companies.csv"), "-m", "hubspot", "--db", db],
    )
    runner.invoke(
        app, ["import", "deals", str(DATA / "hubspot-deals.csv"), "-m", "hubspot", "--db", db]
    )
    path = tmp_path / "b.json"
    result = runner.invoke(app, ["backup", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("backed up ")
    other = str(tmp_path / "other.sqlite3")
    restored = runner.invoke(app, ["restore", str(path), "--db", other])
    assert restored.exit_code == 0, restored.output
    assert "b.json: restored 12 rows (accounts 4, deals 4, stage_changes 4)" in restored.stdout
    assert _export(other) == _export(db)


def test_restore_into_a_ledger_with_data_needs_replace(db: str, tmp_path: Path) -> None:
    runner.invoke(
        app,
        ["import", "accounts", str(DATA / "hubspot-companies.csv"), "-m", "hubspot", "--db", db],
    )
    path = tmp_path / "b.json"
    runner.invoke(app, ["backup", str(path), "--db", db])
    before = _export(db)
    refused = runner.invoke(app, ["restore", str(path), "--db", db])
    assert refused.exit_code == 2
    assert "is not empty (3 accounts); restore into an empty ledger" in refused.stderr
    replaced = runner.invoke(app, ["restore", str(path), "--replace", "--db", db])
    assert replaced.exit_code == 0, replaced.output
    assert "after wiping 3" in replaced.stdout
    assert _export(db) == before


def test_export_json_to_a_file_and_csv_to_a_folder(db: str, tmp_path: Path) -> None:
    runner.invoke(
        app,
        ["import", "accounts", str(DATA / "hubspot-companies.csv"), "-m", "hubspot", "--db", db],
    )
    as_json = runner.invoke(app, ["export", "-o", str(tmp_path / "all.json"), "--db", db])
    assert as_json.exit_code == 0, as_json.output
    doc = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(doc["tables"]["accounts"]) == 3
    as_csv = runner.invoke(
        app, ["export", "--format", "csv", "--output", str(tmp_path / "csv"), "--db", db]
    )
    assert as_csv.exit_code == 0, as_csv.output
    text = (tmp_path / "csv" / "accounts.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("id,name,owner")
    assert "Café Lumière" in text


def test_import_from_standard_input(db: str) -> None:
    result = runner.invoke(
        app, ["import", "accounts", "-", "-m", "trustworks", "--db", db], input="name\nAcme\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<stdin>: 1 row: created 1")


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ('{"id": 9223372036854775808, "name": "A"}', "id: 9223372036854775808 is out of range"),
        ('{"id": 1, "name": "A\\ud800"}', "name: contains a lone surrogate (\\ud800"),
        ('{"id": 1, "name": "A\\u0000"}', "name: contains a NUL character"),
    ],
)
def test_restore_a_bad_record_is_one_line_and_exit_2(
    db: str, tmp_path: Path, row: str, problem: str
) -> None:
    revision = head_revision()
    path = tmp_path / "b.json"
    head = f'{{"format": "trustworks-ledger", "schema_revision": "{revision}", '
    path.write_text(head + f'"tables": {{"accounts": [{row}]}}}}', encoding="utf-8")
    result = runner.invoke(app, ["restore", str(path), "--db", db])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {path}: accounts row 1 (id ")
    assert problem in lines[0]
    assert "Traceback" not in result.output
    assert all(rows == [] for rows in _tables(db).values())
