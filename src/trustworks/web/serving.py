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
    from uvicorn.config import STARTUP_FAILURE
    from uvicorn.supervisors.multiprocess import Multiprocess, Process

    class Supervisor(Multiprocess):
        """uvicorn's process manager (its own loop, as of uvicorn 0.55), warning whenever it
        replaces a worker, and saying why: it had died, or it was killed for not answering."""

        def keep_subprocess_alive(self) -> None:
            if self.should_exit.is_set():
                return
            timeout = self.config.timeout_worker_healthcheck
            for index, process in enumerate(self.processes):
                if process.process.is_alive() and process.ping(timeout):
                    continue
                # Asked after the ping: a worker that died while it was pinged has died, it
                # was not silent.
                hung = process.process.is_alive()
                process.kill()
                process.join()
                why = _why(process.exitcode, hung, timeout)
                if process.exitcode == STARTUP_FAILURE and not hung:
                    # The app, TLS or socket is broken: every new worker would fail alike.
                    logger.error("worker [%s] %s before it started; stopping", process.pid, why)
                    self.should_exit.set()
                    return
                if self.should_exit.is_set():
                    return
                replacement = Process(self.config, self.sockets)
                replacement.start()
                self.processes[index] = replacement
                logger.warning(
                    "worker [%s] %s; started worker [%s] in its place",
                    process.pid,
                    why,
                    replacement.pid,
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
