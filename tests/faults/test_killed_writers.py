"""A backup or batch worker killed with SIGKILL mid-write: its temporary file is swept next run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from trustworks.batch.work import make_dirs
from trustworks.cli import app
from trustworks.ledger import repository
from trustworks.ledger.database import Ledger

runner = CliRunner()

# A real `trustworks backup` whose disk is slow: it stops after its first row and says so.
_SLOW_BACKUP = """
import sys, time
from trustworks.ledger import export
rows = export._rows
def slow(conn, table):
    for n, row in enumerate(rows(conn, table)):
        yield row
        if n == 0:
            print("writing", flush=True)
            time.sleep(120)
export._rows = slow
from trustworks.cli import main
main()
"""


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _killed_mid_write(args: list[str]) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BACKUP, *args], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()


def test_a_killed_backup_leaves_a_temp_file_the_next_backup_removes(
    ledger: Ledger, tmp_path: Path
) -> None:
    with ledger.session() as session:
        for n in range(3):
            repository.add(session, "account", {"name": f"Account {n}"})
    out = tmp_path / "backups"
    out.mkdir()
    (out / "notes.tmp").write_text("not ours", encoding="utf-8")
    _killed_mid_write(["backup", str(out / "b.json"), "--db", ledger.url])
    left = _temps(out)
    assert len(left) == 2 and left[0].startswith(".b.json.tw-"), left
    assert not (out / "b.json").exists()

    result = runner.invoke(app, ["backup", str(out / "b.json"), "--db", ledger.url])
    assert result.exit_code == 0, result.output
    assert _temps(out) == ["notes.tmp"]
    assert len(json.loads((out / "b.json").read_text(encoding="utf-8"))["tables"]["accounts"]) == 3


def test_a_killed_csv_export_leaves_a_folder_the_next_export_removes(
    sqlite_ledger: Ledger, tmp_path: Path
) -> None:
    with sqlite_ledger.session() as session:
        repository.add(session, "account", {"name": "Acme"})
    _killed_mid_write(
        ["export", "--format", "csv", "-o", str(tmp_path / "csv"), "--db", sqlite_ledger.url]
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".csv.tw-")]
    result = runner.invoke(
        app, ["export", "--format", "csv", "-o", str(tmp_path / "csv"), "--db", sqlite_ledger.url]
    )
    assert result.exit_code == 0, result.output
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".csv")]


def test_a_killed_batch_workers_parts_are_removed_when_the_next_run_starts(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    make_dirs(out)
    # A worker that dies (SIGKILL) while writing a part, through the same writer batch uses.
    writer = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from trustworks.files import atomic_path\n"
        "with atomic_path(Path(sys.argv[1])) as temp:\n"
        "    temp.write_bytes(b'PAR1 half')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    target = out / "conversations" / "abc.parquet"
    done = subprocess.run([sys.executable, "-c", writer, str(target)], check=False)
    assert done.returncode == -signal.SIGKILL
    assert _temps(out / "conversations")
    (out / "findings" / "kept.parquet").write_bytes(b"PAR1")
    make_dirs(out)  # what the next `batch run` does first
    assert _temps(out / "conversations") == []
    assert (out / "findings" / "kept.parquet").exists()
    assert not target.exists()
