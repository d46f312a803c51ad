"""`trustworks eval casino`, `eval conversations`, `eval liking`, `eval quality` and `eval
insults`: accuracy against annotations, ratings and grades, as tables or JSON."""

from __future__ import annotations

import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import DEFAULT_MIN_CONFIDENCE, OUTSIDE_SETS, PREDICTORS
from trustworks.cli.learn import CASINO_DEFAULT

if TYPE_CHECKING:
    from rich.console import Console

    from trustworks.evaluate import EvaluationReport, ProtocolResult, Step
    from trustworks.evaluate.insults import InsultsReport
    from trustworks.evaluate.liking import LikingReport
    from trustworks.evaluate.outside import OutsideReport
    from trustworks.evaluate.quality import QualityReport

# trustworks.evaluate (scikit-learn, SciPy) and Rich are imported inside the commands.

eval_app = typer.Typer(
    help="Measure Trustworks against human-annotated data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


# Where the CaSiNo corpus is: `eval casino` and `eval liking` both read it.
CasinoData = Annotated[
    Path | None,
    typer.Option(
        "--data", help="Folder with casino_{train,valid,test}.json.", show_default=CASINO_DEFAULT
    ),
]


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
    data: CasinoData = None,
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
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    from trustworks.evaluate import evaluate_casino
    from trustworks.learn import DEFAULT_DATA_DIR

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
            data or DEFAULT_DATA_DIR, protocol.value, chosen, seed=seed, jobs=jobs, progress=on_step
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
    # ".74" rather than "0.74": five predictors side by side then fit about 105 columns.
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
    from rich import box
    from rich.table import Table

    from trustworks.evaluate import AIM_LABEL_F1, AIM_MACRO_F1

    table = Table(
        title=_title(result), title_justify="left", box=box.SIMPLE_HEAD, collapse_padding=True
    )
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
    from rich import box
    from rich.table import Table

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


@eval_app.command("conversations")
def conversations_command(
    annotations: Annotated[
        Path | None,
        typer.Option(
            "--annotations",
            help="An annotations.toml with a conversations/ folder beside it "
            "(default: the outside set shipped with Trustworks).",
        ),
    ] = None,
    annotated_set: Annotated[
        str | None,
        typer.Option(
            "--set",
            help=f"A shipped annotated set: {', '.join(OUTSIDE_SETS)}, or all of them pooled "
            "(all).",
        ),
    ] = None,
    min_confidence: Annotated[
        float,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Findings below this confidence are not shown, so not scored (the analysis "
            "itself drops those under 0.5).",
        ),
    ] = DEFAULT_MIN_CONFIDENCE,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    details: Annotated[
        bool,
        typer.Option(
            "--details", help="List every missed moment and unmatched finding per conversation."
        ),
    ] = False,
) -> None:
    """Precision, recall and score order on conversations nobody on the project wrote."""
    from rich.console import Console

    from trustworks.evaluate.outside import (
        AnnotationSet,
        evaluate_outside,
        load_shipped_set,
        pool,
    )

    if annotated_set is not None and annotations is not None:
        raise typer.BadParameter("give --set or --annotations, not both", param_hint="--set")
    chosen: AnnotationSet | Path | None = annotations
    if annotated_set == "all":
        chosen = pool(tuple(load_shipped_set(name) for name in OUTSIDE_SETS))
    elif annotated_set is not None:
        if annotated_set not in OUTSIDE_SETS:
            raise typer.BadParameter(
                f"choose from {', '.join(OUTSIDE_SETS)}, all", param_hint="--set"
            )
        chosen = load_shipped_set(annotated_set)
    report = evaluate_outside(chosen, min_confidence=min_confidence)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    _render_outside(report, Console(highlight=False), details=details)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _met(ok: bool) -> str:
    return "[green]yes[/green]" if ok else "[red]no[/red]"


def _render_outside(report: OutsideReport, console: Console, *, details: bool) -> None:
    from rich import box
    from rich.table import Table

    from trustworks.evaluate.outside import (
        AIM_FAMILY_RECALL,
        AIM_PRECISION,
        AIM_RECALL,
        AIM_SPEARMAN,
        MIN_MOMENTS_FOR_FAMILY_AIM,
    )

    aims = report.aims()
    turns = sum(c.turns for c in report.conversations)
    console.print(
        f"Outside conversations: {len(report.conversations)} conversations, {turns} turns, "
        f"{report.moments} coach moments ({report.annotations}, version {report.version}); "
        f"findings shown at confidence ≥ {report.min_confidence:g}; {report.seconds:.1f} s"
    )
    summary = Table(box=box.SIMPLE_HEAD, title="Against the aims", title_justify="left")
    summary.add_column("measure")
    summary.add_column("value", justify="right")
    summary.add_column("aim", justify="right")
    summary.add_column("met")
    summary.add_row(
        "precision of shown findings",
        f"{_pct(report.precision)} ({report.matched_findings}/{report.findings})",
        f"≥ {AIM_PRECISION:.0%}",
        _met(aims["precision"]),
    )
    summary.add_row(
        "recall of coach moments",
        f"{_pct(report.recall)} ({report.moments_found}/{report.moments})",
        f"≥ {AIM_RECALL:.0%}",
        _met(aims["recall"]),
    )
    summary.add_row(
        "recall in every family",
        f"{sum(1 for s in report.families if s.held_to_aim)} families judged",
        f"≥ {AIM_FAMILY_RECALL:.0%}",
        _met(aims["family_recall"]),
    )
    rho = report.correlation.rho
    summary.add_row(
        "Spearman: trust vs grade",
        f"{'-' if rho is None else f'{rho:.2f}'} (n={report.correlation.n})",
        f"≥ {AIM_SPEARMAN:.2f}",
        _met(aims["spearman"]),
    )
    verdicts = report.seller_verdicts
    summary.add_row(
        "seller inference",
        f"{verdicts['right']} right, {verdicts['wrong']} wrong, "
        f"{verdicts['uncertain']} flagged uncertain",
        "0 wrong",
        _met(aims["seller"]),
    )
    console.print()
    console.print(summary)
    hidden = report.hidden_findings
    other = report.other_side_findings
    by_source = ", ".join(f"{n} by {s}" for s, n in report.sources.items()) or "none"
    reasons = ", ".join(f"{n} {why}" for why, n in report.unmatched_reasons.items())
    console.print(
        f"findings shown: {by_source}; {other} on the other side's turns (not scored); "
        f"{hidden} hidden below the threshold. Unmatched on seller turns: {reasons}",
        style="dim",
    )

    families = Table(box=box.SIMPLE_HEAD, title="Per family", title_justify="left")
    families.add_column("family")
    for name in ("moments", "found", "recall", "findings", "precision"):
        families.add_column(name, justify="right")
    for score in report.families:
        if not score.moments and not score.findings:
            continue
        recall = _pct(score.recall) if score.held_to_aim else f"({_pct(score.recall)})"
        families.add_row(
            score.family,
            str(score.moments),
            str(score.found),
            recall,
            str(score.findings),
            _pct(score.precision),
        )
    console.print()
    console.print(families)
    console.print(
        f"recall in brackets: fewer than {MIN_MOMENTS_FOR_FAMILY_AIM} moments, "
        "not held to the per-family aim",
        style="dim",
    )

    table = Table(box=box.SIMPLE_HEAD, title="Per conversation", title_justify="left")
    for name in ("conversation", "grade", "trust", "found", "missed", "unmatched", "seller"):
        table.add_column(name, justify="left" if name in ("conversation", "seller") else "right")
    for c in report.conversations:
        table.add_row(
            c.id,
            f"{c.grade:g}",
            f"{c.trust:.2f}",
            str(len(c.found)),
            str(len(c.missed)),
            str(len(c.unmatched)),
            f"{c.seller.verdict} ({c.seller.guessed})",
        )
    console.print()
    console.print(table)
    if not details:
        console.print("--details lists every missed moment and unmatched finding", style="dim")
        return
    # "index" is the 0-based turn index annotations.toml uses, not a report's 1-based turn.
    console.print("\nindex: the 0-based turn index, as in annotations.toml", style="dim")
    for c in report.conversations:
        if not c.missed and not c.unmatched:
            continue
        console.print()
        console.print(f"[bold]{c.id}[/bold]")
        for m in c.missed:
            sign = "+" if m.polarity > 0 else "-"
            console.print(f"  missed    index {m.turn:>3} {m.family} {sign}  {m.note}")
        for shown in c.unmatched:
            sign = "+" if shown.polarity > 0 else "-"
            console.print(
                f"  unmatched index {shown.turn:>3} {shown.family} {sign}  {shown.signal} "
                f"({shown.source}, {shown.confidence:.2f}; {shown.why}): {shown.evidence!r}"
            )


@eval_app.command("liking")
def liking_command(
    data: CasinoData = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Does the trust score order negotiators as the other side rated them? (CaSiNo)"""
    from rich.console import Console

    from trustworks.evaluate.liking import evaluate_liking
    from trustworks.learn.data import DEFAULT_DATA_DIR

    report = evaluate_liking(data or DEFAULT_DATA_DIR)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    _render_liking(report, Console(highlight=False))


def _render_liking(report: LikingReport, console: Console) -> None:
    from rich import box
    from rich.table import Table

    console.print(
        f"Trust against how much the other side liked them: CaSiNo ({report.data}); "
        f"{report.seconds:.1f} s. Spearman's rho, each negotiator taken as the seller; "
        "self-orientation flipped so that higher always means liked more."
    )
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("measure")
    for part in report.parts:
        table.add_column(f"{part.part} ({'+'.join(part.splits)}, n={part.negotiators})")
    for index, correlation in enumerate(report.parts[0].correlations):
        cells = []
        for part in report.parts:
            c = part.correlations[index]
            cells.append("-" if c.rho is None else f"{c.rho:+.3f} (p={c.p_value:.2g})")
        table.add_row(correlation.measure.replace("_", "-"), *cells)
    console.print(table)
    console.print("Calibration: the split the score's knobs may be tuned on. Test: never tuned on.")


# Where AnnoMI is looked for when --data is not given (trustworks.evaluate.quality finds it).
ANNOMI_DEFAULT = "$TRUSTWORKS_ANNOMI_DIR, else shared/data/annomi beside the project"


@eval_app.command("quality")
def quality_command(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Folder with annomi.jsonl.", show_default=ANNOMI_DEFAULT),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Does the trust score order counselling sessions as experts graded them? (AnnoMI)"""
    from rich.console import Console

    from trustworks.evaluate.quality import DEFAULT_DATA_DIR, evaluate_quality

    report = evaluate_quality(data or DEFAULT_DATA_DIR)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    _render_quality(report, Console(highlight=False))


def _render_quality(report: QualityReport, console: Console) -> None:
    from rich import box
    from rich.table import Table

    def _figure(value: float | None, form: str) -> str:
        return "-" if value is None else format(value, form)

    console.print(
        f"Trust against AnnoMI's expert grades of MI quality ({report.data}); "
        f"{report.seconds:.1f} s. The therapist is the seller; self-orientation flipped so that "
        "higher always means better. AUC: chance a high-quality session scores above a "
        f"low-quality one (ties half), 95% interval from {report.resamples:,} stratified "
        "bootstrap resamples; rho: Spearman with the grade."
    )
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("part", "measure", "AUC", "95% CI", "rho", "p"):
        table.add_column(
            column,
            justify="left" if column in ("part", "measure") else "right",
            no_wrap=column in ("part", "measure"),
        )
    for part in report.parts:
        names = (part.part, f"{part.high} high / {part.low} low")
        for index, m in enumerate(part.measures):
            label = names[index] if index < len(names) else ""
            interval = "-" if m.auc_low is None else f"{m.auc_low:.2f}-{_figure(m.auc_high, '.2f')}"
            table.add_row(
                label,
                m.measure.replace("_", "-"),
                _figure(m.auc, ".2f"),
                interval,
                _figure(m.rho, "+.3f"),
                _figure(m.p_value, ".2g"),
            )
        table.add_section()
    console.print(table)
    console.print(
        "Outside set: read while tuning the analyzer (optimistic). Held out: never trained on by "
        "the semantic heads. Trained on: the heads saw their utterance labels, not their grades. "
        "Held out and trained on were read too, while reviewing the analyzer's findings on them."
    )


# Where ConvAbuse is looked for when --data is not given (trustworks.evaluate.insults finds it).
CONVABUSE_DEFAULT = "$TRUSTWORKS_CONVABUSE_DIR, else shared/data/convabuse beside the project"


@eval_app.command("insults")
def insults_command(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Folder with convabuse.jsonl.", show_default=CONVABUSE_DEFAULT),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Are insults found where annotators saw abuse? (ConvAbuse)"""
    from rich.console import Console

    from trustworks.evaluate.insults import DEFAULT_DATA_DIR, evaluate_insults

    report = evaluate_insults(data or DEFAULT_DATA_DIR)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    _render_insults(report, Console(highlight=False))


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _render_insults(report: InsultsReport, console: Console) -> None:
    from rich import box
    from rich.table import Table

    console.print(
        f"Insults against annotated abuse: ConvAbuse ({report.data}); {report.seconds:.1f} s. "
        "Each user message checked as a draft; flagged when an insult signal is on it."
    )
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("measure")
    for part in report.parts:
        table.add_column(f"{part.part} ({'+'.join(part.splits)}, n={part.messages})")
    table.add_row(
        "precision",
        *(
            f"{_share(p.precision)} ({p.flagged_abusive}/{p.flagged_abusive + p.flagged_not_abusive})"  # noqa: E501
            for p in report.parts
        ),
    )
    table.add_row(
        "recall, all abuse",
        *(f"{_share(p.recall)} ({p.flagged_abusive}/{p.abusive})" for p in report.parts),
    )
    for index, kind in enumerate(report.parts[0].kinds):
        table.add_row(
            f"recall, {kind.kind.replace('_', ' ')}",
            *(
                f"{_share(p.kinds[index].recall)} ({p.kinds[index].found}/{p.kinds[index].total})"
                for p in report.parts
            ),
        )
    console.print(table)
    console.print(
        "Development: the split the patterns may be written against. Test: never tuned on. "
        "Precision leaves out messages the annotators split on."
    )
