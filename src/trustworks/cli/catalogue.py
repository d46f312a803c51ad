"""`trustworks signals` and `trustworks explain`: browse the signal catalogue."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import FAMILIES
from trustworks.cli.common import console as plain_console
from trustworks.plural import counted

# The catalogue and Rich are imported inside the commands: `--help` needs neither.


@app.command("signals")
def signals_command(
    family: Annotated[
        str | None, typer.Option(help=f"Only this family: {', '.join(FAMILIES)}.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="The Markdown reference (docs/signals.md).")
    ] = False,
) -> None:
    """List the signal catalogue."""
    from rich.console import Console
    from rich.table import Table

    from trustworks.signals import default_catalogue
    from trustworks.signals.docs import catalogue_markdown

    catalogue = default_catalogue()
    if as_markdown:
        sys.stdout.write(catalogue_markdown(catalogue) + "\n")
        return
    if family is not None and family not in FAMILIES:
        raise typer.BadParameter(f"unknown family {family!r}; choose from {', '.join(FAMILIES)}")
    signals = catalogue.family(family) if family else list(catalogue)
    if as_json:
        payload = [s.model_dump(exclude={"patterns", "exclude"}) for s in signals]
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
        return
    rows: list[tuple[str, ...]] = [
        (
            s.id,
            s.family,
            s.component,
            "+" if s.polarity > 0 else "-",
            f"{s.weight:g}",
            s.detector or "phrases",
        )
        for s in signals
    ]
    if not sys.stdout.isatty():
        # Piped (`trustworks signals | grep price`): whole ids, one line per signal.
        sys.stdout.write(_columns(rows) + "\n")
        return
    table = Table(title=counted(len(signals), "signal"), title_justify="left")
    # Ids are never cut short with "…" or split: an id is only useful whole (for `explain`);
    # the other columns wrap instead.
    table.add_column("id", no_wrap=True, min_width=max((len(r[0]) for r in rows), default=2))
    for column in COLUMNS[1:]:
        table.add_column(column)
    for row in rows:
        sign = "[green]+[/green]" if row[3] == "+" else "[red]−[/red]"
        table.add_row(*row[:3], sign, *row[4:])
    Console(highlight=False).print(table)


COLUMNS = ("id", "family", "component", "±", "weight", "found by")


def _columns(rows: list[tuple[str, ...]]) -> str:
    """Rows as plain text in aligned columns, as wide as their longest cell, under a header."""
    lines = [COLUMNS, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


@app.command("explain")
def explain_command(
    signal_id: Annotated[str, typer.Argument(help="A signal id from `trustworks signals`.")],
) -> None:
    """Show one signal: why it matters, what to do instead, and its examples."""
    from rich.markup import escape

    from trustworks.signals import default_catalogue

    s = default_catalogue().signal(signal_id)
    console = plain_console()
    sign = "builds trust" if s.polarity > 0 else "spends trust"
    console.print(f"[bold]{s.id}[/bold]  ({s.family}, {s.component}, {sign}, weight {s.weight:g})")
    # Catalogue text is escaped: a rewrite's "[day]" slot is not Rich markup.
    console.print(f"\n[bold]Why it matters[/bold]\n{escape(s.description)}")
    console.print(f"\n[bold]What to do[/bold]\n{escape(s.coaching)}")
    if s.rewrite:
        console.print(f"\n[bold]Say instead[/bold]\n{escape(s.rewrite)}")
    if s.rewrite_fallback:
        console.print(
            "\n[bold]Or, when the words in braces can't be kept[/bold]\n"
            + escape(s.rewrite_fallback)
        )
    found_by = (
        f"the {s.detector} detector" if s.detector else counted(len(s.patterns), "phrase pattern")
    )
    console.print(f"\n[bold]Found by[/bold] {found_by}")
    console.print("\n[bold]Fires on[/bold]")
    for example in s.examples:
        console.print("  • " + escape(example).replace("\n", "\n    "))
    console.print("\n[bold]Does not fire on[/bold]")
    for example in s.near_misses:
        console.print("  • " + escape(example).replace("\n", "\n    "))


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of `analyze --format json` output."""
    from trustworks.report.schema import AnalysisDocument

    sys.stdout.write(json.dumps(AnalysisDocument.model_json_schema(), indent=2) + "\n")
