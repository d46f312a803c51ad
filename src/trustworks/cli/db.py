"""`trustworks db`: where the ledger is, its schema version, upgrading it, checking it.

Also the `--db` option every ledger command shares, and `open_db` to open what it names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import EXIT_BAD_INPUT, app
from trustworks.cli.choices import DATABASE_ENV
from trustworks.plural import counted

if TYPE_CHECKING:
    from trustworks.ledger.database import Ledger

# The ledger (SQLAlchemy, Alembic) is imported inside the commands: `--help` needs neither.

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"Database URL or SQLite file; default ${DATABASE_ENV}, else the file in your data "
        "folder.",
        show_default=False,
    ),
]

db_app = typer.Typer(help="The ledger database: status, upgrades and checks.", no_args_is_help=True)
app.add_typer(db_app, name="db")


def open_db(db: str | None, *, upgrade: bool = True) -> Ledger:
    """Open the ledger a command's `--db` names (created and upgraded on first use)."""
    from trustworks.ledger.database import open_ledger

    return open_ledger(db, upgrade=upgrade)


@db_app.command("upgrade")
def upgrade_command(db: DbOption = None) -> None:
    """Create the ledger or bring its schema to this version's newest revision."""
    from rich.console import Console

    from trustworks.ledger.database import schema_revision

    ledger = open_db(db, upgrade=False)
    before = schema_revision(ledger.engine)
    ledger.close()
    ledger = open_db(db)
    after = schema_revision(ledger.engine)
    ledger.close()
    console = Console(highlight=False)
    if before == after:
        console.print(f"{ledger.display_url}: already at schema {after}")
    else:
        console.print(f"{ledger.display_url}: schema {before or 'empty'} -> {after}")


@db_app.command("status")
def status_command(db: DbOption = None) -> None:
    """Show which database the ledger uses and its schema revision (without changing it)."""
    from sqlalchemy.engine import make_url

    from trustworks.ledger.database import database_url, head_revision, schema_revision

    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
        typer.echo(f"database: {url.database} (not created yet: any ledger command creates it)")
        return
    ledger = open_db(db, upgrade=False)
    current = schema_revision(ledger.engine)
    ledger.close()
    head = head_revision()
    state = "up to date" if current == head else f"needs upgrade to {head}"
    typer.echo(f"database: {ledger.display_url}\nschema:   {current or 'empty'} ({state})")


@db_app.command("check")
def check_command(
    full: Annotated[
        bool,
        typer.Option(
            "--full", help="PRAGMA integrity_check: slower; also matches every index to its table."
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Check the ledger for damage without changing it; exits 2 when something is wrong.

    SQLite: the file header, `PRAGMA quick_check` (integrity_check with --full), the schema,
    and every stored value read as Trustworks reads it.
    """
    from trustworks.ledger.database import check_database

    report = check_database(db, full=full)
    if report.ok:
        empty = "; no Trustworks schema yet: any ledger command creates it" if report.empty else ""
        typer.echo(f"{report.where}: ok ({report.method}{empty})")
        return
    shown = report.problems[:50]
    found = counted(len(report.problems), "problem")
    lines = [f"{report.where}: {found} found ({report.method}):"]
    lines += [f"  {problem}" for problem in shown]
    if report.method != "schema":  # SQLite: the damage is remembered beside the file
        lines.append("Trustworks reads but will not write it until a check passes.")
    lines.append(
        "Restore a backup (`trustworks restore`) or repair it, then run `trustworks db check` "
        "again."
    )
    typer.echo("\n".join(lines))
    raise typer.Exit(EXIT_BAD_INPUT)


@db_app.command("rescore")
def rescore_command(db: DbOption = None) -> None:
    """Score every stored call again at this version's scale.

    Each call's scores are worked out again from the findings and explanation it was logged
    with, as after an upgrade that changed how findings become scores; no transcript is read
    and no finding changes. Calls whose stored analysis cannot be read are named and left as
    they are. One transaction: all calls or none.
    """
    from trustworks.ledger.rescore import rescore_calls

    ledger = open_db(db)
    try:
        with ledger.session() as session:
            done = rescore_calls(session)
    finally:
        ledger.close()
    line = (
        f"{ledger.display_url}: {counted(done.checked, 'stored call')} checked, "
        f"{done.changed} rescored"
    )
    if done.unreadable:
        ids = ", ".join(str(i) for i in done.unreadable[:20])
        more = " ..." if len(done.unreadable) > 20 else ""
        line += f"; {len(done.unreadable)} unreadable, left as they were (interaction {ids}{more})"
    typer.echo(line)
