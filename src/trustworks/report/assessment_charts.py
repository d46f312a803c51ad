"""The assessments' charts: what each one plots (shared by the pages' SVG and the exported
files) and the exported figures.

- audit items: each practice's mean item score (0-100) in the latest round;
- audit rounds: the organisation's trusting score per round;
- self vs measured: each component as the person sees it, as their calls measure it, and as
  others rate them;
- trend: measured trust by month beside self-assessed trust;
- components: monthly means of each component over the seller's analysed conversations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from trustworks.analysis.result import COMPONENTS
from trustworks.assess.audit import Round
from trustworks.errors import FieldError
from trustworks.ledger.assessments import AuditReport, SelfRecord
from trustworks.ledger.ratings import OthersReport
from trustworks.ledger.trends import SellerTrend
from trustworks.report.figures import bars_figure, lines_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "AUDIT_CHARTS",
    "SELF_CHARTS",
    "audit_figure",
    "audit_item_rows",
    "audit_round_points",
    "component_series",
    "self_compare_rows",
    "self_compare_series",
    "self_figure",
    "trend_series",
]

AUDIT_CHARTS = ("items", "rounds")
SELF_CHARTS = ("compare", "trend", "components")
Rows = list[tuple[str, list[float | None]]]


def audit_item_rows(latest: Round) -> Rows:
    """One row per practice: its mean item score in the round."""
    return [(item.practice, [item.item_score.mean]) for item in latest.items]


def audit_round_points(report: AuditReport) -> tuple[list[str], list[float | None]]:
    """The rounds' dates and mean trusting scores, oldest first."""
    return (
        [r.taken_on.isoformat() for r in report.rounds],
        [r.score.mean for r in report.rounds],
    )


def audit_figure(report: AuditReport, chart: str) -> Figure:
    """One of AUDIT_CHARTS as a figure."""
    if chart == "items":
        return bars_figure(
            audit_item_rows(report.latest),
            ["score"],
            title=f"{report.organisation}: trust extended per practice "
            f"({report.latest.taken_on.isoformat()})",
            xlabel="item score (0-100, higher extends more trust)",
            high=100.0,
        )
    if chart == "rounds":
        labels, values = audit_round_points(report)
        return lines_figure(
            labels,
            [("score", values)],
            title=f"{report.organisation}: trusting score per round",
            ylabel="trusting score (0-100)",
            high=100.0,
        )
    raise FieldError("chart", f"{chart!r} is not one of {', '.join(AUDIT_CHARTS)}")


def self_compare_series(measured: dict[str, float], others: OthersReport | None) -> list[str]:
    """The bars each component gets: self, and measured and others when there are any."""
    series = ["self"]
    if measured:
        series.append("measured")
    if others is not None and others.others:
        series.append("others")
    return series


def self_compare_rows(
    latest: SelfRecord, measured: dict[str, float], others: OthersReport | None
) -> Rows:
    """Per component and trust: self, measured and others' scores (None where unknown)."""
    names = self_compare_series(measured, others)
    rows: Rows = []
    for component in (*COMPONENTS, "trust"):
        values: list[float | None] = [float(getattr(latest.scores, component))]
        if "measured" in names:
            values.append(measured.get(component))
        if "others" in names and others is not None:
            values.append(others.others.get(component))
        rows.append((component.replace("_", " "), values))
    return rows


def trend_series(
    trend: SellerTrend | None, records: Sequence[SelfRecord]
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Months of the measured trend and of the self-assessments, with measured trust and
    self-assessed trust (the month's last self-assessment) as two lines."""
    measured = {p.month: p.trust for p in trend.points} if trend else {}
    selves = {r.taken_on.strftime("%Y-%m"): r.scores.trust for r in records}
    months = sorted({*measured, *selves})
    return months, [
        ("trust", [measured.get(m) for m in months]),
        ("self", [selves.get(m) for m in months]),
    ]


def component_series(trend: SellerTrend) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Months and one line per Trust Equation component measured in the seller's calls."""
    return [p.month for p in trend.points], [
        (c, [getattr(p, c) for p in trend.points]) for c in COMPONENTS
    ]


def self_figure(
    chart: str,
    person: str,
    records: Sequence[SelfRecord],
    measured: dict[str, float],
    others: OthersReport | None,
    trend: SellerTrend | None,
) -> Figure:
    """One of SELF_CHARTS as a figure."""
    if chart == "compare":
        latest = records[-1]
        return bars_figure(
            self_compare_rows(latest, measured, others),
            self_compare_series(measured, others),
            title=f"{person}: how I see myself and what my calls show "
            f"({latest.taken_on.isoformat()})",
            xlabel="score (1-10; lower self-orientation is better)",
        )
    if chart == "trend":
        months, series = trend_series(trend, records)
        return lines_figure(
            months,
            series,
            title=f"{person}: trust measured by month and self-assessed",
            ylabel="trust ((C + R + I) / S)",
        )
    if chart == "components":
        if trend is None:
            return lines_figure([], [], title=f"{person}: no analysed conversations", ylabel="")
        months, series = component_series(trend)
        return lines_figure(
            months,
            series,
            title=f"{person}: trust components by month",
            ylabel="score (1-10; lower self-orientation is better)",
        )
    raise FieldError("chart", f"{chart!r} is not one of {', '.join(SELF_CHARTS)}")
