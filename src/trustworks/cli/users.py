"""`trustworks user ...`: the web app's accounts (the first admin is made here)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import ROLES
from trustworks.cli.db import DbOption, open_db

# The ledger and Rich are imported inside the commands: `--help` needs neither.

user_app = typer.Typer(
    help="Web app users: add, list, change, change passwords.", no_args_is_help=True
)
app.add_typer(user_app, name="user")

PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input.")
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
def add_command(
    username: Annotated[str, typer.Argument(help="What they sign in with.")],
    role: Annotated[str, typer.Option(help=f"One of {', '.join(ROLES)}.")] = "seller",
    seller: Annotated[
        str | None, typer.Option(help="Their name in the ledger (account owner); default USERNAME.")
    ] = None,
    manager: Annotated[str | None, typer.Option(help="Username of their manager.")] = None,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add a user (`trustworks user add you --role admin` creates the first admin).

    Passwords: 8 to 256 characters, not a common or leaked one (no rules about digits or
    symbols: a few unrelated words make a strong one)."""
    from trustworks.ledger.users import add_user

    password = _password(password_stdin)
    ledger = open_db(db)
    with ledger.session() as session:
        user = add_user(session, username, password, role, seller=seller, manager=manager)
        shown = f"added {user.role} {user.username} (ledger name {user.seller!r})"
    typer.echo(shown)


@user_app.command("passwd")
def passwd_command(
    username: Annotated[str, typer.Argument()],
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Set a user's password (signs them out everywhere); the same rules as `user add`.

    Users change their own at /password in the web app, giving their current one."""
    from trustworks.ledger.users import set_password

    password = _password(password_stdin)
    ledger = open_db(db)
    with ledger.session() as session:
        set_password(session, username, password)
    typer.echo(f"password changed for {username}")


@user_app.command("set")
def set_command(
    username: Annotated[str, typer.Argument()],
    role: Annotated[str | None, typer.Option(help=f"One of {', '.join(ROLES)}.")] = None,
    seller: Annotated[str | None, typer.Option(help="Their name in the ledger.")] = None,
    manager: Annotated[
        str | None, typer.Option(help='Username of their manager ("" for none).')
    ] = None,
    active: Annotated[
        bool | None,
        typer.Option("--active/--inactive", help="Whether they may sign in."),
    ] = None,
    display_name: Annotated[
        str | None,
        typer.Option(help='What the web pages call them ("" for their username).'),
    ] = None,
    db: DbOption = None,
) -> None:
    """Change a user's role, ledger name, manager, display name, or switch them off (signs
    them out)."""
    from trustworks.ledger.users import change_user, set_display_name

    given = (role, seller, manager, active, display_name)
    if all(value is None for value in given):
        raise typer.BadParameter(
            "nothing to change: give --role, --seller, --manager, --display-name or --inactive"
        )
    ledger = open_db(db)
    with ledger.session() as session:
        user = change_user(
            session, username, role=role, seller=seller, manager=manager, active=active
        )
        if display_name is not None:
            set_display_name(session, user.username, display_name)
        shown = (
            f"{user.username}: {user.role}, ledger name {user.seller!r}, "
            f"{'active' if user.active else 'switched off'}"
        )
    typer.echo(shown)


@user_app.command("list")
def list_command(db: DbOption = None) -> None:
    """Every user with their role, ledger name and manager."""
    from rich.console import Console
    from rich.table import Table

    from trustworks.ledger.users import list_users

    ledger = open_db(db)
    with ledger.session() as session:
        users = list_users(session)
        names = {u.id: u.username for u in users}
        rows = [
            (u.username, u.role, u.seller, names.get(u.manager_id or -1, ""), u.active)
            for u in users
        ]
    table = Table("username", "role", "ledger name", "manager", "active")
    for username, role, seller, manager, active in rows:
        table.add_row(username, role, seller, manager, "yes" if active else "no")
    Console(highlight=False).print(table)
