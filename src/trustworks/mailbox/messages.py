"""One message as a mail sync needs it: who wrote to whom, when, and which thread it is in.

Only the headers are read here (fast, with the stdlib's compat32 parser); the body is read by
`trustworks.ingest.mail` when the thread is analysed, like any e-mail thread.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime

# A message larger than this is not a conversation (attachments); it is quarantined, not read.
MAX_MESSAGE_BYTES = 10 * 1024 * 1024
# Message-IDs longer than this are kept as a hash: the ledger indexes them.
_MAX_ID_CHARS = 250
_ID = re.compile(r"<([^<>\s]+)>")
_PARSER = BytesHeaderParser()


class UnreadableMessage(Exception):  # noqa: N818  (a reason, not an error of the program)
    """A message that cannot be synced; its text says why (kept with it in quarantine)."""


@dataclass(frozen=True, slots=True)
class Envelope:
    """A message's identity and addresses, and its raw bytes."""

    message_id: str
    sender: str  # lower-cased address
    sender_name: str
    recipients: tuple[str, ...]  # To and Cc, lower-cased addresses
    date: datetime | None
    subject: str
    references: tuple[str, ...]  # In-Reply-To and References, oldest first
    raw: bytes

    def addresses(self) -> tuple[str, ...]:
        """Everyone on the message: the sender, then the recipients."""
        return (self.sender, *self.recipients)


def message_key(value: str) -> str:
    """A Message-ID as the ledger keeps it: without its angle brackets, hashed when huge."""
    value = value.strip()
    if len(value) > _MAX_ID_CHARS:
        return "sha256:" + hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()
    return value


def _ids(value: str | None) -> list[str]:
    if not value:
        return []
    found = _ID.findall(value)
    return [message_key(v) for v in found] if found else [message_key(v) for v in value.split()]


def header_text(msg: Message, name: str) -> str:
    """A header decoded from RFC 2047 words, on one line; empty when absent or unreadable."""
    value = msg.get(name)
    if value is None:
        return ""
    try:
        text = str(make_header(decode_header(str(value))))
    except (LookupError, UnicodeError, ValueError, TypeError):
        text = str(value)
    return " ".join(text.split())


def _addresses(values: Iterable[str]) -> list[tuple[str, str]]:
    try:
        pairs = getaddresses(list(values))
    except (TypeError, ValueError, IndexError):
        return []
    return [(" ".join(n.split()), a.strip().lower()) for n, a in pairs if "@" in a]


def read_envelope(raw: bytes) -> Envelope:
    """The envelope of one raw message; raises UnreadableMessage saying why it cannot be."""
    if len(raw) > MAX_MESSAGE_BYTES:
        raise UnreadableMessage(
            f"larger than {MAX_MESSAGE_BYTES // (1024 * 1024)} MB ({len(raw):,} bytes)"
        )
    if not raw.strip():
        raise UnreadableMessage("empty message")
    try:
        msg = _PARSER.parsebytes(raw)
    except Exception as exc:  # the stdlib parser raises many kinds of error on hostile input
        raise UnreadableMessage(f"cannot read the headers: {exc}") from None
    senders = _addresses([header_text(msg, "from")])
    if not senders:
        raise UnreadableMessage("no sender address in the From header")
    name, sender = senders[0]
    recipients: list[str] = []
    for _, address in _addresses([header_text(msg, "to"), header_text(msg, "cc")]):
        if address not in recipients:
            recipients.append(address)
    date: datetime | None = None
    date_text = header_text(msg, "date")
    if date_text:
        try:
            date = parsedate_to_datetime(date_text)
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
        if date is not None and date.tzinfo is None:
            date = date.replace(tzinfo=UTC)
    own = _ids(header_text(msg, "message-id"))
    # Without a Message-ID the message's own bytes name it: the same message synced again is
    # still recognised.
    message_id = own[0] if own else "sha256:" + hashlib.sha256(raw).hexdigest()
    references = _ids(header_text(msg, "references"))
    for parent in _ids(header_text(msg, "in-reply-to")):
        if parent not in references:
            references.append(parent)
    return Envelope(
        message_id=message_id,
        sender=sender,
        sender_name=name,
        recipients=tuple(recipients),
        date=date,
        subject=header_text(msg, "subject"),
        references=tuple(r for r in references if r != message_id),
        raw=raw,
    )


def peek_message_id(header_block: bytes) -> str | None:
    """The Message-ID in a block of headers (what an IMAP server sends for a cheap look)."""
    try:
        msg = _PARSER.parsebytes(header_block)
    except Exception:  # unreadable: the full message will be read and judged
        return None
    found = _ids(header_text(msg, "message-id"))
    return found[0] if found else None


def text_of(raw: bytes) -> str:
    """A raw message as text: UTF-8, else Windows-1252 (what unlabelled 8-bit mail mostly is)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FROM_LINE = re.compile(r"^(>*From )", re.MULTILINE)


def as_mbox(messages: Sequence[str]) -> str:
    """Messages (as text) joined into one mbox, body lines starting "From " escaped."""
    parts = []
    for text in messages:
        body = _FROM_LINE.sub(r">\1", text.strip("\n"))
        parts.append(f"From trustworks Thu Jan  1 00:00:00 1970\n{body}\n")
    return "\n".join(parts)
