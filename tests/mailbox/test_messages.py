"""Envelopes, .mbox files and threads: what a sync reads before the ledger sees anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mailbox.samples import DANA, MARCUS, mbox, message, thread
from trustworks.errors import MailboxError
from trustworks.mailbox import (
    MboxSource,
    UnreadableMessage,
    as_mbox,
    group_threads,
    message_key,
    read_envelope,
)


def test_read_envelope_takes_addresses_ids_and_the_reply_chain() -> None:
    raw = thread("a", MARCUS, 3)[2]
    env = read_envelope(raw)
    assert (env.message_id, env.sender, env.sender_name) == (
        "a.2@mail.example",
        DANA,
        "Dana Whitfield",
    )
    assert env.recipients == (MARCUS,)
    assert env.references == ("a.0@mail.example", "a.1@mail.example")
    assert env.subject == "Re: Route planning"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty message"),
        (b"Subject: hi\r\n\r\nbody\r\n", "no sender address"),
        (b"From: not an address\r\n\r\nbody\r\n", "no sender address"),
        (b"From: a@b.example\r\n\r\n" + b"x" * (11 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_read_envelope_says_why_a_message_cannot_be_synced(raw: bytes, reason: str) -> None:
    with pytest.raises(UnreadableMessage, match=reason):
        read_envelope(raw)


def test_a_message_without_message_id_is_named_by_its_bytes() -> None:
    raw = b"From: a@b.example\r\nTo: c@d.example\r\n\r\nHello\r\n"
    assert read_envelope(raw).message_id == read_envelope(raw).message_id
    assert read_envelope(raw).message_id.startswith("sha256:")
    assert read_envelope(raw + b"!").message_id != read_envelope(raw).message_id


def test_message_key_hashes_huge_ids() -> None:
    assert message_key("a@b") == "a@b"
    assert message_key("x" * 300).startswith("sha256:")


def test_mbox_source_splits_messages_and_unescapes_from_lines(tmp_path: Path) -> None:
    body = "From the start, we wanted fewer late deliveries."
    path = tmp_path / "box.mbox"
    path.write_bytes(mbox([message("m.1@x", MARCUS, DANA, body), *thread("a", MARCUS, 2)]))
    source = MboxSource(path)
    listed = source.headers()
    assert [mid for _, mid in listed] == ["m.1@x", "a.0@mail.example", "a.1@mail.example"]
    raw = dict(source.fetch(["0"]))["0"]
    assert b"\nFrom the start" in raw and b">From the start" not in raw


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty file"), (b"Dear Marcus,\n", "not an .mbox file")],
)
def test_mbox_source_refuses_what_is_not_an_mbox(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "x.mbox"
    path.write_bytes(content)
    with pytest.raises(MailboxError, match=problem):
        MboxSource(path)
    with pytest.raises(MailboxError, match="cannot read"):
        MboxSource(tmp_path / "missing.mbox")
    with pytest.raises(MailboxError, match="is a folder"):
        MboxSource(tmp_path)


def test_as_mbox_escapes_body_lines_that_start_with_from() -> None:
    text = as_mbox(["From: a@b\n\nFrom here on, we agree.\n"])
    assert "\n>From here on" in text


def test_group_threads_joins_replies_and_a_stored_thread() -> None:
    envs = [read_envelope(m) for m in [*thread("a", MARCUS, 3), *thread("b", MARCUS, 2)]]
    threads = group_threads(list(reversed(envs)), {})
    assert sorted(len(t.messages) for t in threads) == [2, 3]
    first = next(t for t in threads if len(t.messages) == 3)
    assert first.root == "a.0@mail.example"
    assert [e.message_id for e in first.messages] == [f"a.{i}@mail.example" for i in range(3)]
    # Only the last reply is new; its parent is in the ledger already, in thread 7.
    (grown,) = group_threads([envs[2]], {"a.1@mail.example": 7})
    assert (grown.known, grown.root) == (7, "a.0@mail.example")
