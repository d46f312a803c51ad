"""Text or uploaded bytes to an Analysis, the way the CLI does it (decode, parse, analyse), and
the gate every analysis of the web app goes through so that one user cannot stall the others.

The gate:

- runs analyses on a small pool of threads of their own, never on the event loop: even a
  short text can be slow (800 one-word speakers in 8,000 characters took 100 ms), and the hop
  to a thread costs a tenth of a millisecond;
- lets one user have at most `per_user` analyses running or waiting in a worker process
  (429 with Retry-After beyond that), and the process at most `max_waiting` in all (503);
- refuses texts over `MAX_ANALYSIS_CHARS` (413, saying the limit) before any work is done:
  a 4.9 MB upload would take seconds and answer with a 24 MB document.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from trustworks.analysis import WRITTEN_FORMATS, Analysis, Settings, analyze
from trustworks.errors import InputTooLargeError
from trustworks.ingest import decode_text, parse
from trustworks.web.errors import AnalysisBusyError

__all__ = [
    "ANALYSIS_THREADS",
    "INLINE_CHARS",
    "LIVE_PER_USER",
    "MAX_ANALYSIS_CHARS",
    "MAX_WAITING",
    "PER_USER",
    "AnalysisGate",
    "analyse_bytes",
    "analyse_text",
    "check_length",
    "gate_of",
    "limit_text",
]

T = TypeVar("T")

# About ten hours of talk (a one-hour call is 40,000-60,000 characters, timestamps included):
# analysed in about 2 s, answered with a 3.6 MB document.
MAX_ANALYSIS_CHARS = 1_000_000
INLINE_CHARS = 0  # nothing is analysed on the event loop (a test may allow short texts)
PER_USER = 2
ANALYSIS_THREADS = 2  # the work holds the GIL: more threads would not finish sooner
MAX_WAITING = 16
LIVE_PER_USER = 3  # live meters one user may have open in a worker process


def limit_text(chars: int = MAX_ANALYSIS_CHARS) -> str:
    """The limit as users are told it."""
    return f"at most {chars:,} characters (about ten hours of talk) are analysed at once"


def check_length(text: str, source: str, chars: int = MAX_ANALYSIS_CHARS) -> None:
    """Refuse a text longer than the web app analyses, saying the limit."""
    if len(text) > chars:
        raise InputTooLargeError(
            source, f"the text is {len(text):,} characters; {limit_text(chars)}: split it"
        )


def analyse_text(
    text: str, source: str, fmt: str | None, seller: Sequence[str], learned: bool = False
) -> Analysis:
    """Parse `text` (format detected when None) and analyse it."""
    check_length(text, source)
    conversation = parse(text, source, fmt)
    del learned  # retired: the semantic layer that replaced it is always on
    settings = Settings(written=conversation.format in WRITTEN_FORMATS)
    return analyze(conversation, [s for s in seller if s.strip()] or None, settings=settings)


def analyse_bytes(
    data: bytes, source: str, fmt: str | None, seller: Sequence[str], learned: bool = False
) -> Analysis:
    """Decode uploaded bytes (encoding detected), then as `analyse_text`."""
    # Every character takes at least one byte: a file this large cannot fit once decoded,
    # and need not be decoded (tens of milliseconds for megabytes) to be refused.
    if len(data) > 4 * MAX_ANALYSIS_CHARS:
        raise InputTooLargeError(
            source, f"the file is {len(data):,} bytes; {limit_text()}: split it"
        )
    return analyse_text(decode_text(data, source), source, fmt, seller, learned)


class AnalysisGate:
    """Where a worker process runs its analyses; see the module docstring."""

    def __init__(
        self,
        *,
        threads: int = ANALYSIS_THREADS,
        per_user: int = PER_USER,
        max_waiting: int = MAX_WAITING,
        inline_chars: int = INLINE_CHARS,
    ) -> None:
        self.per_user = per_user
        self.max_waiting = max_waiting
        self.inline_chars = inline_chars
        # An executor, not an anyio limiter: it is not tied to one event loop (each test
        # client runs its own), and its queue is bounded by the counts below.
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="trustworks-analysis")
        self._lock = threading.Lock()
        self._mine: Counter[str] = Counter()
        self._all = 0
        self._live: Counter[str] = Counter()
        self.live_per_user = LIVE_PER_USER

    @contextmanager
    def _slot(self, user: str) -> Iterator[None]:
        with self._lock:
            if self._mine[user] >= self.per_user:
                raise AnalysisBusyError(
                    f"you already have {self._mine[user]} analyses running (at most "
                    f"{self.per_user} at once); send this one when one of them has finished",
                    429,
                    2,
                )
            if self._all >= self.max_waiting:
                raise AnalysisBusyError(
                    f"the server is busy with {self._all} analyses; try again in a few seconds",
                    503,
                    5,
                )
            self._mine[user] += 1
            self._all += 1
        try:
            yield
        finally:
            with self._lock:
                self._mine[user] -= 1
                self._all -= 1
                if not self._mine[user]:
                    del self._mine[user]

    async def run(self, user: str, chars: int, work: Callable[[], T]) -> T:
        """`work` (an analysis of about `chars` characters) for `user`, off the event loop."""
        with self._slot(user):
            if chars <= self.inline_chars:
                return work()
            return await asyncio.get_running_loop().run_in_executor(self._pool, work)

    def run_sync(self, user: str, work: Callable[[], T]) -> T:
        """As `run`, from a route that already runs in a thread of the server's own pool."""
        with self._slot(user):
            return self._pool.submit(work).result()

    async def turn(self, chars: int, work: Callable[[], T]) -> T:
        """One live turn: a connection sends one at a time, so only the thread is shared."""
        if chars <= self.inline_chars:
            return work()
        return await asyncio.get_running_loop().run_in_executor(self._pool, partial(work))

    @contextmanager
    def live(self, user: str) -> Iterator[None]:
        """Hold one of `user`'s live meters open (AnalysisBusyError when all are taken)."""
        with self._lock:
            if self._live[user] >= self.live_per_user:
                raise AnalysisBusyError(
                    f"you have {self._live[user]} live meters open (at most "
                    f"{self.live_per_user}); close one first",
                    429,
                    2,
                )
            self._live[user] += 1
        try:
            yield
        finally:
            with self._lock:
                self._live[user] -= 1
                if not self._live[user]:
                    del self._live[user]

    def running(self, user: str) -> int:
        """How many analyses `user` has running or waiting in this process."""
        with self._lock:
            return self._mine[user]


_CREATING = threading.Lock()


def gate_of(state: Any) -> AnalysisGate:
    """The gate of an app (its `app.state`), made on first use."""
    with _CREATING:
        gate: AnalysisGate | None = getattr(state, "analysis_gate", None)
        if gate is None:
            gate = AnalysisGate()
            state.analysis_gate = gate
        return gate
