"""A signed-in user's latency while another client uploads large files to be analysed.

    .venv/bin/python bench/web_upload.py [--workers 1] [--seconds 20] [--upload-mb 5]
                                         [--accepted-chars 1000000]

Starts `trustworks serve` (bench/web.py's server: 127.0.0.1, a temporary SQLite ledger with
one seller, twenty accounts, forty analysed calls), then measures, for --seconds each:

1. quiet: one signed-in user's requests alone (GET /api/v1/accounts with a bearer token and
   GET /today with the cookie, one after the other, from two threads);
2. 5 MB uploads: the same while another user posts a --upload-mb file of "Name: text" lines
   to POST /api/v1/analyses/file, again and again (one upload in flight);
3. uploads at the limit: the same while the other user posts the largest file the server
   analyses (--accepted-chars characters), again and again;
4. pastes at the limit: the same while the other user pastes that text into the /analyse
   page (form post with the session cookie and CSRF token).

For each phase: the signed-in user's requests, p50, p99 and max latency and errors, and what
the uploads got (status, seconds, answer size). --workers defaults to 1, the case in which
the uploads and the other user share one event loop. To measure another version, run this
file from that checkout with PYTHONPATH=src (the server inherits it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from trustworks.ledger.database import open_ledger
from trustworks.ledger.users import add_user
from web import HOST, PASSWORD, SELLER, USER, conversation, machine, seed, server, variants

UPLOADER = "uploader"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Timings:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""

    def line(self, name: str) -> str:
        ms = sorted(1000 * x for x in self.latencies) or [float("nan")]

        def pct(p: float) -> float:
            return ms[min(len(ms) - 1, int(len(ms) * p))]

        return (
            f"{name:<24} signed-in user: {len(self.latencies):>5} requests, "
            f"p50 {pct(0.5):6.1f} ms, p99 {pct(0.99):7.1f} ms, max {ms[-1]:7.1f} ms; "
            f"errors {self.errors}" + (f" ({self.first_error})" if self.first_error else "")
        )


@dataclass
class Uploads:
    results: list[tuple[int, float, int]] = field(default_factory=list)  # status, s, bytes

    def line(self) -> str:
        if not self.results:
            return f"{'':<24} uploads: none finished"
        statuses = sorted({s for s, _, _ in self.results})
        seconds = sorted(t for _, t, _ in self.results)
        sizes = sorted(b for _, _, b in self.results)
        return (
            f"{'':<24} uploads: {len(self.results)} done, status {statuses}, "
            f"{seconds[len(seconds) // 2]:.2f} s each (median), answers of "
            f"{sizes[len(sizes) // 2]:,} bytes (median)"
        )


def signed_in_user(base: str, token: str, stop: threading.Event, into: Timings) -> None:
    """GET /api/v1/accounts (bearer) and GET /today (cookie), in turn, until `stop`."""
    lock = threading.Lock()

    def loop(path: str, headers: dict[str, str]) -> None:
        with httpx.Client(base_url=base, timeout=60, headers=headers) as client:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    answer = client.get(path)
                    ok, problem = answer.status_code == 200, f"HTTP {answer.status_code}"
                except httpx.HTTPError as exc:
                    ok, problem = False, type(exc).__name__
                taken = time.perf_counter() - started
                with lock:
                    if ok:
                        into.latencies.append(taken)
                    else:
                        into.errors += 1
                        into.first_error = into.first_error or problem
                time.sleep(0.01)  # a person clicking about, not a load generator

    threads = [
        threading.Thread(
            target=loop, args=("/api/v1/accounts", {"Authorization": f"Bearer {token}"})
        ),
        threading.Thread(target=loop, args=("/today", {"Cookie": f"tw_session={token}"})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def uploading(
    base: str, send: Callable[[httpx.Client], httpx.Response], stop: threading.Event
) -> Uploads:
    """`send` again and again until `stop`; what each answer was."""
    done = Uploads()
    with httpx.Client(base_url=base, timeout=300) as client:
        while not stop.is_set():
            started = time.perf_counter()
            answer = send(client)
            done.results.append(
                (answer.status_code, time.perf_counter() - started, len(answer.content))
            )
    return done


@contextlib.contextmanager
def phase(base: str, token: str, seconds: float) -> Iterator[tuple[threading.Event, Timings]]:
    stop, timings = threading.Event(), Timings()
    user = threading.Thread(target=signed_in_user, args=(base, token, stop, timings))
    user.start()
    timer = threading.Timer(seconds, stop.set)
    timer.start()
    try:
        yield stop, timings
        stop.wait()
    finally:
        stop.set()
        timer.cancel()
        user.join()


def transcript(chars: int) -> str:
    """About `chars` characters of distinct "Name: text" lines (no utterance repeats)."""
    call = conversation()
    parts, size, count = [], 0, 0
    while size < chars:
        batch = variants(call, 50)
        for text in batch:
            text = text.replace("\n", f" ({count})\n", 1)
            parts.append(text)
            size += len(text)
            count += 1
            if size >= chars:
                break
    return "".join(parts)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20.0, help="per phase")
    parser.add_argument("--upload-mb", type=float, default=5.0)
    parser.add_argument("--accepted-chars", type=int, default=1_000_000)
    args = parser.parse_args()

    print(f"machine: {machine()}")
    big = transcript(int(args.upload_mb * 1_000_000)).encode()
    at_limit = transcript(args.accepted_chars)
    print(
        f"server: trustworks serve --workers {args.workers} on {HOST}, SQLite"
        + f"; uploads of {len(big):,} bytes and of {len(at_limit):,} characters; "
        f"{args.seconds:g} s per phase; load average {os.getloadavg()[0]:.1f} at the start"
    )
    with tempfile.TemporaryDirectory(prefix="tw-bench-upload-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'ledger.sqlite3'}"
        seed(url, conversation())
        ledger = open_ledger(url)
        with ledger.session() as session:
            add_user(session, UPLOADER, PASSWORD, "seller", seller="Ulla Loader")
        ledger.close()
        with server(url, args.workers) as served:
            base = served.base
            tokens = {
                who: httpx.post(
                    f"{base}/api/v1/session", json={"username": who, "password": PASSWORD}
                ).json()["token"]
                for who in (USER, UPLOADER)
            }
            up = {"Authorization": f"Bearer {tokens[UPLOADER]}"}
            # Every worker compiles the catalogue on its first analysis: warm them up.
            for _ in range(4 * args.workers):
                httpx.post(
                    f"{base}/api/v1/analyses",
                    json={"text": conversation(), "seller": [SELLER]},
                    headers={"Authorization": f"Bearer {tokens[USER]}"},
                    timeout=60,
                )
            with httpx.Client(base_url=base) as browser:
                browser.cookies.set("tw_session", tokens[UPLOADER])
                page = browser.get("/analyse").text
            match = _CSRF.search(page)
            csrf = match.group(1) if match else ""

            def post_file(data: bytes) -> Callable[[httpx.Client], httpx.Response]:
                def send(client: httpx.Client) -> httpx.Response:
                    files = {"file": ("call.txt", data, "text/plain")}
                    return client.post("/api/v1/analyses/file", files=files, headers=up)

                return send

            def paste(client: httpx.Client) -> httpx.Response:
                client.cookies.set("tw_session", tokens[UPLOADER])
                form = {"csrf_token": csrf, "text": at_limit, "input_format": "plain"}
                return client.post("/analyse", files={k: (None, v) for k, v in form.items()})

            print()
            with phase(base, tokens[USER], args.seconds) as (_, quiet):
                pass
            print(quiet.line("quiet"))
            for name, send in [
                (f"{args.upload_mb:g} MB uploads", post_file(big)),
                ("uploads at the limit", post_file(at_limit.encode())),
                ("pastes at the limit", paste),
            ]:
                with phase(base, tokens[USER], args.seconds) as (stop, timings):
                    uploads = uploading(base, send, stop)
                print(timings.line(name))
                print(uploads.line())


if __name__ == "__main__":
    main()
