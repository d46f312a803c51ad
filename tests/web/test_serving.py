"""`trustworks serve --workers N`: a worker that dies or hangs is replaced, and said so."""

from __future__ import annotations

import contextlib
import inspect
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from trustworks.cli.serve import serve_command
from trustworks.web.serving import WORKER_TIMEOUT, _why


def test_why_a_worker_was_replaced_is_said() -> None:
    assert _why(None, True, 5) == "did not answer the health check within 5 s and was killed"
    assert _why(-9, False, 5) == "was stopped by SIGKILL"
    assert _why(1, False, 5) == "exited with code 1"


def test_cli_worker_timeout_default_is_the_servers() -> None:
    default = inspect.signature(serve_command).parameters["worker_timeout"].default
    assert default == WORKER_TIMEOUT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _workers(parent: int) -> list[int]:
    """The worker processes uvicorn's manager started (not multiprocessing's helpers)."""
    found = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(OSError):
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
                if b"spawn_main" in cmdline:
                    found.append(int(child))
    return found


def _until(check: Callable[[], bool], seconds: float, what: str | Callable[[], str]) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            said = what() if callable(what) else what
            raise AssertionError(f"not within {seconds:g} s: {said}")
        time.sleep(0.2)


def _answers(url: str) -> bool:
    """Whether the page answers 200 now; a worker still starting on a loaded machine may time out
    or drop the connection, which is "not yet" while the deadline lasts, not a failure."""
    try:
        return httpx.get(url, timeout=5).status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str, Path]]:
    if not Path("/proc/self/task").exists():
        pytest.skip("finds the workers through /proc (Linux)")
    port = _free_port()
    log = tmp_path / "serve.log"
    exe = Path(sys.executable).with_name("trustworks")
    command = [str(exe), "serve", "--port", str(port), "--workers", "2", "--worker-timeout", "2"]
    command += ["--db", f"sqlite:///{tmp_path / 'ledger.sqlite3'}"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=out, start_new_session=True)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"serve exited: {log.read_text()}")
        return _answers(f"{base}/login")

    try:
        _until(answers, 90, "the server answers")
        _until(lambda: len(_workers(process.pid)) == 2, 60, "two workers run")
        yield process, base, log
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_serve_a_killed_or_hung_worker_is_replaced_with_a_warning(
    served: tuple[subprocess.Popen[bytes], str, Path],
) -> None:
    process, base, log = served
    first, second = _workers(process.pid)
    os.kill(first, signal.SIGKILL)
    killed = f"worker [{first}] was stopped by SIGKILL"
    _until(
        lambda: killed in log.read_text(),
        30,
        lambda: f"warned; workers {_workers(process.pid)}, were {first, second}; {log.read_text()}",
    )
    os.kill(second, signal.SIGSTOP)  # hung: it cannot answer the manager's ping
    hung = f"worker [{second}] did not answer the health check within 2 s and was killed"
    _until(
        lambda: hung in log.read_text(), 30, lambda: f"warned of the hung one: {log.read_text()}"
    )
    lines = [line for line in log.read_text().splitlines() if f"[{first}]" in line]
    assert lines and all(line.startswith("WARNING") for line in lines), lines
    _until(lambda: len(_workers(process.pid)) == 2, 60, "both replaced")
    _until(lambda: _answers(f"{base}/login"), 60, "still serving")


def test_a_worker_starts_without_hashing_a_password() -> None:
    # An argon2 hash (0.3-0.5 s, 64 MiB) used to be made when trustworks.ledger.users was
    # imported: every worker paid it before it could answer the manager's health check.
    script = (
        "import argon2\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit('hashed a password at start-up')\n"
        "argon2.PasswordHasher.hash = refuse\n"
        "import trustworks.web.app\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr or done.stdout
