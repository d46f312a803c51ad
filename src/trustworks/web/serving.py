"""Running the web app under uvicorn, with a process manager that says when it replaces a worker.

uvicorn's manager (`--workers 2` and more) pings each worker and kills one that does not answer
within the health-check timeout, or starts another when one dies; it says so at info level,
which `trustworks serve` (warning level, to keep request lines out of the terminal) never
shows. A worker that keeps being killed while it starts looked like a server that never
started, with nothing said. Here each replacement is a warning naming the worker and why.
"""

from __future__ import annotations

import contextlib
import logging
import signal
from typing import Any

__all__ = ["APP", "WORKER_TIMEOUT", "serve"]

APP = "trustworks.web.app:app_from_environment"
# uvicorn's default is 5 s. A worker answers the ping from a thread of its own, so only a
# worker whose interpreter is held for that long misses it; on a small, busy machine, a
# worker starting while the others analyse can come close.
WORKER_TIMEOUT = 10
logger = logging.getLogger("uvicorn.error")


def serve(
    host: str,
    port: int,
    workers: int = 1,
    *,
    worker_timeout: int = WORKER_TIMEOUT,
    ws_max_size: int = 64 * 1024,
) -> None:
    """Serve the app (settings from the environment, see `app_from_environment`) until
    interrupted; with several workers, under `Supervisor`."""
    import uvicorn

    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "workers": workers,
        "log_level": "warning",
        "timeout_worker_healthcheck": worker_timeout,
        # A live-meter message is at most 12,000 characters: no need to take 16 MB frames.
        "ws_max_size": ws_max_size,
    }
    if workers == 1:
        uvicorn.run(APP, **options)
        return
    config = uvicorn.Config(APP, **options)
    sock = config.bind_socket()
    with contextlib.suppress(KeyboardInterrupt):  # ^C: the manager has stopped its workers
        _supervisor_class()(config, sockets=[sock]).run()


def _supervisor_class() -> type[Any]:
    from uvicorn.supervisors.multiprocess import Multiprocess

    class Supervisor(Multiprocess):
        """uvicorn's process manager, warning whenever it replaces a worker."""

        def keep_subprocess_alive(self) -> None:
            before = [(p, p.pid, p.process.is_alive()) for p in self.processes]
            super().keep_subprocess_alive()
            for index, (old, pid, was_alive) in enumerate(before):
                new = self.processes[index] if index < len(self.processes) else None
                if new is old:
                    continue
                logger.warning(
                    "worker [%s] %s; %s",
                    pid,
                    _why(old.exitcode, was_alive, self.config.timeout_worker_healthcheck),
                    f"started worker [{new.pid}] in its place" if new else "not replaced",
                )

    return Supervisor


def _why(exitcode: int | None, was_alive: bool, timeout: float) -> str:
    if was_alive:
        return f"did not answer the health check within {timeout:g} s and was killed"
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"was stopped by {name}"
    return f"exited with code {exitcode}"
