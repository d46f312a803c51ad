"""Writing a file so that it appears complete or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from trustworks.errors import InputError

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, data: bytes, *, mode: int = 0o644) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    Files for sharing (reports, charts) are readable by others by default; mkstemp makes 0600.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError(str(target), "is a directory, not a file")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(str(target), f"cannot write there: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).chmod(mode)
        Path(temp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        raise
    return target
