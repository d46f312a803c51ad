"""`trustworks eval casino`: accuracy against CaSiNo's human annotations, as tables or JSON."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from trustworks.cli.app import app
from trustworks.evaluate import (
    AIM_LABEL_F1,
    AIM_MACRO_F1,
    PREDICTORS,
    EvaluationReport,
    ProtocolResult,
    Step,
    evaluate_casino,
)
from trustworks.learn import DEFAULT_DATA_DIR

eval_app = typer.Typer(
    help="Measure Trustworks against human-annotated data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


class ProtocolOption(StrEnum):
    SPLIT = "split"
    CV = "cv"
    BOTH = "both"


def _predictors(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    unknown = [n for n in names if n not in PREDICTORS]
    if unknown or not names:
        raise typer.BadParameter(f"choose from {', '.join(PREDICTORS)} (comma-separated)")
    return list(dict.fromkeys(names))


@eval_app.command("casino")
def casino_command(
    data: Annotated[
        Path, typer.Option("--data", help="Folder with casino_{train,valid,test}.json.")
    ] = DEFAULT_DATA_DIR,
    protocol: Annotated[
        ProtocolOption,
        typer.Option(help="split: train on train+valid, score test; cv: grouped 5-fold."),
    ] = ProtocolOption.BOTH,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    predictors: Annotated[
        str, typer.Option(help=f"Comma-separated, from {','.join(PREDICTORS)}.")
    ] = ",".join(PREDICTORS),
    seed: Annotated[int, typer.Option(help="Seed for the folds and every model.")] = 0,
    jobs: Annotated[
        int, typer.Option(min=1, help="Models trained at once (default: one per CPU).")
    ] = os.cpu_count() or 1,
) -> None:
    """Per-label precision, recall and F1 on the CaSiNo strategy annotations."""
    chosen = _predictors(predictors)
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks: list[TaskID] = []

    def on_step(step: Step) -> None:
        # Started on the first step, once the data has loaded: a bad --data then fails
        # with its one-line error and no half-drawn bar.
        if not tasks:
            bar.start()
            tasks.append(bar.add_task("training", total=step.total))
        where = f"trained {step.predictor} ({step.protocol}, {step.fold})" if step.done else ""
        bar.update(tasks[0], completed=step.done, description=where or "training")

    try:
        report = evaluate_casino(
            data, protocol.value, chosen, seed=seed, jobs=jobs, progress=on_step
        )
    finally:
        if tasks:
            bar.stop()
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    _render(report, Console(highlight=False))


# Column headings of the confusion table, short enough for an 80-column terminal.
_SHORT = {
    "small-talk": "small",
    "showing-empathy": "empathy",
    "elicit-pref": "elicit",
    "promote-coordination": "coord",
    "self-need": "self",
    "uv-part": "uv",
}


def _num(value: float) -> str:
    # ".74" rather than "0.74": four predictors side by side then fit 90 columns.
    return f"{value:.2f}".removeprefix("0")


def _cell(precision: float, recall: float, f1: float) -> str:
    return f"{_num(precision)} {_num(recall)} [bold]{_num(f1)}[/bold]"


def _render(report: EvaluationReport, console: Console) -> None:
    console.print(
        f"CaSiNo: {report.utterances} annotated utterances in {report.dialogues} dialogues "
        f"({report.data_dir}); seed {report.seed}; {report.seconds:.1f} s"
    )
    for result in report.protocols:
        _render_scores(result, console)
        _render_confusion(result, console)


def _title(result: ProtocolResult) -> str:
    if result.protocol == "split":
        fold = result.folds[0]
        return (
            f"split: trained on train+valid ({fold.train_utterances} utterances), "
            f"scored on test ({fold.test_utterances})"
        )
    return f"cv: {len(result.folds)}-fold cross-validation grouped by dialogue, counts summed"


def _render_scores(result: ProtocolResult, console: Console) -> None:
    table = Table(title=_title(result), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("label", no_wrap=True)
    table.add_column("n", justify="right", min_width=4)
    for r in result.results:
        table.add_column(f"{r.predictor}\nP   R   F1", justify="right", no_wrap=True, min_width=14)
    first = result.results[0]
    for row, score in enumerate(first.labels):
        cells = [
            _cell(r.labels[row].precision, r.labels[row].recall, r.labels[row].f1)
            for r in result.results
        ]
        table.add_row(score.label, str(score.support), *cells)
    table.add_section()
    table.add_row("macro-F1", "", *(f"[bold]{_num(r.macro_f1)}[/bold]" for r in result.results))
    if len(result.folds) > 1:
        table.add_row(
            "per fold",
            "",
            *(f"{_num(r.macro_f1_mean)} ± {_num(r.macro_f1_sd)}" for r in result.results),
        )
    table.add_row(
        "aim met",
        "",
        *("[green]yes[/green]" if r.meets_aim else "[red]no[/red]" for r in result.results),
    )
    console.print()
    console.print(table)
    console.print(
        f"aim: macro-F1 ≥ {AIM_MACRO_F1:.2f} and every label ≥ {AIM_LABEL_F1:.2f}", style="dim"
    )


def _render_confusion(result: ProtocolResult, console: Console) -> None:
    # One predictor's confusion keeps the output readable: the product's own (trustworks)
    # when it was run, else the first; --json carries every predictor's.
    names = [r.predictor for r in result.results]
    shown = result.result("trustworks" if "trustworks" in names else names[0])
    labels = [s.label for s in shown.labels]
    table = Table(
        title=f"{result.protocol}: labels {shown.predictor} predicted, by gold label",
        title_justify="left",
        box=box.SIMPLE_HEAD,
    )
    console.print()
    table.add_column("gold", no_wrap=True)
    table.add_column("n", justify="right", min_width=4)
    for label in labels:
        table.add_column(_SHORT.get(label, label), justify="right")
    table.add_column("top false positives", min_width=16)
    for row in shown.confusion:
        cells = [
            f"[bold]{row.predicted[label]}[/bold]"
            if label == row.gold
            else str(row.predicted[label])
            for label in labels
        ]
        wrong = ", ".join(f"{_SHORT.get(lab, lab)} {n}" for lab, n in row.false_positives)
        table.add_row(row.gold, str(row.support), *cells, wrong or "-")
    console.print(table)
