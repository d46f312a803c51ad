"""Fixtures of the command tests: the dovecot IMAP server `trustworks mail` reads."""

from tests.mailbox.dovecot import dovecot  # noqa: F401  (a session-wide fixture)
