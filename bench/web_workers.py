"""How fast a `trustworks serve` worker starts, and how soon a killed one is back.

    .venv/bin/python bench/web_workers.py [--runs 5] [--workers 2]

1. A worker's start-up: a fresh process imports `trustworks.web.app` and builds the app as
   each worker does (`app_from_environment`), --runs times; median wall and CPU seconds, and
   the heavy modules it loaded.
2. `trustworks serve --workers N` (bench/web.py's server, SQLite): seconds until /login
   answers.
3. One worker killed (SIGKILL): seconds until the manager has started another and it
   answers, and what the manager said.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from web import HOST, free_port, machine

WORKER = """
import json, os, sys, time
started, cpu = time.perf_counter(), time.process_time()
from trustworks.web.app import app_from_environment
app_from_environment()
heavy = sorted({m.split(".")[0] for m in sys.modules} & {
    "numpy", "scipy", "sklearn", "pandas", "matplotlib", "dask", "alembic", "argon2"})
print(json.dumps([time.perf_counter() - started, time.process_time() - cpu, heavy]))
"""


def workers_of(parent: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(OSError):
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(int(child))
    return found


def answers(base: str) -> bool:
    with contextlib.suppress(httpx.TransportError):
        return httpx.get(f"{base}/login", timeout=2).status_code == 200
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="tw-bench-workers-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'ledger.sqlite3'}"
        env = {**os.environ, "TRUSTWORKS_DATABASE_URL": url}
        subprocess.run(
            [str(Path(sys.executable).with_name("trustworks")), "db", "upgrade", "--db", url],
            check=False,
            capture_output=True,
        )
        walls, cpus, heavy = [], [], []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", WORKER], env=env, capture_output=True, text=True, check=True
            ).stdout
            wall, cpu, heavy = json.loads(out.strip().splitlines()[-1])
            walls.append(wall)
            cpus.append(cpu)
        print(
            f"a worker imports and builds the app in {statistics.median(walls):.2f} s wall, "
            f"{statistics.median(cpus):.2f} s CPU (median of {args.runs}; "
            f"{min(walls):.2f}-{max(walls):.2f} s wall); heavy modules loaded: {heavy or 'none'}"
        )

        port = free_port()
        base = f"http://{HOST}:{port}"
        log = Path(scratch) / "serve.log"
        command = [str(Path(sys.executable).with_name("trustworks")), "serve", "--host", HOST]
        command += ["--port", str(port), "--workers", str(args.workers), "--db", url]
        started = time.perf_counter()
        with log.open("wb") as out:
            server = subprocess.Popen(command, stdout=out, stderr=out, start_new_session=True)
        try:
            while not answers(base):
                if server.poll() is not None or time.perf_counter() - started > 120:
                    raise SystemExit(f"the server did not start: {log.read_text()}")
                time.sleep(0.05)
            print(
                f"`trustworks serve --workers {args.workers}` answered /login "
                f"{time.perf_counter() - started:.2f} s after it was started"
            )
            while len(workers_of(server.pid)) < args.workers:
                time.sleep(0.05)
            victim = workers_of(server.pid)[0]
            killed = time.perf_counter()
            os.kill(victim, signal.SIGKILL)
            while True:
                now = workers_of(server.pid)
                if victim not in now and len(now) == args.workers:
                    break
                time.sleep(0.05)
            replaced = time.perf_counter()
            while not all(answers(base) for _ in range(2 * args.workers)):
                time.sleep(0.05)
            said = [line for line in log.read_text().splitlines() if str(victim) in line]
            print(
                f"worker killed: replaced after {replaced - killed:.2f} s, all answering after "
                f"{time.perf_counter() - killed:.2f} s; the manager said: {said}"
            )
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


if __name__ == "__main__":
    main()
