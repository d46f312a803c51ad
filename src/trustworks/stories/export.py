"""The programme report as a file to share: self-contained HTML (inline SVG charts, no
scripts or links out) or a PDF (matplotlib's PdfPages, pure Python); both written atomically."""

from __future__ import annotations

import io
import textwrap
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from trustworks.files import write_atomic
from trustworks.plural import counted
from trustworks.stories.charts import chart_bytes, lessons_figure, revenue_figure
from trustworks.stories.report import ProgrammeReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported when a PDF is written, not with the web pages that import this module.

__all__ = ["report_html", "report_lines", "report_pdf", "write_html", "write_pdf"]

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem} .muted{color:#666} table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left} td.n{text-align:right}
svg{max-width:100%;height:auto} .good{color:#2f7d4f} .none{color:#a33}
"""


def _money(value: Decimal | float) -> str:
    return f"{value:,.2f}"


def report_lines(report: ProgrammeReport) -> list[str]:
    """The report's findings as plain sentences (the PDF's summary page, the CLI's footer)."""
    lines = [
        f"{counted(report.participants, 'participant')}, {counted(report.stories, 'story')}, "
        f"{counted(report.successes, 'success', 'successes')}.",
        f"Revenue attributed to the training: {_money(report.revenue)} "
        f"of {_money(report.sales)} in {counted(len(report.attributions), 'sale')}.",
    ]
    if report.median_days_to_first is not None:
        lines.append(
            f"Median time from the programme's end to a first story: "
            f"{counted(report.median_days_to_first, 'day')}."
        )
    if report.without_story:
        lines.append("No story yet from: " + ", ".join(report.without_story) + ".")
    if report.working:
        lines.append(
            "Lessons producing successes (keep): "
            + ", ".join(f"{x.title} ({x.successes})" for x in report.working)
            + "."
        )
    if report.not_working:
        lines.append(
            "Lessons with no success story (rethink in the next design): "
            + ", ".join(
                f"{x.title} ({x.stories} stor{'y' if x.stories == 1 else 'ies'})"
                for x in report.not_working
            )
            + "."
        )
    return lines


def _inline_svg(report: ProgrammeReport, chart: str) -> str:
    svg = chart_bytes(report, chart, "svg").decode()
    # Drop the XML prolog and doctype: the <svg> element goes straight into the page.
    return svg[svg.index("<svg") :]


def report_html(report: ProgrammeReport) -> str:
    """The report as one self-contained HTML page."""
    e = escape
    dates = (
        f"{report.started_on.isoformat()} to {report.ended_on.isoformat()}"
        if report.started_on
        else f"ended {report.ended_on.isoformat()}"
    )
    lesson_rows = "".join(
        f"<tr><td>{x.position}</td><td>{e(x.title)}</td><td class=n>{x.stories}</td>"
        f"<td class=n>{x.successes}</td><td class=n>{x.tellers}</td>"
        f"<td class={'good' if x.successes else 'none'}>"
        f"{'producing successes' if x.successes else 'no success yet'}</td></tr>"
        for x in report.lessons
    )
    sale_rows = "".join(
        f"<tr><td>{a.sold_on.isoformat()}</td><td>{e(a.participant)}</td><td>{e(a.client)}</td>"
        f"<td class=n>{_money(a.amount)}</td><td class=n>{a.share:g} %</td>"
        f"<td class=n>{_money(a.attributed)}</td><td>{e(a.reason)}</td></tr>"
        for a in report.attributions
    )
    first_rows = "".join(
        f"<tr><td>{e(f.participant)}</td><td>{f.first_on.isoformat()}</td>"
        f"<td class=n>{f.days}</td></tr>"
        for f in report.first_stories
    ) + "".join(
        f"<tr><td>{e(n)}</td><td>no story yet</td><td></td></tr>" for n in report.without_story
    )
    summary = "".join(f"<li>{e(line)}</li>" for line in report_lines(report))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(report.programme)}: story exchange report</title><style>{_CSS}</style></head>
<body>
<h1>{e(report.programme)}</h1><p class="muted">Story exchange report, {e(dates)}</p>
<ul>{summary}</ul>
<h2>Stories per lesson</h2>
{_inline_svg(report, "lessons")}
<table><thead><tr><th>#</th><th>lesson</th><th>stories</th><th>successes</th>
<th>participants</th><th>for the next design</th></tr></thead><tbody>{lesson_rows}</tbody></table>
<h2>Revenue attributed</h2>
<p>{_money(report.revenue)} attributed (amount x share) of {_money(report.sales)} in sales.</p>
{_inline_svg(report, "revenue")}
<table><thead><tr><th>sold on</th><th>participant</th><th>client</th><th>amount</th>
<th>share</th><th>attributed</th><th>why</th></tr></thead><tbody>{sale_rows}</tbody></table>
<h2>Time to a first story</h2>
<table><thead><tr><th>participant</th><th>first story</th><th>days after the end</th></tr>
</thead><tbody>{first_rows}</tbody></table>
</body></html>
"""


def _text_page(title: str, lines: list[str]) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.27, 11.69))  # A4 portrait
    FigureCanvasAgg(fig)
    fig.text(0.08, 0.95, title, fontsize=16, weight="bold", va="top")
    wrapped = [part for line in lines for part in (textwrap.wrap(line, 95) or [""])]
    y = 0.91
    for line in wrapped[:70]:
        fig.text(0.08, y, line, fontsize=9, va="top", family="DejaVu Sans")
        y -= 0.0125
    if len(wrapped) > 70:
        fig.text(
            0.08,
            y,
            f"... and {counted(len(wrapped) - 70, 'more line')} in the HTML report",
            fontsize=9,
        )
    return fig


def report_pdf(report: ProgrammeReport) -> bytes:
    """The report as PDF bytes: a summary page, the two charts, the sales behind the revenue."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    sales = [
        f"{a.sold_on.isoformat()}  {a.participant}  {a.client}  {_money(a.amount)} x "
        f"{a.share:g} % = {_money(a.attributed)}  ({a.reason})"
        for a in report.attributions
    ] or ["No sales attributed yet."]
    firsts = [
        f"{f.participant}: first story {f.first_on.isoformat()}, "
        f"{counted(f.days, 'day')} after the end"
        for f in report.first_stories
    ] + [f"{n}: no story yet" for n in report.without_story]
    with PdfPages(
        buffer,
        metadata={"Title": f"{report.programme}: story exchange report", "CreationDate": None},
    ) as pdf:
        pdf.savefig(_text_page(f"{report.programme}: story exchange", report_lines(report)))
        pdf.savefig(lessons_figure(report))
        pdf.savefig(revenue_figure(report))
        pdf.savefig(_text_page("Sales attributed", sales))
        pdf.savefig(_text_page("Time to a first story", firsts))
    return buffer.getvalue()


def write_html(report: ProgrammeReport, path: str | Path) -> Path:
    """Write the HTML report to `path`, atomically."""
    return write_atomic(path, report_html(report).encode())


def write_pdf(report: ProgrammeReport, path: str | Path) -> Path:
    """Write the PDF report to `path`, atomically."""
    return write_atomic(path, report_pdf(report))
