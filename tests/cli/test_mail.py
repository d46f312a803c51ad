"""`trustworks mail ...` against a real IMAP server (dovecot on loopback) and .mbox files, on
SQLite and PostgreSQL: a mailbox that changes between syncs, an unparseable message, a sync
killed half-way, and one-line errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from tests.mailbox.dovecot import PASSWORD, Dovecot
from tests.mailbox.samples import DANA, MARCUS, UNPARSEABLE, mbox, message, thread
from trustworks.cli import app
from trustworks.ledger import tables as t

# Each test's ledger comes migrated (tests/conftest.py, `migrated`): none is about creating one.
pytestmark = pytest.mark.usefixtures("migrated")

runner = CliRunner()


def run(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db], env={"TRUSTWORKS_MAIL_PASSWORD": PASSWORD})
    return result.exit_code, result.output


def setup_ledger(db: str) -> None:
    assert run(db, "ledger", "add", "account", "name=Northwind", "owner=Dana")[0] == 0
    person = ("ledger", "add", "person", "account=Northwind", "name=Marcus Lee")
    assert run(db, *person, f"email={MARCUS}")[0] == 0


def counts(db: str) -> dict[str, int]:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return {
                table.__tablename__: conn.scalar(select(func.count()).select_from(table)) or 0
                for table in (t.Interaction, t.MailThread, t.MailMessage, t.Commitment)
            }
    finally:
        engine.dispose()


def imap_args(dovecot: Dovecot, login: str) -> list[str]:
    return [
        "mail", "sync", "--server", "127.0.0.1", "--port", str(dovecot.imaps_port),
        "--login", login, "--ca-file", dovecot.ca_file, "--me", DANA,
    ]  # fmt: skip


def test_mail_sync_over_imap_follows_a_changing_mailbox_and_quarantines(
    dovecot: Dovecot, db_url: str
) -> None:
    setup_ledger(db_url)
    login = dovecot.add_user()
    first = thread("a", MARCUS, 4)
    dovecot.append(login, first[:2])
    code, out = run(db_url, *imap_args(dovecot, login))
    assert code == 0, out
    assert "logged 2 messages in 1 new thread" in out
    assert counts(db_url) == {
        "interactions": 1, "mail_threads": 1, "mail_messages": 2, "commitments": 2,
    }  # fmt: skip
    # Between syncs: the thread grows, a new one starts, one cannot be read, a stranger writes.
    later = [*first[2:], *thread("b", MARCUS, 2, minutes=600), UNPARSEABLE]
    dovecot.append(login, [*later, message("s.1@x", "kim@harbor.example", DANA, "Hello!")])
    code, out = run(db_url, *imap_args(dovecot, login))
    assert code == 0, out
    assert "logged 4 messages in 1 new thread and 1 grown thread" in out
    assert "quarantined scan.1@mail.example: message has no text/plain" in out
    assert "1 message waiting" in out
    after = counts(db_url)
    assert (after["interactions"], after["mail_threads"], after["mail_messages"]) == (2, 2, 7)
    code, out = run(db_url, *imap_args(dovecot, login))
    assert code == 0, out
    assert "logged 0 messages" in out and "quarantined" not in out
    assert counts(db_url) == after
    code, out = run(db_url, "mail", "unknown")
    assert "kim@harbor.example" in out
    assert run(db_url, "mail", "ignore", "kim@harbor.example")[0] == 0
    assert "no unknown senders" in run(db_url, "mail", "unknown")[1]
    assert "scan.1@mail.example" in run(db_url, "mail", "quarantine")[1]


def test_mail_sync_reads_an_mbox_export(db_url: str, tmp_path: Path) -> None:
    setup_ledger(db_url)
    box = tmp_path / "export.mbox"
    box.write_bytes(mbox([*thread("a", MARCUS, 3), message("k.1@x", "kim@h.example", DANA, "Hi")]))
    code, out = run(db_url, "mail", "sync", "--mbox", str(box))
    assert code == 0, out
    assert f"taking {DANA} as your address" in out
    assert "logged 3 messages in 1 new thread" in out
    code, out = run(db_url, "mail", "match", "kim@h.example", "--account", "Northwind")
    assert code == 0, out
    code, out = run(db_url, "mail", "sync", "--mbox", str(box))
    assert "logged 1 message in 1 new thread" in out


@pytest.mark.parametrize(
    ("args", "message_part"),
    [
        (["--mbox", "MISSING"], "cannot read"),
        (["--mbox", "NOT_MBOX"], "not an .mbox file"),
        (["--server", "127.0.0.1", "--port", "1", "--login", "x"], "connection refused"),
        (["--server", "127.0.0.1", "--port", "IMAPS", "--login", "nobody-here"], "login refused"),
        (["--server", "imap.ourco.example", "--login", "x", "--security", "plain"], "loopback"),
        ([], "give --server and --login"),
    ],
)
def test_mail_sync_errors_are_one_line_and_exit_2(
    dovecot: Dovecot, tmp_path: Path, args: list[str], message_part: str
) -> None:
    (tmp_path / "notes.txt").write_text("just some notes\n")
    replaced = {
        "MISSING": str(tmp_path / "missing.mbox"),
        "NOT_MBOX": str(tmp_path / "notes.txt"),
        "IMAPS": str(dovecot.imaps_port),
    }
    args = [replaced.get(a, a) for a in args]
    if "--server" in args:
        args += ["--ca-file", dovecot.ca_file]
    db = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    result = runner.invoke(
        app, ["mail", "sync", *args, "--db", db], env={"TRUSTWORKS_MAIL_PASSWORD": "wrong"}
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message_part in lines[0]
    assert "Traceback" not in result.output


def test_a_sync_killed_half_way_logs_nothing_twice(dovecot: Dovecot, db_url: str) -> None:
    setup_ledger(db_url)
    login = dovecot.add_user()
    threads = 60
    dovecot.append(
        login, [m for i in range(threads) for m in thread(f"t{i}", MARCUS, 3, minutes=i * 200)]
    )
    command = [
        str(Path(sys.executable).parent / "trustworks"), *imap_args(dovecot, login), "--db", db_url,
    ]  # fmt: skip
    env = {**os.environ, "TRUSTWORKS_MAIL_PASSWORD": PASSWORD}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    engine = create_engine(db_url)
    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with engine.connect() as conn:
                done = conn.scalar(text("SELECT count(*) FROM mail_threads")) or 0
        except Exception:  # the schema is still being created
            done = 0
        if done >= 3:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the sync finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    engine.dispose()
    partial = counts(db_url)
    assert 3 <= partial["mail_threads"] < threads
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    final = counts(db_url)
    assert final == {
        "interactions": threads,
        "mail_threads": threads,
        "mail_messages": threads * 3,
        "commitments": threads * 2,
    }
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert "logged 0 messages" in again.stdout
    assert counts(db_url) == final


def test_mail_match_for_a_user_reaches_only_the_accounts_they_may_see(
    db_url: str, tmp_path: Path
) -> None:
    from trustworks.ledger import repository
    from trustworks.ledger.database import open_ledger
    from trustworks.ledger.users import add_user

    ledger = open_ledger(db_url)
    with ledger.session() as session:
        add_user(session, "dana", "pw-long-enough-1", seller="Dana")
        add_user(session, "lee", "pw-long-enough-2", seller="Lee")
        repository.add(session, "account", {"name": "Harbor", "owner": "Lee"})
        repository.add(session, "account", {"name": "Northwind", "owner": "Dana"})
    ledger.close()
    box = tmp_path / "dana.mbox"
    box.write_bytes(mbox([message("k.1@x", "kim@h.example", DANA, "Hello")]))
    code, out = run(db_url, "mail", "sync", "--mbox", str(box), "--user", "dana", "--me", DANA)
    assert code == 0, out
    assert "kim@h.example" not in run(db_url, "mail", "unknown", "--user", "lee")[1]
    code, out = run(
        db_url, "mail", "match", "kim@h.example", "--account", "Harbor", "--user", "dana"
    )
    assert code == 2 and "no account" in out
    code, out = run(
        db_url, "mail", "match", "kim@h.example", "--account", "Northwind", "--user", "dana"
    )
    assert code == 0, out
    code, out = run(db_url, "mail", "sync", "--mbox", str(box), "--user", "dana", "--me", DANA)
    assert "logged 1 message in 1 new thread" in out
