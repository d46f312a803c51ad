"""Benchmark the web app over HTTP: requests/s and latency of analyses and of a ledger page.

    .venv/bin/python bench/web.py [--workers 2] [--requests 3000] [--concurrency 16]
                                  [--duration 60] [--wrk] [--patch-nodelay]

Starts `trustworks serve --workers N` on 127.0.0.1 (a free port) over a temporary SQLite ledger
with one seller, twenty accounts and forty analysed conversations, then drives, one endpoint
after the other, with a concurrent client:

- POST /api/v1/analyses: a realistic 40-turn sales call in "Name: text" form (the shipped
  qualifying call, 36 turns, then the first 4 turns of its other version), bearer token;
- GET /today: the seller's daily review page, with the session cookie, as a browser asks;
- GET /api/v1/accounts: the JSON list of accounts, bearer token.

The client is Python (httpx, one keep-alive connection per thread); it stops after --requests
requests or --duration seconds, whichever comes first, and prints requests/s, p50/p90/p99
latency and the error count per endpoint. With --wrk (and `wrk` on the PATH) each endpoint is
driven by wrk as well, a client that costs far less CPU, for --wrk-seconds each. The client
runs on the same machine as the server: on a small machine it takes CPU from the workers, so
the CPU time per request of the server and of the client are printed too. --patch-nodelay
measures the server with TCP_NODELAY on its connections, which uvicorn's multi-worker mode
forgets (see NODELAY below).

    .venv/bin/python bench/web.py --library 100000 [--requests 300] [--concurrency 2]

measures the call library and the team page instead (see LIBRARY below): a ledger of that many
stored calls of distinct text, two teams of ten sellers, and GET /calls with several filters,
GET /api/v1/calls and GET /team as a manager and as an admin.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from teams import add_teams
from trustworks.analysis import analyze
from trustworks.ingest import load, parse
from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger
from trustworks.ledger.log import finding_row, log_conversation
from trustworks.ledger.users import add_user

EXAMPLES = Path(__file__).parents[1] / "examples"
HOST = "127.0.0.1"  # the benchmark only ever talks to this machine
USER, PASSWORD, SELLER = "bench", "a long enough password", "Dana Whitfield"
TURNS = 40
ACCOUNTS = 20


# ---- the workload -------------------------------------------------------------------------


def conversation(turns: int = TURNS) -> str:
    """A sales call of `turns` turns as "Name: text" lines, from the shipped examples."""
    lines: list[str] = []
    for name in ("qualifying-call-honest.vtt", "qualifying-call-master.vtt"):
        for turn in load(EXAMPLES / name).turns:
            lines.append(f"{turn.speaker}: {' '.join(turn.text.split())}")
    while len(lines) < turns:
        lines += lines
    text = "\n".join(lines[:turns]) + "\n"
    parsed = parse(text, "bench", "plain")
    assert len(parsed.turns) == turns, f"built {len(parsed.turns)} turns, wanted {turns}"
    return text


def variants(call: str, count: int) -> list[str]:
    """`count` versions of `call` that differ in every turn (a made-up word at its end).

    The server remembers recent utterances' signal hits, so sending one text over and over
    would measure that memory rather than the analysis; no utterance repeats here.
    """

    def word(n: int) -> str:
        letters = ""
        while True:
            n, digit = divmod(n, 26)
            letters += chr(ord("a") + digit)
            if n == 0:
                return "zq" + letters

    lines = call.splitlines()
    return [
        "\n".join(f"{line} ({word(i * len(lines) + k)})" for k, line in enumerate(lines)) + "\n"
        for i in range(count)
    ]


def seed(url: str, call: str) -> None:
    """A seller with twenty accounts and two analysed conversations on each."""
    ledger = open_ledger(url)
    analysis = analyze(parse(call, "bench", "plain"), [SELLER])
    today = dt.date.today()
    with ledger.session() as session:
        add_user(session, USER, PASSWORD, "seller", seller=SELLER)
        for i in range(ACCOUNTS):
            account = repository.add(
                session, "account", {"name": f"Account {i:02d}", "owner": SELLER}
            )
            for days_ago in (2 + i % 5, 20 + i % 7):
                log_conversation(
                    session,
                    analysis,
                    account=str(account.id),  # type: ignore[attr-defined]
                    occurred_on=today - dt.timedelta(days=days_ago),
                    purpose="discovery",
                    transcript=call,
                )
    ledger.close()


# ---- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Served:
    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """User and system CPU time of the server and its worker processes so far (Linux)."""
        total, tick = 0, os.sysconf("SC_CLK_TCK")
        pending = [self.pid]
        while pending:
            pid = pending.pop()
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path(f"/proc/{pid}/stat").read_text()
                fields = stat[stat.rindex(")") + 2 :].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
                for task in Path(f"/proc/{pid}/task").iterdir():
                    pending += [int(c) for c in (task / "children").read_text().split()]
        return total / tick


# uvicorn's supervisor (--workers 2 and more) binds the listening socket with proto 0, so asyncio
# never sets TCP_NODELAY on the connections it accepts (uvicorn issue 3149): every keep-alive
# response then waits ~40 ms for the client's delayed ACK. --patch-nodelay measures the fix.
NODELAY = """
import asyncio.base_events, socket

def _set_nodelay(sock):
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

asyncio.base_events._set_nodelay = _set_nodelay
"""


@contextlib.contextmanager
def server(url: str, workers: int, patch_dir: Path | None = None) -> Iterator[Served]:
    """`trustworks serve` on 127.0.0.1 with `workers` processes, until the block ends; with
    `patch_dir`, its sitecustomize.py sets TCP_NODELAY on every accepted connection."""
    exe = Path(sys.executable).with_name("trustworks")
    command = [str(exe), "serve", "--host", HOST, "--port", str(free_port())]
    command += ["--workers", str(workers), "--db", url]
    env = dict(os.environ)
    if patch_dir is not None:
        patch_dir.mkdir(exist_ok=True)
        (patch_dir / "sitecustomize.py").write_text(NODELAY)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(patch_dir), env.get("PYTHONPATH")]))
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, start_new_session=True)
    base = f"http://{HOST}:{command[command.index('--port') + 1]}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"trustworks serve exited with {process.returncode}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("trustworks serve did not answer within 60 s")
            time.sleep(0.2)
        yield Served(base, process.pid)
    finally:
        process.send_signal(signal.SIGINT)  # uvicorn's supervisor stops its workers
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# ---- the client ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    # When set, request i sends bodies[i % len(bodies)] instead of `body`.
    bodies: list[bytes] = field(default_factory=list)

    def body_for(self, i: int) -> bytes | None:
        return self.bodies[i % len(self.bodies)] if self.bodies else self.body


@dataclass
class Result:
    name: str
    latencies: list[float]
    errors: int
    elapsed: float
    first_error: str = ""
    server_cpu: float = 0.0  # seconds of CPU the server used meanwhile
    client_cpu: float = 0.0  # and the client

    def cpu_line(self) -> str:
        done = len(self.latencies) + self.errors
        server, client = 1000 * self.server_cpu / done, 1000 * self.client_cpu / done
        cores = os.cpu_count() or 1
        return (
            f"{'':<26} CPU per request: server {server:5.2f} ms, client {client:5.2f} ms; "
            f"the server alone could do about {cores * 1000 / server:,.0f} req/s on {cores} "
            "cores with a client elsewhere"
        )

    def line(self) -> str:
        done = len(self.latencies) + self.errors
        ms = sorted(x * 1000 for x in self.latencies) or [float("nan")]

        def pct(p: float) -> float:
            return ms[min(len(ms) - 1, int(len(ms) * p))]

        return (
            f"{self.name:<26} {done:>6} requests in {self.elapsed:5.1f} s: "
            f"{done / self.elapsed:7.1f} req/s; latency p50 {pct(0.50):6.1f} ms, "
            f"p90 {pct(0.90):6.1f} ms, p99 {pct(0.99):6.1f} ms, "
            f"mean {statistics.fmean(ms):6.1f} ms; errors {self.errors}"
            + (f" (first: {self.first_error})" if self.first_error else "")
        )


def measured(
    served: Served, call: Call, requests: int, concurrency: int, duration: float
) -> Result:
    """As `drive`, with the CPU time the server and the client spent on it."""
    server_before, client_before = served.cpu_seconds(), time.process_time()
    result = drive(served.base, call, requests, concurrency, duration)
    result.server_cpu = served.cpu_seconds() - server_before
    result.client_cpu = time.process_time() - client_before
    return result


def drive(base: str, call: Call, requests: int, concurrency: int, duration: float) -> Result:
    """`requests` calls from `concurrency` threads, or as many as fit in `duration` seconds."""
    assert base.startswith(f"http://{HOST}:"), "the benchmark only drives 127.0.0.1"
    lock = threading.Lock()
    left = [requests]
    latencies: list[float] = []
    errors = [0]
    first_error = [""]
    deadline = time.monotonic() + duration

    def worker() -> None:
        mine: list[float] = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.monotonic() < deadline:
                with lock:
                    if left[0] <= 0:
                        break
                    left[0] -= 1
                    number = left[0]
                started = time.perf_counter()
                try:
                    answer = client.request(
                        call.method, call.path, content=call.body_for(number), headers=call.headers
                    )
                    answer.read()
                    ok = answer.status_code == 200
                    problem = "" if ok else f"HTTP {answer.status_code}: {answer.text[:120]}"
                except httpx.HTTPError as exc:
                    ok, problem = False, f"{type(exc).__name__}: {exc}"
                taken = time.perf_counter() - started
                if ok:
                    mine.append(taken)
                else:
                    with lock:
                        errors[0] += 1
                        first_error[0] = first_error[0] or problem
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(call.name, latencies, errors[0], time.perf_counter() - started, first_error[0])


WRK_SCRIPT = """
wrk.method = "{method}"
wrk.body = {body}
{headers}
bodies = {{{bodies}}}
sent = 0
request = function()
  if #bodies == 0 then return wrk.format() end
  sent = sent + 1
  return wrk.format(nil, nil, nil, bodies[sent % #bodies + 1])
end
errors = 0
function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end
function done(summary, latency, requests)
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("WRK %d %f %f %f %f %f %d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.mean / 1e3, failed))
end
"""


def drive_wrk(
    base: str, call: Call, seconds: int, concurrency: int, threads: int, scratch: Path
) -> str:
    """The same call driven by wrk for `seconds` seconds; one summary line."""
    assert base.startswith(f"http://{HOST}:"), "the benchmark only drives 127.0.0.1"
    headers = "\n".join(
        f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in call.headers.items()
    )
    body = json.dumps(call.body.decode()) if call.body else "nil"
    bodies = ", ".join(json.dumps(b.decode()) for b in call.bodies)
    script = scratch / f"{call.name.split()[0].lower()}-{abs(hash(call.path))}.lua"
    script.write_text(
        WRK_SCRIPT.format(method=call.method, body=body, headers=headers, bodies=bodies)
    )
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{seconds}s", "-s", str(script)]
    out = subprocess.run(
        [*command, base + call.path], capture_output=True, text=True, check=True
    ).stdout
    fields = next(line for line in out.splitlines() if line.startswith("WRK ")).split()[1:]
    done, elapsed = int(fields[0]), float(fields[1])
    p50, p90, p99, mean = (float(x) for x in fields[2:6])
    failed = int(fields[6])
    return (
        f"{call.name + ' (wrk)':<26} {done:>6} requests in {elapsed:5.1f} s: "
        f"{done / elapsed:7.1f} req/s; latency p50 {p50:6.1f} ms, p90 {p90:6.1f} ms, "
        f"p99 {p99:6.1f} ms, mean {mean:6.1f} ms; errors {failed}"
    )


# ---- main ---------------------------------------------------------------------------------


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({model or 'unknown CPU'}), "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--requests", type=int, default=3000, help="per endpoint, at most")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight")
    parser.add_argument(
        "--duration", type=float, default=60.0, help="seconds per endpoint, at most"
    )
    parser.add_argument("--turns", type=int, default=TURNS, help="turns in the analysed call")
    parser.add_argument(
        "--variants", type=int, default=200, help="distinct calls the analyses cycle through"
    )
    parser.add_argument("--wrk", action="store_true", help="also drive each endpoint with wrk")
    parser.add_argument(
        "--patch-nodelay",
        action="store_true",
        help="set TCP_NODELAY on the workers' connections (uvicorn issue 3149's fix)",
    )
    parser.add_argument("--wrk-seconds", type=int, default=20)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument(
        "--library",
        type=int,
        metavar="CALLS",
        help="measure the call library and team page over this many stored calls instead",
    )
    args = parser.parse_args()
    if args.library:
        library_main(args)
        return
    if args.wrk and shutil.which("wrk") is None:
        parser.error("--wrk: no wrk on the PATH (apt-get install wrk)")

    call = conversation(args.turns)
    print(f"machine: {machine()}")
    print(
        f"server: trustworks serve --workers {args.workers} on {HOST}, SQLite"
        f"{', TCP_NODELAY patched in' if args.patch_nodelay else ''}; client: "
        f"{args.concurrency} threads (httpx), same machine"
    )
    print(
        f"workload: a {args.turns}-turn call, {len(call.encode()):,} bytes, "
        f"{len(call.split()):,} words; at most {args.requests:,} requests or "
        f"{args.duration:g} s per endpoint"
    )
    with tempfile.TemporaryDirectory(prefix="tw-bench-web-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'ledger.sqlite3'}"
        seed(url, call)
        patch = Path(scratch) / "patch" if args.patch_nodelay else None
        with server(url, args.workers, patch) as served:
            base = served.base
            signed = httpx.post(
                f"{base}/api/v1/session", json={"username": USER, "password": PASSWORD}
            )
            signed.raise_for_status()
            token = signed.json()["token"]
            bearer = {"Authorization": f"Bearer {token}"}
            body = json.dumps({"text": call, "format": "plain", "seller": [SELLER]}).encode()
            bodies = [
                json.dumps({"text": text, "format": "plain", "seller": [SELLER]}).encode()
                for text in variants(call, args.variants)
            ]
            calls = [
                Call(
                    "POST /api/v1/analyses",
                    "POST",
                    "/api/v1/analyses",
                    body,
                    {**bearer, "Content-Type": "application/json"},
                    bodies,
                ),
                Call("GET /today", "GET", "/today", headers={"Cookie": f"tw_session={token}"}),
                Call("GET /api/v1/accounts", "GET", "/api/v1/accounts", headers=bearer),
            ]
            sample = httpx.post(f"{base}/api/v1/analyses", content=body, headers=calls[0].headers)
            sample.raise_for_status()
            print(
                f"one analysis answer: {len(sample.content):,} bytes, "
                f"{len(sample.json()['findings'])} findings"
            )
            # Every worker compiles the signal catalogue on its first analysis: warm them all.
            for c in calls:
                drive(base, c, 20 * args.workers, 2 * args.workers, 60)
            print()
            for c in calls:
                result = measured(served, c, args.requests, args.concurrency, args.duration)
                print(result.line())
                print(result.cpu_line())
            if args.wrk:
                for c in calls:
                    print(
                        drive_wrk(
                            base,
                            c,
                            args.wrk_seconds,
                            args.concurrency,
                            args.wrk_threads,
                            Path(scratch),
                        )
                    )


# ---- LIBRARY: the call library and the team page over many stored calls --------------------

TEAM_SIZE = 10
LIBRARY_ACCOUNTS = 400
LIBRARY_DAYS = 730  # calls spread over two years up to today


def library_seed(url: str, calls: int) -> dict[str, str]:
    """`calls` stored calls of distinct text on LIBRARY_ACCOUNTS accounts of two teams.

    Each call's scores and findings are those of one of the shipped examples (analysed once),
    its transcript that example with a made-up word per turn, so no two texts are alike. Rows
    go in with bulk inserts: saving 100,000 calls one by one through log_conversation would
    take hours and measure nothing the pages do. Returns the usernames to sign in as.
    """
    import random

    from trustworks.ledger import tables as t

    rng = random.Random(15)
    examples = [
        load(path)
        for path in sorted(EXAMPLES.iterdir())
        if path.suffix in (".vtt", ".srt", ".json", ".txt") and "draft" not in path.name
    ]
    analysed = [analyze(conv) for conv in examples]
    texts = [
        "\n".join(f"{turn.speaker}: {' '.join(turn.text.split())}" for turn in conv.turns)
        for conv in examples
    ]
    ledger = open_ledger(url)
    today = dt.date.today()
    with ledger.session() as session:
        sellers = add_teams(session, PASSWORD, TEAM_SIZE)
        accounts = []
        for a in range(LIBRARY_ACCOUNTS):
            user_id, name = sellers[a % len(sellers)]
            accounts.append(
                (
                    session.scalar(
                        t.Account.__table__.insert()
                        .values(name=f"Account {a:03d}", owner=name)
                        .returning(t.Account.id)
                    ),
                    user_id,
                    name,
                )
            )
    engine = ledger.engine
    batch_calls: list[dict[str, object]] = []
    batch_findings: list[dict[str, object]] = []

    def flush() -> None:
        with engine.begin() as conn:
            if batch_calls:
                conn.execute(t.Interaction.__table__.insert(), batch_calls)
            if batch_findings:
                conn.execute(t.StoredFinding.__table__.insert(), batch_findings)
        batch_calls.clear()
        batch_findings.clear()

    for n in range(1, calls + 1):
        account_id, user_id, name = accounts[rng.randrange(len(accounts))]
        pick = rng.randrange(len(analysed))
        analysis, text = analysed[pick], texts[pick]
        # Each call's scores move a little around its example's, so sorting and bands vary.
        shift = rng.uniform(-0.8, 0.8)
        trust = max(0.3, analysis.trust.trust + shift)
        batch_calls.append(
            {
                "id": n,
                "account_id": account_id,
                "seller": name,
                "seller_user_id": user_id,
                "occurred_on": today - dt.timedelta(days=rng.randrange(LIBRARY_DAYS)),
                "channel": "call",
                "purpose": "discovery",
                "transcript_format": "plain",
                "transcript": "\n".join(
                    f"{line} (call {n} turn {k})" for k, line in enumerate(text.splitlines())
                ),
                "credibility": analysis.trust.credibility,
                "reliability": analysis.trust.reliability,
                "intimacy": analysis.trust.intimacy,
                "self_orientation": analysis.trust.self_orientation,
                "trust": trust,
            }
        )
        batch_findings += [finding_row(n, f) for f in analysis.findings]
        if len(batch_calls) >= 5_000:
            flush()
    flush()
    with engine.begin() as conn:  # what a long-lived ledger has: fresh planner statistics
        conn.exec_driver_sql("ANALYZE")
    ledger.close()
    return {"manager": "north-lead", "admin": "root", "seller": "north-0"}


def library_main(args: argparse.Namespace) -> None:
    """Seed the library ledger, serve it, and drive its pages."""
    print(f"machine: {machine()}")
    print(
        f"server: trustworks serve --workers {args.workers} on {HOST}, SQLite; client: "
        f"{args.concurrency} threads (httpx), same machine; at most {args.requests:,} "
        f"requests or {args.duration:g} s per endpoint"
    )
    with tempfile.TemporaryDirectory(prefix="tw-bench-library-") as scratch:
        url = f"sqlite:///{Path(scratch) / 'ledger.sqlite3'}"
        started = time.perf_counter()
        who = library_seed(url, args.library)
        size = (Path(scratch) / "ledger.sqlite3").stat().st_size
        print(
            f"ledger: {args.library:,} calls of distinct text, {LIBRARY_ACCOUNTS} accounts, "
            f"two teams of {TEAM_SIZE} sellers, {size / 1e6:,.0f} MB; seeded in "
            f"{time.perf_counter() - started:.0f} s"
        )
        month = (dt.date.today() - dt.timedelta(days=30)).isoformat()
        with server(url, args.workers) as served:
            cookies = {}
            for role, username in who.items():
                signed = httpx.post(
                    f"{served.base}/api/v1/session",
                    json={"username": username, "password": PASSWORD},
                )
                signed.raise_for_status()
                cookies[role] = signed.json()["token"]

            def page(name: str, path: str, role: str) -> Call:
                return Call(name, "GET", path, headers={"Cookie": f"tw_session={cookies[role]}"})

            def api(name: str, path: str, role: str) -> Call:
                return Call(name, "GET", path, headers={"Authorization": f"Bearer {cookies[role]}"})

            calls = [
                page("/calls manager", "/calls", "manager"),
                page(
                    "/calls dodged price, month",
                    f"/calls?signal=dodges_price_question&found=spends&since={month}",
                    "manager",
                ),
                page(
                    "/calls pounce, by trust", "/calls?signal=pounces_on_need&sort=trust", "manager"
                ),
                page("/calls admin spends", "/calls?band=spends&sort=trust", "admin"),
                page("/calls admin page 200", "/calls?family=price&page=200", "admin"),
                page("/calls seller", "/calls", "seller"),
                api("/api/v1/calls manager", f"/api/v1/calls?since={month}", "manager"),
                page("/team manager", "/team", "manager"),
                page("/team admin", "/team", "admin"),
                page("/team seller", "/team", "seller"),
            ]
            for c in calls:  # warm each worker, and check every page answers
                drive(served.base, c, 2 * args.workers, args.workers, 60)
            print()
            for c in calls:
                result = measured(served, c, args.requests, args.concurrency, args.duration)
                print(result.line())


if __name__ == "__main__":
    main()
