"""The server when its database is busy: a 503 with Retry-After and a message, never a 500.

A second process holds the write lock (SQLite: an open write transaction; PostgreSQL: a lock
on the accounts table), and a real server (uvicorn, as `trustworks serve` runs it) takes
writes from several clients at once while another process commits every few milliseconds.
The busy page is also opened in headless Chromium (skipped without one, as test_browser is).
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import sync_playwright
from sqlalchemy import create_engine, text

from tests.ledger.test_faults import HOLDER
from tests.web.browser_server import serving
from tests.web.conftest import PASSWORD, Site, build_site, csrf_of
from tests.web.test_browser import LAUNCH_ARGS, chromium_path


@pytest.fixture
def impatient_site(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The site on each backend, waiting at most one second for a lock."""
    monkeypatch.setenv("TRUSTWORKS_DATABASE_TIMEOUT", "1")
    built = build_site(db_url)
    yield built
    built.ledger.close()


@contextmanager
def lock_held(url: str) -> Iterator[None]:
    """Another process holding the write lock until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "holding\n", holder.communicate(timeout=60)[1]
        yield
    finally:
        if holder.poll() is None:
            holder.stdin.write("\n")
            holder.stdin.flush()
        holder.communicate(timeout=60)


def _account_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(conn.scalars(text("SELECT name FROM accounts")))
    finally:
        engine.dispose()


def test_api_write_under_a_held_lock_is_503_with_retry_after(
    impatient_site: Site, db_url: str
) -> None:
    client = impatient_site.api("dana")  # signed in before the lock is taken
    with lock_held(db_url):
        answer = client.post("/api/v1/accounts", json={"name": "Blocked Co"})
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "5"
    error = answer.json()["error"]
    assert "locked by another process" in error["message"]
    assert "try again" in error["message"]
    assert error["retry_after"] == 5
    assert "sqlite" not in error["message"] and "/" not in error["message"]  # no server path
    assert "Blocked Co" not in _account_names(db_url)
    again = client.post("/api/v1/accounts", json={"name": "After Co"})
    assert again.status_code == 201, again.text


def test_page_under_a_held_lock_is_a_503_page(impatient_site: Site) -> None:
    if impatient_site.ledger.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL reads never wait for a writer's table lock")
    browser = impatient_site.browser("dana")
    form = browser.get("/today")
    with lock_held(impatient_site.ledger.url):
        page = browser.post("/today/done", data={"csrf_token": csrf_of(form.text)})
    assert page.status_code == 503, page.text
    assert page.headers["retry-after"] == "5"
    assert "text/html" in page.headers["content-type"]
    assert "locked by another process" in page.text


# Runs in a child: commits an account every few milliseconds until its standard input closes.
BUSY_WRITER = """
import sys, threading, time
from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger

ledger = open_ledger(sys.argv[1])
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
print("writing", flush=True)
i = 0
while not stop.is_set():
    with ledger.session() as session:
        repository.add(session, "account", {"name": f"Background {i}", "notes": "x" * 500})
    i += 1
    time.sleep(0.005)
print(i, flush=True)
"""


def test_server_under_concurrent_writes_answers_every_write_and_keeps_it(db_url: str) -> None:
    site = build_site(db_url)
    writer = subprocess.Popen(
        [sys.executable, "-c", BUSY_WRITER, db_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None
    statuses: list[int] = []
    created: list[str] = []
    lock = threading.Lock()
    try:
        assert writer.stdout.readline() == "writing\n", writer.communicate(timeout=60)[1]
        with serving(site.app, timeout=60) as base:
            token = httpx.post(
                f"{base}/api/v1/session", json={"username": "dana", "password": PASSWORD}
            ).json()["token"]

            def client(n: int) -> None:
                headers = {"Authorization": f"Bearer {token}"}
                with httpx.Client(base_url=base, headers=headers, timeout=120) as http:
                    for i in range(15):
                        name = f"Client {n}-{i}"
                        answer = http.post("/api/v1/accounts", json={"name": name})
                        with lock:
                            statuses.append(answer.status_code)
                            if answer.status_code == 201:
                                created.append(name)

            threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        out, err = writer.communicate(timeout=120)  # closes its standard input: it stops
        site.ledger.close()
    assert writer.returncode == 0, err[-2000:]
    background = int(out.split()[-1])
    assert background > 0  # the other process really was writing meanwhile
    # Every write was answered with success (the lock is waited for), none with a 500.
    assert statuses == [201] * 90, sorted(set(statuses))
    stored = _account_names(db_url)
    assert set(created) <= stored
    assert sum(1 for name in stored if name.startswith("Background ")) == background


def test_page_under_a_held_lock_in_chromium_says_to_try_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    executable = chromium_path()
    monkeypatch.setenv("TRUSTWORKS_DATABASE_TIMEOUT", "1")
    url = f"sqlite:///{tmp_path / 'web.sqlite3'}"
    site = build_site(url)
    try:
        with serving(site.app, timeout=60) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
            page = browser.new_page()
            page.goto(f"{base}/login")
            page.fill("input[name=username]", "dana")
            page.fill("input[name=password]", PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
            page.goto(f"{base}/today")
            with lock_held(url):
                with page.expect_navigation() as sent:
                    page.click("form[action='/today/done'] button[type=submit]")
                answer = sent.value
                shown = page.inner_text("body")
            browser.close()
    finally:
        site.ledger.close()
    assert answer is not None and answer.status == 503
    assert answer.headers["retry-after"] == "5"
    assert "locked by another process" in shown and "try again" in shown
    assert "Traceback" not in shown
