"""Notification e-mails, sent by one background thread per worker process, never in a request.

A comment writes its notifications (their e-mails `pending`) in its own transaction, and the
request returns; `Mailer.kick` then has the sender thread drain the outbox: it claims pending
mails (each once, whichever worker claims it), talks to the SMTP server with a timeout, and
records each as sent or failed, logging why. A slow or dead server holds up only that thread:
commenting neither waits for it nor fails with it, and the comment is kept either way.
A mail left `sending` by a worker killed mid-send stays so (it may have gone out).
"""

from __future__ import annotations

import logging
import smtplib
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from email.message import EmailMessage

from trustworks.errors import TrustworksError
from trustworks.ledger.database import Ledger
from trustworks.ledger.notifications import Outgoing, claim_emails, record_email
from trustworks.web.settings import SmtpSettings

log = logging.getLogger("trustworks.web.mailer")
_WHY = {
    "mention": "you were mentioned",
    "seller": "it is about your call",
    "thread": "you are in this thread",
}


class Mailer:
    """Sends the ledger's pending notification e-mails through one SMTP server."""

    def __init__(self, ledger: Ledger, smtp: SmtpSettings, public_url: str | None) -> None:
        self.ledger = ledger
        self.smtp = smtp
        self.public_url = public_url or ""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify-mail")
        self._lock = threading.Lock()
        self._waiting = False
        self.kick()  # what a restart left pending goes out now, not with the next comment

    def kick(self) -> Future[None] | None:
        """Have the sender look at the outbox soon; None when a look is already waiting."""
        with self._lock:
            if self._waiting:  # it will see what was just written too
                return None
            self._waiting = True
        return self._executor.submit(self._drain)

    def idle(self, timeout: float) -> None:
        """Wait until everything asked of the sender so far is done (for tests)."""
        self._executor.submit(lambda: None).result(timeout)

    def close(self) -> None:
        """Stop taking work; a send under way finishes in its thread."""
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _drain(self) -> None:
        with self._lock:
            self._waiting = False
        while True:
            try:
                with self.ledger.session() as session:
                    batch = claim_emails(session)
            except TrustworksError as exc:
                log.warning("notification e-mails not sent: the outbox cannot be read: %s", exc)
                return
            if not batch:
                return
            results = self._send(batch)
            try:
                with self.ledger.session() as session:
                    for ident, error in results:
                        record_email(session, ident, error)
            except TrustworksError as exc:
                log.warning("notification e-mails sent, but not recorded as sent: %s", exc)
                return

    def _send(self, batch: list[Outgoing]) -> list[tuple[int, str | None]]:
        where = f"{self.smtp.host}:{self.smtp.port}"
        try:
            server = smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=self.smtp.timeout)
        except (OSError, smtplib.SMTPException) as exc:
            return self._failed(batch, f"cannot reach the SMTP server {where}: {_reason(exc)}")
        results: list[tuple[int, str | None]] = []
        try:
            with server:
                if self.smtp.starttls:
                    server.starttls()
                if self.smtp.username:
                    server.login(self.smtp.username, self.smtp.password or "")
                for number, mail in enumerate(batch):
                    try:
                        message = self.message(mail)
                    except ValueError as exc:  # this mail only: a header it cannot carry
                        results += self._failed([mail], f"cannot write the mail: {_reason(exc)}")
                        continue
                    try:
                        server.send_message(message)
                    except (
                        smtplib.SMTPRecipientsRefused,  # this address only
                        smtplib.SMTPNotSupportedError,  # a non-ASCII address, no SMTPUTF8
                    ) as exc:
                        results += self._failed([mail], f"{where} refused {mail.to}: {exc}")
                        continue
                    except (OSError, smtplib.SMTPException) as exc:
                        why = f"the SMTP server {where} failed: {_reason(exc)}"
                        return results + self._failed(batch[number:], why)
                    results.append((mail.id, None))
        except (OSError, smtplib.SMTPException) as exc:
            done = {ident for ident, _ in results}
            why = f"the SMTP server {where} failed: {_reason(exc)}"
            return results + self._failed([m for m in batch if m.id not in done], why)
        return results

    def _failed(self, mails: list[Outgoing], why: str) -> list[tuple[int, str | None]]:
        log.warning("%d notification e-mail(s) not sent: %s", len(mails), why)
        return [(m.id, why) for m in mails]

    def message(self, mail: Outgoing) -> EmailMessage:
        """The e-mail telling of one notification: what happened, the words, a link."""
        message = EmailMessage()
        message["Subject"] = _one_line(f"Trustworks: {mail.headline}")
        message["From"] = self.smtp.sender
        message["To"] = mail.to
        moment = f"turn {mail.turn + 1}"
        if mail.signal:
            moment += f", {mail.signal.replace('_', ' ')}"
            if mail.evidence:
                moment += f": “{_one_line(mail.evidence)}”"
        link = f"{self.public_url}/interactions/{mail.interaction_id}#comment-{mail.comment_id}"
        message.set_content(
            f"{mail.headline} (the call of {mail.occurred_on.isoformat()}), on {moment}:\n\n"
            f"{mail.body}\n\n"
            f"Open it in Trustworks: {link}\n\n"
            f"You get this e-mail because {_WHY.get(mail.reason, 'you follow this call')}. "
            f"To stop these e-mails, clear your address on {self.public_url}/notifications.\n"
        )
        return message


def _one_line(text: str) -> str:
    # A header never carries a line break: a name or an account typed with one stays one line.
    return " ".join(text.split())


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"
