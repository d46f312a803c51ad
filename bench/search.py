"""Benchmark search over many stored calls: GET /search and GET /api/v1/search, and the
library call behind them, on SQLite or PostgreSQL.

    .venv/bin/python bench/search.py [--calls 100000] [--postgres URL] [--rounds 40]

Builds a fresh ledger (a temporary SQLite file, or the PostgreSQL database at --postgres, whose
tables are dropped first) with one admin, two teams of ten sellers under a manager each, 400
accounts and --calls stored calls of distinct text: each call is the first twelve turns of one
of the shipped examples with a phrase of four to seven made-up words added to every turn and a
reference word of its own (`ref` + its number in base 36), so no two transcripts are alike and
every query below has a known answer. Calls go in with bulk inserts and the search index is
then built from them by `search.rebuild` (what migration 0015 does to an existing ledger), timed.

Then, for an admin (sees all 100,000 calls) and a seller (sees their 20 accounts), each query
kind runs --rounds times with fresh words, in process through the app (FastAPI's TestClient:
sign-in cookie, scoping, the search, the page's template) and through the library alone, and
p50 / p95 / p99 / max are printed per kind and over all queries of each path.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import string
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, select, text

from teams import add_teams
from trustworks.ingest import load
from trustworks.ledger import search, users
from trustworks.ledger import tables as t
from trustworks.ledger.access import scope_for
from trustworks.ledger.database import Ledger, open_ledger
from trustworks.web import WebSettings, create_app

EXAMPLES = Path(__file__).parents[1] / "examples"
PASSWORD = "a long enough password"
TEAM_SIZE = 10
ACCOUNTS = 400
DAYS = 730
TURNS = 12
SYLLABLES = [a + b for a in "bdfgklmnprstvz" for b in "aeiou"]


def vocabulary(rng: random.Random, size: int = 4_000) -> list[str]:
    """Made-up words of two or three syllables, all distinct."""
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))))
    return sorted(words)


def base36(n: int) -> str:
    digits = string.digits + string.ascii_lowercase
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def seed(url: str, calls: int, rng: random.Random) -> tuple[Ledger, dict[int, list[str]], float]:
    """The ledger, each call's added words by id (a sample), and seconds to build the index."""
    users._HASHER = PasswordHasher(time_cost=1, memory_cost=1024)  # sign-ins are not measured
    examples = [
        load(path)
        for path in sorted(EXAMPLES.iterdir())
        if path.suffix in (".vtt", ".srt", ".json", ".txt") and "draft" not in path.name
    ]
    turns = [[(turn.speaker, " ".join(turn.text.split())) for turn in c.turns] for c in examples]
    words = vocabulary(rng)
    ledger = open_ledger(url)
    today = dt.date.today()
    with ledger.session() as s:
        sellers = add_teams(s, PASSWORD, TEAM_SIZE)
        accounts = []
        for a in range(ACCOUNTS):
            user_id, name = sellers[a % len(sellers)]
            ident = s.scalar(
                t.Account.__table__.insert()
                .values(name=f"Account {a:03d}", owner=name)
                .returning(t.Account.id)
            )
            accounts.append((ident, user_id, name))
    sample: dict[int, list[str]] = {}
    batch: list[dict[str, object]] = []

    def flush() -> None:
        with ledger.engine.begin() as conn:
            conn.execute(t.Interaction.__table__.insert(), batch)
        batch.clear()

    for n in range(1, calls + 1):
        account_id, user_id, name = accounts[rng.randrange(len(accounts))]
        example = turns[rng.randrange(len(turns))][:TURNS]
        added = []
        lines = []
        for speaker, said in example:
            phrase = rng.sample(words, rng.randint(4, 7))
            added.append(phrase)
            lines.append(f"{speaker}: {said} {' '.join(phrase).capitalize()}.")
        lines.append(f"Note: reference ref{base36(n)}.")
        if n % 97 == 0:
            sample[n] = [" ".join(p) for p in added]
        batch.append(
            {
                "id": n,
                "account_id": account_id,
                "seller": name,
                "seller_user_id": user_id,
                "occurred_on": today - dt.timedelta(days=rng.randrange(DAYS)),
                "channel": "call",
                "purpose": "discovery",
                "transcript_format": "plain",
                "transcript": "\n".join(lines),
            }
        )
        if len(batch) >= 5_000:
            flush()
    if batch:
        flush()
    started = time.perf_counter()
    with ledger.engine.begin() as conn:
        search.rebuild(conn)
    built = time.perf_counter() - started
    with ledger.engine.begin() as conn:  # what a long-lived ledger has: fresh planner statistics
        conn.exec_driver_sql("ANALYZE")
    return ledger, sample, built


def queries(
    rng: random.Random, sample: dict[int, list[str]], calls: int
) -> dict[str, Callable[[], str]]:
    """Each kind of query, as a function that makes a fresh one."""
    ids = sorted(sample)
    # Phrases the shipped calls say, so many stored calls hold them.
    common = ['"what would"', '"next step"', '"makes sense"', '"on your end"', '"a lot of"']

    def phrase() -> str:
        words = rng.choice(sample[rng.choice(ids)]).split()
        at = rng.randrange(len(words) - 1)
        return f'"{words[at]} {words[at + 1]}"'

    def two_words() -> str:
        parts = rng.choice(sample[rng.choice(ids)]).split()
        return f"{parts[0]} {parts[-1]}"

    return {
        "rare word (ref code)": lambda: f"ref{base36(rng.randint(1, calls))}",
        "made-up phrase": phrase,
        "two words": two_words,
        "prefix": lambda: rng.choice(sample[rng.choice(ids)]).split()[0][:4] + "*",
        "common word": lambda: rng.choice(["price", "time", "team", "budget", "thanks"]),
        "common phrase": lambda: rng.choice(common),
        "common words, no such phrase": lambda: rng.choice(
            ['"thanks for your time"', '"the price"', '"budget the"', '"time your"']
        ),
        "common, minus one": lambda: rng.choice(["price -budget", "time -thanks"]),
        "account name": lambda: f"Account {rng.randrange(ACCOUNTS):03d}",
    }


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))] * 1000

    return (
        f"p50 {statistics.median(ordered) * 1000:6.1f}  p95 {at(0.95):6.1f}  "
        f"p99 {at(0.99):6.1f}  max {ordered[-1] * 1000:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--postgres", help="a PostgreSQL URL to use (its tables are dropped)")
    parser.add_argument("--rounds", type=int, default=40, help="queries of each kind per role")
    parser.add_argument("--keep", help="build the SQLite ledger at this path and keep it")
    args = parser.parse_args()
    rng = random.Random(15)
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} {platform.release()}"
    )
    with tempfile.TemporaryDirectory(prefix="tw-bench-search-") as scratch:
        if args.postgres:
            url = args.postgres
            engine = create_engine(url)
            with engine.begin() as conn:
                for table in reversed(t.Base.metadata.sorted_tables):
                    conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
            engine.dispose()
        else:
            path = Path(args.keep) if args.keep else Path(scratch) / "ledger.sqlite3"
            url = f"sqlite:///{path.resolve()}"
        started = time.perf_counter()
        ledger, sample, built = seed(url, args.calls, rng)
        with ledger.reading() as s:
            documents = s.scalar(select(func.count()).select_from(search.documents))
        where = "PostgreSQL" if args.postgres else "SQLite"
        size = ""
        if not args.postgres:
            size = f", {path.stat().st_size / 1e6:,.0f} MB"
        print(
            f"ledger ({where}): {args.calls:,} calls of distinct text, {ACCOUNTS} accounts, "
            f"{documents:,} documents{size}; seeded in {time.perf_counter() - started:.0f} s, "
            f"of which the index {built:.0f} s"
        )
        app = create_app(WebSettings(), ledger=ledger)
        kinds = queries(rng, sample, args.calls)
        everything: dict[str, list[float]] = {"page": [], "api": [], "library": []}
        for username in ("root", "north-0"):
            client = TestClient(app)
            signed = client.post(
                "/api/v1/session", json={"username": username, "password": PASSWORD}
            )
            signed.raise_for_status()
            token = signed.json()["token"]
            client.cookies.set("tw_session", token)
            with ledger.reading() as s:
                user = s.scalars(select(t.User).where(t.User.username == username)).one()
                scope = scope_for(s, user)
            for warm in ("warm", '"warm up"'):  # the first request compiles the template
                client.get("/search", params={"q": warm})
            print(f"\nas {username} ({user.role}):")
            for name, make in kinds.items():
                timings: dict[str, list[float]] = {"page": [], "api": [], "library": []}
                hits = []
                for _ in range(args.rounds):
                    q = make()
                    began = time.perf_counter()
                    page = client.get("/search", params={"q": q})
                    timings["page"].append(time.perf_counter() - began)
                    assert page.status_code == 200, (q, page.text[:300])
                    began = time.perf_counter()
                    answer = client.get(
                        "/api/v1/search",
                        params={"q": q},
                        headers={"Authorization": f"Bearer {token}"},
                    )
                    timings["api"].append(time.perf_counter() - began)
                    assert answer.status_code == 200, (q, answer.text[:300])
                    hits.append(len(answer.json()["hits"]))
                    began = time.perf_counter()
                    with ledger.reading() as s:
                        search.find(s, q, scope)
                    timings["library"].append(time.perf_counter() - began)
                for path, values in timings.items():
                    everything[path] += values
                print(
                    f"  {name:22} page {percentiles(timings['page'])}   "
                    f"(library p99 {sorted(timings['library'])[-1] * 1000:5.1f} ms max; "
                    f"hits on page 1: {min(hits)}-{max(hits)})"
                )
        print()
        for path, values in everything.items():
            print(f"all queries, {path:8} ({len(values)}): {percentiles(values)}")
        ledger.close()


if __name__ == "__main__":
    main()
