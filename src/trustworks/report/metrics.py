"""Lines about the listening metrics that the text and markdown reports share."""

from __future__ import annotations

from trustworks.analysis.result import Metrics
from trustworks.plural import counted


def directives_line(metrics: Metrics) -> str:
    """How many seller turns told the other person what to do, and what it costs."""
    return (
        f"{counted(metrics.seller_directives, 'seller turn')} of {metrics.seller_turns} "
        "('you should', 'you need to', unasked): costs self-orientation"
    )
