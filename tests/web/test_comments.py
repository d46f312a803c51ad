"""Coaching threads on a call's page, notifications, the API, and e-mail through a real local
SMTP server (aiosmtpd) started by the test."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.databases import migrated_sqlite_url
from tests.web.conftest import EXAMPLES, Site, build_site, csrf_of
from tests.web.test_hostile import operations, requests
from trustworks.analysis import Analysis, analyze
from trustworks.ingest import load
from trustworks.ledger import comments as ledger_comments
from trustworks.ledger import tables
from trustworks.ledger.access import scope_for
from trustworks.ledger.database import open_ledger
from trustworks.ledger.log import log_conversation
from trustworks.web import WebSettings
from trustworks.web.mailer import Mailer
from trustworks.web.settings import SmtpSettings, smtp_from_environment

_UNREAD = re.compile(r'data-unread="(\d+)"')


@functools.cache
def _analysis() -> Analysis:
    return analyze(load(EXAMPLES / "discovery-pounce.srt"), ["Ryan Cole"])


def saved_call(site: Site) -> int:
    """A call of Dana's on Northwind, saved with its analysis; its id."""
    with site.ledger.session() as s:
        logged = log_conversation(
            s, _analysis(), account="Northwind", occurred_on=dt.date(2026, 11, 30), seller="dana"
        )
        return logged.interaction.id


def unread(html: str) -> int:
    found = _UNREAD.search(html)
    return int(found.group(1)) if found else 0


def comment(site: Site, client: object, call: int, **form: str) -> str:
    """Post the comment form of the call's page as a browser would; the redirect's target."""
    page = client.get(f"/interactions/{call}")  # type: ignore[attr-defined]
    assert page.status_code == 200, page.text
    answer = client.post(  # type: ignore[attr-defined]
        f"/interactions/{call}/comments", data={"csrf_token": csrf_of(page.text), **form}
    )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def test_manager_comments_seller_is_told_opens_and_replies(site: Site) -> None:
    call = saved_call(site)
    maria, dana = site.browser("maria"), site.browser("dana")
    page = maria.get(f"/interactions/{call}")
    assert 'id="comment-new"' in page.text and "@dana" in page.text  # the form, who to mention
    target = comment(site, maria, call, moment="2", body="Ask <b>why</b> first, @dana.")
    link = urlsplit(target)
    assert (link.path, link.fragment[:8]) == (f"/interactions/{call}", "comment-")
    assert parse_qs(link.query) == {"commented": ["commented; told Dana Whitfield"]}
    shown = maria.get(f"/interactions/{call}").text
    assert "Ask &lt;b&gt;why&lt;/b&gt; first, " in shown  # plain text, escaped
    assert '<span class="mention">@dana</span>' in shown
    home = dana.get("/today").text
    assert unread(home) == 1
    listed = dana.get("/notifications").text
    assert "Maria Gomez mentioned you on a call with Northwind" in listed
    (ident,) = re.findall(r'href="/notifications/(\d+)/open"', listed)
    opened = dana.get(f"/notifications/{ident}/open")
    assert opened.status_code == 303
    assert opened.headers["location"].startswith(f"/interactions/{call}#comment-")
    assert unread(dana.get("/today").text) == 0
    thread = re.search(r'name="reply_to" value="(\d+)"', dana.get(f"/interactions/{call}").text)
    assert thread is not None
    comment(site, dana, call, reply_to=thread.group(1), body="I will ask next time.")
    assert unread(maria.get("/today").text) == 1  # maria wrote in the thread: she is told
    with site.ledger.session() as s:
        bodies = s.scalars(select(tables.CallComment.body).order_by(tables.CallComment.id))
        assert list(bodies) == ["Ask <b>why</b> first, @dana.", "I will ask next time."]


def test_comment_on_a_finding_names_it_in_the_thread(site: Site) -> None:
    call = saved_call(site)
    finding = _analysis().findings[0]
    maria = site.browser("maria")
    comment(site, maria, call, moment=f"{finding.turn}:{finding.signal}", body="This one.")
    shown = maria.get(f"/interactions/{call}").text
    assert f"On the finding <strong>{finding.signal.replace('_', ' ')}</strong>" in shown


@pytest.mark.parametrize(
    ("form", "status", "said"),
    [
        ({"moment": "0", "body": "  "}, 422, "write the comment first"),
        ({"moment": "", "body": "hi"}, 422, "choose the moment"),
        ({"moment": "abc", "body": "hi"}, 422, "is not a moment"),
        ({"moment": "0:not_a_signal", "body": "hi"}, 422, "no finding"),
        ({"reply_to": "999999", "body": "hi"}, 404, "no comment 999999"),
    ],
)
def test_bad_comment_form_says_what_is_wrong(
    site: Site, form: dict[str, str], status: int, said: str
) -> None:
    call = saved_call(site)
    maria = site.browser("maria")
    page = maria.get(f"/interactions/{call}")
    answer = maria.post(
        f"/interactions/{call}/comments", data={"csrf_token": csrf_of(page.text), **form}
    )
    assert answer.status_code == status
    assert said in answer.text


def test_comment_form_needs_the_csrf_token(site: Site) -> None:
    call = saved_call(site)
    answer = site.browser("maria").post(
        f"/interactions/{call}/comments", data={"moment": "0", "body": "hi"}
    )
    assert answer.status_code == 403


# ---- access: exactly like the call ------------------------------------------------------------


def test_api_comments_are_scoped_like_the_call(any_site: Site) -> None:
    call = saved_call(any_site)
    maria, ryan, root = any_site.api("maria"), any_site.api("ryan"), any_site.api("root")
    posted = maria.post(
        f"/api/v1/interactions/{call}/comments", json={"turn": 1, "body": "Look @root"}
    )
    assert posted.status_code == 201, posted.text
    assert sorted(posted.json()["notified"]) == ["dana", "root"]
    first = posted.json()["comment"]["id"]
    for method, path, body in [
        ("get", f"/api/v1/interactions/{call}/comments", None),
        ("post", f"/api/v1/interactions/{call}/comments", {"turn": 1, "body": "hi"}),
        ("post", f"/api/v1/interactions/{call}/comments", {"reply_to": first, "body": "hi"}),
        ("get", f"/api/v1/interactions/{call}/mentionable", None),
    ]:
        answer = ryan.request(method, path, json=body)
        assert answer.status_code == 404, (path, answer.text)
        assert answer.json()["error"]["message"] == f"no call with id {call}"
    threads = root.get(f"/api/v1/interactions/{call}/comments").json()
    assert [c["body"] for c in threads["threads"][0]["comments"]] == ["Look @root"]
    mine = root.get("/api/v1/notifications").json()
    assert mine["unread"] == 1 and mine["notifications"][0]["reason"] == "mention"
    (ident,) = [n["id"] for n in mine["notifications"]]
    assert ryan.post("/api/v1/notifications/read", json={"ids": [ident]}).status_code == 404
    assert ryan.get("/api/v1/notifications").json() == {
        "unread": 0,
        "notifications": [],
        "older": None,
    }
    marked = root.post("/api/v1/notifications/read", json={"ids": [ident]}).json()
    assert marked == {"marked": 1, "unread": 0}
    people = any_site.api("dana").get(f"/api/v1/interactions/{call}/mentionable?q=ma").json()
    assert [u["username"] for u in people["users"]] == ["maria"]


def test_writer_removes_their_comment_from_the_page_and_the_api(any_site: Site) -> None:
    call = saved_call(any_site)
    maria = any_site.browser("maria")
    comment(any_site, maria, call, moment="0", body="Posted by mistake")
    page = maria.get(f"/interactions/{call}").text
    (ident,) = re.findall(r'action="/comments/(\d+)/remove"', page)
    assert 'action="/comments/' not in any_site.browser("dana").get(f"/interactions/{call}").text
    assert any_site.api("ryan").delete(f"/api/v1/comments/{ident}").status_code == 404
    assert any_site.api("dana").delete(f"/api/v1/comments/{ident}").status_code == 403
    gone = maria.post(f"/comments/{ident}/remove", data={"csrf_token": csrf_of(page)})
    assert gone.status_code == 303
    assert "Posted by mistake" not in maria.get(f"/interactions/{call}").text
    assert any_site.api("maria").delete(f"/api/v1/comments/{ident}").status_code == 404


def test_pages_of_a_call_not_theirs_are_not_found(site: Site) -> None:
    call = saved_call(site)
    maria = site.browser("maria")
    comment(site, maria, call, moment="0", body="Only for Dana's team")
    ryan = site.browser("ryan")
    assert ryan.get(f"/interactions/{call}").status_code == 404
    token = csrf_of(ryan.get("/today").text)
    answer = ryan.post(
        f"/interactions/{call}/comments", data={"csrf_token": token, "moment": "0", "body": "x"}
    )
    assert answer.status_code == 404
    (ident,) = re.findall(
        r'href="/notifications/(\d+)/open"', site.browser("dana").get("/notifications").text
    )
    assert ryan.get(f"/notifications/{ident}/open").status_code == 404
    marked = ryan.post("/notifications/read", data={"csrf_token": token, "ident": ident})
    assert marked.status_code == 404
    dana = site.browser("dana")
    assert 'class="badge count"' in dana.get("/today").text  # still unread for dana
    assert "Only for Dana" not in ryan.get("/notifications").text


def test_signed_out_gets_nothing(site: Site) -> None:
    call = saved_call(site)
    anyone = site.browser()
    assert anyone.get("/api/v1/notifications").status_code == 401
    assert anyone.get(f"/api/v1/interactions/{call}/comments").status_code == 401
    for path in ("/notifications", "/notifications/1/open"):
        assert anyone.get(path).status_code in (303, 401), path
    for path in (f"/interactions/{call}/comments", "/notifications/read", "/notifications/email"):
        assert anyone.post(path, data={"body": "x", "moment": "0"}).status_code in (303, 401)


# ---- e-mail -----------------------------------------------------------------------------------


class Inbox:
    """What a local SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server (aiosmtpd) on a free port of 127.0.0.1, and what it received."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield inbox, controller.port
    controller.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _site_with_smtp(tmp_path: Path, port: int, timeout: float = 5.0) -> Site:
    smtp = SmtpSettings(host="127.0.0.1", port=port, sender="coach@example.com", timeout=timeout)
    web = WebSettings(smtp=smtp, public_url="https://trust.example.com", secure_cookies=False)
    return build_site(migrated_sqlite_url(tmp_path / "mail.sqlite3"), web)


def _states(site: Site) -> list[tuple[str, str | None]]:
    with site.ledger.session() as s:
        rows = s.execute(
            select(tables.Notification.email_state, tables.Notification.email_error).order_by(
                tables.Notification.id
            )
        )
        return [(state, error) for state, error in rows]


def _set_email(site: Site, username: str, address: str) -> None:
    client = site.browser(username)
    token = csrf_of(client.get("/notifications").text)
    answer = client.post("/notifications/email", data={"csrf_token": token, "email": address})
    assert answer.status_code == 303, answer.text


def test_notification_is_emailed_through_the_local_smtp_server(
    tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    site = _site_with_smtp(tmp_path, port)
    try:
        call = saved_call(site)
        _set_email(site, "dana", "dana@example.com")
        comment(site, site.browser("maria"), call, moment="3", body="Good question here.\nKeep it.")
        mailer: Mailer = site.app.state.mailer
        mailer.idle(10)
        (envelope,) = inbox.messages
        assert envelope.rcpt_tos == ["dana@example.com"]
        assert envelope.mail_from == "coach@example.com"
        text = envelope.content.decode() if isinstance(envelope.content, bytes) else ""
        assert "Subject: Trustworks: Maria Gomez commented on your call with Northwind" in text
        assert "Good question here." in text
        assert f"https://trust.example.com/interactions/{call}#comment-" in text
        assert _states(site) == [("sent", None)]
    finally:
        site.ledger.close()


def test_dead_smtp_server_never_blocks_commenting(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A server that takes the connection and never says a word: the sender waits out its
    # timeout in the background while the comment is written and shown at once.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    site = _site_with_smtp(tmp_path, silent.getsockname()[1], timeout=2.0)
    try:
        call = saved_call(site)
        _set_email(site, "dana", "dana@example.com")
        maria = site.browser("maria")
        page = maria.get(f"/interactions/{call}")
        answer = maria.post(
            f"/interactions/{call}/comments",
            data={"csrf_token": csrf_of(page.text), "moment": "0", "body": "Still here?"},
        )
        assert answer.status_code == 303
        # The answer came while the e-mail still waited on the silent server: a sender that
        # blocked the request would have given up on it (failed) before answering.
        assert _states(site)[0][0] in {"pending", "sending"}
        assert unread(site.browser("dana").get("/today").text) == 1  # told in the app at once
        with caplog.at_level(logging.WARNING, logger="trustworks.web.mailer"):
            site.app.state.mailer.idle(10)
        ((state, error),) = _states(site)
        assert state == "failed" and error is not None and "SMTP server" in error
        assert "1 notification e-mail(s) not sent" in caplog.text
        with site.ledger.session() as s:  # the comment is kept
            assert list(s.scalars(select(tables.CallComment.body))) == ["Still here?"]
    finally:
        silent.close()
        site.ledger.close()


def test_refused_connection_is_recorded_and_the_comment_kept(tmp_path: Path) -> None:
    site = _site_with_smtp(tmp_path, _free_port())  # nobody listens there
    try:
        call = saved_call(site)
        _set_email(site, "dana", "dana@example.com")
        comment(site, site.browser("maria"), call, moment="0", body="hello")
        site.app.state.mailer.idle(10)
        ((state, error),) = _states(site)
        assert state == "failed" and error is not None and "cannot reach" in error
    finally:
        site.ledger.close()


def test_without_an_smtp_server_nothing_is_queued(site: Site) -> None:
    call = saved_call(site)
    _set_email(site, "dana", "dana@example.com")
    comment(site, site.browser("maria"), call, moment="0", body="hello")
    assert _states(site) == [("none", None)]
    assert "This server sends no e-mail" in site.browser("dana").get("/notifications").text


def test_bad_email_address_is_refused(site: Site) -> None:
    client = site.browser("dana")
    token = csrf_of(client.get("/notifications").text)
    answer = client.post("/notifications/email", data={"csrf_token": token, "email": "nope"})
    assert answer.status_code == 422 and "is not an e-mail address" in answer.text


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        (
            {"TRUSTWORKS_SMTP_HOST": "mail.example.com", "TRUSTWORKS_SMTP_PORT": "587"},
            SmtpSettings(host="mail.example.com", port=587),
        ),
        (
            {
                "TRUSTWORKS_SMTP_HOST": "mail",
                "TRUSTWORKS_SMTP_FROM": "coach@example.com",
                "TRUSTWORKS_SMTP_STARTTLS": "1",
                "TRUSTWORKS_SMTP_TIMEOUT": "3.5",
            },
            SmtpSettings(host="mail", sender="coach@example.com", starttls=True, timeout=3.5),
        ),
    ],
)
def test_smtp_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: SmtpSettings | None
) -> None:
    for name in [n for n in __import__("os").environ if n.startswith("TRUSTWORKS_SMTP_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert smtp_from_environment() == expected


@pytest.mark.parametrize("port", ["x", "0", "70000"])
def test_bad_smtp_port_names_the_variable(monkeypatch: pytest.MonkeyPatch, port: str) -> None:
    monkeypatch.setenv("TRUSTWORKS_SMTP_HOST", "mail")
    monkeypatch.setenv("TRUSTWORKS_SMTP_PORT", port)
    with pytest.raises(ValueError, match=r"\$TRUSTWORKS_SMTP_PORT"):
        smtp_from_environment()


# ---- hostile values ---------------------------------------------------------------------------


HOSTILE_FORM = ["\x00", "\ud800", "²", "٣", "9" * 30, "-1", "1:\x00", "1:a\ud800", "0:" + "x" * 150]


def test_comment_routes_answer_hostile_values_without_a_500(any_site: Site) -> None:
    call = saved_call(any_site)
    any_site.api("maria").post(
        f"/api/v1/interactions/{call}/comments", json={"turn": 0, "body": "@dana hi"}
    )
    ops = [
        op
        for op in operations(any_site.app.openapi())
        if "/comments" in op.path or "/notifications" in op.path or "/mentionable" in op.path
    ]
    assert len(ops) == 9
    clients = []
    for username in ("dana", "ryan"):
        client = TestClient(any_site.app, raise_server_exceptions=False)
        client.headers.update(any_site.api(username).headers)
        clients.append(client)

    @settings(
        max_examples=int(os.environ.get("TRUSTWORKS_SWEEP_EXAMPLES", "300")) // 2,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(request=requests(ops), who=st.sampled_from(clients))
    def run(request: tuple[str, str, str | None], who: TestClient) -> None:
        method, url, content = request
        headers = {"content-type": "application/json"} if content is not None else {}
        answer = who.request(method, url, content=content, headers=headers)
        assert answer.status_code < 500, (method, url, content, answer.text[:300])

    run()
    browser = any_site.browser("dana")
    token = csrf_of(browser.get("/notifications").text)
    for value in [
        "\x00",
        "\ud800",
        "²",
        "٣",
        "9" * 30,
        "-1",
        "1:\x00",
        "1:a\ud800",
        "0:" + "x" * 150,
    ]:
        for path, field in [
            (f"/interactions/{call}/comments", "moment"),
            (f"/interactions/{call}/comments", "reply_to"),
            ("/notifications/read", "ident"),
            ("/notifications/email", "email"),
        ]:
            answer = browser.post(
                path,
                content=f"csrf_token={token}&body=x&{field}={_quote(value)}".encode(),
                headers={"content-type": "application/x-www-form-urlencoded"},
            )
            assert answer.status_code < 500, (path, field, value, answer.text[:300])
    for ident in ["0", "-1", str(2**31), str(2**63), str(10**30)]:
        assert browser.get(f"/notifications/{ident}/open").status_code in (404, 422)


def _quote(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def test_mail_left_pending_goes_out_when_the_app_starts(
    tmp_path: Path, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    dead = _site_with_smtp(tmp_path, _free_port())
    try:  # written while the server could not send: pending, as a restart would leave it
        call = saved_call(dead)
        _set_email(dead, "dana", "dana@example.com")
        dead.app.state.mailer.close()
        comment(dead, dead.browser("maria"), call, moment="0", body="sent later")
        assert _states(dead) == [("pending", None)]
    finally:
        dead.ledger.close()
    smtp = SmtpSettings(host="127.0.0.1", port=port, timeout=5.0)
    mailer = Mailer(open_ledger(f"sqlite:///{tmp_path / 'mail.sqlite3'}"), smtp, None)
    try:
        mailer.idle(10)
        assert len(inbox.messages) == 1
    finally:
        mailer.close()
        mailer.ledger.close()


def test_notification_email_is_the_callers_own(any_site: Site) -> None:
    dana, ryan = any_site.api("dana"), any_site.api("ryan")
    assert dana.put("/api/v1/notifications/email", json={"email": "dana@example.com"}).json() == {
        "email": "dana@example.com",
        "server_sends_email": False,
    }
    assert ryan.get("/api/v1/notifications/email").json()["email"] is None
    assert ryan.put("/api/v1/notifications/email", json={"email": "ryan@example.com"}).is_success
    assert dana.get("/api/v1/notifications/email").json()["email"] == "dana@example.com"
    page = any_site.browser("ryan").get("/notifications").text
    assert "ryan@example.com" in page and "dana@example.com" not in page


def test_stopping_the_app_shuts_the_mailer_down(tmp_path: Path) -> None:
    site = _site_with_smtp(tmp_path, _free_port())
    try:
        mailer: Mailer = site.app.state.mailer
        with TestClient(site.app):  # runs the app's startup and shutdown, as a server does
            mailer.idle(10)  # still taking work while running
        with pytest.raises(RuntimeError, match="shutdown"):
            mailer._executor.submit(lambda: None)
    finally:
        site.ledger.close()


def test_an_address_the_server_cannot_take_fails_that_mail_only(
    tmp_path: Path, smtp_server: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One user's mail that cannot be written or sent must not take the others' mails with it.
    inbox, port = smtp_server
    site = _site_with_smtp(tmp_path, port)
    try:
        call = saved_call(site)
        _set_email(site, "dana", "dana@example.com")
        _set_email(site, "root", "root@example.com")
        mailer: Mailer = site.app.state.mailer
        built = mailer.message

        def fussy(mail: object) -> object:
            if getattr(mail, "to", "") == "dana@example.com":
                raise ValueError("cannot write this header")
            return built(mail)  # type: ignore[arg-type]

        monkeypatch.setattr(mailer, "message", fussy)
        comment(site, site.browser("maria"), call, moment="3", body="Look @root")
        mailer.idle(10)
        assert [m.rcpt_tos for m in inbox.messages] == [["root@example.com"]]
        states = sorted(state for state, _ in _states(site))
        assert states == ["failed", "sent"]
    finally:
        site.ledger.close()


def test_notifications_page_and_api_go_back_past_the_newest_200(site: Site) -> None:
    call = saved_call(site)
    maria = site.browser("maria")
    with site.ledger.session() as s:
        user = s.scalars(select(tables.User).where(tables.User.username == "maria")).one()
        for n in range(205):
            ledger_comments.add_comment(s, scope_for(s, user), call, f"note {n}", turn=0)
    dana = site.browser("dana")
    page = dana.get("/notifications")
    assert page.status_code == 200
    assert "More than 99 unread" in page.text and "“note 4”" not in page.text
    older = re.search(r'href="(/notifications\?before=\d+)"', page.text)
    assert older is not None
    assert "“note 4”" in dana.get(older.group(1)).text
    api = dana.get("/api/v1/notifications").json()
    assert len(api["notifications"]) == 200 and api["older"] is not None
    rest = dana.get(f"/api/v1/notifications?before={api['older']}").json()
    assert [n["excerpt"] for n in rest["notifications"]][-1] == "note 0"
    assert rest["older"] is None
    assert dana.get("/api/v1/notifications?before=99999999999999999999").status_code == 422
    assert maria.get("/notifications").status_code == 200
