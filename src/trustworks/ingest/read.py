"""Read input bytes from a file or standard input, never more than the size cap allows."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

from trustworks.errors import InputError, InputTooLargeError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STDIN_NAME = "<stdin>"


def read_source(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, str]:
    """Return (bytes, source name) for a file, or for standard input when `path` is "-".

    Reads at most `max_bytes` + 1 bytes, so a huge or endless input fails fast.
    """
    if max_bytes < 0:
        raise ValueError(f"max_bytes must be zero or more, not {max_bytes}")
    if str(path) == "-":
        return _read_stdin(max_bytes), STDIN_NAME
    source = str(path)
    file = Path(path)
    try:
        info = file.stat()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(source, "is a directory, not a file")
    if info.st_size > max_bytes:
        raise _too_large(source, info.st_size, max_bytes)
    try:
        with file.open("rb") as handle:
            # The size can change after stat, and pipes and /dev files report 0: read bounded.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _too_large(source, None, max_bytes)
    return data, source


def _read_stdin(max_bytes: int) -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(STDIN_NAME, "standard input is not available")
    try:
        data: bytes = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(STDIN_NAME, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise _too_large(STDIN_NAME, None, max_bytes)
    return data


def _too_large(source: str, size: int | None, max_bytes: int) -> InputTooLargeError:
    what = "standard input" if source == STDIN_NAME else "file"
    limit = f"the limit is {max_bytes:,} bytes (--max-bytes)"
    if size is None:  # a pipe or a growing file: all we know is that it passed the limit
        return InputTooLargeError(source, f"{what} is more than {max_bytes:,} bytes; {limit}")
    return InputTooLargeError(source, f"{what} is {size:,} bytes; {limit}")
