"""`trustworks import`, `export`, `backup` and `restore`: ledger data in and out of files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import BUILTIN_MAPPINGS, DEFAULT_MAX_BYTES
from trustworks.cli.db import DbOption, open_db
from trustworks.errors import OutputError
from trustworks.plural import counted

if TYPE_CHECKING:
    from trustworks.ledger.database import Ledger
    from trustworks.ledger.imports import ImportReport, ProgressCallback

# The ledger and Rich are imported inside the commands: `--help` needs neither.

# Imports shorter than this finish before a bar would be worth drawing.
_BAR_FROM_ROWS = 500


class ImportKind(StrEnum):
    accounts = "accounts"
    people = "people"
    deals = "deals"


class UnmatchedOwners(StrEnum):
    refuse = "refuse"
    nobody = "nobody"


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


@contextmanager
def _ledger(db: str | None) -> Iterator[Ledger]:
    ledger = open_db(db)
    try:
        yield ledger
    finally:
        ledger.close()


@app.command("import")
def import_command(
    kind: Annotated[ImportKind, typer.Argument(help="What the file holds.")],
    file: Annotated[str, typer.Argument(help="The CSV export; - for standard input.")],
    mapping: Annotated[
        str,
        typer.Option(
            "--mapping", "-m", help=f"{', '.join(BUILTIN_MAPPINGS)}, or a mapping .toml file."
        ),
    ],
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the valid rows and list the others.")
    ] = False,
    encoding: Annotated[
        str | None, typer.Option(help="The file's encoding when it is not UTF-8 (e.g. cp1252).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse files larger than this.")] = (
        DEFAULT_MAX_BYTES
    ),
    owner: Annotated[
        str | None,
        typer.Option(
            "--owner", help="The user who owns rows (and new accounts) that name no owner."
        ),
    ] = None,
    owners: Annotated[
        str | None,
        typer.Option(
            "--owners",
            help="A CSV of owner,user rows linking the export's owner texts to users.",
        ),
    ] = None,
    unmatched_owners: Annotated[
        UnmatchedOwners,
        typer.Option(
            "--unmatched-owners",
            help="Owners that match no user: refuse the import (listing them), or import "
            "those rows owned by nobody.",
        ),
    ] = UnmatchedOwners.refuse,
    db: DbOption = None,
) -> None:
    """Import accounts, people or deals from a CSV export, all rows or none."""
    from trustworks.ledger.imports import import_file
    from trustworks.ledger.owners import Owners, read_owners_table

    table, lines, table_source = read_owners_table(owners) if owners else ({}, {}, "")
    linking = Owners(table, table_source, lines, owner, unmatched_owners.value)
    with _ledger(db) as ledger, _progress_bar() as on_progress:
        report = import_file(
            ledger,
            kind.value,
            file,
            mapping,
            skip_invalid=skip_invalid,
            encoding=encoding,
            max_bytes=max_bytes,
            progress=on_progress,
            owners=linking,
        )
    _render_import(report)


def _render_import(report: ImportReport) -> None:
    lines = [report.summary()]
    lines += [f"  skipped {report.source}:{line}: {problem}" for line, problem in report.skipped]
    if report.missing_columns:
        shown = ", ".join(f'"{c}"' for c in report.missing_columns)
        lines.append(f"  not in the file, so those fields were left as they were: {shown}")
    if report.footer_line is not None:
        lines.append(f"  stopped at the blank line {report.footer_line}: the rest is a footer")
    for text, name, rows in report.owners_linked:
        lines.append(f"  owner {text!r} is {name} ({counted(rows, 'row')})")
    for line, text in report.unmatched_owners:
        lines.append(f"  {report.source}:{line}: owner {text!r} matches no user: owned by nobody")
    if report.unowned:
        lines.append(
            f"  {counted(len(report.unowned), 'account')} without an owner, which no seller "
            "sees until a manager or admin sets one: "
            + ", ".join(f"{name} (line {line})" for line, name in report.unowned[:10])
            + (f" and {len(report.unowned) - 10} more" if len(report.unowned) > 10 else "")
        )
    typer.echo("\n".join(lines))


@contextmanager
def _progress_bar() -> Iterator[ProgressCallback]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    bar = Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("importing", total=None, visible=False)
    started = False

    def on_progress(done: int, total: int) -> None:
        nonlocal started
        # Started only once the rows are checked and many: bad input fails with no half bar.
        if not started and total >= _BAR_FROM_ROWS and console.is_terminal:
            bar.start()
            bar.update(task, visible=True)
            started = True
        if started:
            bar.update(task, completed=done, total=total)

    try:
        yield on_progress
    finally:
        if started:
            bar.stop()


@app.command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="One JSON document, or CSVs.")] = (
        ExportFormat.json
    ),
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File (json; default stdout) or folder (csv)."),
    ] = None,
    db: DbOption = None,
) -> None:
    """Export every table of the ledger: one JSON document, or a folder of one CSV per table."""
    from trustworks.ledger.export import backup, export_csv

    if fmt is ExportFormat.csv and output is None:
        raise typer.BadParameter("--format csv writes a folder: give --output FOLDER")
    with _ledger(db) as ledger:
        if output is None:
            _to_stdout(ledger)
            return
        counts = export_csv(ledger, output) if fmt is ExportFormat.csv else backup(ledger, output)
    rows, tables = counted(sum(counts.values()), "row"), counted(len(counts), "table")
    typer.echo(f"exported {rows} of {tables} to {output}")


def _to_stdout(ledger: Ledger) -> None:
    from trustworks.files import describe
    from trustworks.ledger.export import write_json

    try:
        write_json(ledger, sys.stdout)
        sys.stdout.flush()
    except OSError as exc:
        # Whatever was buffered cannot be written either: drop it, so exiting stays quiet.
        with suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        problem = f"could not write it: {describe(exc)}; what was written is incomplete"
        raise OutputError("standard output", problem) from exc


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="The JSON file to write (replaced atomically).")],
    db: DbOption = None,
) -> None:
    """Write the whole ledger, ids and all, to a JSON file that `restore` reads back."""
    from trustworks.ledger.export import backup

    with _ledger(db) as ledger:
        counts = backup(ledger, file)
    typer.echo(f"backed up {counted(sum(counts.values()), 'row')} to {file}")


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A file written by `trustworks backup`.")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Wipe a ledger that is not empty first.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Load a backup into an empty ledger, keeping every id; all of it or nothing."""
    from trustworks.ledger.export import restore

    with _ledger(db) as ledger:
        report = restore(ledger, file, replace=replace)
    typer.echo(report.summary())
