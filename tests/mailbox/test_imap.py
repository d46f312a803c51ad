"""Reading a real IMAP server (dovecot on loopback): TLS, STARTTLS, and every way it fails."""

from __future__ import annotations

import pytest

from tests.mailbox.dovecot import PASSWORD, Dovecot
from tests.mailbox.samples import MARCUS, thread
from trustworks.errors import MailboxError
from trustworks.mailbox import ImapSettings, ImapSource, read_envelope


def settings(dovecot: Dovecot, login: str, **changes: object) -> ImapSettings:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "login": login,
        "port": dovecot.imaps_port,
        "security": "tls",
        "ca_file": dovecot.ca_file,
        "timeout": 10.0,
    }
    values.update(changes)
    return ImapSettings(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("security", ["tls", "starttls", "plain"])
def test_imap_source_reads_every_message_with_its_message_id(
    dovecot: Dovecot, security: str
) -> None:
    login = dovecot.add_user()
    sent = thread("a", MARCUS, 3)
    dovecot.append(login, sent)
    port = dovecot.imaps_port if security == "tls" else dovecot.imap_port
    source = ImapSource(settings(dovecot, login, port=port, security=security), PASSWORD)
    try:
        listed = source.headers()
        assert [mid for _, mid in listed] == [f"a.{i}@mail.example" for i in range(3)]
        fetched = dict(source.fetch([key for key, _ in listed]))
    finally:
        source.close()
    assert [read_envelope(raw).message_id for raw in fetched.values()] == [
        f"a.{i}@mail.example" for i in range(3)
    ]


def test_imap_source_reads_an_empty_folder(dovecot: Dovecot) -> None:
    source = ImapSource(settings(dovecot, dovecot.add_user()), PASSWORD)
    try:
        assert source.headers() == []
    finally:
        source.close()


@pytest.mark.parametrize(
    ("changes", "password", "message"),
    [
        ({}, "wrong-password", "login refused for 'LOGIN'"),
        ({"folder": "Nowhere"}, PASSWORD, "no such folder"),
        ({"ca_file": None}, PASSWORD, "certificate is not trusted"),
        ({"port": 1}, PASSWORD, "connection refused"),
        ({"host": "imap.ourco.example", "security": "plain"}, PASSWORD, "only allowed"),
        ({"ca_file": "/nonexistent/ca.pem"}, PASSWORD, "cannot read the certificate file"),
        ({"security": "rot13"}, PASSWORD, "security must be one of"),
    ],
)
def test_imap_source_says_in_one_line_why_it_cannot_read(
    dovecot: Dovecot, changes: dict[str, object], password: str, message: str
) -> None:
    login = dovecot.add_user()
    with pytest.raises(MailboxError) as caught:
        ImapSource(settings(dovecot, login, **changes), password)
    text = str(caught.value)
    assert message.replace("LOGIN", login) in text
    assert "\n" not in text
