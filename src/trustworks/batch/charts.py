"""Charts of a batch's aggregates (PNG and SVG, matplotlib's Agg backend) and an HTML page.

Per grouping (seller, team), for the groups with the most conversations: the spread of each
score (10th-90th and 25th-75th percentiles, median), the pouncing and price-dodge rates, the
monthly trend of mean trust, and the most frequent negative signals.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: files only

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from trustworks.batch.aggregate import SCORES, Aggregates, GroupStats
from trustworks.files import write_atomic
from trustworks.plural import counted

MAX_GROUPS = 12
REPORT_DIR = "report"


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart as written: its title and files."""

    name: str
    title: str
    png: Path
    svg: Path


def _top(stats: GroupStats, limit: int) -> list[str]:
    return [str(g) for g in stats.summary[stats.by].head(limit)]


def spread_figure(stats: GroupStats, limit: int = MAX_GROUPS) -> Figure:
    """Each score's percentiles per group: thin bar 10-90, thick bar 25-75, dot the median."""
    groups = _top(stats, limit)
    fig, axes = plt.subplots(
        1, len(SCORES), figsize=(3 * len(SCORES), 0.45 * len(groups) + 1.6), sharey=True
    )
    q = stats.quantiles.set_index([stats.by, "score"])
    for ax, score in zip(axes, SCORES, strict=True):
        for y, group in enumerate(groups):
            row = q.loc[(group, score)]
            ax.hlines(y, row["p10"], row["p90"], color="#9db4c8", linewidth=2)
            ax.hlines(y, row["p25"], row["p75"], color="#2f6690", linewidth=6)
            ax.plot(row["p50"], y, "o", color="#d1495b", markersize=5)
        ax.set_title(score.replace("_", "-"))
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(range(len(groups)), groups)
    axes[0].invert_yaxis()
    fig.suptitle(f"Trust Equation scores by {stats.by} (10-25-50-75-90th percentiles)")
    fig.tight_layout()
    return fig


def rates_figure(stats: GroupStats, limit: int = MAX_GROUPS) -> Figure:
    """Pouncing and price-dodge rates per group."""
    top = stats.summary.head(limit)
    groups = [str(g) for g in top[stats.by]]
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(groups) + 1.6))
    ys = range(len(groups))
    ax.barh([y - 0.2 for y in ys], top["pouncing_rate"], height=0.4, label="pouncing rate")
    dodge = top["price_dodge_rate"].fillna(0.0)
    ax.barh([y + 0.2 for y in ys], dodge, height=0.4, label="price-dodge rate")
    ax.set_yticks(list(ys), groups)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share")
    ax.legend(loc="lower right")
    ax.set_title(f"Pouncing and price dodging by {stats.by}")
    fig.tight_layout()
    return fig


def trend_figure(stats: GroupStats, limit: int = 8) -> Figure:
    """Mean trust by month, one line per group."""
    fig, ax = plt.subplots(figsize=(9, 4.5))
    monthly = stats.monthly
    for group in _top(stats, limit):
        rows = monthly[monthly[stats.by] == group].sort_values("month")
        if not rows.empty:
            # Real dates, not labels: months then sit in order and gaps show as gaps.
            months = pd.to_datetime(rows["month"], format="%Y-%m")
            ax.plot(months, rows["trust"], marker="o", markersize=3, linewidth=1.2, label=group)
    if monthly.empty:
        ax.text(0.5, 0.5, "no dated conversations", ha="center", transform=ax.transAxes)
    else:
        ax.legend(fontsize="small", loc="best")
    ax.set_ylabel("mean trust")
    ax.set_title(f"Mean trust by month and {stats.by}")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
    ax.tick_params(axis="x", rotation=45)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def negative_figure(stats: GroupStats, limit: int = 10) -> Figure:
    """The most frequent negative signals over every group."""
    counts = stats.negative.groupby("signal")["findings"].sum().sort_values(ascending=False)
    top = counts.head(limit)
    fig, ax = plt.subplots(figsize=(8, 0.4 * max(len(top), 1) + 1.6))
    ax.barh(list(top.index), list(top.values), color="#d1495b")
    ax.invert_yaxis()
    ax.set_xlabel("findings")
    ax.set_title(f"Most frequent negative signals (top {stats.by}s' lists)")
    fig.tight_layout()
    return fig


_FIGURES: tuple[tuple[str, str, Callable[[GroupStats], Figure]], ...] = (
    ("scores", "Trust Equation scores", spread_figure),
    ("rates", "Pouncing and price dodging", rates_figure),
    ("trend", "Mean trust by month", trend_figure),
    ("negative", "Most frequent negative signals", negative_figure),
)


def write_charts(aggregates: Aggregates, directory: Path) -> list[Chart]:
    """Every chart of every grouping as PNG and SVG files in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    charts = []
    for stats in (aggregates.by_seller, aggregates.by_team):
        for name, title, make in _FIGURES:
            fig = make(stats)
            stem = f"{name}-by-{stats.by}"
            png, svg = directory / f"{stem}.png", directory / f"{stem}.svg"
            for path, fmt in ((png, "png"), (svg, "svg")):
                buffer = io.BytesIO()
                fig.savefig(buffer, format=fmt, dpi=110)
                write_atomic(path, buffer.getvalue())
            plt.close(fig)
            charts.append(Chart(stem, f"{title} by {stats.by}", png, svg))
    return charts


def _table(frame: pd.DataFrame) -> str:
    page: str = frame.to_html(index=False, float_format=lambda v: f"{v:.2f}", na_rep="–", border=0)
    return page


def write_html(aggregates: Aggregates, charts: list[Chart], path: Path) -> None:
    """One HTML page with every chart's SVG inline and the summary tables."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Trustworks batch report</title><style>",
        "body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px}",
        "table{border-collapse:collapse;margin:1em 0}td,th{padding:.2em .6em;",
        "border-bottom:1px solid #ddd;text-align:right}svg{max-width:100%;height:auto}",
        "</style></head><body>",
        "<h1>Trustworks batch report</h1>",
        f"<p>{html.escape(aggregates.output)}: "
        f"{counted(aggregates.conversations, 'conversation')}, "
        f"{counted(aggregates.negative_findings, 'negative finding')}.</p>",
    ]
    if aggregates.uncertain_sellers:
        parts.append(
            f"<p class='warn'><strong>{counted(aggregates.uncertain_sellers, 'conversation')} "
            "with an "
            "uncertain inferred seller</strong>: their scores may be the client's. Find them by "
            "the conversations table's <code>seller_uncertain</code> column and name the seller."
            "</p>"
        )
    by_name = {c.name: c for c in charts}
    for stats in (aggregates.by_seller, aggregates.by_team):
        parts.append(f"<h2>By {stats.by}</h2>")
        parts.append(_table(stats.summary))
        for name, _, _ in _FIGURES:
            chart = by_name.get(f"{name}-by-{stats.by}")
            if chart is None:
                continue
            svg = chart.svg.read_text(encoding="utf-8")
            svg = svg[svg.find("<svg") :]  # drop the XML prolog and doctype
            parts.append(f"<figure><figcaption>{html.escape(chart.title)}</figcaption>{svg}")
            parts.append("</figure>")
        parts.append("<h3>Most frequent negative signals</h3>")
        parts.append(_table(stats.negative))
    parts.append("</body></html>\n")
    write_atomic(path, "\n".join(parts).encode())


def write_report(aggregates: Aggregates, directory: str | Path | None = None) -> dict[str, Any]:
    """Charts and the HTML page under `directory` (default OUTPUT/report); what was written."""
    target = Path(directory) if directory is not None else Path(aggregates.output) / REPORT_DIR
    charts = write_charts(aggregates, target)
    page = target / "index.html"
    write_html(aggregates, charts, page)
    return {"html": page, "charts": charts}
