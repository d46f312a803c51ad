"""Small SVG line charts drawn on the server, so pages need no chart library or script.

Only numbers and escaped labels go into the markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT, PAD = 640, 220, 36


@dataclass(frozen=True)
class Series:
    """One line: a name, a CSS class for its colour, and its values (None leaves a gap)."""

    name: str
    css: str
    values: Sequence[float | None]


def _svg_open(css: str, height: int, title: str) -> list[str]:
    return [
        f'<svg class="{css}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]


def _legend(series: Iterable[tuple[str, str]]) -> str:
    """A key per (name, CSS class)."""
    keys = "".join(f'<span class="key {escape(css)}">{escape(name)}</span>' for name, css in series)
    return f'<div class="legend">{keys}</div>'


def line_chart(
    series: Sequence[Series],
    labels: Sequence[str],
    *,
    low: float = 0.0,
    high: float = 10.0,
    title: str = "",
    unit: str = "point",
) -> Markup:
    """An accessible SVG line chart of `series` over `labels` on a `low`..`high` scale.

    With fewer than two `unit`s (a month, a week, a turn) that have a value, it says so in
    words instead: a single dot reads as a trend that is not there.
    """
    count = max((len(s.values) for s in series), default=0)
    if count == 0:
        return Markup('<p class="muted">Nothing to chart yet.</p>')
    filled = sorted({i for s in series for i, v in enumerate(s.values) if v is not None})
    if len(filled) < 2:
        return Markup(_too_few(series, labels, filled, unit, title))
    high = max([high, *(v for s in series for v in s.values if v is not None)])
    span = (high - low) or 1.0

    def x(i: int) -> float:
        return PAD + (WIDTH - 2 * PAD) * (i / (count - 1) if count > 1 else 0.5)

    def y(v: float) -> float:
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * ((v - low) / span)

    parts = _svg_open("chart", HEIGHT, title)
    for tick in (low, (low + high) / 2, high):
        at = y(tick)
        parts.append(
            f'<line class="grid" x1="{PAD}" x2="{WIDTH - PAD}" y1="{at:.1f}" y2="{at:.1f}"/>'
            f'<text class="tick" x="{PAD - 6}" y="{at + 4:.1f}" text-anchor="end">{tick:g}</text>'
        )
    step = max(1, count // 8)
    for i, label in enumerate(labels[:count]):
        # Every step-th label, and the last, unless it would crowd the one before it.
        if i == count - 1 or (i % step == 0 and count - 1 - i >= max(1, step // 2)):
            parts.append(
                f'<text class="tick" x="{x(i):.1f}" y="{HEIGHT - PAD + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    for s in series:
        points = [(x(i), y(v)) for i, v in enumerate(s.values) if v is not None]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        css, name = escape(s.css), escape(s.name)
        parts.append(
            f'<polyline class="line {css}" points="{path}"><title>{name}</title></polyline>'
        )
        parts += [
            f'<circle class="dot {escape(s.css)}" cx="{px:.1f}" cy="{py:.1f}" r="3"/>'
            for px, py in points
        ]
    parts.append("</svg>")
    return Markup("".join(parts) + _legend((s.name, s.css) for s in series))


def _too_few(
    series: Sequence[Series], labels: Sequence[str], filled: Sequence[int], unit: str, title: str
) -> str:
    """Why there is no line: how many `unit`s there are, and the one value there is."""
    if not filled:
        said = f"No {unit} has a value yet"
    else:
        at = filled[0]
        label = labels[at] if at < len(labels) else ""
        values = ", ".join(
            f"{s.name} {v:.2f}"
            for s in series
            if at < len(s.values) and (v := s.values[at]) is not None
        )
        said = f"Only one {unit} so far ({escape(label)}: {escape(values)})"
    what = f"{escape(title)}: " if title else ""
    return (
        f'<p class="muted chart-too-few">{what}{said}. A trend needs at least two, so no line '
        f"is drawn until there is another {escape(unit)}.</p>"
    )


BAR_ROW, BAR_GAP, LABEL_WIDTH = 14, 10, 230


def bar_chart(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[tuple[str, str]],
    *,
    low: float = 0.0,
    high: float = 10.0,
    title: str = "",
) -> Markup:
    """An accessible horizontal SVG bar chart: one group per row label, one bar per series.

    `series` names each bar of a group and its CSS class; a None value draws no bar.
    """
    if not rows or not series:
        return Markup('<p class="muted">Nothing to chart yet.</p>')
    high = max([high, *(v for _, values in rows for v in values if v is not None)])
    span = (high - low) or 1.0
    group = BAR_ROW * len(series) + BAR_GAP
    height = PAD + group * len(rows) + PAD // 2
    left, right = LABEL_WIDTH, WIDTH - PAD

    def x(v: float) -> float:
        return left + (right - left) * ((min(max(v, low), high) - low) / span)

    parts = _svg_open("chart bars", height, title)
    for tick in (low, (low + high) / 2, high):
        at = x(tick)
        parts.append(
            f'<line class="grid" x1="{at:.1f}" x2="{at:.1f}" y1="{PAD - 8}" y2="{height - 8}"/>'
            f'<text class="tick" x="{at:.1f}" y="{PAD - 12}" text-anchor="middle">{tick:g}</text>'
        )
    for r, (label, values) in enumerate(rows):
        top = PAD + r * group
        short = label if len(label) <= 36 else label[:35] + "…"
        parts.append(
            f'<text class="tick" x="{left - 8}" y="{top + group / 2:.1f}" '
            f'text-anchor="end"><title>{escape(label)}</title>{escape(short)}</text>'
        )
        for s, ((name, css), value) in enumerate(zip(series, values, strict=False)):
            if value is None:
                continue
            y = top + s * BAR_ROW
            parts.append(
                f'<rect class="bar {escape(css)}" x="{left}" y="{y:.1f}" '
                f'width="{x(value) - left:.1f}" height="{BAR_ROW - 2}">'
                f"<title>{escape(label)}, {escape(name)}: {value:.1f}</title></rect>"
            )
    parts.append("</svg>")
    return Markup("".join(parts) + _legend(series))
