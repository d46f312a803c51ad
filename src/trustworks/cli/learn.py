"""`trustworks train`: retrain the learned utterance classifier from CaSiNo."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app

if TYPE_CHECKING:
    from rich.console import Console

    from trustworks.learn import TrainingReport

# trustworks.learn (numpy, scikit-learn) and Rich are imported inside the command.
# Where CaSiNo is looked for when --data is not given (trustworks.learn.data finds it).
CASINO_DEFAULT = "$TRUSTWORKS_CASINO_DIR, else shared/data/casino beside the project"


def _render(report: TrainingReport, console: Console) -> None:
    from rich.table import Table

    table = Table(
        title=f"Test split ({report.model.metadata['test_scores']['utterances']} utterances, "
        "never trained on)",
        title_justify="left",
    )
    for column in ("label", "precision", "recall", "F1", "support", "C"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for s in report.test:
        c = report.model.metadata["labels"][s.label]["C"]
        table.add_row(
            s.label,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.support),
            f"{c:g}",
        )
    table.add_section()
    table.add_row("macro", "", "", f"[bold]{report.macro_f1:.3f}[/bold]", "", "")
    console.print(table)
    console.print(
        f"wrote {report.path} ({report.size / 1e6:.1f} MB) in {report.seconds:.0f} s; "
        f"trained on {report.model.metadata['utterances']} utterances (train + valid)"
    )


@app.command("train")
def train_command(
    data: Annotated[
        Path | None,
        typer.Option(
            help="Folder with casino_{train,valid,test}.json.", show_default=CASINO_DEFAULT
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write the model.", show_default="the packaged model"),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the cross-validation folds.")] = 0,
) -> None:
    """Retrain the learned classifier on CaSiNo train+valid and score it on the test split."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from trustworks.learn import DEFAULT_DATA_DIR, retrain

    console = Console(highlight=False, stderr=True)
    with Progress(
        TextColumn("training {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def step(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=label)

        report = retrain(data or DEFAULT_DATA_DIR, out, seed=seed, progress=step)
    _render(report, Console(highlight=False))
