"""`trustworks review`: the end-of-day review, asked question by question (or read from a file),
recorded through trustworks.ledger.review."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trustworks.cli.app import app
from trustworks.cli.common import parse_date, print_json
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import FieldError, InputError
from trustworks.plural import counted

if TYPE_CHECKING:
    from trustworks.ledger.review import ReviewDone
    from trustworks.ledger.today import InteractionItem

# The ledger and Rich are imported inside the commands: `--help` needs neither.

ANSWERS_HELP = (
    'A JSON file {"conversations": {"<interaction id>": {"<question>": "yes"|"no"|text}}, '
    '"notes": "..."}; without it, asks question by question.'
)


def _read_answers(path: Path) -> tuple[dict[int, dict[str, object]], str | None]:
    name = str(path)
    try:
        doc: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot be read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(name, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("conversations", {}), dict):
        raise InputError(name, 'expected {"conversations": {...}, "notes": "..."}')
    answers: dict[int, dict[str, object]] = {}
    for key, given in doc.get("conversations", {}).items():
        if not (str(key).isascii() and str(key).isdigit()) or not isinstance(given, dict):
            raise InputError(
                name, f"conversations[{key!r}]: expected an interaction id and answers"
            )
        answers[int(key)] = dict(given)
    notes = doc.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise InputError(name, "notes: expected text")
    return answers, notes


def _ask_yes_no(prompt: str) -> bool | None:
    from trustworks.ledger.review import parse_yes_no

    while True:
        reply = typer.prompt(f"  {prompt} [y/n, enter to skip]", default="", show_default=False)
        try:
            return parse_yes_no(reply, prompt)
        except FieldError:
            typer.echo("  answer y or n, or press enter to skip")


def _ask(waiting: tuple[InteractionItem, ...]) -> tuple[dict[int, dict[str, object]], str]:
    from rich.console import Console
    from rich.markup import escape

    from trustworks.ledger.review import QUESTIONS

    console = Console(highlight=False)
    answers: dict[int, dict[str, object]] = {}
    for number, item in enumerate(waiting, start=1):
        trust = f", trust {item.trust:.2f}" if item.trust is not None else ""
        console.print(
            f"\n[bold]{number}/{len(waiting)} {escape(item.account)}[/bold]: {item.channel}, "
            f"{item.purpose.replace('_', ' ')} on {item.occurred_on.isoformat()}{trust}"
        )
        given: dict[str, object] = {}
        for question in QUESTIONS:
            if question.kind == "yes_no":
                given[question.field] = _ask_yes_no(question.prompt)
            else:
                given[question.field] = typer.prompt(
                    f"  {question.prompt}", default="", show_default=False
                )
        answers[item.id] = given
    notes = typer.prompt("\nWhat did I learn today?", default="", show_default=False)
    return answers, notes


@app.command("review")
def review_command(
    seller: Annotated[str, typer.Option("--seller", help="Whose day is reviewed.")],
    date: Annotated[
        str | None, typer.Option("--date", help="The day (YYYY-MM-DD); default today.")
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers", help=ANSWERS_HELP, exists=True, dir_okay=False),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what was recorded as JSON.")
    ] = False,
    db: DbOption = None,
) -> None:
    """End the day: the servant-selling questions for each conversation still waiting for a
    reflection, then the day marked reviewed and the streak."""
    from trustworks.ledger.review import finish_review, to_review

    day = parse_date(date, "--date") or dt.date.today()
    ledger = open_db(db)
    try:
        # No transaction stays open while the seller thinks about an answer.
        with ledger.session() as session:
            waiting = to_review(session, seller, day)
        if answers_file is not None:
            answers, notes = _read_answers(answers_file)
        elif waiting or not as_json:
            if not waiting:
                typer.echo("No conversation is waiting for a reflection.")
            answers, notes = _ask(waiting)
        else:
            answers, notes = {}, None
        with ledger.session() as session:
            done = finish_review(session, seller, day, answers, notes)
    finally:
        ledger.close()
    if as_json:
        print_json(done)
        return
    _render(done, len(waiting))


def _render(done: ReviewDone, waiting: int) -> None:
    left = waiting - len(done.reflected)
    still = f"; {left} still waiting" if left else ""
    typer.echo(
        f"Reflected on {len(done.reflected)} of {counted(waiting, 'conversation')}{still}. "
        f"{done.mark.day.isoformat()} is marked reviewed"
        f"{'' if done.mark.created else ' (it already was)'}. "
        f"Streak: {counted(done.streak, 'day')}."
    )
