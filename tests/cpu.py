"""A guard against reading hostile input in super-linear time, which no load can trip.

A few inputs once took minutes (a 100,000-character turn of "so, " took 420 s; 32,000
characters of ", , , " 16 s; a line of five million colons). Their tests keep them from
coming back with a budget of this thread's CPU time, not of the clock: a busy machine, other
test workers or a slow host stretch the wall time of a run that is fine, never its CPU time
by much. Each budget sits many times above what the work takes and far below what the bad
reading took; how fast the work is stays a matter for the benchmarks in bench/.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cpu_budget(seconds: float) -> Iterator[None]:
    """Fail if the block spends more than ``seconds`` of this thread's CPU time."""
    began = time.thread_time()
    yield
    spent = time.thread_time() - began
    assert spent < seconds, f"took {spent:.1f} s of CPU, over the {seconds} s budget"
