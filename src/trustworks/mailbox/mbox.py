"""A local `.mbox` export (Thunderbird, Gmail's Takeout, Apple Mail, mutt) as a mail source."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from trustworks.errors import MailboxError
from trustworks.mailbox.messages import peek_message_id

# The "From " line that starts each message of an mbox (mboxrd and mboxo alike).
_SEPARATOR = re.compile(rb"^From [^\r\n]*\r?\n", re.MULTILINE)
_ESCAPED = re.compile(rb"^>(>*From )", re.MULTILINE)


class MboxSource:
    """The messages of one .mbox file, each with its Message-ID when it has one."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        try:
            data = path.read_bytes()
        except IsADirectoryError:
            raise MailboxError(f"{path}: is a folder, not an .mbox file") from None
        except OSError as exc:
            raise MailboxError(f"{path}: cannot read: {exc.strerror or exc}") from None
        self._messages = _split(data, str(path))

    def headers(self) -> list[tuple[str, str | None]]:
        """(key, Message-ID or None) of every message, in the file's order."""
        return [(str(i), peek_message_id(_head(raw))) for i, raw in enumerate(self._messages)]

    def fetch(self, keys: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """The raw bytes of the messages with these keys."""
        for key in keys:
            yield key, self._messages[int(key)]

    def close(self) -> None:
        """Nothing to release: the file was read whole."""


def _head(raw: bytes) -> bytes:
    end = raw.find(b"\n\n")
    crlf = raw.find(b"\r\n\r\n")
    cut = min(e for e in (end, crlf, len(raw)) if e >= 0)
    return raw[:cut]


def _split(data: bytes, name: str) -> list[bytes]:
    """Each message's bytes: what lies between two "From " lines, ">From " unescaped."""
    if not data.strip():
        raise MailboxError(f"{name}: empty file, no messages")
    data = data.lstrip(b"\r\n")
    if not data.startswith(b"From "):
        raise MailboxError(f"{name}: not an .mbox file (it does not start with a 'From ' line)")
    starts = [m for m in _SEPARATOR.finditer(data) if m.start() == 0 or _after_blank(data, m)]
    messages = []
    for i, match in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        body = data[match.end() : end]
        messages.append(_ESCAPED.sub(rb"\1", body))
    return messages


def _after_blank(data: bytes, match: re.Match[bytes]) -> bool:
    """A "From " line starts a message only after an empty line (or at the file's start)."""
    return data.endswith((b"\n\n", b"\r\n\r\n"), 0, match.start())
