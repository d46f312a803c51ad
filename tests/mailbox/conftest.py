"""The dovecot IMAP server fixture for the mail tests."""

from tests.mailbox.dovecot import dovecot  # noqa: F401  (a session-wide fixture)
