"""The two output tables, as Arrow schemas, and how an analysis becomes their rows.

conversations: one row per conversation (ids, source, seller and how sure an inferred one is,
team, date, Trust Equation scores, listening metrics, finding counts per family and for the
signals the reports rate).
findings: one row per finding (the conversation's id, turn, signal, words and offsets);
a signal's description, coaching and rewrite are in the catalogue under its id.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pyarrow as pa

from trustworks.analysis.result import Analysis, Metrics, TrustScores
from trustworks.batch.records import Record
from trustworks.signals.schema import FAMILIES

POUNCE_SIGNAL = "pounces_on_need"
PRICE_DODGE_SIGNAL = "dodges_price_question"
PRICE_ANSWER_SIGNAL = "answers_price_directly"

_TRUST_FIELDS = tuple(f.name for f in dataclasses.fields(TrustScores))
_METRIC_TYPES = {
    f.name: (pa.int64() if f.type == "int" else pa.float64()) for f in dataclasses.fields(Metrics)
}

CONVERSATIONS = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("location", pa.string()),
        ("format", pa.string()),
        ("seller", pa.string()),
        ("sellers", pa.list_(pa.string())),
        ("seller_inferred", pa.bool_()),
        ("seller_confidence", pa.float64()),
        ("seller_uncertain", pa.bool_()),
        ("team", pa.string()),
        ("date", pa.date32()),
        ("credibility", pa.float64()),
        ("reliability", pa.float64()),
        ("intimacy", pa.float64()),
        ("self_orientation", pa.float64()),
        ("trust", pa.float64()),
        *_METRIC_TYPES.items(),
        ("findings", pa.int64()),
        ("negative_findings", pa.int64()),
        ("positive_findings", pa.int64()),
        ("commitments", pa.int64()),
        *((f"findings_{family}", pa.int64()) for family in FAMILIES),
        ("pounces", pa.int64()),
        ("price_dodges", pa.int64()),
        ("price_answers", pa.int64()),
    ]
)

FINDINGS = pa.schema(
    [
        ("conversation_id", pa.string()),
        ("seller", pa.string()),
        ("team", pa.string()),
        ("date", pa.date32()),
        ("turn", pa.int64()),
        ("speaker", pa.string()),
        ("signal", pa.string()),
        ("family", pa.string()),
        ("component", pa.string()),
        ("polarity", pa.int64()),
        ("weight", pa.float64()),
        ("evidence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("detector", pa.string()),
        ("learned", pa.bool_()),
        ("confidence", pa.float64()),
    ]
)


def conversation_row(record: Record, analysis: Analysis) -> dict[str, Any]:
    """The conversations-table row of one analysed record."""
    conv = analysis.conversation
    findings = analysis.findings
    families = dict.fromkeys(FAMILIES, 0)
    signals: dict[str, int] = {}
    negative = 0
    for f in findings:
        families[f.family] = families.get(f.family, 0) + 1
        signals[f.signal] = signals.get(f.signal, 0) + 1
        negative += f.polarity < 0
    row: dict[str, Any] = {
        "id": record.id,
        "source": record.source,
        "location": record.location,
        "format": conv.format,
        "seller": conv.seller[0] if conv.seller else None,
        "sellers": list(conv.seller),
        "seller_inferred": conv.seller_inferred,
        "seller_confidence": conv.seller_confidence,
        "seller_uncertain": conv.seller_uncertain,
        "team": record.team,
        "date": record.date,
        # getattr, not dataclasses.asdict: asdict deep-copies, a few % of a partition's time
        **{name: getattr(analysis.trust, name) for name in _TRUST_FIELDS},
        **{name: getattr(analysis.metrics, name) for name in _METRIC_TYPES},
        "findings": len(findings),
        "negative_findings": negative,
        "positive_findings": sum(f.polarity > 0 for f in findings),
        "commitments": len(analysis.commitments),
        **{f"findings_{name}": count for name, count in families.items()},
        "pounces": signals.get(POUNCE_SIGNAL, 0),
        "price_dodges": signals.get(PRICE_DODGE_SIGNAL, 0),
        "price_answers": signals.get(PRICE_ANSWER_SIGNAL, 0),
    }
    return row


def finding_rows(record: Record, analysis: Analysis) -> list[dict[str, Any]]:
    """The findings-table rows of one analysed record, in the analysis' order."""
    conv = analysis.conversation
    seller = conv.seller[0] if conv.seller else None
    return [
        {
            "conversation_id": record.id,
            "seller": seller,
            "team": record.team,
            "date": record.date,
            "turn": f.turn,
            "speaker": f.speaker,
            "signal": f.signal,
            "family": f.family,
            "component": f.component,
            "polarity": f.polarity,
            "weight": f.weight,
            "evidence": f.evidence,
            "start": f.start,
            "end": f.end,
            "detector": f.detector,
            "learned": f.learned,
            "confidence": f.confidence,
        }
        for f in analysis.findings
    ]


def to_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table of `schema` (an empty table when there are none)."""
    columns = {name: [row[name] for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)
