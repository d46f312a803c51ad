"""A full disk during `backup`, `export` and `log`: one line, exit 2, nothing half-written.

Two ways of filling the disk: a real 2 MiB tmpfs (where mounting is possible) and a wrapper
that makes the write fail with ENOSPC (everywhere).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.faults.conftest import fill
from trustworks import files
from trustworks.cli import app
from trustworks.errors import OutputError
from trustworks.ledger import repository
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.export import backup, export_csv

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()
_MAIN = "from trustworks.cli import main; main()"


def _ledger_with_data(ledger: Ledger) -> None:
    with ledger.session() as session:
        for n in range(60):
            repository.add(session, "account", {"name": f"Account {n}", "notes": "x" * 40_000})


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "filler")


def _one_line_error(result: object, where: Path | str) -> str:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    lines = result.stderr.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 1, result.stderr  # type: ignore[attr-defined]
    assert lines[0].startswith(f"error: {where}"), lines[0]
    assert "disk is full" in lines[0]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return lines[0]


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["backup", "{disk}/ledger.json"], "{disk}/ledger.json"),
        (["export", "-o", "{disk}/ledger.json"], "{disk}/ledger.json"),
        (["export", "--format", "csv", "-o", "{disk}/csv"], "{disk}/csv/"),
    ],
)
def test_backup_and_export_on_a_full_disk_exit_2_and_leave_nothing(
    ledger: Ledger, tiny_disk: Path, args: list[str], target: str
) -> None:
    _ledger_with_data(ledger)  # about 800 KB of notes: more than the disk holds
    filled = [a.format(disk=tiny_disk) for a in args]
    result = runner.invoke(app, [*filled, "--db", ledger.url])
    _one_line_error(result, target.format(disk=tiny_disk))
    assert _leftovers(tiny_disk) == []


def test_backup_on_a_full_disk_keeps_the_previous_backup(
    sqlite_ledger: Ledger, tiny_disk: Path
) -> None:
    previous = tiny_disk / "ledger.json"
    previous.write_text('{"format": "trustworks-ledger", "old": true}\n', encoding="utf-8")
    _ledger_with_data(sqlite_ledger)
    result = runner.invoke(app, ["backup", str(previous), "--db", sqlite_ledger.url])
    _one_line_error(result, previous)
    assert previous.read_text(encoding="utf-8").endswith('"old": true}\n')
    assert _leftovers(tiny_disk) == ["ledger.json"]


def test_export_to_a_full_standard_output_exits_2_with_one_line(
    sqlite_ledger: Ledger, tiny_disk: Path
) -> None:
    _ledger_with_data(sqlite_ledger)
    with (tiny_disk / "out.json").open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-c", _MAIN, "export", "--db", sqlite_ledger.url],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        "error: standard output: could not write it: the disk is full "
        "(No space left on device); what was written is incomplete"
    ]


def test_log_on_a_full_disk_exits_2_and_saves_nothing(tiny_disk: Path) -> None:
    db = tiny_disk / "ledger.sqlite3"
    assert (
        runner.invoke(app, ["ledger", "add", "account", "name=Acme", "--db", str(db)]).exit_code
        == 0
    )
    fill(tiny_disk)
    result = runner.invoke(
        app, ["log", str(EXAMPLES / "cut-short.txt"), "--account", "Acme", "--db", str(db)]
    )
    _one_line_error(result, db)
    (tiny_disk / "filler").unlink()
    ledger = open_ledger(str(db))
    try:
        with ledger.session() as session:
            assert repository.rows(session, "interaction") == []
    finally:
        ledger.close()


def test_restore_onto_a_full_disk_exits_2_and_writes_nothing(
    sqlite_ledger: Ledger, tiny_disk: Path, tmp_path: Path
) -> None:
    _ledger_with_data(sqlite_ledger)  # 2.4 MB of notes: more than the tiny disk holds
    path = tmp_path / "b.json"
    backup(sqlite_ledger, path)
    db = tiny_disk / "ledger.sqlite3"
    assert runner.invoke(app, ["db", "upgrade", "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["restore", str(path), "--db", str(db)])
    _one_line_error(result, db)
    ledger = open_ledger(str(db))
    try:
        with ledger.session() as session:
            assert repository.rows(session, "account") == []
    finally:
        ledger.close()


# Without a real disk: the write itself fails with ENOSPC. ---------------------------------------


def _no_space(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_backup_fsync_failure_raises_output_error_and_leaves_nothing(
    ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ledger_with_data(ledger)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(files.os, "fsync", _no_space)
    with pytest.raises(OutputError, match=r"backup\.json: could not write it: the disk is full"):
        backup(ledger, out / "backup.json")
    assert list(out.iterdir()) == []


def test_export_csv_write_failure_raises_output_error_and_leaves_nothing(
    sqlite_ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ledger_with_data(sqlite_ledger)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr("trustworks.ledger.export.os.fsync", _no_space)
    with pytest.raises(OutputError, match=r"accounts\.csv: could not write it: the disk is full"):
        export_csv(sqlite_ledger, out / "csv")
    assert list(out.iterdir()) == []


def test_write_atomic_on_a_full_disk_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chart.svg"
    target.write_bytes(b"old")
    monkeypatch.setattr(files.os, "fsync", _no_space)
    with pytest.raises(OutputError, match="disk is full"):
        files.write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]
