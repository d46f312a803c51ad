"""Benchmark a login flood: a signed-in user's latency and the server's memory while 20 clients
send 200 wrong passwords.

    .venv/bin/python bench/login_flood.py [--workers 1] [--clients 20] [--attempts 200]
                                          [--target many|one] [--same-address]

Starts `trustworks serve` on 127.0.0.1 (a free port) over a temporary SQLite ledger with one
seller and twenty accounts. A signed-in client (bearer token) asks for GET /api/v1/accounts
back to back: for --baseline seconds alone, then while --clients threads send --attempts
wrong passwords to POST /api/v1/session between them, as fast as the answers come. Each
flooding client sends from its own address (X-Forwarded-For, which uvicorn takes from
127.0.0.1 only) unless --same-address; --target many makes every attempt name a different
username (the worst case for hashing: no account is throttled), --target one aims them all at
the signed-in user's own account. The server's resident memory (all its processes) is sampled
every 20 ms. Prints the signed-in user's p50/p99/max before and during the flood, the peak
RSS, and how the flood was answered (401 wrong, 429 throttled, 503 busy).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx

from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger
from trustworks.ledger.users import add_user

HOST = "127.0.0.1"  # the benchmark only ever talks to this machine
USER, PASSWORD, SELLER = "bench", "a long enough password", "Dana Whitfield"


def seed(url: str) -> None:
    ledger = open_ledger(url)
    with ledger.session() as session:
        add_user(session, USER, PASSWORD, "seller", seller=SELLER)
        for i in range(20):
            repository.add(session, "account", {"name": f"Account {i:02d}", "owner": SELLER})
    ledger.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
    return total


@contextlib.contextmanager
def server(url: str, workers: int) -> Iterator[tuple[str, int]]:
    exe = Path(sys.executable).with_name("trustworks")
    port = free_port()
    command = [str(exe), "serve", "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers), "--db", url]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"trustworks serve exited with {process.returncode}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("trustworks serve did not answer within 90 s")
            time.sleep(0.2)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Sampler(threading.Thread):
    """The server's RSS every 20 ms, until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            time.sleep(0.02)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] if ordered else float("nan")


def summary(name: str, latencies: list[float], errors: int) -> str:
    ms = [x * 1000 for x in latencies]
    return (
        f"{name:<28} {len(ms):>5} requests: p50 {pct(ms, 0.5):7.1f} ms, p99 {pct(ms, 0.99):7.1f}"
        f" ms, max {max(ms, default=float('nan')):7.1f} ms, mean "
        f"{statistics.fmean(ms) if ms else float('nan'):6.1f} ms; errors {errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=200)
    parser.add_argument("--target", choices=("many", "one"), default="many")
    parser.add_argument("--same-address", action="store_true")
    parser.add_argument("--baseline", type=float, default=5.0, help="seconds before the flood")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="tw-bench-login-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'ledger.sqlite3'}"
        seed(url)
        with server(url, args.workers) as (base, pid):
            signed = httpx.post(
                f"{base}/api/v1/session", json={"username": USER, "password": PASSWORD}
            )
            signed.raise_for_status()
            bearer = {"Authorization": f"Bearer {signed.json()['token']}"}
            sampler = Sampler(pid)
            sampler.start()
            idle_rss = tree_rss(pid)
            flooding = threading.Event()
            done = threading.Event()
            before: list[float] = []
            during: list[float] = []
            errors = Counter[str]()

            def signed_in_user() -> None:
                with httpx.Client(base_url=base, timeout=60, headers=bearer) as client:
                    while not done.is_set():
                        started = time.perf_counter()
                        answer = client.get("/api/v1/accounts")
                        taken = time.perf_counter() - started
                        phase = "during" if flooding.is_set() else "before"
                        if answer.status_code != 200:
                            errors[phase] += 1
                        (during if phase == "during" else before).append(taken)
                        time.sleep(0.01)

            sign_ins = Counter[int]()
            sign_in_times: list[float] = []

            def real_user_signing_in() -> None:
                # The bench user signing in again from their own address every 0.5 s: how a
                # person at the login form fares during the flood.
                with httpx.Client(base_url=base, timeout=60) as client:
                    while not done.is_set():
                        if flooding.is_set():
                            started = time.perf_counter()
                            answer = client.post(
                                "/api/v1/session", json={"username": USER, "password": PASSWORD}
                            )
                            sign_in_times.append(time.perf_counter() - started)
                            sign_ins[answer.status_code] += 1
                        time.sleep(0.5)

            user = threading.Thread(target=signed_in_user)
            user.start()
            person = threading.Thread(target=real_user_signing_in)
            person.start()
            time.sleep(args.baseline)
            before_peak = sampler.peak
            answers = Counter[int]()
            lock = threading.Lock()
            left = [args.attempts]

            def attacker(number: int) -> None:
                headers = {} if args.same_address else {"X-Forwarded-For": f"198.18.0.{number}"}
                with httpx.Client(base_url=base, timeout=60, headers=headers) as client:
                    while True:
                        with lock:
                            if left[0] <= 0:
                                return
                            left[0] -= 1
                            n = left[0]
                        name = USER if args.target == "one" else f"guess-{n}"
                        answer = client.post(
                            "/api/v1/session",
                            json={"username": name, "password": f"wrong guess {n}"},
                        )
                        with lock:
                            answers[answer.status_code] += 1

            flooding.set()
            started = time.perf_counter()
            attackers = [threading.Thread(target=attacker, args=(i,)) for i in range(args.clients)]
            for thread in attackers:
                thread.start()
            for thread in attackers:
                thread.join()
            flood_seconds = time.perf_counter() - started
            done.set()
            user.join()
            person.join()
            sampler.stop.set()
            sampler.join()

    print(
        f"server: trustworks serve --workers {args.workers} on {HOST}, SQLite; "
        f"{os.cpu_count()} cores shared with the clients"
    )
    print(
        f"flood: {args.attempts} wrong passwords from {args.clients} clients "
        f"({'one address' if args.same_address else 'one address each'}), "
        f"{'each a different username' if args.target == 'many' else 'all at one account'}"
    )
    print(
        f"flood answered in {flood_seconds:.1f} s: "
        + ", ".join(f"{code} x {count}" for code, count in sorted(answers.items()))
    )
    print(
        "the real user signing in every 0.5 s during the flood: "
        + ", ".join(f"{code} x {count}" for code, count in sorted(sign_ins.items()))
        + f"; median {1000 * statistics.median(sign_in_times or [float('nan')]):.0f} ms"
    )
    print(summary("signed-in, before the flood", before, errors["before"]))
    print(summary("signed-in, during the flood", during, errors["during"]))
    print(
        f"server RSS: {idle_rss / 2**20:.0f} MB at rest, peak {before_peak / 2**20:.0f} MB "
        f"before the flood, peak {sampler.peak / 2**20:.0f} MB during it"
    )


if __name__ == "__main__":
    main()
