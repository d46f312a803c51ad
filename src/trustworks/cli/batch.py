"""`trustworks batch run` and `trustworks batch report`: thin shells over trustworks.batch.

Exit codes of `batch run`: 0 every record analysed; 2 the run could not start (no inputs, an
output written with other settings); 3 done, but some records were quarantined; 4 some
partitions failed (a worker died, say): re-run the same command to retry just those.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import DEFAULT_MAX_BYTES, DEFAULT_PARTITION_BYTES, FORMATS
from trustworks.plural import counted

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.table import Table

    from trustworks.batch import BatchSummary, PartResult
    from trustworks.batch.aggregate import Aggregates, GroupStats

# trustworks.batch (Dask, pandas, pyarrow, matplotlib) and Rich are imported inside the
# commands: `--help` needs none of them.

EXIT_QUARANTINED = 3
EXIT_PARTITIONS_FAILED = 4
# Column headers short enough for an 80-column terminal, in the order of SCORES.
_SHORT = ("cred.", "rel.", "int.", "self-or.", "trust")
_TREND_GROUPS = 5

batch_app = typer.Typer(
    help="Analyse a whole archive of conversations on Dask, then report per seller and team.",
    no_args_is_help=True,
)
app.add_typer(batch_app, name="batch")


class _Bar:
    """The runner's progress, as a Rich progress bar over partitions."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("partitions", total=None)
        self.utterances = 0

    def planned(self, total: int, done: int) -> None:
        self.progress.update(self.task, total=total, completed=done)

    def finished(self, result: PartResult) -> None:
        self.utterances += result.utterances
        self.progress.update(
            self.task, advance=1, description=f"{self.utterances:,} utterances analysed"
        )


def _summary_table(summary: BatchSummary) -> Table:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Batch {escape(summary.output)}", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    rows = [
        ("partitions", f"{summary.partitions:,}"),
        ("  computed now", f"{summary.computed:,}"),
        ("  already written (skipped)", f"{summary.skipped:,}"),
        ("  failed", f"{len(summary.failed):,}"),
        ("conversations", f"{summary.conversations:,}"),
        ("utterances", f"{summary.utterances:,}"),
        ("findings", f"{summary.findings:,}"),
        ("quarantined records", f"{summary.quarantined:,}"),
        ("seconds", f"{summary.seconds:,.1f}"),
        ("utterances/s (this run)", f"{summary.utterances_per_second:,.0f}"),
    ]
    for what, value in rows:
        table.add_row(what, value)
    return table


@batch_app.command("run")
def run_command(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Transcript files, directories, globs, or JSONL/Parquet tables."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The output directory.")],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a Dask scheduler (tcp://host:8786); default: this machine."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Worker processes of the local cluster (default: one per core)."),
    ] = None,
    seller: Annotated[
        list[str] | None,
        typer.Option("--seller", "-s", help="Seller for records that name none (repeatable)."),
    ] = None,
    team: Annotated[str | None, typer.Option(help="Team for records that name none.")] = None,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help=f"Transcript files' format: {', '.join(FORMATS)}."),
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Transcript files' encoding.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Quarantine files larger than this.")] = (
        DEFAULT_MAX_BYTES
    ),
    partition_mb: Annotated[
        float, typer.Option(help="Input megabytes per partition (one task each).")
    ] = DEFAULT_PARTITION_BYTES / 2**20,
    learned: Annotated[
        bool,
        typer.Option(
            "--learned",
            help="Retired: the semantic layer runs in every analysis; accepted and ignored.",
            hidden=True,
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Analyse every conversation into Parquet tables; re-run to resume an interrupted run."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from trustworks.batch import BatchSettings, run_batch

    if input_format is not None and input_format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--input-format")
    settings = BatchSettings(
        seller=tuple(seller or ()),
        team=team,
        input_format=input_format,
        encoding=encoding,
        max_bytes=max_bytes,
        learned=learned,
        partition_bytes=max(1, int(partition_mb * 2**20)),
    )
    console = Console(stderr=True, highlight=False)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=as_json,
    ) as progress:
        summary = run_batch(
            inputs, output, settings, scheduler=scheduler, workers=workers, progress=_Bar(progress)
        )
    if as_json:
        sys.stdout.write(summary.to_json())
    else:
        Console(highlight=False).print(_summary_table(summary))
    # Plain lines, never wrapped: scripts and people grep them.
    for failure in summary.failed:
        typer.echo(f"partition failed: {failure}", err=True)
    if summary.failed:
        typer.echo("Re-run the same command to retry the failed partitions.", err=True)
        raise typer.Exit(EXIT_PARTITIONS_FAILED)
    if summary.quarantined:
        where = output / "quarantine.jsonl"
        typer.echo(f"{counted(summary.quarantined, 'record')} quarantined: see {where}", err=True)
        raise typer.Exit(EXIT_QUARANTINED)


def _fmt(value: Any) -> str:
    if value is None or value != value:  # None or NaN
        return "–"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _group_tables(stats: GroupStats, top: int) -> list[Table]:
    from rich.markup import escape
    from rich.table import Table

    from trustworks.batch.aggregate import SCORES

    by = stats.by
    summary = Table(title=f"By {by}: calls, pouncing and price-dodge rates, median scores")
    columns = ["conversations", "pouncing_rate", "price_dodge_rate"]
    columns += [f"median_{s}" for s in SCORES]
    summary.add_column(by)
    for header in ("calls", "pounce", "dodge", *_SHORT):
        summary.add_column(header, justify="right")
    for row in stats.summary.head(top).to_dict(orient="records"):
        summary.add_row(escape(str(row[by])), *(_fmt(row[c]) for c in columns))

    spread = Table(title=f"By {by}: median (25th-75th percentile); --json has 10th-90th too")
    spread.add_column(by)
    for header in _SHORT:
        spread.add_column(header, justify="right")
    quantiles = stats.quantiles.set_index([by, "score"])
    for group in stats.summary[by].head(top):
        cells = []
        for score in SCORES:
            q = quantiles.loc[(group, score)]
            cells.append(f"{q['p50']:.1f} ({q['p25']:.1f}-{q['p75']:.1f})")
        spread.add_row(escape(str(group)), *cells)

    negative = Table(title=f"By {by}: most frequent negative signals")
    for name in (by, "signal", "findings", "share of conversations"):
        negative.add_column(name, justify="right" if name in {"findings"} else "left")
    rows = stats.negative.to_dict(orient="records")
    for group in stats.summary[by].head(top):  # in the summary's order, largest first
        for row in (r for r in rows if r[by] == group):
            negative.add_row(
                escape(str(group)), row["signal"], str(row["findings"]), f"{row['share']:.0%}"
            )

    # Months down, the largest groups across: a column per group stays readable.
    shown = list(stats.summary[by].head(min(top, _TREND_GROUPS)))
    trend = Table(title=f"By {by}: mean trust by month (conversations)")
    trend.add_column("month")
    for group in shown:
        trend.add_column(escape(str(group)), justify="right")
    by_month = {(r[by], r["month"]): r for r in stats.monthly.to_dict(orient="records")}
    for month in sorted({m for _, m in by_month}):
        row = []
        for group in shown:
            found = by_month.get((group, month))
            row.append(f"{found['trust']:.2f} ({found['conversations']})" if found else "–")
        trend.add_row(month, *row)
    return [summary, spread, negative, trend]


def _print_aggregates(aggregates: Aggregates, top: int) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False)
    console.print(
        f"{escape(aggregates.output)}: {counted(aggregates.conversations, 'conversation')}, "
        f"{counted(aggregates.negative_findings, 'negative finding')}"
    )
    if aggregates.uncertain_sellers:
        console.print(
            f"[yellow]{counted(aggregates.uncertain_sellers, 'conversation')} with an uncertain "
            "inferred "
            "seller: their scores may be the client's. Find them by the conversations table's "
            "seller_uncertain column and name the seller (a record's seller, or --seller).[/yellow]"
        )
    for stats in (aggregates.by_seller, aggregates.by_team):
        for table in _group_tables(stats, top):
            console.print(table)


@batch_app.command("report")
def report_command(
    output: Annotated[Path, typer.Argument(help="A `batch run` output directory.")],
    top: Annotated[int, typer.Option(help="Groups shown, and negative signals per group.")] = 10,
    charts: Annotated[
        bool, typer.Option("--charts/--no-charts", help="Write PNG/SVG charts and index.html.")
    ] = True,
    charts_dir: Annotated[
        Path | None, typer.Option(help="Where the charts go (default OUTPUT/report).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the aggregates as JSON.")] = False,
) -> None:
    """Per-seller and per-team aggregates of a batch output, as tables, charts and a page."""
    from trustworks.batch.aggregate import aggregate
    from trustworks.batch.charts import write_report

    aggregates = aggregate(output, top=top)
    written = write_report(aggregates, charts_dir) if charts else None
    if as_json:
        sys.stdout.write(json.dumps(aggregates.to_dict(), indent=2, default=str) + "\n")
    else:
        _print_aggregates(aggregates, top)
    if written is not None:
        typer.echo(f"Charts and page: {written['html']}", err=True)
