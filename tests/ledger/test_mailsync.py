"""Mail sync into the ledger, on SQLite and PostgreSQL: once per Message-ID, threads that grow,
unknown senders, quarantine, whose accounts a user's mailbox may reach."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from sqlalchemy import func, select

from tests.mailbox.samples import DANA, MARCUS, UNPARSEABLE, message, thread
from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import repository
from trustworks.ledger import tables as t
from trustworks.ledger.database import Ledger
from trustworks.ledger.mailsync import (
    ignore_sender,
    match_sender,
    quarantined,
    save_settings,
    settings_of,
    sync_mail,
    unknown_senders,
)
from trustworks.ledger.users import add_user


class Box:
    """A mailbox in memory that a test can change between syncs."""

    name = "test-box"

    def __init__(self, messages: Sequence[bytes] = ()) -> None:
        self.messages = list(messages)

    def headers(self) -> list[tuple[str, str | None]]:
        return [(str(i), None) for i in range(len(self.messages))]

    def fetch(self, keys: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        for key in keys:
            yield key, self.messages[int(key)]

    def close(self) -> None:
        pass


@pytest.fixture
def northwind(ledger: Ledger) -> int:
    with ledger.session() as session:
        account = repository.add(session, "account", {"name": "Northwind", "owner": "Dana"})
        repository.add(
            session, "person", {"account": "Northwind", "name": "Marcus Lee", "email": MARCUS}
        )
        return account.id  # type: ignore[attr-defined]


def count(ledger: Ledger, table: type[t.Base]) -> int:
    with ledger.reading() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_sync_logs_a_thread_once_as_an_interaction_with_proposed_promises(
    ledger: Ledger, northwind: int
) -> None:
    box = Box(thread("a", MARCUS, 3))
    report = sync_mail(ledger, box, me=[DANA])
    assert (report.logged, report.new_threads, report.messages) == (3, 1, 3)
    with ledger.reading() as session:
        (interaction,) = session.scalars(select(t.Interaction)).all()
        assert (interaction.account_id, interaction.channel) == (northwind, "email")
        assert interaction.person_id is not None
        assert interaction.trust is not None
        promises = session.scalars(select(t.Commitment)).all()
        assert {(c.side, c.status) for c in promises} == {
            ("us", "proposed"),
            ("client", "proposed"),
        }
    again = sync_mail(ledger, box, me=[DANA])
    assert (again.logged, again.already, again.new_threads) == (0, 3, 0)
    assert count(ledger, t.Interaction) == 1
    assert count(ledger, t.Commitment) == 2


def test_sync_a_grown_thread_adds_its_new_messages_without_duplicating(
    ledger: Ledger, northwind: int
) -> None:
    first = thread("a", MARCUS, 4)
    box = Box(first[:2])
    sync_mail(ledger, box, me=[DANA])
    with ledger.reading() as session:
        before = session.scalars(select(t.Interaction)).one()
        turns_before = before.transcript.count("Message-ID:")  # type: ignore[union-attr]
    box.messages = first  # two replies arrived
    report = sync_mail(ledger, box, me=[DANA])
    assert (report.logged, report.grown_threads, report.new_threads) == (2, 1, 0)
    with ledger.reading() as session:
        (after,) = session.scalars(select(t.Interaction)).all()
        assert after.transcript.count("Message-ID:") == turns_before + 2  # type: ignore[union-attr]
        whats = [c.what for c in session.scalars(select(t.Commitment))]
    assert len(whats) == len(set(whats))  # the promises heard before are not proposed again
    assert count(ledger, t.MailMessage) == 4


def test_sync_lists_unknown_senders_and_logs_them_once_matched(
    ledger: Ledger, northwind: int
) -> None:
    stranger = "kim@harbor.example"
    box = Box(thread("k", stranger, 2))
    report = sync_mail(ledger, box, me=[DANA])
    assert (report.logged, report.unknown, report.unknown_senders) == (0, 2, 1)
    assert count(ledger, t.Person) == 1  # nobody was created
    with ledger.session() as session:
        (waiting,) = unknown_senders(session)
        assert waiting.address == stranger
        person = match_sender(session, waiting.id, "Northwind", "Kim Osei")
        assert (person.name, person.email) == ("Kim Osei", stranger)
    report = sync_mail(ledger, box, me=[DANA])
    assert (report.logged, report.new_threads) == (2, 1)
    with ledger.reading() as session:
        assert unknown_senders(session) == []


def test_ignored_senders_are_not_listed_again(ledger: Ledger, northwind: int) -> None:
    box = Box([message("n.1@x", "news@list.example", DANA, "Our newsletter.")])
    sync_mail(ledger, box, me=[DANA])
    with ledger.session() as session:
        assert ignore_sender(session, "news@list.example") == "news@list.example"
    report = sync_mail(ledger, box, me=[DANA])
    assert (report.ignored, report.unknown) == (1, 0)
    with ledger.reading() as session:
        assert unknown_senders(session) == []
        assert [s.address for s in unknown_senders(session, ignored=True)] == ["news@list.example"]


def test_match_refuses_a_person_with_another_address(ledger: Ledger, northwind: int) -> None:
    sync_mail(ledger, Box([message("m.1@x", "marcus@home.example", DANA, "Hi.")]), me=[DANA])
    with ledger.session() as session, pytest.raises(ConflictError, match="already has"):
        match_sender(session, "marcus@home.example", "Northwind", "Marcus Lee")
    with ledger.session() as session, pytest.raises(NotFoundError):
        match_sender(session, "nobody@x.example", "Northwind")


def test_an_unparseable_message_is_quarantined_with_its_reason_and_the_rest_synced(
    ledger: Ledger, northwind: int
) -> None:
    no_sender = b"Subject: hello\r\nMessage-ID: <nofrom@x>\r\n\r\nbody\r\n"
    box = Box([*thread("a", MARCUS, 2), UNPARSEABLE, no_sender])
    report = sync_mail(ledger, box, me=[DANA])
    assert report.logged == 2
    reasons = sorted(reason for _, reason in report.quarantined)
    assert reasons == [
        "message has no text/plain or text/html body",
        "no sender address in the From header",
    ]
    with ledger.reading() as session:
        assert len(quarantined(session)) == 2
    again = sync_mail(ledger, box, me=[DANA])
    assert (again.quarantined, again.already) == ([], 4)


def test_a_users_mailbox_reaches_only_the_accounts_they_may_see(ledger: Ledger) -> None:
    with ledger.session() as session:
        add_user(session, "dana", "pw-long-enough-1", role="seller", seller="Dana")
        add_user(session, "lee", "pw-long-enough-2", role="seller", seller="Lee")
        repository.add(session, "account", {"name": "Harbor", "owner": "Lee"})
        repository.add(session, "person", {"account": "Harbor", "name": "Marcus", "email": MARCUS})
    report = sync_mail(ledger, Box(thread("a", MARCUS, 2)), user="dana", me=[DANA])
    assert (report.logged, report.unknown) == (0, 2)  # Lee's client is nobody Dana knows
    assert count(ledger, t.Interaction) == 0
    with ledger.reading() as session:
        assert [s.address for s in unknown_senders(session, "dana")] == [MARCUS]
        assert unknown_senders(session, "lee") == []  # one user's list is theirs alone
    report = sync_mail(ledger, Box(thread("a", MARCUS, 2)), user="lee", me=[DANA])
    assert report.logged == 2
    with ledger.reading() as session:
        assert session.scalars(select(t.Interaction.seller)).one() == "Lee"


def test_settings_keep_no_password_and_refuse_plain_imap_off_loopback(ledger: Ledger) -> None:
    with ledger.session() as session:
        user = add_user(session, "dana", "pw-long-enough-1", role="seller", seller="Dana")
        save_settings(session, user.id, host="imap.ourco.example", login=DANA, addresses=[DANA])
        with pytest.raises(FieldError, match="loopback"):
            save_settings(session, user.id, host="imap.ourco.example", login=DANA, security="plain")
        with pytest.raises(FieldError, match="server"):
            save_settings(session, user.id, host="bad host", login=DANA)
    with ledger.reading() as session:
        saved = settings_of(session, "dana")
    assert saved is not None
    assert (saved.host, saved.security, saved.folder, saved.addresses) == (
        "imap.ourco.example",
        "tls",
        "INBOX",
        (DANA,),
    )
    assert "password" not in {c.name for c in t.MailSettings.__table__.columns}


def test_someone_you_wrote_to_first_is_listed_without_a_name(
    ledger: Ledger, northwind: int
) -> None:
    box = Box([message("o.1@x", DANA, "new.buyer@fresh.example", "Would a short call help?")])
    report = sync_mail(ledger, box, me=[DANA])
    assert (report.logged, report.unknown, report.unknown_senders) == (0, 1, 1)
    with ledger.reading() as session:
        (listed,) = unknown_senders(session)
    assert (listed.address, listed.name) == ("new.buyer@fresh.example", None)
