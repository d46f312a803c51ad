"""An IMAP folder as a mail source: TLS by default, read-only, messages fetched in batches.

The folder is opened read-only (EXAMINE) and bodies are fetched with BODY.PEEK, so syncing
never marks a message as read. A first pass asks only for each message's Message-ID; the
ledger then says which it already holds, and only the others are fetched whole.
"""

from __future__ import annotations

import contextlib
import imaplib
import ipaddress
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from trustworks.errors import MailboxError
from trustworks.mailbox.messages import peek_message_id

SECURITY = ("tls", "starttls", "plain")
DEFAULT_PORTS = {"tls": 993, "starttls": 143, "plain": 143}
_BATCH = 200  # messages per FETCH: large enough to stream, small enough to bound memory
_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True)
class ImapSettings:
    """Where and how to read: server, login, folder and the connection's security."""

    host: str
    login: str
    folder: str = "INBOX"
    port: int | None = None
    security: str = "tls"
    ca_file: str | None = None  # trust this certificate authority (a self-hosted server)
    timeout: float = 30.0

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port or DEFAULT_PORTS.get(self.security, 993)}"


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine (plain IMAP is allowed there only)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ImapSource:
    """One IMAP folder, opened read-only; close() logs out."""

    def __init__(self, settings: ImapSettings, password: str) -> None:
        if settings.security not in SECURITY:
            raise MailboxError(f"security must be one of {', '.join(SECURITY)}")
        if settings.security == "plain" and not is_loopback(settings.host):
            raise MailboxError(
                f"{settings.where}: plain IMAP sends the password in clear; it is only allowed "
                "to a loopback address (use tls or starttls)"
            )
        self.name = f"imap://{settings.login}@{settings.where}/{settings.folder}"
        self._settings = settings
        self._imap = _connect(settings)
        try:
            self._imap.login(settings.login, password)
        except imaplib.IMAP4.error:
            self._drop()
            raise MailboxError(
                f"{settings.where}: login refused for {settings.login!r} (check the login and "
                "password)"
            ) from None
        except (OSError, imaplib.IMAP4.abort) as exc:
            self._drop()
            raise MailboxError(
                f"{settings.where}: connection lost while logging in: {exc}"
            ) from None
        try:
            status, data = self._imap.select(_quoted(settings.folder), readonly=True)
        except (OSError, imaplib.IMAP4.error) as exc:
            self.close()
            raise MailboxError(f"{self.name}: cannot open the folder: {exc}") from None
        if status != "OK":
            self.close()
            raise MailboxError(f"{self.name}: no such folder ({_said(data)})")
        self._count = int(data[0] or 0) if data and data[0] else 0

    def headers(self) -> list[tuple[str, str | None]]:
        """(UID, Message-ID or None) of every message in the folder."""
        if self._count == 0:
            return []
        found: list[tuple[str, str | None]] = []
        for uid, block in self._fetch("1:*", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]", uid=False):
            found.append((uid, peek_message_id(block)))
        return found

    def fetch(self, keys: Sequence[str]) -> Iterator[tuple[str, bytes]]:
        """The raw bytes of the messages with these UIDs, in batches."""
        for start in range(0, len(keys), _BATCH):
            batch = ",".join(keys[start : start + _BATCH])
            yield from self._fetch(batch, "BODY.PEEK[]", uid=True)

    def _fetch(self, which: str, what: str, *, uid: bool) -> Iterator[tuple[str, bytes]]:
        try:
            if uid:
                status, data = self._imap.uid("FETCH", which, f"(UID {what})")
            else:
                status, data = self._imap.fetch(which, f"(UID {what})")
        except (OSError, imaplib.IMAP4.error, imaplib.IMAP4.abort) as exc:
            raise MailboxError(f"{self.name}: fetching messages failed: {exc}") from None
        if status != "OK":
            raise MailboxError(f"{self.name}: the server refused to send messages ({_said(data)})")
        for item in data:
            if not isinstance(item, tuple) or len(item) < 2:
                continue  # the closing ")" of each message, and untagged FLAGS updates
            match = _UID.search(item[0])
            if match is not None:
                yield match.group(1).decode("ascii"), bytes(item[1])

    def close(self) -> None:
        """Log out (best effort: the connection may already be gone)."""
        try:
            self._imap.logout()
        except (OSError, imaplib.IMAP4.error, imaplib.IMAP4.abort):
            self._drop()

    def _drop(self) -> None:
        with contextlib.suppress(OSError):
            self._imap.shutdown()


def _connect(settings: ImapSettings) -> imaplib.IMAP4:
    port = settings.port or DEFAULT_PORTS[settings.security]
    where = settings.where
    context: ssl.SSLContext | None = None
    if settings.security != "plain":
        try:
            context = ssl.create_default_context(cafile=settings.ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise MailboxError(
                f"{settings.ca_file}: cannot read the certificate file: {exc}"
            ) from None
    try:
        if context is None:
            return imaplib.IMAP4(settings.host, port, timeout=settings.timeout)
        if settings.security == "tls":
            return imaplib.IMAP4_SSL(
                settings.host, port, ssl_context=context, timeout=settings.timeout
            )
        imap = imaplib.IMAP4(settings.host, port, timeout=settings.timeout)
        imap.starttls(context)
        return imap
    except ssl.SSLCertVerificationError as exc:
        raise MailboxError(
            f"{where}: the server's certificate is not trusted ({exc.verify_message}); "
            "--ca-file names the authority that signed it"
        ) from None
    except ssl.SSLError as exc:
        raise MailboxError(f"{where}: TLS failed: {exc.reason or exc}") from None
    except socket.gaierror:
        raise MailboxError(f"{where}: no such host") from None
    except TimeoutError:
        raise MailboxError(f"{where}: no answer within {settings.timeout:g} s") from None
    except ConnectionRefusedError:
        raise MailboxError(f"{where}: connection refused (no IMAP server on that port)") from None
    except OSError as exc:
        raise MailboxError(f"{where}: cannot connect: {exc.strerror or exc}") from None
    except imaplib.IMAP4.error as exc:
        raise MailboxError(f"{where}: not an IMAP server, or it refused us: {exc}") from None


def _quoted(folder: str) -> str:
    escaped = folder.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _said(data: object) -> str:
    if isinstance(data, list) and data and isinstance(data[0], bytes):
        return data[0].decode("utf-8", "replace")
    return "no reason given"
