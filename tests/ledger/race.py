"""A second writer started while the test holds a lock: does it wait, and how does it end?"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Racer:
    """Runs ``work`` in a thread at once; keeps "ok" or the exception it ended with, so a
    failure in the thread is reported by the test, never lost."""

    def __init__(self, work: Callable[[], object]) -> None:
        self.outcome: list[object] = []
        self._thread = threading.Thread(target=self._run, args=(work,))
        self._thread.start()

    def _run(self, work: Callable[[], object]) -> None:
        try:
            work()
            self.outcome.append("ok")
        except Exception as exc:
            self.outcome.append(exc)

    def is_waiting(self, seconds: float = 0.5) -> bool:
        """Still running after ``seconds``: blocked, as behind the test's lock."""
        self._thread.join(seconds)
        return self._thread.is_alive()

    def result(self, seconds: float = 10) -> list[object]:
        """What the work ended with, once it has (the lock released)."""
        self._thread.join(seconds)
        return self.outcome
