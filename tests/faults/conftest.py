"""Fault injection: a tiny disk that fills up, for checking what a full disk leaves behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import migrated_sqlite_url
from trustworks.ledger.database import Ledger, open_ledger


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on its own 2 MiB tmpfs (needs root and `mount`; skipped where impossible).

    A fresh ledger with every migration applied takes about 450 KiB, and building it needs
    room for the migrations' table copies.
    """
    mount = shutil.which("mount")
    if os.name != "posix" or os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a tmpfs needs root and mount(8); the fault-wrapper tests still run")
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=2m,mode=1777", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path, *, leave: int = 0) -> None:
    """Fill the disk under `folder` until fewer than `leave` bytes are free."""
    filler = folder / "filler"
    with filler.open("ab") as handle, contextlib.suppress(OSError):
        while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave:
            handle.write(b"\0" * 4096)
            handle.flush()


@pytest.fixture
def sqlite_ledger(tmp_path: Path) -> Iterator[Ledger]:
    """An empty ledger in a SQLite file of the test's own folder."""
    opened = open_ledger(migrated_sqlite_url(tmp_path / "ledger.sqlite3"))
    yield opened
    opened.close()
