"""`trustworks ledger ...` and `trustworks log`: thin shells over trustworks.ledger."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

import typer

from trustworks.cli.analyze import LEARNED_OPTION, _input_format, _settings
from trustworks.cli.app import app
from trustworks.cli.choices import FORMATS, LEDGER_KINDS, PURPOSES
from trustworks.cli.common import parse_date, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import FieldError
from trustworks.plural import counted

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The ledger, analysis and Rich are imported inside the commands: `--help` needs none of them.

_LARGEST_ID = 2**31 - 1  # ledger.repository.MAX_ID: what both databases' id columns hold
_MOST_ROWS = 1_000_000

ledger_app = typer.Typer(
    help="Add, list, show, edit and remove ledger entries (accounts, people, commitments...).",
    no_args_is_help=True,
)
app.add_typer(ledger_app, name="ledger")

KindArg = Annotated[str, typer.Argument(help=f"One of: {', '.join(LEDGER_KINDS)}.")]
ValuesArg = Annotated[list[str] | None, typer.Argument(help="FIELD=VALUE pairs.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def parse_assignments(pairs: list[str] | None) -> dict[str, str]:
    """FIELD=VALUE arguments as a dict; a value may itself contain '='."""
    values: dict[str, str] = {}
    for pair in pairs or []:
        field, sep, value = pair.partition("=")
        field = field.strip()
        if not sep or not field:
            raise FieldError(pair, "expected FIELD=VALUE (see `trustworks ledger fields KIND`)")
        if field in values:
            raise FieldError(field, "given twice")
        values[field] = value
    return values


@ledger_app.command("add")
def add_command(kind_name: KindArg, values: ValuesArg = None, db: DbOption = None) -> None:
    """Add an entry: `trustworks ledger add account name="Acme Freight" owner=Dana`."""
    from trustworks.ledger import repository
    from trustworks.ledger.entities import kind

    ledger = open_db(db)
    with ledger.session() as session:
        row = repository.add(session, kind_name, parse_assignments(values))
        ident = row.id  # type: ignore[attr-defined]
    typer.echo(f"added {kind(kind_name).name} {ident}")


@ledger_app.command("edit")
def edit_command(
    kind_name: KindArg,
    ident: Annotated[str, typer.Argument(help="The entry's id (accounts: id or name).")],
    values: ValuesArg = None,
    db: DbOption = None,
) -> None:
    """Change fields of an entry: `trustworks ledger edit commitment 4 status=kept`."""
    from trustworks.ledger import repository
    from trustworks.ledger.entities import kind

    changes = parse_assignments(values)
    if not changes:
        raise FieldError(kind_name, "nothing to change: give FIELD=VALUE pairs")
    ledger = open_db(db)
    with ledger.session() as session:
        row = repository.edit(session, kind_name, ident, changes)
        number = row.id  # type: ignore[attr-defined]
    typer.echo(f"updated {kind(kind_name).name} {number}")


@ledger_app.command("remove")
def remove_command(
    kind_name: KindArg,
    ident: Annotated[str, typer.Argument(help="The entry's id (accounts: id or name).")],
    db: DbOption = None,
) -> None:
    """Remove an entry (an account takes everything recorded about it along)."""
    from trustworks.ledger import repository
    from trustworks.ledger.entities import kind

    ledger = open_db(db)
    with ledger.session() as session:
        repository.remove(session, kind_name, ident)
    typer.echo(f"removed {kind(kind_name).name} {ident}")


@ledger_app.command("list")
def list_command(
    kind_name: KindArg,
    account: Annotated[str | None, typer.Option(help="Only this account's entries.")] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, max=_MOST_ROWS, help="At most this many.")
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List entries of a kind, oldest first."""
    from rich.console import Console
    from rich.table import Table

    from trustworks.ledger import repository
    from trustworks.ledger.entities import kind

    kind_ = kind(kind_name)
    ledger = open_db(db)
    with ledger.reading() as session:
        found = [
            repository.as_dict(session, kind_.name, r)
            for r in repository.rows(session, kind_.name, account=account, limit=limit)
        ]
    if as_json:
        print_json(found)
        return
    table = Table(
        *kind_.columns, title=counted(len(found), kind_.name, kind_.plural), title_justify="left"
    )
    for item in found:
        table.add_row(*(_cell(item.get(c)) for c in kind_.columns))
    Console(highlight=False).print(table)


@ledger_app.command("show")
def show_command(
    kind_name: KindArg,
    ident: Annotated[str, typer.Argument(help="The entry's id (accounts: id or name).")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show every field of one entry."""
    from rich.console import Console

    from trustworks.ledger import repository

    ledger = open_db(db)
    with ledger.reading() as session:
        item = repository.as_dict(session, kind_name, repository.get(session, kind_name, ident))
    item.pop("analysis_json", None)
    if as_json:
        print_json(item)
        return
    console = Console(highlight=False)
    width = max(len(k) for k in item)
    for key, value in item.items():
        if value is not None and key != "transcript":
            console.print(f"[bold]{key.ljust(width)}[/bold]  {_cell(value)}")


@ledger_app.command("fields")
def fields_command(kind_name: Annotated[str | None, typer.Argument()] = None) -> None:
    """What each kind of entry holds (all of them when no KIND is given)."""
    from rich.console import Console
    from rich.table import Table

    from trustworks.ledger.entities import KINDS, kind

    console = Console(highlight=False)
    for kind_ in [kind(kind_name)] if kind_name else list(KINDS.values()):
        table = Table("field", "type", "required", title=kind_.name, title_justify="left")
        for name, info in kind_.fields().items():
            target = dict(kind_.refs).get(name)
            shown = describe_type(info.annotation, ref=target)
            table.add_row(name, shown, "yes" if info.is_required() else "")
        console.print(table)


@ledger_app.command("proposed")
def proposed_command(
    account: Annotated[str | None, typer.Option(help="Only this account's.")] = None,
    db: DbOption = None,
) -> None:
    """Commitments the analyzer heard in saved conversations, waiting for confirmation."""
    from trustworks.ledger.log import proposed_commitments

    ledger = open_db(db)
    with ledger.reading() as session:
        waiting = [
            (c.id, c.side, c.by, c.what, c.due) for c in proposed_commitments(session, account)
        ]
    if not waiting:
        typer.echo("no commitments waiting for confirmation")
    for ident, side, by, what, due in waiting:
        when = f" (due {due})" if due else ""
        typer.echo(f"{ident}: [{side}] {by}: {what}{when}")


@ledger_app.command("confirm")
def confirm_command(
    idents: Annotated[list[str], typer.Argument(help="Ids of proposed commitments.")],
    db: DbOption = None,
) -> None:
    """Confirm proposed commitments: they become open and count towards reliability."""
    from trustworks.ledger.log import confirm_commitment

    _decide_all(db, idents, confirm_commitment, "confirmed")


@ledger_app.command("dismiss")
def dismiss_command(
    idents: Annotated[list[str], typer.Argument(help="Ids of proposed commitments.")],
    db: DbOption = None,
) -> None:
    """Dismiss proposed commitments nobody actually made."""
    from trustworks.ledger.log import dismiss_commitment

    _decide_all(db, idents, dismiss_commitment, "dismissed")


def _decide_all(
    db: str | None, idents: list[str], decide: Callable[[Session, str], object], done: str
) -> None:
    ledger = open_db(db)
    with ledger.session() as session:  # all of them or, if one is refused, none
        for ident in idents:
            decide(session, ident)
    typer.echo(f"{done} {counted(len(idents), 'commitment')}")


@ledger_app.command("history")
def history_command(
    kind_name: Annotated[
        str | None, typer.Argument(help="commitment or interaction (default: both).")
    ] = None,
    ident: Annotated[
        int | None, typer.Argument(help="One record's id.", min=1, max=_LARGEST_ID)
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=_MOST_ROWS, help="The newest this many lines.")
    ] = 1000,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who changed which commitment or interaction, when, from what to what (the newest
    --limit changes, oldest first; the title says when there were more):
    `trustworks ledger history commitment 12`."""
    from rich.console import Console
    from rich.table import Table

    from trustworks.ledger import identities
    from trustworks.ledger.entities import kind

    name = kind(kind_name).name if kind_name is not None else None
    if name is not None and name not in identities.AUDITED:
        raise FieldError("kind", f"the audit trail keeps {' and '.join(identities.AUDITED)}")
    ledger = open_db(db)
    with ledger.reading() as session:
        entries, total = identities.history(session, name, ident, limit=limit)
        found = [identities.entry_dict(e) for e in entries]
    if as_json:
        print_json(found)
        if len(found) < total:  # the JSON stays a list; the cut is said beside it
            typer.echo(identities.shown(len(found), total), err=True)
        return
    # One record's history need not repeat which record it is.
    which = () if ident is not None and name is not None else ("kind", "record_id")
    columns = ("at", "actor", *which, "action", "field", "before", "after")
    title = identities.shown(len(found), total) + (f" to {name} {ident}" if not which else "")
    table = Table(*columns, title=title, title_justify="left")
    for item in found:
        item["at"] = item["at"].strftime("%Y-%m-%d %H:%M:%S")  # UTC, to the second
        table.add_row(*(_cell(item[c]) for c in columns))
    Console(highlight=False).print(table)


@app.command("log")
def log_command(
    file: Annotated[str, typer.Argument(help="Transcript or e-mail file; - for stdin.")],
    account: Annotated[str, typer.Option(help="The account (id or name) it belongs to.")],
    seller: Annotated[
        list[str] | None,
        typer.Option("--seller", "-s", help="Seller's name as it appears (repeat for a team)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="When it happened (YYYY-MM-DD); default today.")
    ] = None,
    channel: Annotated[str | None, typer.Option(help="call, meeting, video, email...")] = None,
    purpose: Annotated[str, typer.Option(help=f"One of {', '.join(PURPOSES)}.")] = "other",
    person: Annotated[str | None, typer.Option(help="Who at the account took part.")] = None,
    notes: Annotated[str | None, typer.Option(help="Your notes.")] = None,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help=f"auto (default) or one of {', '.join(FORMATS)}."),
    ] = None,
    learned: Annotated[bool, LEARNED_OPTION] = False,
    db: DbOption = None,
) -> None:
    """Analyse a conversation and save it to the ledger as an interaction of ACCOUNT."""
    from rich.console import Console
    from rich.markup import escape

    from trustworks.analysis import analyze
    from trustworks.ingest import DEFAULT_MAX_BYTES, decode_text, parse, read_source
    from trustworks.ledger.due_dates import call_date
    from trustworks.ledger.log import log_conversation

    day = parse_date(on, "--date")
    data, source = read_source(file, DEFAULT_MAX_BYTES)
    text = decode_text(data, source)
    conversation = parse(text, source, _input_format(input_format))
    analysis = analyze(conversation, seller or None, settings=_settings(conversation, learned))
    ledger = open_db(db)
    with ledger.session() as session:
        logged = log_conversation(
            session,
            analysis,
            account=account,
            occurred_on=day,
            channel=channel,
            purpose=purpose,
            person=person,
            notes=notes,
            transcript=text,
        )
        ident = logged.interaction.id
        logged_on = logged.interaction.occurred_on
        proposed = [(c.id, c.side, c.by, c.what, c.due) for c in logged.proposed]
    console = Console(highlight=False)
    t = analysis.trust
    console.print(
        f"saved interaction {ident}: trust {t.trust:.2f} (C {t.credibility:.1f}, "
        f"R {t.reliability:.1f}, I {t.intimacy:.1f}, S {t.self_orientation:.1f}), "
        f"{counted(logged.findings, 'finding')}"
    )
    if on is None and call_date(conversation.metadata) is None:
        # Promises' weekdays were read against this day (or against the dates the call names).
        console.print(
            f"dated today, {logged_on}: the file does not say when the call was; "
            "--date YYYY-MM-DD gives its day",
            style="dim",
        )
    if proposed:
        console.print(f"{counted(len(proposed), 'commitment')} heard, waiting for confirmation:")
        for number, side, by, what, due in proposed:
            when = f" (due {due})" if due else ""
            console.print(escape(f"  {number}: [{side}] {by}: {what}{when}"))
        ids = " ".join(str(p[0]) for p in proposed)
        console.print(f"confirm with: trustworks ledger confirm {ids}")


REFLECTION_QUESTIONS = (
    ("good_use_of_time", "Was this a good use of their time?"),
    ("felt_respected", "Did they feel respected?"),
    ("gave_value", "Did I give them something of value?"),
    ("world_better", "Is their world better than before?"),
)


@app.command("reflect")
def reflect_command(
    interaction: Annotated[str, typer.Argument(help="The interaction's id.")],
    values: ValuesArg = None,
    db: DbOption = None,
) -> None:
    """Write the servant reflection on an interaction; asks the questions when no FIELD=VALUE."""
    from trustworks.ledger import repository

    answers = parse_assignments(values)
    ledger = open_db(db)
    with ledger.session() as session:
        repository.get(session, "interaction", interaction)  # fail before asking anything
    if not answers:
        answers = _ask_reflection()
    with ledger.session() as session:
        row = repository.add(session, "reflection", {"interaction": interaction, **answers})
        ident = row.id  # type: ignore[attr-defined]
    typer.echo(f"added reflection {ident} on interaction {interaction}")


def _ask_reflection() -> dict[str, str]:
    answers: dict[str, str] = {}
    for field, question in REFLECTION_QUESTIONS:
        reply = typer.prompt(f"{question} [yes/no/skip]", default="skip", show_default=False)
        while reply.strip().lower() not in ("yes", "y", "no", "n", "skip", ""):
            reply = typer.prompt("Please answer yes, no or skip", default="skip")
        answer = reply.strip().lower()
        if answer not in ("skip", ""):
            answers[field] = "yes" if answer.startswith("y") else "no"
    answers["learned_about_goals"] = typer.prompt(
        "What did I learn about their goals?", default="", show_default=False
    )
    answers["notes"] = typer.prompt("Anything else?", default="", show_default=False)
    return answers


def describe_type(annotation: Any, *, ref: str | None = None) -> str:
    """A field's type in words: "date (YYYY-MM-DD)", "one of: us, client", "id or name"..."""
    if ref is not None:
        return f"{ref}: id or name" if ref in ("account", "person") else f"{ref} id"
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(args) == 1:
        return describe_type(args[0])
    if get_origin(annotation) is Annotated:
        return describe_type(args[0])
    if get_origin(annotation) is Literal:
        return "one of: " + ", ".join(str(a) for a in get_args(annotation))
    names = {
        str: "text",
        bool: "yes or no",
        int: "whole number",
        float: "number",
        Decimal: "amount, exact to the cent (1250.50)",
    }
    if annotation is dt.date:
        return "date (YYYY-MM-DD)"
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _cell(value: Any) -> str:
    """A value as table text; user text is escaped so Rich shows it rather than styling it."""
    from rich.markup import escape

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    return escape(str(value))
