"""The test run itself: a green run under pytest-xdist ends without a stray warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]

# A worker whose end takes longer than execnet's five seconds of grace, as a full suite's last
# garbage collections do on a loaded machine, and a Hypothesis test (whose gc callback the
# stray SIGINT used to land in).
SLOW_END = """
import gc, os, time
from tests.conftest import pytest_sessionfinish  # the hook under test

def pytest_unconfigure(config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        end, junk = time.monotonic() + 7, []
        while time.monotonic() < end:
            junk.append([[] for _ in range(1000)])
            if len(junk) > 200:
                junk.clear()
                gc.collect()
"""
HYPOTHESIS_TEST = """
from hypothesis import given, strategies as st

@given(st.integers())
def test_any_integer_equals_itself(x):
    assert x == x
"""


def test_test_run_slow_worker_end_leaves_no_keyboard_interrupt(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(SLOW_END, encoding="utf-8")
    (tmp_path / "test_slow_end.py").write_text(HYPOTHESIS_TEST, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", "."],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
    assert "KeyboardInterrupt" not in done.stdout + done.stderr
