"""Signing in under attack, sessions that end, one's own password, and links for clients.

Each test here fails without its fix: the throttle (429 + Retry-After), the bounded hashing
pool (never more than two argon2 at once, off the event loop, 503 beyond its queue), the idle
timeout, the live socket closed at sign-out or switch-off, the password page and API with the
NIST rules, Secure cookies and HSTS with a public https URL, and links built from it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi import HTTPException, Request
from fastapi.testclient import TestClient
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect

from tests.databases import migrated_sqlite_url
from tests.web.conftest import PASSWORD, Site, build_site, csrf_of
from trustworks.assess.questionnaire import self_questionnaire
from trustworks.ledger import tables
from trustworks.ledger.throttle import SignInThrottle
from trustworks.ledger.users import change_user, verify_password
from trustworks.web import WebSettings, auth
from trustworks.web.auth import Guards, HashGate
from trustworks.web.links import server_origin


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_site(tmp_path: Path, **settings: object) -> Site:
    return build_site(migrated_sqlite_url(tmp_path / "web.sqlite3"), WebSettings(**settings))  # type: ignore[arg-type]


@pytest.fixture
def clock(site: Site) -> Clock:
    """The site's throttle on a clock the test moves."""
    ticking = Clock()
    site.app.state.sign_in_guards = Guards(
        SignInThrottle(clock=ticking), HashGate(slots=2, queue=16, wait=2.0)
    )
    return ticking


def form_login(client: TestClient, username: str, password: str) -> httpx.Response:
    page = client.get("/login")
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
    )


def api_login(
    client: TestClient, username: str, password: str, address: str | None = None
) -> httpx.Response:
    headers = {"X-Test-Client": address} if address else None
    return client.post(
        "/api/v1/session", json={"username": username, "password": password}, headers=headers
    )


def one_loop(site: Site) -> TestClient:
    """A client for many threads at once, all on one event loop as in a server process (so the
    hashing pool is contended as it is there); each request may claim a client address with
    X-Test-Client. Use it as a context manager."""

    async def claimed(scope: Scope, receive: Receive, send: Send) -> None:
        address = dict(scope.get("headers", [])).get(b"x-test-client")
        if address:
            scope = {**scope, "client": (address.decode(), 5000)}
        await site.app(scope, receive, send)

    return TestClient(claimed)


# ---- throttling ---------------------------------------------------------------------------


def test_five_wrong_passwords_then_even_the_right_one_waits(site: Site, clock: Clock) -> None:
    client = TestClient(site.app, follow_redirects=False)
    for _ in range(5):
        assert api_login(client, "dana", "not the password").status_code == 401
    refused = api_login(client, "dana", PASSWORD)
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    error = refused.json()["error"]
    assert error["message"] == "too many attempts for this account; try again in 1 s"
    assert error["retry_after"] == 1
    clock.now += 1.1
    assert api_login(client, "dana", "still not it").status_code == 401
    again = api_login(client, "dana", PASSWORD)
    assert again.status_code == 429 and again.headers["retry-after"] == "2"
    clock.now += 2.1
    assert api_login(client, "dana", PASSWORD).status_code == 200


def test_the_login_form_says_how_long_to_wait(site: Site, clock: Clock) -> None:
    browser = site.browser()
    for _ in range(5):
        assert form_login(browser, "ryan", "not the password").status_code == 401
    page = form_login(browser, "ryan", PASSWORD)
    assert page.status_code == 429
    assert page.headers["retry-after"] == "1"
    assert "too many attempts for this account; try again in 1 s" in page.text
    assert 'value="ryan"' in page.text  # the username typed is kept
    assert "tw_session" not in browser.cookies


def test_an_unknown_username_is_throttled_like_a_real_one(site: Site, clock: Clock) -> None:
    client = TestClient(site.app)
    answers = [api_login(client, "nobody-here", "guess number").status_code for _ in range(6)]
    assert answers == [401] * 5 + [429]


def test_an_attack_from_elsewhere_does_not_lock_out_the_owner(site: Site, clock: Clock) -> None:
    desk = TestClient(site.app, client=("10.0.0.5", 5000))
    assert api_login(desk, "dana", PASSWORD).status_code == 200
    for i in range(30):  # an attacker, many addresses, hammering Dana's account
        clock.now += 301
        attacker = TestClient(site.app, client=(f"203.0.113.{i}", 5000))
        api_login(attacker, "dana", f"guess {i} of many")
    tried = TestClient(site.app, client=("203.0.113.99", 5000))
    for _ in range(3):  # an address that has failed 3 times waits with the account
        assert api_login(tried, "dana", "guess once more").status_code == 401
    assert api_login(tried, "dana", PASSWORD).status_code == 429
    assert api_login(desk, "dana", PASSWORD).status_code == 200


def test_an_attacker_holding_the_account_cannot_stop_its_owner_at_a_new_address(
    site: Site, clock: Clock
) -> None:
    # Nobody has signed in yet (a new server, or a restart): no address is trusted.
    attacker = TestClient(site.app, client=("203.0.113.66", 5000))
    for i in range(25):  # one wrong password whenever the delay allows
        answer = api_login(attacker, "dana", f"guess {i}")
        clock.now += int(answer.headers.get("retry-after", "0"))
    assert api_login(attacker, "dana", "guess again").headers["retry-after"] == "300"
    phone = TestClient(site.app, client=("198.51.100.23", 5000))
    assert api_login(phone, "dana", "a typo here").status_code == 401
    assert api_login(phone, "dana", PASSWORD).status_code == 200


def test_one_address_guessing_many_usernames_is_held_back(site: Site, clock: Clock) -> None:
    prober = TestClient(site.app, client=("198.51.100.7", 5000))
    for i in range(10):
        assert api_login(prober, f"user{i}", "some password").status_code == 401
    refused = api_login(prober, "root", PASSWORD)
    assert refused.status_code == 429
    assert "from this address" in refused.json()["error"]["message"]
    other = TestClient(site.app, client=("198.51.100.8", 5000))
    assert api_login(other, "root", PASSWORD).status_code == 200


# ---- the hashing pool ---------------------------------------------------------------------


@pytest.fixture
def slow_hashes(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """argon2 replaced by a 50 ms stand-in that records how many run at once and where."""
    seen = {"now": 0, "most": 0, "on_loop": 0, "calls": 0, "nice": 99}
    lock = threading.Lock()

    def verify(stored: str, password: str) -> object:
        try:
            asyncio.get_running_loop()
            seen["on_loop"] += 1
        except RuntimeError:
            pass
        with lock:
            nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
            seen["nice"] = min(seen["nice"], nice - os.getpriority(os.PRIO_PROCESS, os.getpid()))
            seen["now"] += 1
            seen["calls"] += 1
            seen["most"] = max(seen["most"], seen["now"])
        time.sleep(0.05)
        with lock:
            seen["now"] -= 1
        return verify_password(stored, password)

    monkeypatch.setattr(auth, "verify_password", verify)
    return seen


def test_at_most_two_passwords_are_hashed_at_once_off_the_event_loop(
    site: Site, slow_hashes: dict[str, int]
) -> None:
    with one_loop(site) as client, ThreadPoolExecutor(max_workers=12) as pool:
        codes = list(
            pool.map(
                lambda i: api_login(client, f"flood{i}", "wrong one", f"10.1.0.{i}").status_code,
                range(24),
            )
        )
    assert set(codes) <= {401, 503}
    assert slow_hashes["most"] <= 2
    assert slow_hashes["on_loop"] == 0
    assert slow_hashes["calls"] == codes.count(401)
    # Below the rest of the server: signed-in users' requests get the CPU first.
    assert slow_hashes["nice"] >= 10 or os.getpriority(os.PRIO_PROCESS, os.getpid()) >= 10


def test_sign_ins_beyond_the_queue_are_told_the_server_is_busy(
    tmp_path: Path, slow_hashes: dict[str, int]
) -> None:
    site = make_site(tmp_path, hash_slots=1, hash_queue=1, hash_wait=0.02)
    barrier = threading.Barrier(6)

    with one_loop(site) as client:

        def attempt(i: int) -> tuple[int, str]:
            barrier.wait()
            answer = api_login(client, f"busy{i}", "wrong password here", f"10.2.0.{i}")
            return answer.status_code, answer.headers.get("retry-after", "")

        with ThreadPoolExecutor(max_workers=6) as pool:
            answers = list(pool.map(attempt, range(6)))
    site.ledger.close()
    busy = [a for a in answers if a[0] == 503]
    assert busy and all(retry == "1" for _, retry in busy)
    assert slow_hashes["most"] == 1


def test_a_flood_does_not_keep_a_user_out_at_their_usual_address(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site(tmp_path, hash_slots=1, hash_queue=1, hash_wait=5.0)
    release = threading.Event()
    started = threading.Semaphore(0)

    def verify(stored: str, password: str) -> object:
        if password.startswith("attack"):
            started.release()
            release.wait(10)  # the flood's hashes hold the slot
        return verify_password(stored, password)

    with one_loop(site) as client:
        desk = "10.9.9.9"
        assert api_login(client, "dana", PASSWORD, desk).status_code == 200  # her usual place
        monkeypatch.setattr(auth, "verify_password", verify)

        def attack(i: int) -> int:
            return api_login(client, f"victim{i}", f"attack {i}", f"203.0.113.{i}").status_code

        with ThreadPoolExecutor(max_workers=3) as pool:
            attacks = [pool.submit(attack, i) for i in range(3)]
            assert started.acquire(timeout=10)  # one hashing, one queued, one turned away
            time.sleep(0.2)
            elsewhere = api_login(client, "dana", PASSWORD, "198.51.100.1")
            at_desk = api_login(client, "dana", PASSWORD, desk)
            release.set()
            codes = sorted(a.result() for a in attacks)
    site.ledger.close()
    assert elsewhere.status_code == 503  # the shared queue is full
    assert at_desk.status_code == 200  # her own lane is not
    assert codes == [401, 401, 503]


# ---- sessions: idle timeout, WebSocket closed at the end ---------------------------------


def _row(site: Site, token: str) -> tables.WebSession:
    with site.ledger.session() as s:
        row = s.get(tables.WebSession, hashlib.sha256(token.encode()).hexdigest())
        assert row is not None
        return row


def _set_expiry(site: Site, token: str, when: dt.datetime) -> None:
    with site.ledger.session() as s:
        row = s.get(tables.WebSession, hashlib.sha256(token.encode()).hexdigest())
        assert row is not None
        row.expires_at = when


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_an_idle_session_ends_and_one_in_use_goes_on(db_url: str) -> None:
    site = build_site(db_url, WebSettings(session_idle=dt.timedelta(minutes=10)))
    browser = site.browser("dana")
    token = browser.cookies["tw_session"]
    assert _row(site, token).expires_at <= _utcnow() + dt.timedelta(minutes=10)
    _set_expiry(site, token, _utcnow() + dt.timedelta(seconds=5))  # nearly idle too long
    assert browser.get("/today").status_code == 200  # used: moved on by the idle time
    auth.wait_for_session_writes()
    assert _row(site, token).expires_at > _utcnow() + dt.timedelta(minutes=9)
    _set_expiry(site, token, _utcnow() - dt.timedelta(seconds=1))  # idle too long
    answer = browser.get("/today")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    site.ledger.close()


def test_a_session_past_its_absolute_lifetime_ends_however_busy(tmp_path: Path) -> None:
    site = make_site(tmp_path, session_lifetime=dt.timedelta(hours=1))
    client = site.api("dana")
    token = client.headers["Authorization"][7:]
    with site.ledger.session() as s:
        row = s.get(tables.WebSession, hashlib.sha256(token.encode()).hexdigest())
        assert row is not None
        row.created_at -= dt.timedelta(hours=2)
        row.expires_at = _utcnow() + dt.timedelta(hours=1)
    assert client.get("/api/v1/accounts").status_code == 401
    site.ledger.close()


def test_signing_out_closes_the_live_socket(site: Site) -> None:
    browser = site.browser("dana")
    with browser.websocket_connect("/live/ws") as socket:
        socket.send_text(json.dumps({"speaker": "Dana", "text": "What matters most to you?"}))
        assert socket.receive_json()["type"] == "update"
        page = browser.get("/today")
        assert browser.post("/logout", data={"csrf_token": csrf_of(page.text)}).status_code == 303
        socket.send_text(json.dumps({"speaker": "Dana", "text": "And what else?"}))
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008


def test_switching_a_user_off_closes_their_quiet_socket(db_url: str) -> None:
    site = build_site(db_url, WebSettings(live_check_seconds=0.1))
    with site.api("dana").websocket_connect("/live/ws") as socket:
        with site.ledger.session() as s:
            change_user(s, "dana", active=False)
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()  # nothing sent: the periodic check closes it
    assert closed.value.code == 1008
    site.ledger.close()


# ---- changing one's own password ----------------------------------------------------------


def test_the_password_page_changes_it_with_the_current_one(site: Site) -> None:
    other = site.api("dana")
    browser = site.browser("dana")
    page = browser.get("/password")
    assert page.status_code == 200 and "Change your password" in page.text
    form = {"csrf_token": csrf_of(page.text), "current_password": PASSWORD}
    cases = [
        ({"new_password": "password1", "repeat_password": "password1"}, 422, "common and leaked"),
        ({"new_password": "        ", "repeat_password": "        "}, 422, "only spaces"),
        ({"new_password": "short", "repeat_password": "short"}, 422, "at least 8 characters"),
        ({"new_password": "quite new words", "repeat_password": "quite new wordz"}, 422, "differ"),
    ]
    for fields, status, said in cases:
        answer = browser.post("/password", data={**form, **fields})
        assert answer.status_code == status and said in answer.text, said
    wrong = browser.post(
        "/password",
        data={
            **form,
            "current_password": "not my password",
            "new_password": "quite new words",
            "repeat_password": "quite new words",
        },
    )
    assert wrong.status_code == 422 and "Current password does not match" in wrong.text
    done = browser.post(
        "/password",
        data={**form, "new_password": "quite new words", "repeat_password": "quite new words"},
    )
    assert done.status_code == 200 and "Password changed" in done.text
    assert browser.get("/today").status_code == 200  # this session stays
    assert other.get("/api/v1/accounts").status_code == 401  # the others end
    fresh = TestClient(site.app)
    assert api_login(fresh, "dana", PASSWORD).status_code == 401
    assert api_login(fresh, "dana", "quite new words").status_code == 200


def test_the_password_api_names_the_rule_and_needs_the_current_one(site: Site) -> None:
    client = site.api("ryan")
    weak = client.put(
        "/api/v1/password", json={"current_password": PASSWORD, "new_password": "iloveyou"}
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["field"] == "password"
    assert "common and leaked" in weak.json()["error"]["message"]
    wrong = client.put(
        "/api/v1/password",
        json={"current_password": "not it at all", "new_password": "a fresh long one"},
    )
    assert wrong.status_code == 422 and wrong.json()["error"]["field"] == "current_password"
    ok = client.put(
        "/api/v1/password", json={"current_password": PASSWORD, "new_password": "a fresh long one"}
    )
    assert ok.status_code == 204
    assert client.get("/api/v1/accounts").status_code == 200
    anonymous = TestClient(site.app)
    assert (
        anonymous.put(
            "/api/v1/password", json={"current_password": "x", "new_password": "a fresh long one"}
        ).status_code
        == 401
    )


def test_guessing_the_current_password_is_throttled(site: Site, clock: Clock) -> None:
    client = site.api("maria")
    for _ in range(5):
        answer = client.put(
            "/api/v1/password",
            json={"current_password": "a guess at it", "new_password": "a fresh long one"},
        )
        assert answer.status_code == 422
    refused = client.put(
        "/api/v1/password", json={"current_password": PASSWORD, "new_password": "a fresh long one"}
    )
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"


# ---- a public URL: Secure cookies, HSTS, links for clients -------------------------------


PUBLIC = "https://trust.example.com"


@pytest.fixture
def public_site(tmp_path: Path) -> Iterator[Site]:
    built = make_site(tmp_path, public_url=PUBLIC)
    yield built
    built.ledger.close()


def https_browser(site: Site, username: str) -> TestClient:
    """Signed in over https, as a browser sends Secure cookies only there."""
    client = TestClient(site.app, base_url=PUBLIC, follow_redirects=False)
    assert form_login(client, username, PASSWORD).status_code == 303
    return client


def test_with_a_public_https_url_cookies_are_secure_and_hsts_is_sent(public_site: Site) -> None:
    client = TestClient(public_site.app, base_url=PUBLIC, follow_redirects=False)
    page = client.get("/login")
    assert "max-age=31536000" in page.headers["strict-transport-security"]
    assert "secure" in page.headers["set-cookie"].lower()
    signed = form_login(client, "dana", PASSWORD)
    assert "secure" in signed.headers["set-cookie"].lower()


def test_without_a_public_url_there_is_no_hsts_and_no_secure_flag(site: Site) -> None:
    page = TestClient(site.app).get("/login")
    assert "strict-transport-security" not in page.headers
    assert "secure" not in page.headers["set-cookie"].lower()


def test_links_for_clients_use_the_public_url_whatever_the_host_header(
    public_site: Site,
) -> None:
    client = public_site.api("dana")
    made = client.post(
        "/api/v1/rating-links", json={"rater": "Sam"}, headers={"Host": "evil.example"}
    )
    assert made.status_code == 201
    assert made.json()["url"].startswith("https://trust.example.com/rate/")
    browser = https_browser(public_site, "dana")
    page = browser.get("/self/answer")
    answers = {f"answer.{i.id}": "often" for i in self_questionnaire().items}
    browser.post("/self/answer", data={"csrf_token": csrf_of(page.text), **answers})
    invited = browser.post(
        "/self/invite",
        data={"csrf_token": csrf_of(page.text), "rater": "Sam", "relation": "client"},
        headers={"Host": "evil.example"},
    )
    assert invited.status_code == 303
    assert invited.headers["location"].startswith("/self?")  # a path: no host in it at all
    shown = browser.get(invited.headers["location"], headers={"Host": "evil.example"})
    assert re.search(r'value="https://trust\.example\.com/rate/[^"]+"', shown.text)
    assert "evil.example" not in shown.text


def test_without_a_public_url_a_malformed_host_never_reaches_a_link(site: Site) -> None:
    client = site.api("dana")
    good = client.post("/api/v1/rating-links", json={"rater": "Sam"})
    assert good.json()["url"].startswith("http://testserver/rate/")
    forged = client.post(
        "/api/v1/rating-links",
        json={"rater": "Sam"},
        headers={"Host": "evil.example/phish?x="},
    )
    assert forged.status_code == 400
    # A crafted ?link= no longer shows the seller a link of someone else's choosing.
    page = site.browser("dana").get("/self?link=https://evil.example/rate/x")
    assert "evil.example" not in page.text


def test_without_a_public_url_a_forged_host_never_reaches_a_link(site: Site) -> None:
    client = site.api("dana")
    forged = client.post(
        "/api/v1/rating-links", json={"rater": "Sam"}, headers={"Host": "evil.example"}
    )
    assert forged.status_code == 201
    # Built from the address the server accepted the request on (the test client's).
    assert forged.json()["url"].startswith("http://testserver/rate/")
    browser = site.browser("dana")
    page = browser.get("/self/answer")
    answers = {f"answer.{i.id}": "often" for i in self_questionnaire().items}
    browser.post("/self/answer", data={"csrf_token": csrf_of(page.text), **answers})
    page = browser.get("/self", headers={"Host": "evil.example"})
    invited = browser.post(
        "/self/invite",
        data={"csrf_token": csrf_of(page.text), "rater": "Sam", "relation": "client"},
        headers={"Host": "evil.example"},
    )
    shown = browser.get(invited.headers["location"], headers={"Host": "evil.example"})
    assert re.search(r'value="http://testserver/rate/[^"]+"', shown.text)
    assert "evil.example" not in shown.text


@pytest.mark.parametrize(
    ("server", "scheme", "origin"),
    [
        (("192.0.2.7", 8000), "http", "http://192.0.2.7:8000"),
        (("2001:db8::7", 443), "https", "https://[2001:db8::7]"),
        (("testserver", 80), "http", "http://testserver"),
    ],
)
def test_client_links_come_from_the_servers_own_address(
    server: tuple[str, int], scheme: str, origin: str
) -> None:
    request = Request(
        {"type": "http", "scheme": scheme, "server": server, "path": "/", "headers": []}
    )
    assert server_origin(request) == origin


def test_a_server_that_does_not_know_its_address_asks_for_a_public_url() -> None:
    request = Request(
        {"type": "http", "scheme": "http", "server": None, "path": "/", "headers": []}
    )
    with pytest.raises(HTTPException) as refused:
        server_origin(request)
    assert "--public-url" in str(refused.value.detail)


def test_a_browser_that_signed_in_before_gets_past_the_accounts_delay_after_a_restart(
    site: Site, clock: Clock
) -> None:
    phone = TestClient(site.app, client=("198.51.100.23", 5000), follow_redirects=False)
    assert form_login(phone, "dana", PASSWORD).status_code == 303
    mark = phone.cookies["tw_device"]
    page = phone.get("/today")
    assert phone.post("/logout", data={"csrf_token": csrf_of(page.text)}).is_redirect
    assert phone.cookies["tw_device"] == mark  # signing out keeps it
    # A restart (nothing trusted in memory), then an attacker holds the account at 300 s...
    site.app.state.sign_in_guards = Guards(
        SignInThrottle(clock=clock), HashGate(slots=2, queue=16, wait=2.0)
    )
    attacker = TestClient(site.app, client=("203.0.113.66", 5000))

    def hold() -> None:
        for i in range(25):
            answer = api_login(attacker, "dana", f"guess {i}")
            clock.now += int(answer.headers.get("retry-after", "0"))

    hold()
    # ... and Dana has used up a new address's three tries from the phone's new network.
    for _ in range(3):
        form_login(phone, "dana", "a typo here")
    assert form_login(phone, "dana", PASSWORD).status_code == 303  # the signed cookie
    hold()  # her sign-in cleared the account's counter: held back again
    stranger = TestClient(site.app, client=("198.51.100.99", 5000), follow_redirects=False)
    for _ in range(3):
        form_login(stranger, "dana", "a guess here")
    stranger.cookies.set("tw_device", mark.split(".")[0] + "." + "0" * 64)  # forged
    assert form_login(stranger, "dana", PASSWORD).status_code == 429
    stranger.cookies.set("tw_device", mark)  # stolen: it passes the delay, not the password
    assert form_login(stranger, "dana", "a guess here").status_code == 401


def test_a_device_mark_is_bound_to_the_account_the_hash_and_the_expiry() -> None:
    hashed = "$argon2id$v=19$m=65536,t=3,p=4$abc$def"
    later = int(time.time()) + 3600
    mark = auth.device_mark("Dana", hashed, later)
    assert auth.device_known(mark, " dana ", hashed)
    assert not auth.device_known(mark, "ryan", hashed)
    assert not auth.device_known(mark, "dana", hashed + "x")  # the password changed
    assert not auth.device_known(auth.device_mark("dana", hashed, 1000), "dana", hashed)
    assert not auth.device_known(f"{later + 1}.{mark.split('.')[1]}", "dana", hashed)
    assert not auth.device_known("junk", "dana", hashed)
    assert not auth.device_known(mark, "dana", None)
    # "²".isdigit() is true but int() refuses it: a forged cookie is unknown, not a 500.
    assert not auth.device_known("\u00b2.x", "dana", hashed)
