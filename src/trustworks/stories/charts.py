"""The report's charts as matplotlib figures (Agg, no display), exported as PNG, SVG or PDF
through `trustworks.report.figures` (the same bytes for the same input).

Figures are built with the object API, never pyplot, so nothing global is touched and threads
(the web app's) can draw at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trustworks.errors import FieldError
from trustworks.report.figures import FIGURE_FORMATS, figure_bytes, save_figure
from trustworks.stories.report import ProgrammeReport

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported when a chart is drawn: the web app's pages draw inline SVG instead.

__all__ = ["CHARTS", "FORMATS", "chart_bytes", "lessons_figure", "revenue_figure", "save_chart"]

FORMATS = FIGURE_FORMATS
CHARTS = ("lessons", "revenue")
STORY_COLOUR, SUCCESS_COLOUR, REVENUE_COLOUR = "#8aa4c8", "#2f7d4f", "#b0652b"


def lessons_figure(report: ProgrammeReport) -> Figure:
    """Stories and success stories per lesson, as horizontal bars in the programme's order."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    lines = report.lessons
    fig = Figure(figsize=(7.5, 1.2 + 0.45 * max(1, len(lines))), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(f"{report.programme}: stories per lesson", loc="left")
    if not lines:
        ax.text(0.5, 0.5, "No lessons yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    rows = list(range(len(lines)))
    labels = [x.title if len(x.title) <= 40 else x.title[:39] + "…" for x in lines]
    ax.barh(
        [r - 0.2 for r in rows],
        [x.stories for x in lines],
        0.4,
        label="stories",
        color=STORY_COLOUR,
    )
    ax.barh(
        [r + 0.2 for r in rows],
        [x.successes for x in lines],
        0.4,
        label="successes",
        color=SUCCESS_COLOUR,
    )
    ax.set_yticks(rows, labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("stories")
    ax.legend(loc="lower right")
    return fig


def revenue_figure(report: ProgrammeReport) -> Figure:
    """Revenue attributed per month of sale (bars) and its running total (line)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 3.6), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_title(f"{report.programme}: revenue attributed to the training", loc="left")
    months = report.by_month
    if not months:
        ax.text(
            0.5, 0.5, "No sales attributed yet", ha="center", va="center", transform=ax.transAxes
        )
        ax.set_axis_off()
        return fig
    xs = list(range(len(months)))
    ax.bar(xs, [float(m.attributed) for m in months], color=REVENUE_COLOUR, label="in the month")
    ax.plot(
        xs,
        [float(m.cumulative) for m in months],
        color="#333333",
        marker="o",
        label="running total",
    )
    ax.set_xticks(xs, [m.month for m in months], rotation=45 if len(months) > 6 else 0)
    ax.set_ylabel("attributed (amount x share)")
    ax.legend(loc="upper left")
    return fig


def _figure(report: ProgrammeReport, chart: str) -> Figure:
    if chart == "lessons":
        return lessons_figure(report)
    if chart == "revenue":
        return revenue_figure(report)
    raise FieldError("chart", f"{chart!r} is not one of {', '.join(CHARTS)}")


def chart_bytes(report: ProgrammeReport, chart: str, fmt: str) -> bytes:
    """One chart of the report in a format (png, svg or pdf)."""
    return figure_bytes(_figure(report, chart), fmt)


def save_chart(report: ProgrammeReport, chart: str, path: str | Path) -> Path:
    """Write one chart to `path` (atomically); the format is the file's suffix."""
    return save_figure(_figure(report, chart), path)
