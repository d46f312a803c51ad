"""Shape analyses and ledger rows for the pages: transcript segments with highlighted findings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trustworks.analysis.result import Analysis, Finding
from trustworks.web.charts import Series, line_chart


@dataclass(frozen=True)
class Segment:
    """A run of a turn's text, and the finding it is evidence of (index into findings)."""

    text: str
    finding: int | None = None
    polarity: int = 0


@dataclass(frozen=True)
class ShownTurn:
    index: int
    speaker: str
    role: str
    segments: tuple[Segment, ...]


def highlighted_turns(analysis: Analysis) -> list[ShownTurn]:
    """Every turn split into plain and highlighted runs; overlapping evidence is shown once."""
    by_turn: dict[int, list[tuple[int, Finding]]] = {}
    for number, finding in enumerate(analysis.findings):
        if finding.end > finding.start:
            by_turn.setdefault(finding.turn, []).append((number, finding))
    shown = []
    for index, turn in enumerate(analysis.conversation.turns):
        shown.append(
            ShownTurn(
                index, turn.speaker, turn.role.value, _segments(turn.text, by_turn.get(index, []))
            )
        )
    return shown


def _segments(text: str, findings: Sequence[tuple[int, Finding]]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    cursor = 0
    for number, finding in sorted(findings, key=lambda nf: (nf[1].start, -nf[1].end)):
        start, end = max(finding.start, cursor), min(finding.end, len(text))
        if start >= end:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start]))
        out.append(Segment(text[start:end], number, finding.polarity))
        cursor = end
    if cursor < len(text):
        out.append(Segment(text[cursor:]))
    return tuple(out)


def timeline_chart(analysis: Analysis) -> str:
    """The trust timeline (trust after each turn) as an SVG chart."""
    labels = [str(i + 1) for i in range(len(analysis.timeline))]
    return line_chart(
        [Series("trust", "trust", list(analysis.timeline))],
        labels,
        high=max(10.0, *analysis.timeline) if analysis.timeline else 10.0,
        title="Trust after each turn",
        unit="turn",
    )
