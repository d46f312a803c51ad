from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.databases import migrated_sqlite_url
from trustworks.errors import (
    ConflictError,
    FormatError,
    InputError,
    InputTooLargeError,
    SchemaTooNewError,
    TrustworksError,
)
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger, head_revision, open_ledger
from trustworks.ledger.export import (
    FORMAT,
    TABLES,
    atomic_file,
    backup,
    export_csv,
    read_backup,
    restore,
    write_json,
)


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """For checks that refuse before the database is touched: one backend is enough."""
    opened = open_ledger(migrated_sqlite_url(tmp_path / "pure.sqlite3"))
    yield opened
    opened.close()


def _fill(ledger: Ledger) -> None:
    """A bit of everything: every kind, unicode and multi-line text, floats, links both ways."""
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme Freight", "owner": "Dana", "external_id": "9001"})
        repo.add(s, "account", {"name": "Café Lumière", "notes": "line one\nline «two»"})
        repo.add(s, "person", {"account": "Acme Freight", "name": "Marcus Lee", "title": "COO"})
        call = repo.add(
            s,
            "interaction",
            {"account": "Acme Freight", "person": "Marcus Lee", "occurred_on": "2024-03-01"},
        )
        call.trust = 6.25  # type: ignore[attr-defined]
        call.credibility = math.nan  # type: ignore[attr-defined]
        s.add(
            tables.StoredFinding(
                interaction_id=call.id,  # type: ignore[attr-defined]
                signal="asks_before_pitching",
                family="questions",
                component="intimacy",
                polarity=1,
                turn=3,
                speaker="Dana",
                evidence="What would a good outcome look like?",
                learned=True,
                confidence=0.875,
            )
        )
        repo.add(s, "reflection", {"interaction": "1", "gave_value": "true", "notes": "good"})
        repo.add(
            s,
            "commitment",
            {"account": "Acme Freight", "side": "us", "by": "Dana", "what": "send the pricing"},
        )
        repo.add(s, "risk", {"account": "Acme Freight", "taken_by": "client", "kind": "first_move"})
        repo.add(s, "goal", {"account": "Café Lumière", "description": "open a second site"})
        repo.add(s, "introduction", {"account": "Acme Freight", "introduced_to": "A banker"})
        repo.add(s, "referral", {"account": "Acme Freight", "referred": "Globex"})
        repo.add(s, "screening", {"account": "Café Lumière", "willing": "yes"})
        repo.add(
            s,
            "deal",
            {"account": "Acme Freight", "name": "Fleet", "stage": "won", "amount": "48000.5"},
        )
        repo.add(s, "evidence", {"deal": "1", "stage": "won", "note": "signed"})
        repo.add(
            s,
            "transaction",
            {"account": "Acme Freight", "deal": "1", "amount": "48000.5", "client_outcome": "gain"},
        )
        repo.add(s, "review", {"seller": "Dana", "reviewed_on": "2024-03-01"})
        # A user whose manager comes later in id order: restore must not trip on the order.
        dana = tables.User(username="dana", password_hash="$argon2id$x", role="seller", seller="D")
        boss = tables.User(username="boss", password_hash="$argon2id$y", role="manager", seller="B")
        s.add_all([dana, boss])
        s.flush()
        dana.manager_id = boss.id
        s.add(
            tables.WebSession(
                token_hash="t" * 64,
                user_id=boss.id,
                csrf_token="c" * 64,
                created_at=dt.datetime(2024, 3, 1, 9, 0),
                expires_at=dt.datetime(2024, 3, 2, 9, 0),
            )
        )


def _dump(ledger: Ledger) -> dict[str, Any]:
    out = io.StringIO()
    write_json(ledger, out)
    doc: dict[str, Any] = json.loads(out.getvalue())
    return doc


def _without_time(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def _rows(ledger: Ledger) -> int:
    with ledger.session() as s:
        return sum(s.scalar(select(func.count()).select_from(t)) or 0 for t in TABLES)


def test_write_json_one_document_of_every_table_in_id_order(ledger: Ledger) -> None:
    _fill(ledger)
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Beta"})
        repo.remove(s, "account", "Café Lumière")  # a gap in the ids
    doc = _dump(ledger)
    assert doc["format"] == FORMAT
    assert doc["schema_revision"] == head_revision()
    assert dt.datetime.fromisoformat(doc["exported_at"]).tzinfo is not None
    assert list(doc["tables"]) == [t.name for t in TABLES]
    assert "web_sessions" not in doc["tables"]
    accounts = doc["tables"]["accounts"]
    assert [a["id"] for a in accounts] == [1, 3]
    assert dt.datetime.fromisoformat(accounts[0]["created_at"])
    assert doc["tables"]["interactions"][0]["occurred_on"] == "2024-03-01"
    # SQLite stores NaN as NULL; PostgreSQL keeps it, and JSON has no NaN, so it is a string.
    nan = "NaN" if ledger.engine.dialect.name == "postgresql" else None
    assert doc["tables"]["interactions"][0]["credibility"] == nan
    assert doc["tables"]["findings"][0]["learned"] is True
    assert doc["tables"]["users"][0]["manager_id"] == 2


def test_backup_then_restore_then_export_is_identical(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    original = _dump(ledger)
    path = tmp_path / "ledger-backup.json"
    counts = backup(ledger, path)
    assert sum(counts.values()) == _rows(ledger)
    # Wipe with an empty backup, then restore into the now empty ledger.
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({**original, "tables": {}}), encoding="utf-8")
    restore(ledger, empty, replace=True)
    assert _rows(ledger) == 0
    report = restore(ledger, path)
    assert report.rows["accounts"] == 2
    assert report.wiped == 0
    assert _without_time(_dump(ledger)) == _without_time(original)


def test_restore_replace_wipes_and_loads_in_one_go(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    original = _dump(ledger)
    path = tmp_path / "b.json"
    backup(ledger, path)
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Added after the backup"})
    report = restore(ledger, path, replace=True)
    assert report.wiped > 0
    assert _without_time(_dump(ledger)) == _without_time(original)


def test_restore_sets_sequences_so_new_rows_get_new_ids(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    path = tmp_path / "b.json"
    backup(ledger, path)
    restore(ledger, path, replace=True)
    with ledger.session() as s:
        account = repo.add(s, "account", {"name": "New after restore"})
        deal = repo.add(s, "deal", {"account": "Acme Freight", "name": "Second"})
    assert (account.id, deal.id) == (3, 2)  # type: ignore[attr-defined]


def test_restore_sqlite_backup_into_either_backend(ledger: Ledger, tmp_path: Path) -> None:
    source = open_ledger(f"sqlite:///{tmp_path / 'source.sqlite3'}")
    _fill(source)
    original = _dump(source)
    source.close()
    path = tmp_path / "b.json"
    path.write_text(json.dumps(original), encoding="utf-8")
    restore(ledger, path)
    assert _without_time(_dump(ledger)) == _without_time(original)


def test_restore_refuses_a_ledger_that_is_not_empty(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    path = tmp_path / "b.json"
    backup(ledger, path)
    before = _dump(ledger)
    with pytest.raises(ConflictError, match=r"is not empty \(2 accounts, .*--replace"):
        restore(ledger, path)
    assert _without_time(_dump(ledger)) == _without_time(before)


def test_restore_bad_rows_change_nothing_even_with_replace(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    before = _dump(ledger)
    broken = json.loads(json.dumps(before))
    broken["tables"]["people"][0]["account_id"] = 99  # no such account
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ConflictError, match=r"broken\.json: the database refused the backup"):
        restore(ledger, path, replace=True)
    assert _without_time(_dump(ledger)) == _without_time(before)


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "schema_revision": head_revision(),
        "exported_at": "2024-03-01T09:00:00+00:00",
        "tables": {"accounts": [{"id": 1, "name": "Acme", "created_at": "2024-03-01T09:00:00"}]},
    }
    doc.update(changes)
    return doc


def _account(**values: Any) -> dict[str, Any]:
    return _doc(tables={"accounts": [{"id": 1, "name": "Acme", **values}]})


@pytest.mark.parametrize(
    ("data", "error", "problem"),
    [
        (b"", FormatError, "b.json: empty file"),
        (b'{\n  "format": \n}', FormatError, "b.json:3: not valid JSON: Expecting value"),
        (b"\xff\xfe{}", FormatError, "b.json:1: not UTF-8"),
        (b"[1, 2]", FormatError, "not a Trustworks backup"),
        (b"[" * 100_000 + b"]" * 100_000, FormatError, "b.json"),
        (b'{"format": "trustworks-ledger", "x": NaN}', FormatError, "NaN is not JSON"),
        (_doc(format="other"), FormatError, "not a Trustworks backup"),
        (_doc(schema_revision="9999"), SchemaTooNewError, "schema revision '9999'"),
        (_doc(schema_revision=None), FormatError, "schema_revision"),
        (_doc(tables=[]), FormatError, '"tables" is not an object'),
        (_doc(tables={"gremlins": []}), FormatError, "unknown table(s) 'gremlins'"),
        (_doc(tables={"accounts": {}}), FormatError, "accounts: expected a list"),
        (_doc(tables={"accounts": [1]}), FormatError, "accounts row 1: expected an object"),
        (_doc(tables={"accounts": [{"name": "A"}]}), FormatError, "accounts row 1: has no id"),
        (_account(colour="red"), FormatError, "unknown column(s) colour"),
        (_account(created_at="yesterday"), FormatError, "(id 1): created_at: Invalid isoformat"),
        (_account(name=7), FormatError, "name: expected text, not 7"),
        (_account(name=None), FormatError, "name: must not be null"),
        (_account(name="x" * 201), FormatError, "name: longer than 200 characters"),
        (_account(id=True), FormatError, "id: expected a whole number"),
        (
            _doc(tables={"goals": [{"id": 1, "account_id": "1"}]}),
            FormatError,
            "account_id: expected a whole number",
        ),
        (
            _doc(tables={"findings": [{"id": 1, "learned": "yes"}]}),
            FormatError,
            "learned: expected true or false",
        ),
        (
            _doc(tables={"deals": [{"id": 1, "amount": "lots"}]}),
            FormatError,
            "amount: 'lots' is not a number",
        ),
    ],
)
def test_read_backup_refuses_malformed_files(
    data: bytes | dict[str, Any], error: type[TrustworksError], problem: str
) -> None:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    with pytest.raises(error) as info:
        read_backup(raw, "b.json")
    assert problem in str(info.value)
    assert str(info.value).startswith("b.json")


def test_restore_backup_of_an_older_revision(ledger: Ledger, tmp_path: Path) -> None:
    # Revision 0001 had no users table; what it has restores, the rest stays empty.
    path = tmp_path / "old.json"
    path.write_text(json.dumps(_doc(schema_revision="0001")), encoding="utf-8")
    report = restore(ledger, path)
    assert report.rows["accounts"] == 1
    assert report.rows["users"] == 0


def test_restore_missing_file_changes_nothing(sqlite_ledger: Ledger, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        restore(sqlite_ledger, tmp_path / "nope.json")


def test_export_csv_one_file_per_table(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    folder = tmp_path / "out"
    counts = export_csv(ledger, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
    with (folder / "accounts.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert counts["accounts"] == len(rows) == 2
    assert rows[1]["name"] == "Café Lumière"
    assert rows[1]["notes"] == "line one\nline «two»"
    assert rows[0]["owner"] == "Dana" and rows[1]["owner"] == ""
    with (folder / "findings.csv").open(encoding="utf-8", newline="") as handle:
        [finding] = list(csv.DictReader(handle))
    assert (finding["learned"], finding["confidence"]) == ("true", "0.875")


def test_export_csv_into_an_existing_folder_replaces_its_files(
    sqlite_ledger: Ledger, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "accounts.csv").write_text("stale", encoding="utf-8")
    (folder / "mine.txt").write_text("kept", encoding="utf-8")
    export_csv(sqlite_ledger, folder)
    assert (folder / "accounts.csv").read_text(encoding="utf-8").startswith("id,name,")
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "kept"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left


def test_export_csv_refuses_a_file_or_a_missing_parent(
    sqlite_ledger: Ledger, tmp_path: Path
) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file"):
        export_csv(sqlite_ledger, tmp_path / "f")
    with pytest.raises(InputError, match="no such folder"):
        export_csv(sqlite_ledger, tmp_path / "a" / "b")


def test_atomic_file_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_file(path) as handle:
        handle.write("half of the new")
        raise RuntimeError("disk on fire")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_atomic_file_is_private_and_complete(tmp_path: Path) -> None:
    path = tmp_path / "backup.json"
    with atomic_file(path) as handle:
        handle.write("new")
        assert not path.exists()  # not there until complete
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("where", ["missing-folder/b.json", "."])
def test_backup_refuses_a_missing_folder_or_a_folder(
    sqlite_ledger: Ledger, tmp_path: Path, where: str
) -> None:
    with pytest.raises(InputError):
        backup(sqlite_ledger, tmp_path / where)


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [("commitments", "status", "whatever"), ("risks", "kind", "bribe"), ("users", "role", "king")],
)
def test_restore_refuses_values_the_schemas_do_not_allow(
    sqlite_ledger: Ledger, tmp_path: Path, table: str, column: str, value: str
) -> None:
    _fill(sqlite_ledger)
    path = tmp_path / "backup.json"
    backup(sqlite_ledger, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["tables"][table][0][column] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FormatError, match=f"{column}: '{value}' is not one of"):
        restore(sqlite_ledger, path, replace=True)


# Restore checks every row as `add` does, streams the file and keeps the moment of a time. ------


def _write(tmp_path: Path, doc: dict[str, Any] | str) -> Path:
    path = tmp_path / "b.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        (
            {"accounts": [{"id": 2**63, "name": "Acme"}]},
            "accounts row 1 (id 9223372036854775808): id: 9223372036854775808 is out of range",
        ),
        (
            {"accounts": [{"id": -(2**63) - 1, "name": "Acme"}]},
            "id: -9223372036854775809 is out of range",
        ),
        (
            {"accounts": [{"id": 2**31, "name": "Acme"}]},
            "id: 2147483648 is not an id the ledger can hold",
        ),
        (
            {"accounts": [{"id": 0, "name": "Acme"}]},
            "id: 0 is not an id the ledger can hold",
        ),
        (
            {"accounts": [{"id": 1, "name": "Acme", "notes": "ok \ud800 then"}]},
            "accounts row 1 (id 1): notes: contains a lone surrogate (\\ud800 at character 4)",
        ),
        (
            {"accounts": [{"id": 1, "name": "Ac\x00me"}]},
            "accounts row 1 (id 1): name: contains a NUL character",
        ),
        (
            {"accounts": [{"id": 1, "name": "Acme", "notes": "n" * 200_000}]},
            "accounts row 1 (id 1): notes: String should have at most 100000 characters",
        ),
        (
            {
                "accounts": [{"id": 1, "name": "Acme"}],
                "people": [{"id": 5, "account_id": 1, "name": "   "}],
            },
            "people row 1 (id 5): name: Input should be a valid string",
        ),
        (
            {"accounts": [{"id": 1, "name": "Acme"}], "deals": [{"id": 1, "account_id": 1}]},
            "deals row 1 (id 1): name: required",
        ),
        (
            {
                "accounts": [{"id": 1, "name": "Acme"}],
                "commitments": [
                    {
                        "id": 3,
                        "account_id": 1,
                        "side": "us",
                        "by": "Dana",
                        "what": "send the figures",
                        "status": "open",
                        "resolved_on": "2024-03-01",
                    }
                ],
            },
            "commitments row 1 (id 3): commitment: resolved_on is set but status is 'open'",
        ),
    ],
)
def test_restore_refuses_what_add_refuses_and_writes_nothing(
    ledger: Ledger, tmp_path: Path, rows: dict[str, Any], problem: str
) -> None:
    _fill(ledger)
    before = _dump(ledger)
    path = _write(tmp_path, _doc(tables=rows))
    with pytest.raises(FormatError) as info:
        restore(ledger, path, replace=True)
    assert str(info.value) == f"{path}: {problem}" or problem in str(info.value)
    assert str(info.value).startswith(str(path))
    assert _without_time(_dump(ledger)) == _without_time(before)


def test_restore_a_bad_row_late_in_the_file_writes_nothing(ledger: Ledger, tmp_path: Path) -> None:
    accounts = [{"id": n, "name": f"Account {n}"} for n in range(1, 1201)]
    accounts[-1]["name"] = "bad\x00name"
    path = _write(tmp_path, _doc(tables={"accounts": accounts}))
    with pytest.raises(FormatError, match=r"accounts row 1200 \(id 1200\): name: contains a NUL"):
        restore(ledger, path)
    assert _rows(ledger) == 0


def test_restore_keeps_the_moment_of_a_time_with_an_offset(ledger: Ledger, tmp_path: Path) -> None:
    row = {"id": 1, "name": "Acme", "created_at": "2024-03-01T14:30:00+05:00"}
    restore(ledger, _write(tmp_path, _doc(tables={"accounts": [row]})))
    with ledger.session() as s:
        stored = s.get(tables.Account, 1)
        assert stored is not None
        # The ledger's times are UTC: 14:30 at +05:00 is 09:30 UTC, not 14:30.
        assert stored.created_at == dt.datetime(2024, 3, 1, 9, 30)


def test_restored_entries_can_be_edited(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    path = tmp_path / "b.json"
    backup(ledger, path)
    restore(ledger, path, replace=True)
    with ledger.session() as s:
        for kind_name in ("account", "person", "deal", "commitment", "interaction"):
            for row in repo.rows(s, kind_name):
                repo.edit(s, kind_name, row.id, {})  # type: ignore[attr-defined]


def test_restore_refuses_a_file_over_the_limit_before_reading_it(
    sqlite_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # a sparse 2 GiB + 1 byte file: nothing to read
        handle.truncate(2 * 1024**3 + 1)
    opened: list[object] = []
    real_open = Path.open
    monkeypatch.setattr(
        Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k)
    )
    with pytest.raises(InputTooLargeError, match=r"2,147,483,649 bytes is larger than a backup"):
        restore(sqlite_ledger, path)
    assert path not in opened


def test_restore_streams_the_file_a_batch_at_a_time(sqlite_ledger: Ledger, tmp_path: Path) -> None:
    notes = "n" * 20_000
    accounts = [{"id": n, "name": f"Account {n}", "notes": notes} for n in range(1, 2001)]
    # One row to a line, as `backup` writes it: about 40 MB.
    lines = ",\n".join(json.dumps(a) for a in accounts)
    head = json.dumps(_doc(tables={}))[:-3]  # without '{}}'
    path = tmp_path / "big.json"
    path.write_text(f'{head}{{"accounts": [\n{lines}\n]}}}}\n', encoding="utf-8")
    size = path.stat().st_size
    tracemalloc.start()
    try:
        report = restore(sqlite_ledger, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.rows["accounts"] == 2000
    assert peak < size / 2, f"peak {peak:,} bytes for a {size:,}-byte file"


_HEAD = '{"format": "trustworks-ledger", "schema_revision": "REV", '


@pytest.mark.parametrize(
    "text",
    [
        # Formatted any way JSON allows, not only as `backup` writes it.
        '{"format":"trustworks-ledger","schema_revision":"REV","tables":{"accounts":'
        '[{"id":1,"name":"A"},{"id":2,"name":"B"}]},"exported_at":"x"}',
        '\ufeff{ "format" : "trustworks-ledger" ,\n "schema_revision" : "REV" ,\n "tables" : {\n'
        ' "accounts" : [\n\n {"id": 1, "name": "A"} ,\n {"id": 2, "name": "B"}\n ] ,'
        ' "people" : [ ] } }\n',
    ],
)
def test_read_backup_reads_any_json_layout(text: str) -> None:
    rows = read_backup(text.replace("REV", head_revision()).encode(), "b.json")
    assert [a["name"] for a in rows["accounts"]] == ["A", "B"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            _HEAD + '"tables": {"accounts": [{"id": 1, "name": "A"}',
            "not valid JSON",
        ),
        (
            _HEAD + '"tables": {}} trailing',
            "Extra data",
        ),
        (
            '{"tables": {}, "format": "trustworks-ledger", "schema_revision": "REV"}',
            "not a Trustworks backup",
        ),
        (
            _HEAD + '"tables": {"people": [], "accounts": []}}',
            "accounts comes after people",
        ),
        (
            _HEAD + '"tables": {"accounts": [], "accounts": []}}',
            "appears twice",
        ),
        (
            _HEAD + '"tables": {"accounts": [{"id": 1, "name": "A"} {"id": 2}]}}',
            "Expecting ',' delimiter",
        ),
        (
            _HEAD + '"tables": {"accounts": [{"id": 1, "name": "A", "\\udc80x": 1}]}}',
            "unknown column(s) '\\udc80x'",
        ),
    ],
)
def test_read_backup_refuses_broken_structure(text: str, problem: str) -> None:
    with pytest.raises(FormatError) as info:
        read_backup(text.replace("REV", head_revision()).encode(), "b.json")
    assert problem in str(info.value)
    str(info.value).encode("utf-8")  # printable as it is


def test_restore_links_an_older_backups_records_as_the_upgrade_does(
    ledger: Ledger, tmp_path: Path
) -> None:
    from trustworks.ledger.users import add_user

    with ledger.session() as s:
        dana = add_user(s, "dana", "a long enough password", "seller", seller="Dana Whitfield")
        dana_id = dana.id
        repo.add(s, "account", {"name": "Northwind", "owner": "Dana Whitfield"})
        repo.add(s, "person", {"account": "Northwind", "name": "Kim"})
        ours = repo.add(
            s, "commitment", {"account": "Northwind", "side": "us", "by": "dana", "what": "x"}
        ).id  # type: ignore[attr-defined]
        theirs = repo.add(
            s, "commitment", {"account": "Northwind", "side": "client", "by": "Sam", "what": "y"}
        ).id  # type: ignore[attr-defined]
        call = repo.add(s, "interaction", {"account": "Northwind", "seller": "dana"}).id  # type: ignore[attr-defined]
    doc = _dump(ledger)
    doc["schema_revision"] = "0007"  # before records were bound: no links in the file
    for row in doc["tables"]["commitments"]:
        del row["by_user_id"], row["by_person_id"]
    for row in doc["tables"]["interactions"]:
        del row["seller_user_id"], row["seller_speakers"]
    doc["tables"]["people"] = [p for p in doc["tables"]["people"] if p["name"] == "Kim"]
    for row in doc["tables"]["audit_trail"]:  # nor the trail's owners (0009)
        del row["account_owner"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    restore(ledger, path, replace=True)
    with ledger.session() as s:
        mine = s.get(tables.Commitment, ours)
        client = s.get(tables.Commitment, theirs)
        saved = s.get(tables.Interaction, call)
        assert mine is not None and mine.by_user_id == dana_id
        assert client is not None and client.by_person_id is not None
        person = s.get(tables.Person, client.by_person_id)
        assert person is not None and person.name == "Sam"
        assert saved is not None and saved.seller_user_id == dana_id
        owners = s.scalars(select(tables.AuditEntry.account_owner)).all()
        assert owners and set(owners) == {"dana whitfield"}


def test_restore_never_lends_a_removed_records_id_to_a_new_one(
    ledger: Ledger, tmp_path: Path
) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        gone = repo.add(s, "account", {"name": "Gone"}).id  # type: ignore[attr-defined]
        promise = repo.add(
            s, "commitment", {"account": "Gone", "side": "us", "by": "Kim", "what": "secret"}
        ).id  # type: ignore[attr-defined]
    with ledger.session() as s:
        repo.remove(s, "account", gone)  # the newest: its trail remains
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(_dump(ledger)), encoding="utf-8")
    # SQLite's counters outlive a wipe of the same file: restore into a new one there.
    sqlite = ledger.engine.dialect.name == "sqlite"
    target = open_ledger(f"sqlite:///{tmp_path / 'new.sqlite3'}") if sqlite else ledger
    restore(target, path, replace=True)
    with target.session() as s:
        fresh = repo.add(s, "account", {"name": "Fresh"}).id  # type: ignore[attr-defined]
        other = repo.add(
            s, "commitment", {"account": "Fresh", "side": "us", "by": "Kim", "what": "x"}
        ).id  # type: ignore[attr-defined]
    if sqlite:
        target.close()
    assert fresh > gone and other > promise
