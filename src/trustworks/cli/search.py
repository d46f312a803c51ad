"""`trustworks search TEXT`: a thin shell over ledger.search.find."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.common import console, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from trustworks.ledger.access import Scope
    from trustworks.ledger.search import SearchPage

# The ledger and Rich are imported inside the command: `--help` needs neither.


@app.command("search")
def search_command(
    text: Annotated[
        str,
        typer.Argument(
            help='What to look for: words (all must be there), "a phrase", north* '
            "(words that begin so), -word (leave out what holds it)."
        ),
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            help="Only this kind: account, person, call, commitment or story (repeatable).",
        ),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Only what this web user may see (default: everything)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="How many results (1-100).")] = 20,
    page: Annotated[int, typer.Option(help="Which page of results, from 1.", min=1)] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a list.")] = False,
    db: DbOption = None,
) -> None:
    """Find accounts, people, calls (their transcripts), promises and stories, best first."""
    from trustworks.ledger.search import find

    ledger = open_db(db)
    try:
        with ledger.reading() as session:
            scope = _scope(session, user)
            found = find(session, text, scope, kinds=kind, limit=limit, offset=(page - 1) * limit)
    finally:
        ledger.close()
    if as_json:
        print_json(found)
    else:
        _render(found)


def _scope(session: Session, username: str | None) -> Scope | None:
    if username is None:
        return None
    from sqlalchemy import select

    from trustworks.ledger.access import scope_for
    from trustworks.ledger.tables import User

    user = session.scalars(select(User).where(User.username == username.strip())).first()
    if user is None:
        raise NotFoundError(f"no user {username!r}")
    return scope_for(session, user)


def _render(found: SearchPage) -> None:
    from rich.text import Text

    out = console()
    if not found.hits:
        out.print(f"Nothing matches {found.query}.")
        return
    for n, hit in enumerate(found.hits, start=found.offset + 1):
        line = Text(f"{n:>3}. ")
        line.append(f"{hit.label} {hit.id}: ", style="dim")
        line.append(hit.title, style="bold")
        if hit.detail:
            line.append(f"  {hit.detail}", style="dim")
        out.print(line)
        if hit.snippet:
            words = Text("     ")
            for piece, matched in hit.snippet:
                words.append(piece, style="reverse" if matched else "")
            out.print(words)
    if found.more:
        out.print(f"More: --page {found.offset // found.limit + 2}", style="dim")
