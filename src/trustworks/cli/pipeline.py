"""`trustworks pipeline`: the deals by stage with what each stage rests on, and `pipeline move`
to move a deal with its evidence. Thin shells over trustworks.ledger.pipeline."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.common import console, parse_date, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.plural import counted

if TYPE_CHECKING:
    from trustworks.ledger.pipeline import DealCard, Move, Pipeline

# The ledger and Rich are imported inside the commands: `--help` needs neither.

pipeline_app = typer.Typer(
    help="The deals by stage, with the evidence each stage rests on and the rules' flags.",
    invoke_without_command=True,
)
app.add_typer(pipeline_app, name="pipeline")

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@pipeline_app.callback()
def pipeline_command(
    ctx: typer.Context,
    seller: Annotated[
        str | None, typer.Option("--seller", help="Only deals this seller owns.")
    ] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="Only deals at this stage.")] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="The day to look from, YYYY-MM-DD (default today).", show_default=False
        ),
    ] = None,
    closed_days: Annotated[
        int, typer.Option("--closed-days", help="Won and lost deals closed within these days.")
    ] = 90,
    every: Annotated[
        bool, typer.Option("--all", help="Every won and lost deal, however long ago.")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The deals by stage: value, days at the stage, latest trust, open promises, what the
    stage rests on and the rules that flag it (`trustworks pipeline --stage proposal`)."""
    if ctx.invoked_subcommand is not None:
        return
    from trustworks.errors import FieldError
    from trustworks.ledger.pipeline import pipeline

    day = parse_date(date, "--date") or dt.date.today()
    if closed_days < 0:
        raise FieldError("--closed-days", "must be 0 or more")
    ledger = open_db(db)
    try:
        with ledger.reading() as session:
            board = pipeline(
                session,
                day,
                seller=seller,
                stage=stage,
                closed_days=None if every else closed_days,
            )
    finally:
        ledger.close()
    if as_json:
        print_json({"date": board.today, "columns": board.columns})
    else:
        _render(board)


@pipeline_app.command("move")
def move_command(
    deal: Annotated[str, typer.Argument(help="The deal's id.")],
    stage: Annotated[str, typer.Argument(help="The stage it moves to.")],
    note: Annotated[str | None, typer.Option("--note", help="What the move rests on.")] = None,
    interaction: Annotated[
        str | None,
        typer.Option("--interaction", help="The id of the conversation the move rests on."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", help="The day it entered the stage (default today).", show_default=False
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Move a deal to a stage with its evidence: a note, a conversation, or both
    (`trustworks pipeline move 4 proposal --note "sent it on the 3rd"`)."""
    from trustworks.ledger.pipeline import move_stage

    day = parse_date(on, "--on")
    ledger = open_db(db)
    try:
        with ledger.session() as session:
            moved = move_stage(
                session, None, deal, stage, note=note, interaction=interaction, on=day
            )
    finally:
        ledger.close()
    if as_json:
        print_json(moved)
    else:
        _render_move(moved)


def _render(board: Pipeline) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    cards = board.deals
    if not cards:
        out.print(f"No deals on {board.today}.")
        return
    table = Table(
        "id",
        "deal",
        "account",
        "stage",
        "value",
        "days",
        "trust",
        "promises ours/theirs",
        "rests on",
        "flags",
        title=f"{counted(len(cards), 'deal')} on {board.today}",
        title_justify="left",
        title_style="bold",
    )
    for card in cards:
        flags = Text()
        for flag in card.flags:
            flags.append(flag.rule, style="yellow" if flag.severity != "high" else "bold red")
            flags.append("\n")
        flags.rstrip()
        table.add_row(
            str(card.id),
            card.name,
            card.account,
            card.stage,
            _money(card),
            "" if card.stage_age_days is None else str(card.stage_age_days),
            "" if card.trust is None else f"{card.trust:.1f} {card.trust_direction}",
            f"{len(card.ours)}/{len(card.theirs)}",
            _rests_on(card),
            flags,
        )
    out.print(table)
    totals = []
    for column in board.columns:
        if column.deals:
            value = ", ".join(
                f"{amount:,.2f}{' ' + cur if cur else ''}" for cur, amount in column.value.items()
            )
            totals.append(f"{column.stage} {len(column.deals)}{f' ({value})' if value else ''}")
    out.print("By stage: " + "; ".join(totals))


def _money(card: DealCard) -> str:
    if card.amount is None:
        return ""
    return f"{card.amount:,.2f}{' ' + card.currency if card.currency else ''}"


def _rests_on(card: DealCard) -> str:
    if not card.evidence:
        return "" if card.stage == "prospect" else "nothing recorded"
    last = card.evidence[-1]
    more = f" (+{len(card.evidence) - 1})" if len(card.evidence) > 1 else ""
    return f"{last.stage}: {last.text}{more}"


def _render_move(moved: Move) -> None:
    console().print(
        f"deal {moved.deal_id}: {moved.from_stage} -> {moved.to_stage} on {moved.entered_on}, "
        f"by {moved.changed_by}; evidence {moved.evidence_id} recorded"
    )
