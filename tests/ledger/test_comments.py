"""Coaching threads on saved calls and the notifications they send, on each backend."""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from trustworks.analysis import Analysis, analyze
from trustworks.errors import ConflictError, FieldError, NotAllowedError, NotFoundError
from trustworks.ingest import load
from trustworks.ledger import comments, notifications, repository, tables, users
from trustworks.ledger.access import Scope, scope_for
from trustworks.ledger.database import Ledger
from trustworks.ledger.log import log_conversation
from trustworks.ledger.users import add_user, change_user

EXAMPLES = Path(__file__).parents[2] / "examples"
NOW = dt.datetime(2026, 12, 1, 9, 0)


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2, with the cheapest parameters: the production ones take 0.3 s a hash."""
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))


@functools.cache
def _call() -> Analysis:
    return analyze(load(EXAMPLES / "discovery-pounce.srt"), ["Ryan Cole"])


@pytest.fixture
def call(ledger: Ledger) -> int:
    """Users root (admin), maria (manager of dana), dana and ryan (sellers), kim (seller, no
    team); a saved call of dana's on Northwind; the call's id."""
    with ledger.session() as s:
        add_user(s, "root", "a long enough password", "admin", seller="Root Admin")
        add_user(s, "maria", "a long enough password", "manager", seller="Maria Gomez")
        add_user(
            s, "dana", "a long enough password", "seller", seller="Dana Whitfield", manager="maria"
        )
        add_user(s, "ryan", "a long enough password", "seller", seller="Ryan Cole")
        repository.add(s, "account", {"name": "Northwind", "owner": "Dana Whitfield"})
        logged = log_conversation(
            s, _call(), account="Northwind", occurred_on=dt.date(2026, 11, 30), seller="dana"
        )
        return logged.interaction.id


def scope(ledger: Ledger, username: str) -> Scope:
    with ledger.reading() as s:
        user = s.scalars(select(tables.User).where(tables.User.username == username)).one()
        return scope_for(s, user)


def finding(ledger: Ledger, call: int) -> tables.StoredFinding:
    with ledger.session() as s:
        row = s.scalars(
            select(tables.StoredFinding).where(tables.StoredFinding.interaction_id == call)
        ).first()
        assert row is not None
        s.expunge(row)
        return row


def test_comment_on_a_finding_notifies_the_seller_and_keeps_the_moment(
    ledger: Ledger, call: int
) -> None:
    found = finding(ledger, call)
    maria = scope(ledger, "maria")
    with ledger.session() as s:
        added = comments.add_comment(
            s, maria, call, "Ask first here.", turn=found.turn, signal=found.signal, now=NOW
        )
    assert [p.username for p in added.notified] == ["dana"]
    assert (added.comment.turn, added.comment.signal) == (found.turn, found.signal)
    assert added.comment.evidence == found.evidence
    dana = scope(ledger, "dana")
    with ledger.session() as s:
        (thread,) = comments.threads(s, dana, call)
        assert thread.first.body == "Ask first here."
        assert thread.first.author_name == "Maria Gomez"
        assert notifications.unread_count(s, dana) == 1
        (item,) = notifications.notifications_for(s, dana)
    assert item.headline == "Maria Gomez commented on your call with Northwind"
    assert item.link == f"/interactions/{call}#comment-{added.comment.id}"
    with ledger.session() as s:  # the writer is not told of their own comment
        assert notifications.notifications_for(s, maria) == []


def test_reply_joins_the_thread_and_tells_everyone_in_it(ledger: Ledger, call: int) -> None:
    maria, dana, root = (scope(ledger, u) for u in ("maria", "dana", "root"))
    with ledger.session() as s:
        first = comments.add_comment(s, maria, call, "Look at this turn, @root.", turn=2).comment
    with ledger.session() as s:
        reply = comments.add_comment(s, dana, call, "I pitched too soon.", reply_to=first.id)
    assert reply.comment.thread_id == first.id and reply.comment.turn == 2
    assert {p.username for p in reply.notified} == {"maria", "root"}  # the writer, a mention
    with ledger.session() as s:  # a reply to a reply stays in the same thread
        again = comments.add_comment(s, root, call, "Agreed.", reply_to=reply.comment.id)
    assert again.comment.thread_id == first.id
    with ledger.session() as s:
        (thread,) = comments.threads(s, maria, call)
        assert [c.body for c in thread.comments] == [
            "Look at this turn, @root.",
            "I pitched too soon.",
            "Agreed.",
        ]
        reasons = {i.reason for i in notifications.notifications_for(s, maria)}
    assert reasons == {"thread"}


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("@dana have a look", ["dana"]),
        ("cc @Dana Whitfield, please", ["dana"]),
        ("@DANA.", ["dana"]),
        ("write to dana@example.com", []),  # an address, not a mention
        ("@danagram is someone else", []),
        ("@ryan cannot see this call", []),  # not someone who may see it
        ("@root and @dana", ["dana", "root"]),
    ],
)
def test_mentions_name_only_users_who_may_see_the_call(
    ledger: Ledger, call: int, text: str, mentioned: list[str]
) -> None:
    maria = scope(ledger, "maria")
    with ledger.session() as s:
        added = comments.add_comment(s, maria, call, text, turn=0)
    assert sorted(p.username for p in added.comment.mentions) == mentioned


def test_mention_pieces_mark_only_the_names(ledger: Ledger, call: int) -> None:
    with ledger.session() as s:
        added = comments.add_comment(s, scope(ledger, "maria"), call, "hi @dana <b>!", turn=0)
    assert added.comment.pieces == (
        comments.Piece("hi "),
        comments.Piece("@dana", "dana"),
        comments.Piece(" <b>!"),
    )


def test_mentionable_are_the_users_who_may_see_the_call(ledger: Ledger, call: int) -> None:
    with ledger.session() as s:
        everyone = comments.mentionable(s, scope(ledger, "dana"), call)
        some = comments.mentionable(s, scope(ledger, "dana"), call, "@gom")
    assert [p.username for p in everyone] == ["maria", "root"]
    assert [p.username for p in some] == ["maria"]


def test_switched_off_user_is_neither_mentioned_nor_told(ledger: Ledger, call: int) -> None:
    with ledger.session() as s:
        add_user(s, "boss", "a long enough password", "admin", seller="Big Boss")
        change_user(s, "root", active=False)
    with ledger.session() as s:
        added = comments.add_comment(s, scope(ledger, "maria"), call, "@root see", turn=0)
    assert added.comment.mentions == ()
    assert [p.username for p in added.notified] == ["dana"]


@pytest.mark.parametrize("username", ["ryan"])
def test_a_user_who_cannot_see_the_call_cannot_read_or_write_its_comments(
    ledger: Ledger, call: int, username: str
) -> None:
    with ledger.session() as s:
        comments.add_comment(s, scope(ledger, "maria"), call, "private", turn=0)
    outsider = scope(ledger, username)
    with ledger.session() as s, pytest.raises(NotFoundError, match=f"no call with id {call}"):
        comments.threads(s, outsider, call)
    with ledger.session() as s, pytest.raises(NotFoundError):
        comments.add_comment(s, outsider, call, "hello", turn=0)
    with ledger.session() as s, pytest.raises(NotFoundError):
        comments.mentionable(s, outsider, call)


def test_reply_to_a_comment_of_another_call_is_not_found(ledger: Ledger, call: int) -> None:
    maria = scope(ledger, "maria")
    with ledger.session() as s:
        first = comments.add_comment(s, maria, call, "one", turn=0).comment
        other = log_conversation(s, _call(), account="Northwind", seller="dana").interaction.id
    with ledger.session() as s, pytest.raises(NotFoundError, match=f"no comment {first.id}"):
        comments.add_comment(s, maria, other, "two", reply_to=first.id)


@pytest.mark.parametrize(
    ("body", "turn", "signal", "field"),
    [
        ("   ", 0, None, "body"),
        ("x" * (comments.MAX_BODY + 1), 0, None, "body"),
        ("ok", None, None, "turn"),
        ("ok", -1, None, "turn"),
        ("ok", 10_000, None, "turn"),
        ("ok", 0, "no_such_signal", "signal"),
    ],
)
def test_bad_comment_is_refused_naming_the_field(
    ledger: Ledger, call: int, body: str, turn: int | None, signal: str | None, field: str
) -> None:
    with ledger.session() as s, pytest.raises(FieldError) as caught:
        comments.add_comment(s, scope(ledger, "maria"), call, body, turn=turn, signal=signal)
    assert caught.value.field == field
    with ledger.session() as s:
        assert comments.threads(s, scope(ledger, "maria"), call) == []


def test_nul_and_lone_surrogates_are_kept_as_replacement_characters(
    ledger: Ledger, call: int
) -> None:
    with ledger.session() as s:
        added = comments.add_comment(s, scope(ledger, "maria"), call, "a\x00b\ud800c", turn=0)
    assert added.comment.body == "a\ufffdb?c"


def test_mark_read_one_or_all_and_only_ones_own(ledger: Ledger, call: int) -> None:
    maria, dana = scope(ledger, "maria"), scope(ledger, "dana")
    with ledger.session() as s:
        for n in range(3):
            comments.add_comment(s, maria, call, f"note {n}", turn=n)
    with ledger.session() as s:
        items = notifications.notifications_for(s, dana)
        assert [i.excerpt for i in items] == ["note 2", "note 1", "note 0"]  # newest first
    with ledger.session() as s, pytest.raises(NotFoundError):
        notifications.mark_read(s, maria, [items[0].id], now=NOW)  # not maria's
    with ledger.session() as s:
        assert notifications.mark_read(s, dana, [items[0].id], now=NOW) == 1
        assert notifications.unread_count(s, dana) == 2
        link = notifications.open_notification(s, dana, items[1].id)
        assert link.startswith(f"/interactions/{call}#comment-")
        assert notifications.mark_read(s, dana, now=NOW) == 1
        assert notifications.unread_count(s, dana) == 0


def test_notifications_on_a_call_no_longer_visible_are_not_shown(ledger: Ledger, call: int) -> None:
    with ledger.session() as s:
        comments.add_comment(s, scope(ledger, "dana"), call, "for my manager", turn=0)
    maria = scope(ledger, "maria")
    with ledger.session() as s:
        assert notifications.unread_count(s, maria) == 0  # maria is not the seller: not told
        comments.add_comment(s, scope(ledger, "dana"), call, "@maria look", turn=1)
    with ledger.session() as s:
        assert notifications.unread_count(s, maria) == 1
        change_user(s, "dana", manager="")  # dana leaves maria's team
    maria = scope(ledger, "maria")
    with ledger.session() as s:
        assert notifications.unread_count(s, maria) == 0
        assert notifications.notifications_for(s, maria) == []


def test_email_outbox_claims_each_pending_mail_once(ledger: Ledger, call: int) -> None:
    with ledger.session() as s:
        dana_id = scope(ledger, "dana").user_id
        assert notifications.set_email(s, dana_id, " dana@example.com ") == "dana@example.com"
        comments.add_comment(s, scope(ledger, "maria"), call, "@root hi", turn=0, email=True)
    with ledger.session() as s:
        claimed = notifications.claim_emails(s)
        assert notifications.claim_emails(s) == []  # the same mail is never claimed twice
    (mail,) = claimed  # root gave no address: in the app only
    assert (mail.to, mail.reason, mail.account) == ("dana@example.com", "seller", "Northwind")
    with ledger.session() as s:
        notifications.record_email(s, mail.id, "connection refused")
    with ledger.session() as s:
        row = s.get(tables.Notification, mail.id)
        assert row is not None and (row.email_state, row.email_error) == (
            "failed",
            "connection refused",
        )


def test_no_email_is_queued_when_mail_is_not_configured(ledger: Ledger, call: int) -> None:
    with ledger.session() as s:
        notifications.set_email(s, scope(ledger, "dana").user_id, "dana@example.com")
        comments.add_comment(s, scope(ledger, "maria"), call, "hi", turn=0)
    with ledger.session() as s:
        assert notifications.claim_emails(s) == []


@pytest.mark.parametrize(
    "address",
    # "a(b@c" and "a:b@c" would be read by the mail header as the mailbox "a" and a group.
    ["not an address", "a@b@c", "x" * 320 + "@example.com", "a(b@c.d", "a:b@c.d", "a)b@c.d"],
)
def test_bad_email_address_is_refused(ledger: Ledger, call: int, address: str) -> None:
    with ledger.session() as s, pytest.raises(FieldError, match="email"):
        notifications.set_email(s, scope(ledger, "dana").user_id, address)


def test_removing_the_call_removes_its_comments_and_notifications(
    ledger: Ledger, call: int
) -> None:
    with ledger.session() as s:
        comments.add_comment(s, scope(ledger, "maria"), call, "gone soon", turn=0)
    with ledger.session() as s:
        repository.remove(s, "interaction", call)
    with ledger.session() as s:
        assert s.scalars(select(tables.CallComment)).all() == []
        assert s.scalars(select(tables.Notification)).all() == []


def test_unread_count_stops_at_a_hundred(ledger: Ledger, call: int) -> None:
    maria, dana = scope(ledger, "maria"), scope(ledger, "dana")
    with ledger.session() as s:
        for n in range(notifications.MAX_COUNTED + 5):
            comments.add_comment(s, maria, call, f"note {n}", turn=0)
    with ledger.session() as s:
        assert notifications.unread_count(s, dana) == notifications.MAX_COUNTED
        assert len(notifications.notifications_for(s, dana, unread_only=True)) == 105


def test_writer_removes_a_comment_and_its_notifications(ledger: Ledger, call: int) -> None:
    maria, dana, root = (scope(ledger, u) for u in ("maria", "dana", "root"))
    with ledger.session() as s:
        first = comments.add_comment(s, maria, call, "one @root", turn=0).comment
    with ledger.session() as s, pytest.raises(NotAllowedError, match="maria's"):
        comments.remove_comment(s, dana, first.id)  # not hers
    with ledger.session() as s:
        reply = comments.add_comment(s, dana, call, "two", reply_to=first.id).comment
    with ledger.session() as s, pytest.raises(ConflictError, match="1 reply"):
        comments.remove_comment(s, maria, first.id)  # the reply would answer nothing
    with ledger.session() as s:
        assert comments.remove_comment(s, dana, reply.id) == call
        assert comments.remove_comment(s, root, first.id) == call  # an admin may
    with ledger.session() as s:
        assert comments.threads(s, maria, call) == []
        assert notifications.unread_count(s, dana) == 0
        assert s.scalars(select(tables.CommentMention)).all() == []


def test_a_comment_on_a_call_one_cannot_see_is_not_found_to_remove(
    ledger: Ledger, call: int
) -> None:
    with ledger.session() as s:
        first = comments.add_comment(s, scope(ledger, "maria"), call, "one", turn=0).comment
    with ledger.session() as s, pytest.raises(NotFoundError, match=f"no comment {first.id}"):
        comments.remove_comment(s, scope(ledger, "ryan"), first.id)


def test_a_reply_written_while_its_thread_is_removed_is_never_lost(
    ledger: Ledger, call: int
) -> None:
    # PostgreSQL runs the two at once: the removal must see the reply (and refuse), not delete
    # the thread's first comment and, by cascade, a reply its writer was told was kept.
    if ledger.engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one writer at a time")
    maria, dana = scope(ledger, "maria"), scope(ledger, "dana")
    with ledger.session() as s:
        first = comments.add_comment(s, maria, call, "one", turn=0).comment
    outcome: list[BaseException | int] = []

    def remove() -> None:
        try:
            with ledger.session() as s:
                outcome.append(comments.remove_comment(s, maria, first.id))
        except Exception as exc:  # what the removal met is the answer
            outcome.append(exc)

    with ledger.session() as s:
        reply = comments.add_comment(s, dana, call, "kept?", reply_to=first.id).comment
        remover = threading.Thread(target=remove)
        remover.start()
        time.sleep(0.5)  # the removal reaches the thread's first comment while the reply waits
    remover.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], ConflictError), outcome
    with ledger.reading() as s:
        assert s.get(tables.CallComment, reply.id) is not None


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("Straße @dana look", ["@dana"]),  # "ß" folds to two letters: places must not drift
        ("ﬁne, @Dana Whitfield.", ["@Dana Whitfield"]),
        ("İ @dana", ["@dana"]),
        ("@danaé is someone else", []),  # a name goes on in any alphabet
        ("José@dana.example", []),  # an address, whatever letter comes before it
    ],
)
def test_mentions_are_found_in_the_text_as_written(text: str, mentioned: list[str]) -> None:
    dana = tables.User(id=1, username="dana", seller="Dana Whitfield")
    found = [p.text for p in comments.pieces(text, [dana]) if p.mention]
    assert found == mentioned


def test_notifications_are_read_a_page_at_a_time(ledger: Ledger, call: int) -> None:
    maria, dana = scope(ledger, "maria"), scope(ledger, "dana")
    with ledger.session() as s:
        for n in range(5):
            comments.add_comment(s, maria, call, f"note {n}", turn=0)
    with ledger.reading() as s:
        first = notifications.listing(s, dana, limit=2)
        second = notifications.listing(s, dana, before=first.older, limit=2)
        last = notifications.listing(s, dana, before=second.older, limit=2)
    pages = [[i.excerpt for i in p.items] for p in (first, second, last)]
    assert pages == [["note 4", "note 3"], ["note 2", "note 1"], ["note 0"]]
    assert last.older is None
