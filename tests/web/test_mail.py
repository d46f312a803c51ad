"""The mail sync page: settings without a password, and unknown senders only their own user
may see, match (to accounts they may see) or ignore; on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from tests.ledger.test_mailsync import Box
from tests.mailbox.samples import DANA, message
from tests.web.conftest import Site, csrf_of
from trustworks.ledger import tables
from trustworks.ledger.mailsync import sync_mail

STRANGER = "kim@harbor.example"


def _stranger_wrote(site: Site) -> int:
    box = Box([message("k.1@x", STRANGER, DANA, "Could we talk about routes?", name="Kim Osei")])
    report = sync_mail(site.ledger, box, user="dana", me=[DANA])
    assert report.unknown == 1
    with site.ledger.reading() as s:
        return s.scalars(select(tables.MailSender.id)).one()


def test_mail_page_saves_settings_and_never_asks_for_a_password(any_site: Site) -> None:
    client = any_site.browser("dana")
    page = client.get("/mail")
    assert page.status_code == 200
    assert 'href="/mail"' in page.text  # one link in the navigation
    assert 'type="password"' not in page.text
    assert "does not keep your mail password" in page.text
    sent = client.post(
        "/mail/settings",
        data={"csrf_token": csrf_of(page.text), "host": "imap.ourco.example", "login": DANA,
              "folder": "INBOX", "security": "tls", "port": "", "addresses": DANA},
    )  # fmt: skip
    assert sent.status_code == 303
    shown = client.get("/mail").text
    assert 'value="imap.ourco.example"' in shown
    bad = client.post(
        "/mail/settings",
        data={"csrf_token": csrf_of(shown), "host": "imap.ourco.example", "login": DANA,
              "security": "plain"},
    )  # fmt: skip
    assert bad.status_code == 422 and "loopback" in bad.text
    # Another user's page shows none of Dana's settings.
    assert "imap.ourco.example" not in any_site.browser("ryan").get("/mail").text


def test_unknown_senders_are_their_users_own_to_match_or_ignore(any_site: Site) -> None:
    sender = _stranger_wrote(any_site)
    dana = any_site.browser("dana")
    page = dana.get("/mail").text
    assert f'data-sender="{STRANGER}"' in page
    for other in ("ryan", "maria", "root"):  # a mailbox is its user's alone, admins included
        client = any_site.browser(other)
        text = client.get("/mail").text
        assert STRANGER not in text
        token = csrf_of(text)
        refused = client.post(f"/mail/senders/{sender}/ignore", data={"csrf_token": token})
        assert refused.status_code == 404
        refused = client.post(
            f"/mail/senders/{sender}/match",
            data={"csrf_token": token, "account": str(any_site.ids["contoso"])},
        )
        assert refused.status_code == 404
    token = csrf_of(page)
    # Dana may not put the address on Ryan's account.
    refused = dana.post(
        f"/mail/senders/{sender}/match",
        data={"csrf_token": token, "account": str(any_site.ids["contoso"]), "person": "Kim"},
    )
    assert refused.status_code == 404
    matched = dana.post(
        f"/mail/senders/{sender}/match",
        data={"csrf_token": token, "account": str(any_site.ids["northwind"]), "person": ""},
    )
    assert matched.status_code == 303
    with any_site.ledger.reading() as s:
        person = s.scalars(select(tables.Person).where(tables.Person.email == STRANGER)).one()
        assert (person.name, person.account_id) == ("Kim Osei", any_site.ids["northwind"])
    assert STRANGER not in dana.get("/mail").text


def test_ignoring_a_sender_keeps_them_off_the_list(any_site: Site) -> None:
    sender = _stranger_wrote(any_site)
    dana = any_site.browser("dana")
    token = csrf_of(dana.get("/mail").text)
    assert (
        dana.post(f"/mail/senders/{sender}/ignore", data={"csrf_token": token}).status_code == 303
    )
    page = dana.get("/mail").text
    assert f'data-sender="{STRANGER}"' not in page and "1 ignored" in page
    assert dana.post(f"/mail/senders/{sender}/ignore", data={}).status_code == 403  # no CSRF


def test_the_mail_page_needs_a_signed_in_user(any_site: Site) -> None:
    answer = any_site.browser().get("/mail")
    assert answer.status_code in (303, 401)
