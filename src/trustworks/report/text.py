"""The terminal report: scores, the timeline, findings with quotes, and coaching (Rich)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from trustworks.analysis.limits import analysis_notes
from trustworks.analysis.result import COMPONENTS, Analysis, Finding
from trustworks.plural import counted
from trustworks.report.metrics import directives_line
from trustworks.report.seller import seller_line, seller_notice, seller_reasons
from trustworks.report.sparkline import sparkline

_LABEL = {
    "credibility": "Credibility",
    "reliability": "Reliability",
    "intimacy": "Intimacy",
    "self_orientation": "Self-orientation",
}


def _bar(score: float, invert: bool = False) -> Text:
    filled = round(score)
    good = (score <= 4) if invert else (score >= 6.5)
    bad = (score >= 6.5) if invert else (score <= 4)
    style = "green" if good else "red" if bad else "yellow"
    return Text("█" * filled + "·" * (10 - filled), style=style)


def _scores(analysis: Analysis) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1))
    for name in COMPONENTS:
        score = getattr(analysis.trust, name)
        invert = name == "self_orientation"
        note = "  (lower is better)" if invert else ""
        table.add_row(_LABEL[name], f"{score:4.1f}", _bar(score, invert), Text(note, style="dim"))
    table.add_row(
        Text("Trust", style="bold"),
        Text(f"{analysis.trust.trust:4.2f}", style="bold"),
        Text("(C + R + I) / S", style="dim"),
        "",
    )
    return table


def _metrics(analysis: Analysis) -> Table:
    m = analysis.metrics
    table = Table(show_header=False, box=None, padding=(0, 1))

    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.0%}"

    table.add_row(
        "Seller talk share",
        pct(m.seller_talk_share)
        + (
            f" of words, {pct(m.seller_seconds_share)} of time"
            if m.seller_seconds_share is not None
            else " of words"
        ),
    )
    rate = "n/a" if m.seller_question_rate is None else f"{m.seller_question_rate:.2f} per turn"
    table.add_row(
        "Seller questions", f"{m.seller_questions} ({rate}), {pct(m.open_question_share)} open"
    )
    table.add_row("Longest seller monologue", counted(m.longest_seller_monologue_words, "word"))
    table.add_row("Reflective summaries", str(m.reflective_summaries))
    table.add_row("Interruptions", f"{m.interruptions} ({m.seller_interruptions} by the seller)")
    if m.seller_tone is not None:
        table.add_row("Seller tone", f"{m.tone_label} ({m.seller_tone:+.2f}, politeness model)")
    if m.seller_directives:
        table.add_row("Telling them what to do", directives_line(m))
    return table


# Turns are numbered from 1 wherever a person reads them (these reports, the web pages,
# examples/README.md); the JSON keeps 0-based indexes into its `turns` list.


def _finding(analysis: Analysis, finding: Finding) -> RenderableType:
    sign = Text("+ ", style="bold green") if finding.polarity > 0 else Text("− ", style="bold red")
    turn = analysis.conversation.turns[finding.turn]
    when = f" {_clock(turn.start)}" if turn.start is not None else ""
    found_by = " · model" if finding.learned else " · rule"
    learned = f"{found_by}, {finding.confidence:.0%} sure" if finding.confidence < 1 else found_by
    head = Text.assemble(
        sign,
        (finding.signal, "bold"),
        (
            f"  turn {finding.turn + 1}{when} · {finding.speaker} · {finding.component}{learned}",
            "dim",
        ),
    )
    body: list[RenderableType] = [Text(f"“{finding.evidence}”", style="italic")]
    if finding.polarity < 0:
        body.append(Text(f"Why: {finding.description}"))
        body.append(Text(f"Try: {finding.coaching}", style="cyan"))
        if finding.rewrite:
            body.append(Text(f"Say: {finding.rewrite}", style="green"))
    return Group(head, Padding(Group(*body), (0, 0, 0, 4)))


def _clock(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def render_text(analysis: Analysis, console: Console) -> None:
    """Print the full report of one analysis."""
    conv = analysis.conversation
    title = f"{conv.source} · {conv.format or 'text'} · {counted(len(conv.turns), 'turn')}"
    head: list[RenderableType] = [Text(f"Seller: {seller_line(conv)}")]
    reasons = seller_reasons(conv)
    if reasons:
        grid = Table.grid(padding=(0, 1))
        for reason in reasons:
            grid.add_row(Text("  ·", style="dim"), Text(reason, style="dim"))
        head.append(grid)
    notice = seller_notice(conv)
    if notice:
        head.append(Text(notice, style="bold yellow"))
    for note in analysis_notes(analysis):
        head.append(Text(note, style="yellow"))
    console.print(Panel(Group(*head), title=title, title_align="left"))
    console.print(_scores(analysis))
    console.print()
    console.print(Text("Trust over the conversation", style="bold"))
    console.print(f"  {sparkline(analysis.timeline)}")
    if analysis.timeline:
        low = min(range(len(analysis.timeline)), key=analysis.timeline.__getitem__)
        console.print(
            Text(
                f"  lowest after turn {low + 1} ({analysis.timeline[low]:.2f}), "
                f"end {analysis.timeline[-1]:.2f}",
                style="dim",
            )
        )
    console.print()
    console.print(_metrics(analysis))
    console.print()
    negative = [f for f in analysis.findings if f.polarity < 0]
    positive = [f for f in analysis.findings if f.polarity > 0]
    console.print(Text(f"Where trust was spent ({len(negative)})", style="bold red"))
    for finding in negative:
        console.print(_finding(analysis, finding))
    console.print()
    console.print(Text(f"Where trust was built ({len(positive)})", style="bold green"))
    for finding in positive:
        console.print(_finding(analysis, finding))
    if analysis.commitments:
        console.print()
        table = Table(title="Commitments", title_justify="left", show_lines=False)
        for column in ("By", "To", "What", "Due", "Turn"):
            table.add_column(column)
        for c in analysis.commitments:
            table.add_row(c.by, c.to, c.what, c.due or "—", str(c.turn + 1))
        console.print(table)
