"""`trustworks mail ...`: sync a mailbox into the ledger; match or ignore unknown senders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import MailboxError
from trustworks.plural import counted

if TYPE_CHECKING:
    from trustworks.ledger.database import Ledger
    from trustworks.ledger.mailsync import SavedSettings

# The ledger, the mail readers and Rich are imported inside the commands.

PASSWORD_ENV = "TRUSTWORKS_MAIL_PASSWORD"

mail_app = typer.Typer(
    help="Mail that logs itself: sync a mailbox (IMAP or .mbox) into the ledger.",
    no_args_is_help=True,
)
app.add_typer(mail_app, name="mail")

UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="Whose mailbox (a ledger user): their saved settings, accounts and interactions.",
    ),
]


@mail_app.command("sync")
def sync_command(
    server: Annotated[str | None, typer.Option(help="IMAP server host name.")] = None,
    login: Annotated[str | None, typer.Option(help="IMAP login (often your address).")] = None,
    folder: Annotated[str | None, typer.Option(help="Folder to read; default INBOX.")] = None,
    port: Annotated[int | None, typer.Option(help="Port; default 993 (tls) or 143.")] = None,
    security: Annotated[
        str | None,
        typer.Option(help="tls (default), starttls, or plain (loopback only: tests)."),
    ] = None,
    ca_file: Annotated[
        Path | None, typer.Option("--ca-file", help="Trust this CA (a self-hosted server).")
    ] = None,
    mbox: Annotated[
        Path | None, typer.Option("--mbox", help="Read a local .mbox export instead of IMAP.")
    ] = None,
    me: Annotated[
        list[str] | None,
        typer.Option("--me", help="Your own address (repeat); default: on most messages."),
    ] = None,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Log each thread with people of the ledger as one interaction, once; list the others.

    The IMAP password is read from $TRUSTWORKS_MAIL_PASSWORD, else asked for; it is never
    stored.
    """
    from trustworks.ledger.mailsync import sync_mail
    from trustworks.mailbox import ImapSettings, ImapSource, MboxSource

    ledger = open_db(db)
    saved = _saved_settings(ledger, user)
    addresses = list(me or []) or list(saved.addresses if saved else ())
    source: MboxSource | ImapSource
    if mbox is not None:
        source = MboxSource(mbox)
    else:
        host = server or (saved.host if saved else None)
        name = login or (saved.login if saved else None)
        if not host or not name:
            raise MailboxError(
                "give --server and --login (or save them on the web's mail settings page and "
                "pass --user), or --mbox FILE"
            )
        settings = ImapSettings(
            host=host,
            login=name,
            folder=folder or (saved.folder if saved else "INBOX"),
            port=port if port is not None else (saved.port if saved else None),
            security=security or (saved.security if saved else "tls"),
            ca_file=str(ca_file) if ca_file is not None else None,
        )
        if not addresses and "@" in settings.login:
            addresses = [settings.login]
        source = ImapSource(settings, _password(settings.login, settings.where))
    try:
        report = sync_mail(ledger, source, user=user, me=addresses)
    finally:
        source.close()
    # Plain lines, never wrapped: scripts and logs read them.
    if report.me_inferred:
        typer.echo(f"taking {', '.join(report.me)} as your address (--me ADDRESS to say)")
    typer.echo(
        f"{report.source}: {counted(report.messages, 'message')}, "
        f"{report.already:,} synced before; logged {counted(report.logged, 'message')} in "
        f"{counted(report.new_threads, 'new thread')} and "
        f"{counted(report.grown_threads, 'grown thread')}, "
        f"{counted(report.proposed, 'promise')} proposed"
    )
    if report.proposed:
        typer.echo("review them with: trustworks ledger proposed")
    for ident, reason in report.quarantined:
        typer.echo(f"quarantined {ident}: {reason}")
    if report.unknown:
        typer.echo(
            f"{counted(report.unknown, 'message')} waiting: nobody in the ledger has "
            f"{counted(report.unknown_senders, 'sender address', 'sender addresses')}; "
            "see trustworks mail unknown"
        )


def _saved_settings(ledger: Ledger, user: str | None) -> SavedSettings | None:
    """The user's saved mail settings (the web's mail page), or None."""
    if user is None:
        return None
    from trustworks.ledger.mailsync import settings_of

    with ledger.reading() as session:
        return settings_of(session, user)


def _password(login: str, where: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    import sys

    if not sys.stdin.isatty():
        raise MailboxError(f"no password for {login} at {where}: set ${PASSWORD_ENV}")
    return str(typer.prompt(f"IMAP password for {login} at {where}", hide_input=True))


@mail_app.command("unknown")
def unknown_command(
    ignored: Annotated[bool, typer.Option("--ignored", help="List the ignored ones.")] = False,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Senders nobody in the ledger has: match them to a person, or ignore them."""
    from rich.console import Console
    from rich.table import Table

    from trustworks.cli.ledger import _cell
    from trustworks.ledger.mailsync import unknown_senders

    ledger = open_db(db)
    with ledger.reading() as session:
        found = unknown_senders(session, user, ignored=ignored)
    console = Console(highlight=False)
    if not found:
        console.print("no ignored senders" if ignored else "no unknown senders")
        return
    table = Table("id", "address", "name", "messages", "latest subject", "last seen")
    for s in found:
        when = s.last_seen.strftime("%Y-%m-%d") if s.last_seen else ""
        table.add_row(
            str(s.id), _cell(s.address), _cell(s.name), str(s.messages), _cell(s.subject), when
        )
    console.print(table)
    if not ignored:
        console.print(
            "match one: trustworks mail match ID --account ACCOUNT [--person NAME]; "
            "or: trustworks mail ignore ID"
        )


@mail_app.command("match")
def match_command(
    sender: Annotated[str, typer.Argument(help="The unknown sender's id or address.")],
    account: Annotated[str, typer.Option(help="The account (id or name) they are with.")],
    person: Annotated[
        str | None, typer.Option(help="The person (added when new); default the sender's name.")
    ] = None,
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Give an unknown sender's address to a person of an account; the next sync logs them."""
    from trustworks.ledger import access
    from trustworks.ledger.mailsync import match_sender
    from trustworks.ledger.users import find_user

    ledger = open_db(db)
    with ledger.session() as session:
        scope = None
        if user is not None:  # only onto an account that user may see, and in their name
            scope = access.scope_for(session, find_user(session, user))
            access.acting(session, scope)
        row = match_sender(session, sender, account, person, user=user, scope=scope)
        text = f"{row.email} is {row.name} of account {row.account_id}; run mail sync to log"
    typer.echo(text)


@mail_app.command("ignore")
def ignore_command(
    sender: Annotated[str, typer.Argument(help="The unknown sender's id or address.")],
    user: UserOption = None,
    db: DbOption = None,
) -> None:
    """Never list this sender again (newsletters, colleagues)."""
    from trustworks.ledger.mailsync import ignore_sender

    ledger = open_db(db)
    with ledger.session() as session:
        address = ignore_sender(session, sender, user)
    typer.echo(f"ignoring {address}")


@mail_app.command("quarantine")
def quarantine_command(user: UserOption = None, db: DbOption = None) -> None:
    """Messages a sync could not read, with the reason."""
    from trustworks.ledger.mailsync import quarantined

    ledger = open_db(db)
    with ledger.reading() as session:
        rows = [(r.message_id, r.sender, r.subject, r.reason) for r in quarantined(session, user)]
    if not rows:
        typer.echo("no quarantined messages")
    for ident, sender, subject, reason in rows:
        typer.echo(f"{ident} from {sender or '?'} ({subject or 'no subject'}): {reason}")
