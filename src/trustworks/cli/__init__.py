"""The `trustworks` command line: Typer commands that parse input, call the library, render."""

from __future__ import annotations

import copy
import sys

import typer
from typer.main import get_command_name
from typer.models import CommandInfo

from trustworks.cli import analyze as _analyze  # noqa: F401  (registers its commands)
from trustworks.cli import assess as _assess  # noqa: F401
from trustworks.cli import batch as _batch  # noqa: F401
from trustworks.cli import catalogue as _catalogue  # noqa: F401
from trustworks.cli import db as _db  # noqa: F401
from trustworks.cli import evaluate as _evaluate  # noqa: F401
from trustworks.cli import learn as _learn  # noqa: F401
from trustworks.cli import ledger as _ledger  # noqa: F401
from trustworks.cli import mail as _mail  # noqa: F401
from trustworks.cli import pipeline as _pipeline  # noqa: F401
from trustworks.cli import review as _review  # noqa: F401
from trustworks.cli import search as _search  # noqa: F401
from trustworks.cli import serve as _serve  # noqa: F401
from trustworks.cli import stories as _stories  # noqa: F401
from trustworks.cli import transfer as _transfer  # noqa: F401
from trustworks.cli import users as _users  # noqa: F401
from trustworks.cli import views as _views  # noqa: F401
from trustworks.cli.app import EXIT_BAD_INPUT, app

__all__ = ["EXIT_BAD_INPUT", "app", "app_for", "main"]


def main() -> None:
    """Console-script entry point."""
    app_for(sys.argv[1:2])()


def app_for(first: list[str]) -> typer.Typer:
    """The app with only the command or group named by the first argument, when there is one.

    Typer builds the options of every command it holds on each run (0.04 s for all of them)
    while a run needs one; help, no arguments and unknown names get the whole app, so the
    list of commands and "No such command" read as always.
    """
    name = first[0] if first else ""
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    only = copy.copy(app)
    # A hidden second entry keeps it a group: with one command Typer would make that command
    # the whole program, and `trustworks check TEXT` would no longer parse.
    only.registered_commands = [*commands, _PLACEHOLDER]
    only.registered_groups = groups
    return only


def _command_name(info: CommandInfo) -> str:
    if info.name:
        return info.name
    return get_command_name(info.callback.__name__) if info.callback else ""


def _placeholder() -> None:
    """Never run: only present in an app that holds one other command."""


_PLACEHOLDER = CommandInfo(name="-", callback=_placeholder, hidden=True)
