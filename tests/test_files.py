"""trustworks.files: complete-or-absent writes, and which leftover temporary files are swept."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trustworks import files


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _touch(folder: Path, name: str, *, age: float = 0.0) -> Path:
    path = folder / name
    path.write_text("half", encoding="utf-8")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


HOUR = files.STALE_AFTER_SECONDS


@pytest.mark.parametrize(
    ("name", "age", "removed"),
    [
        # Ours, written on this machine: removed exactly when the writer is gone.
        (".b.json.tw-{host}-{dead}-0a1b2c3d.tmp", 0, True),
        (".b.json.tw-{host}-{me}-0a1b2c3d.tmp", 0, False),
        (".b.json.tw-{host}-{me}-0a1b2c3d.tmp", 2 * HOUR, True),
        (".k.parquet.tw-{host}-{parent}-0a1b2c3d.tmp", 0, False),
        # Ours, from another machine: only its age tells.
        (".b.json.tw-elsewhere-{dead}-0a1b2c3d.tmp", 0, False),
        (".b.json.tw-elsewhere-{dead}-0a1b2c3d.tmp", 2 * HOUR, True),
        # Older Trustworks (mkstemp, batch worker): only by age.
        (".b.json.k2_x9q0z.tmp", 60, False),
        (".b.json.k2_x9q0z.tmp", 2 * HOUR, True),
        (".k.parquet.{dead}.tmp", 2 * HOUR, True),
        # Not ours, however old.
        ("b.json", 2 * HOUR, False),
        ("notes.tmp", 2 * HOUR, False),
        (".cache.tmp", 2 * HOUR, False),
        (".b.json.swp", 2 * HOUR, False),
        (".b.json.tw-{host}-{dead}-NOTHEX00.tmp", 0, False),
    ],
)
def test_remove_stale_temps_takes_only_abandoned_files_of_ours(
    tmp_path: Path, name: str, age: float, removed: bool
) -> None:
    filled = name.format(host=files._host(), dead=_dead_pid(), me=os.getpid(), parent=os.getppid())
    path = _touch(tmp_path, filled, age=age)
    gone = files.remove_stale_temps(tmp_path)
    assert (gone == [path]) is removed
    assert path.exists() is not removed


def test_remove_stale_temps_takes_a_killed_writers_folder(tmp_path: Path) -> None:
    staging = tmp_path / f".csv.tw-{files._host()}-{_dead_pid()}-00ff00ff.tmp"
    staging.mkdir()
    (staging / "accounts.csv").write_text("id\n", encoding="utf-8")
    assert files.remove_stale_temps(tmp_path) == [staging]
    assert list(tmp_path.iterdir()) == []


def test_remove_stale_temps_of_a_missing_folder_is_nothing(tmp_path: Path) -> None:
    assert files.remove_stale_temps(tmp_path / "missing") == []


def test_temporary_names_are_recognised_as_ours_and_alive(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    with files.atomic_path(target) as temp:
        assert files._OURS.match(temp.name)
        assert files.remove_stale_temps(tmp_path) == []  # this process is alive
        temp.write_bytes(b"<p>done</p>")
    assert target.read_bytes() == b"<p>done</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize(("mode", "expected"), [(0o644, 0o644), (0o600, 0o600)])
def test_write_atomic_sets_the_mode_asked_for(tmp_path: Path, mode: int, expected: int) -> None:
    path = files.write_atomic(tmp_path / "chart.svg", b"<svg/>", mode=mode)
    assert path.stat().st_mode & 0o777 == expected
