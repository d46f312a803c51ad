"""Charts as files people can share: matplotlib figures (object API, Agg canvas, no pyplot, so
web threads can draw at once) written as PNG, SVG or PDF, byte-identical for the same input."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from trustworks.errors import FieldError
from trustworks.files import write_atomic

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# matplotlib is imported on the first chart, not with this module: the web app's pages import
# this module and draw their charts as inline SVG, and every worker would pay for it at start.

__all__ = [
    "COLOURS",
    "FIGURE_FORMATS",
    "bars_figure",
    "figure_bytes",
    "lines_figure",
    "save_figure",
]

FIGURE_FORMATS = ("png", "svg", "pdf")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
# The pages' colours, so an exported chart looks like the one on screen.
COLOURS = {
    "credibility": "#2b59c3",
    "reliability": "#0f766e",
    "intimacy": "#a855f7",
    "self_orientation": "#b42318",
    "trust": "#c2410c",
    "self": "#2b59c3",
    "measured": "#0f766e",
    "others": "#a855f7",
    "score": "#c2410c",
}


@cache
def _matplotlib() -> None:
    """Import matplotlib and set what every chart file needs (once, before the first one)."""
    import matplotlib as mpl

    # No random ids and no timestamp in the files.
    mpl.rcParams["svg.hashsalt"] = "trustworks"


def _figure(rows: int = 1, height: float = 3.6) -> Figure:
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _empty(fig: Figure, title: str, message: str) -> Figure:
    ax = fig.add_subplot()
    ax.set_title(title, loc="left")
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def _short(label: str, limit: int = 42) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bars_figure(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[str],
    *,
    title: str,
    xlabel: str,
    low: float = 0.0,
    high: float = 10.0,
) -> Figure:
    """Horizontal grouped bars: one group per row label, one bar per series (None: no bar)."""
    fig = _figure(height=1.4 + 0.32 * max(1, len(rows)) * max(1, len(series)))
    if not rows:
        return _empty(fig, title, "Nothing to chart yet")
    ax = fig.add_subplot()
    ax.set_title(title, loc="left")
    width = 0.8 / max(1, len(series))
    for s, name in enumerate(series):
        offsets = [r - 0.4 + width * (s + 0.5) for r in range(len(rows))]
        values = [values[s] if s < len(values) else None for _, values in rows]
        kept = [(o, v) for o, v in zip(offsets, values, strict=True) if v is not None]
        ax.barh(
            [o for o, _ in kept],
            [v for _, v in kept],
            width,
            label=name.replace("_", " "),
            color=COLOURS.get(name, "#8aa4c8"),
        )
    ax.set_yticks(range(len(rows)), [_short(label) for label, _ in rows])
    ax.invert_yaxis()
    ax.set_xlim(low, max([high, *(v for _, vs in rows for v in vs if v is not None)]))
    ax.set_xlabel(xlabel)
    if len(series) > 1:
        ax.legend(loc="lower right")
    return fig


def lines_figure(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    ylabel: str,
    low: float = 0.0,
    high: float = 10.0,
) -> Figure:
    """Lines over labelled points (dates, months); None leaves a gap."""
    fig = _figure()
    if not labels or not series:
        return _empty(fig, title, "Nothing to chart yet")
    ax = fig.add_subplot()
    ax.set_title(title, loc="left")
    xs = range(len(labels))
    for name, values in series:
        points = [(x, v) for x, v in zip(xs, values, strict=False) if v is not None]
        ax.plot(
            [x for x, _ in points],
            [v for _, v in points],
            marker="o",
            label=name.replace("_", " "),
            color=COLOURS.get(name),
        )
    ax.set_xticks(list(xs), list(labels), rotation=45 if len(labels) > 6 else 0)
    ax.set_ylim(low, max([high, *(v for _, vs in series for v in vs if v is not None)]))
    ax.set_ylabel(ylabel)
    ax.legend(loc="best")
    return fig


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """A figure as PNG, SVG or PDF bytes."""
    if fmt not in FIGURE_FORMATS:
        raise FieldError("format", f"{fmt!r} is not one of {', '.join(FIGURE_FORMATS)}")
    _matplotlib()
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt in ("svg", "pdf") else {}
    fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write a figure to `path` (atomically), in the format its suffix names."""
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in FIGURE_FORMATS:
        raise FieldError("file", f"{target.name}: the suffix must be one of .png, .svg, .pdf")
    return write_atomic(target, figure_bytes(fig, fmt))
