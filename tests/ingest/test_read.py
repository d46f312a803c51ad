"""Reading input: files, standard input, the size cap, and unreadable paths."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from trustworks.errors import InputError, InputTooLargeError
from trustworks.ingest import DEFAULT_MAX_BYTES, read_source


class _EndlessStdin:
    """A standard input that never ends and records how much was asked for."""

    def __init__(self) -> None:
        self.requests: list[int] = []
        self.buffer = self

    def read(self, size: int = -1) -> bytes:
        self.requests.append(size)
        assert size >= 0, "standard input must be read with a bound"
        return b"x" * size


def test_read_source_file(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_bytes(b"Jane: hi\r\n")
    assert read_source(path) == (b"Jane: hi\r\n", str(path))
    assert read_source(str(path)) == (b"Jane: hi\r\n", str(path))


def test_read_source_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Jane: hi\n")))
    assert read_source("-") == (b"Jane: hi\n", "<stdin>")


def test_read_source_stdin_is_read_with_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = _EndlessStdin()
    monkeypatch.setattr(sys, "stdin", stdin)
    with pytest.raises(InputTooLargeError) as caught:
        read_source("-", max_bytes=1000)
    assert stdin.requests == [1001]
    assert caught.value.source == "<stdin>"
    assert caught.value.problem == (
        "standard input is more than 1,000 bytes; the limit is 1,000 bytes (--max-bytes)"
    )


def test_read_source_stdin_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="standard input is not available"):
        read_source("-")


def test_read_source_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.vtt"
    with path.open("wb") as handle:
        handle.truncate(209_715_200)  # sparse: no disk used, stat says 200 MiB
    with pytest.raises(InputTooLargeError) as caught:
        read_source(path)
    assert caught.value.problem == (
        "file is 209,715,200 bytes; the limit is 52,428,800 bytes (--max-bytes)"
    )
    assert caught.value.line is None


@pytest.mark.parametrize(("size", "limit", "ok"), [(10, 10, True), (11, 10, False), (0, 0, True)])
def test_read_source_limit_is_inclusive(tmp_path: Path, size: int, limit: int, ok: bool) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"a" * size)
    if ok:
        assert read_source(path, max_bytes=limit)[0] == b"a" * size
    else:
        with pytest.raises(InputTooLargeError):
            read_source(path, max_bytes=limit)


def test_read_source_growing_file_is_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"a" * 100)
    real_stat = Path.stat

    def small_stat(self: Path, **kwargs: bool):  # type: ignore[no-untyped-def]
        info = real_stat(self, **kwargs)
        return type("Stat", (), {"st_size": 1, "st_mode": info.st_mode})()

    monkeypatch.setattr(Path, "stat", small_stat)
    with pytest.raises(InputTooLargeError, match="file is more than 50 bytes"):
        read_source(path, max_bytes=50)


def test_read_source_default_limit() -> None:
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "missing.vtt", "no such file"),
        (lambda d: d, "is a directory, not a file"),
        (lambda d: d / "missing" / "x.txt", "no such file"),
    ],
)
def test_read_source_unreadable_paths(tmp_path: Path, make, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.problem == problem
    assert caught.value.source == str(path)


def test_read_source_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, who can read anything: simulate the refusal.
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError) as caught:
        read_source(path)
    assert caught.value.problem == "permission denied"


def test_read_source_rejects_a_negative_limit(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        read_source(tmp_path, max_bytes=-1)
