"""`trustworks analyze` and `trustworks check`: thin shells over ingest, analysis and report."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import DEFAULT_MAX_BYTES, FORMATS
from trustworks.cli.common import console as plain_console
from trustworks.errors import InputError

if TYPE_CHECKING:
    from trustworks.analysis import Settings
    from trustworks.analysis.result import Analysis
    from trustworks.conversation import Conversation

# Analysis, ingest and report are imported inside the commands: `--help` needs none of them.


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


LEARNED_OPTION = typer.Option(
    "--learned",
    help="Retired: the semantic layer now runs in every analysis; accepted and ignored.",
    hidden=True,
)


def _settings(conversation: Conversation, learned: bool) -> Settings:
    from trustworks.analysis import WRITTEN_FORMATS, Settings

    del learned  # retired: the semantic layer that replaced it is always on
    return Settings(written=conversation.format in WRITTEN_FORMATS)


def _input_format(value: str | None) -> str | None:
    if value is None or value == "auto":
        return None
    if value not in FORMATS:
        raise typer.BadParameter(f"choose one of auto, {', '.join(FORMATS)}")
    return value


def _emit(analyses: list[Analysis], fmt: OutputFormat) -> None:
    # Each output's own module: the JSON schema's pydantic models wait for --format json.
    if fmt is OutputFormat.json:
        from trustworks.report.document import to_json
        from trustworks.report.seller import seller_notice

        sys.stdout.write(to_json(analyses) + "\n")
        # The JSON carries seller_uncertain; a person at the terminal should hear it too.
        for analysis in analyses:
            notice = seller_notice(analysis.conversation)
            if notice:
                typer.echo(f"{analysis.conversation.source}: {notice}", err=True)
    elif fmt is OutputFormat.markdown:
        from trustworks.report.markdown import render_markdown

        sys.stdout.write("\n\n".join(render_markdown(a) for a in analyses) + "\n")
    else:
        from rich.console import Console

        from trustworks.report.text import render_text

        console = Console(highlight=False)
        for i, analysis in enumerate(analyses):
            if i:
                console.rule()
            render_text(analysis, console)


@app.command("analyze")
def analyze_command(
    files: Annotated[list[str], typer.Argument(help="Transcript or e-mail files; - for stdin.")],
    seller: Annotated[
        list[str] | None,
        typer.Option("--seller", "-s", help="Seller's name as it appears (repeat for a team)."),
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Report format.")] = (
        OutputFormat.text
    ),
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help=f"auto (default) or one of {', '.join(FORMATS)}."),
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding; detected when not given.")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Refuse inputs larger than this.")] = (
        DEFAULT_MAX_BYTES
    ),
    learned: Annotated[bool, LEARNED_OPTION] = False,
) -> None:
    """Analyse conversations and report where trust was built or spent."""
    from trustworks.analysis import analyze_each
    from trustworks.ingest import load

    fmt = _input_format(input_format)
    conversations = [load(f, fmt=fmt, encoding=encoding, max_bytes=max_bytes) for f in files]
    # Several files are analysed together (the same analyses, sooner); the first error is
    # reported as analysing them in turn would.
    analyses = analyze_each((c, seller or None, _settings(c, learned)) for c in conversations)
    for analysis in analyses:
        if isinstance(analysis, Exception):
            raise analysis
    _emit([a for a in analyses if not isinstance(a, Exception)], output)


@app.command("check")
def check_command(
    text: Annotated[str | None, typer.Argument(help="The draft message to check.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the draft from a file (- for stdin).")
    ] = None,
    output: Annotated[OutputFormat, typer.Option("--format", help="Report format.")] = (
        OutputFormat.text
    ),
    learned: Annotated[bool, LEARNED_OPTION] = False,
) -> None:
    """Lint a draft message before sending it; exits 1 when it spends trust."""
    from trustworks.analysis import Settings
    from trustworks.analysis.draft import check_draft

    draft = _draft(text, file)
    source = str(file) if file else "<draft>"
    analysis = check_draft(draft, source=source, settings=Settings())
    if output is OutputFormat.text:
        _print_check(analysis)
    else:
        _emit([analysis], output)
    if analysis.negative_findings:
        raise typer.Exit(1)


def _draft(text: str | None, file: Path | None) -> str:
    if (text is None) == (file is None):
        raise typer.BadParameter("give the draft as TEXT or with --file, not both")
    if file is not None:
        from trustworks.ingest import decode_text, read_source

        data, source = read_source(str(file))
        text = decode_text(data, source)
    if text is None or not text.strip():
        raise InputError(str(file) if file else "<draft>", "empty input: no text to check")
    return text


# One line of `check` output: its parts, each with the Rich style it has in a terminal.
Line = list[tuple[str, str]]


def _check_lines(analysis: Analysis) -> list[Line]:
    negative = analysis.negative_findings
    lines: list[Line] = []
    if not negative:
        lines.append([("No trust-spending phrases found.", "green")])
    for f in negative:
        lines.append([("−", "bold red"), (" ", ""), (f.signal, "bold"), (f": “{f.evidence}”", "")])
        lines.append([(f"    Why: {f.description}", "")])
        if f.rewrite:
            lines.append([(f"    Say: {f.rewrite}", "green")])
    for f in analysis.findings:
        if f.polarity > 0:
            lines.append(
                [("+", "bold green"), (" ", ""), (f.signal, "bold"), (f": “{f.evidence}”", "")]
            )
    return lines


def _print_check(analysis: Analysis) -> None:
    lines = _check_lines(analysis)
    if not sys.stdout.isatty():
        # A git hook or a pipe: plain lines, never wrapped, and no Rich to load.
        sys.stdout.write("".join("".join(text for text, _ in line) + "\n" for line in lines))
        return
    from rich.text import Text

    console = plain_console()
    for line in lines:
        # Text parts, not markup: a rewrite's "[day]" slot or a draft's brackets stay as typed.
        console.print(Text.assemble(*line))
