"""How fast `trustworks mail sync` logs a large mailbox, and what a second sync costs.

    taskset -c 1 .venv/bin/python bench/mail_sync.py [--messages 10000] [--per-thread 4]
        [--db URL] [--imap]

Makes a mailbox of ``--messages`` distinct messages: threads of ``--per-thread`` messages
between the seller and a client, each client a person of one of 500 accounts, every message
worded a little differently, a few with a promise and a date. Then syncs it into an empty
ledger (SQLite in a temporary folder unless ``--db``) from an .mbox file, or with ``--imap``
from a dovecot started on loopback (as the tests do; needs Debian's dovecot-imapd, and root),
and syncs it again (nothing new: only the Message-IDs are read). Prints seconds and messages
per second for each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.mailbox, for dovecot

from trustworks.ledger import repository
from trustworks.ledger.database import open_ledger
from trustworks.ledger.mailsync import sync_mail
from trustworks.mailbox import ImapSettings, ImapSource, MboxSource

ME = "dana@ourco.example"
ACCOUNTS = 500
OPENERS = ("Thanks for the notes.", "Good to hear from you.", "Quick follow-up.", "Hello again.")
OURS = (
    "What would make the pilot worth it for your drivers?",
    "I will send you the revised proposal by Friday.",
    "Could you tell me more about how the late deliveries affect your customers?",
    "The price is 4,200 a month for the first depot; happy to walk through how we got there.",
    "If we are not the right fit, I can recommend someone who is.",
)
THEIRS = (
    "We need fewer late deliveries before the holiday peak.",
    "I will share the route data tomorrow.",
    "Our finance team wants to see the cost per route first.",
    "Can you do a discount if we sign this quarter?",
    "Let me check with our COO and come back to you next week.",
)


def make_mailbox(messages: int, per_thread: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    start = dt.datetime(2026, 9, 1, 8, 0, tzinfo=dt.UTC)
    out: list[bytes] = []
    t = 0
    while len(out) < messages:
        client = f"buyer{t % (ACCOUNTS * 2)}@client{t % ACCOUNTS}.example"
        ids: list[str] = []
        for i in range(min(per_thread, messages - len(out))):
            ours = i % 2 == 0
            sender, to = (ME, client) if ours else (client, ME)
            words = " ".join(
                [rng.choice(OPENERS), rng.choice(OURS if ours else THEIRS), f"(ref {t}-{i})"]
            )
            when = start + dt.timedelta(hours=t * 3 + i)
            ident = f"m{t}.{i}@bench.example"
            head = [
                f"From: {'Dana Whitfield' if ours else 'Client ' + str(t)} <{sender}>",
                f"To: {to}",
                f"Subject: {'Re: ' if i else ''}Routes, depot {t}",
                f"Date: {format_datetime(when)}",
                f"Message-ID: <{ident}>",
            ]
            if ids:
                head += [
                    f"In-Reply-To: <{ids[-1]}>",
                    "References: " + " ".join(f"<{x}>" for x in ids),
                ]
            head += ["Content-Type: text/plain; charset=utf-8", "", words, ""]
            out.append("\r\n".join(head).encode())
            ids.append(ident)
        t += 1
    return out


def mbox_bytes(messages: list[bytes]) -> bytes:
    return b"".join(
        b"From bench Tue Sep  1 08:00:00 2026\n" + m.replace(b"\r\n", b"\n") + b"\n"
        for m in messages
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--per-thread", type=int, default=4)
    parser.add_argument("--db", default=None)
    parser.add_argument("--imap", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tw-bench-mail-"))
    ledger = open_ledger(args.db or f"sqlite:///{folder / 'ledger.sqlite3'}")
    with ledger.session() as session:
        for a in range(ACCOUNTS):
            repository.add(session, "account", {"name": f"Client {a}", "owner": "Dana Whitfield"})
        for b in range(ACCOUNTS * 2):
            repository.add(
                session,
                "person",
                {"account": f"Client {b % ACCOUNTS}", "name": f"Buyer {b}",
                 "email": f"buyer{b}@client{b % ACCOUNTS}.example"},
            )  # fmt: skip
    mailbox = make_mailbox(args.messages, args.per_thread)
    server = None
    if args.imap:
        from tests.mailbox.dovecot import PASSWORD, start_dovecot

        server = start_dovecot()
        dovecot = next(server)
        login = dovecot.add_user()
        dovecot.append(login, mailbox)
        imap = ImapSettings("127.0.0.1", login, port=dovecot.imaps_port, ca_file=dovecot.ca_file)

        def source() -> ImapSource | MboxSource:
            return ImapSource(imap, PASSWORD)
    else:
        path = folder / "mailbox.mbox"
        path.write_bytes(mbox_bytes(mailbox))

        def source() -> ImapSource | MboxSource:
            return MboxSource(path)

    print(f"load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{len(mailbox):,} messages, {args.per_thread} a thread, from "
          f"{'IMAP (dovecot, TLS, loopback)' if args.imap else 'an .mbox file'}")  # fmt: skip
    for label in ("first sync", "second sync"):
        cpu = time.process_time()
        started = time.perf_counter()
        opened = source()
        try:
            report = sync_mail(ledger, opened, me=[ME])
        finally:
            opened.close()
        took = time.perf_counter() - started
        used = time.process_time() - cpu
        print(
            f"{label}: {took:.1f} s wall, {used:.1f} s CPU ({report.messages / took:,.0f} "
            f"messages/s): logged "
            f"{report.logged:,} in {report.new_threads:,} threads, {report.proposed:,} promises "
            f"proposed, {report.already:,} synced before"
        )
    if server is not None:
        server.close()
    ledger.close()


if __name__ == "__main__":
    main()
