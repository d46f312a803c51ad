"""A one-line chart of the trust timeline."""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], width: int = 60) -> str:
    """Block characters for ``values``, averaged into at most ``width`` buckets."""
    if not values:
        return ""
    if len(values) > width:
        size = len(values) / width
        values = [
            sum(chunk) / len(chunk)
            for i in range(width)
            if (chunk := values[int(i * size) : max(int((i + 1) * size), int(i * size) + 1)])
        ]
    low, high = min(values), max(values)
    span = high - low
    if span == 0:
        return BARS[len(BARS) // 2] * len(values)
    return "".join(BARS[round((v - low) / span * (len(BARS) - 1))] for v in values)
