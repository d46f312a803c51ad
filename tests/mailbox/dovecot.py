"""A real IMAP server for the tests: Debian's dovecot, started on loopback in a temporary folder.

It serves IMAP with STARTTLS on one port and IMAP over TLS on another, with a self-signed
certificate for 127.0.0.1 (made by openssl), one user per test, and maildirs owned by `nobody`.
Tests put messages in with IMAP APPEND, as a mail client would.
"""

from __future__ import annotations

import imaplib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PASSWORD = "s3cret-pw"
USERS = 200


def dovecot_binary() -> str | None:
    """The dovecot executable, when Debian's package is installed (.ci/run installs it)."""
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Dovecot:
    """A running server: its ports, the CA file a client trusts, and a way to add mail."""

    folder: Path
    imap_port: int  # plain and STARTTLS
    imaps_port: int  # TLS from the first byte
    ca_file: str
    process: subprocess.Popen[bytes]
    users: int = 0

    def add_user(self) -> str:
        """A user nobody used yet, with an empty INBOX; its login."""
        self.users += 1
        assert self.users <= USERS, "dovecot.py: raise USERS"
        return f"seller{self.users}"

    def append(self, login: str, messages: list[bytes], folder: str = "INBOX") -> None:
        """Deliver messages to the user's folder over IMAP (created when missing)."""
        imap = imaplib.IMAP4("127.0.0.1", self.imap_port)
        try:
            imap.login(login, PASSWORD)
            if folder != "INBOX":
                imap.create(folder)
            for raw in messages:
                status, data = imap.append(folder, "", None, raw)
                assert status == "OK", data
        finally:
            imap.logout()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_dovecot() -> Iterator[Dovecot]:
    """Start dovecot; yields it and stops it afterwards."""
    binary = dovecot_binary()
    assert binary is not None
    folder = Path(tempfile.mkdtemp(prefix="tw-dovecot-"))
    folder.chmod(0o755)  # the mail processes run as nobody and must reach the homes below
    home = folder / "home"
    home.mkdir()
    home.chmod(0o777)
    # Every user up front: dovecot re-reads a changed passwd file only a second later.
    (folder / "passwd").write_text(
        "".join(f"seller{i}:{{PLAIN}}{PASSWORD}::::::\n" for i in range(1, USERS + 1))
    )
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    imap_port, imaps_port = _free_port(), _free_port()
    config = folder / "dovecot.conf"
    config.write_text(
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={home}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    process = subprocess.Popen(
        [binary, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    server = Dovecot(folder, imap_port, imaps_port, str(cert), process)
    try:
        _wait(server)
        yield server
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _wait(server: Dovecot) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            out = server.process.stdout.read().decode() if server.process.stdout else ""
            log = server.folder / "dovecot.log"
            raise RuntimeError(f"dovecot stopped: {out} {log.read_text() if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", server.imap_port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("dovecot did not start within 30 s")


def can_run() -> str | None:
    """Why dovecot cannot run here, or None."""
    if dovecot_binary() is None:
        return "no dovecot: `apt-get install dovecot-imapd` (.ci/run does)"
    if os.geteuid() != 0:
        return "dovecot is started as root (it runs the mail processes as nobody)"
    if shutil.which("openssl") is None:
        return "no openssl to make the test certificate"
    return None


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A dovecot server for the whole run (imported by the test modules that use it)."""
    reason = can_run()
    if reason is not None:
        pytest.skip(reason)
    yield from start_dovecot()
