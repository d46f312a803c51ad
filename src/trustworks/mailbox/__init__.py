"""Reading mail for the ledger: an IMAP folder or a local .mbox export, as raw messages.

Nothing here touches the database: `trustworks.ledger.mailsync` decides what to log.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from trustworks.mailbox.imap import SECURITY, ImapSettings, ImapSource, is_loopback
from trustworks.mailbox.mbox import MboxSource
from trustworks.mailbox.messages import (
    Envelope,
    UnreadableMessage,
    as_mbox,
    message_key,
    read_envelope,
    text_of,
)
from trustworks.mailbox.threads import Thread, group_threads

__all__ = [
    "SECURITY",
    "Envelope",
    "ImapSettings",
    "ImapSource",
    "MailSource",
    "MboxSource",
    "Thread",
    "UnreadableMessage",
    "as_mbox",
    "group_threads",
    "is_loopback",
    "message_key",
    "read_envelope",
    "text_of",
]


class MailSource(Protocol):
    """Where messages come from: each has a key, and maybe a Message-ID seen cheaply."""

    name: str

    def headers(self) -> list[tuple[str, str | None]]: ...

    def fetch(self, keys: Sequence[str]) -> Iterator[tuple[str, bytes]]: ...

    def close(self) -> None: ...
