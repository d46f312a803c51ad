"""Writing a file so that it appears complete or not at all, and sweeping up after a crash.

Every file is written to a hidden temporary file in the target's own folder, flushed to disk
and renamed into place. A temporary name says which process on which machine made it
(`.backup.json.tw-host-4242-1a2b3c4d.tmp`), so the next run can tell a temporary file whose
writer was killed from one that another process is still writing: `remove_stale_temps`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from trustworks.errors import InputError, OutputError

__all__ = [
    "STALE_AFTER_SECONDS",
    "atomic_path",
    "atomic_text",
    "describe",
    "make_temp_dir",
    "remove_stale_temps",
    "write_atomic",
    "write_failure",
]

# A temporary file from another machine (or an older Trustworks) cannot be checked for a live
# writer; one untouched this long is taken as abandoned. A live writer keeps touching its file.
STALE_AFTER_SECONDS = 3600.0

_OURS = re.compile(r"^\..+\.tw-(?P<host>[A-Za-z0-9-]*)-(?P<pid>\d+)-[0-9a-f]{8}\.tmp$")
# Names older Trustworks versions used: mkstemp's ".<name>.<8 chars>.tmp" and the batch
# workers' ".<name>.<pid>.tmp"; only their age can tell whether they are abandoned.
_LEGACY = re.compile(r"^\..+\.(?:[a-z0-9_]{8}|\d+)\.tmp$")


def write_atomic(path: str | Path, data: bytes, *, mode: int = 0o644) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    Files for sharing (reports, charts) are readable by others by default. A full disk or any
    other write failure raises OutputError and leaves the previous file, if any, untouched.
    """
    with atomic_path(path, mode=mode) as temp, _failures(Path(path)), temp.open("wb") as handle:
        handle.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_text(path: str | Path, *, mode: int = 0o600) -> Iterator[IO[str]]:
    """A UTF-8 text file that appears at `path` complete, or not at all, when the block ends.

    Private (0600) by default, as backups are. A full disk while writing raises OutputError
    naming the file; the temporary file is removed and the previous file is untouched.
    """
    target = Path(path)
    with (
        atomic_path(target, mode=mode) as temp,
        _failures(target),
        temp.open("w", encoding="utf-8", newline="") as handle,
    ):
        yield handle


@contextlib.contextmanager
def atomic_path(path: str | Path, *, mode: int = 0o644) -> Iterator[Path]:
    """A temporary path beside `path` to write to; renamed onto `path` when the block ends.

    For writers that want a file name (Parquet, say). The file is flushed to disk before the
    rename; if the block raises, the temporary file is removed and `path` is left as it was.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(str(target), "is a directory, not a file")
    folder = target.parent
    if not folder.is_dir():
        raise InputError(str(target), f"no such folder: {folder}")
    temp = _create_temp(target, mode)
    try:
        yield temp
        with _failures(target):
            _fsync(temp)
            temp.replace(target)
            _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def make_temp_dir(target: Path) -> Path:
    """A new private folder beside `target`, named as our temporary files are."""
    for _ in range(100):
        candidate = target.with_name(_temp_name(target.name))
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(str(target), f"cannot write there: {describe(exc)}") from None
        return candidate
    raise OutputError(str(target), "cannot find a free temporary name beside it")


def remove_stale_temps(folder: str | Path, *, now: float | None = None) -> list[Path]:
    """Remove temporary files (and folders) our writers left in `folder` when they were killed.

    Only names of our own pattern are touched: one whose writer ran on this machine and is no
    longer alive, or one untouched for STALE_AFTER_SECONDS. Never fails: a file that cannot be
    removed is left for the next run. Returns what was removed.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    clock = time.time() if now is None else now
    host = _host()
    for entry in entries:
        if not entry.name.endswith(".tmp") or not entry.name.startswith("."):
            continue
        ours = _OURS.match(entry.name)
        if ours is None and _LEGACY.match(entry.name) is None:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            old = clock - info.st_mtime > STALE_AFTER_SECONDS
            dead = ours is not None and ours["host"] == host and not _alive(int(ours["pid"]))
            if not (dead or old):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def describe(exc: OSError) -> str:
    """An OSError in words a user can act on ("the disk is full (No space left on device)")."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return f"the disk is full ({reason})"
    if exc.errno == getattr(errno, "EDQUOT", None):
        return f"over the disk quota ({reason})"
    return reason


def write_failure(target: str | Path, exc: OSError) -> OutputError:
    """The OutputError for a failed write of `target`: what, where and why, in one line."""
    return OutputError(
        str(target), f"could not write it: {describe(exc)}; nothing was written there"
    )


@contextlib.contextmanager
def _failures(target: Path) -> Iterator[None]:
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise write_failure(target, exc) from exc


def _create_temp(target: Path, mode: int) -> Path:
    for _ in range(100):
        temp = target.with_name(_temp_name(target.name))
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise OutputError(str(target), f"cannot write there: {describe(exc)}") from None
        os.close(fd)
        # Set after creation: the umask must not make a shared report private, or the reverse.
        temp.chmod(mode)
        return temp
    raise OutputError(str(target), "cannot find a free temporary name beside it")


def _temp_name(name: str) -> str:
    return f".{name}.tw-{_host()}-{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40]


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a number we cannot check: leave the file
    return True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # The rename is only durable once the folder's entry is on disk; not every system allows it.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
