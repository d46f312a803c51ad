"""Turn an Analysis into the versioned JSON document."""

from __future__ import annotations

from dataclasses import asdict

from trustworks.analysis.limits import analysis_notes
from trustworks.analysis.result import (
    Analysis,
    Commitment,
    Contribution,
    Finding,
    Metrics,
    TrustScores,
)
from trustworks.conversation import Conversation, Role, Turn
from trustworks.report.schema import (
    AnalysisDocument,
    CommitmentOut,
    ContributionOut,
    FindingOut,
    MetricsOut,
    TrustOut,
    TurnOut,
)

_DIGITS = 3


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, _DIGITS)


def to_document(analysis: Analysis) -> AnalysisDocument:
    """The JSON-ready document for one analysis (floats rounded to 3 places)."""
    conv = analysis.conversation
    metrics = {
        k: _round(v) if isinstance(v, float) else v for k, v in asdict(analysis.metrics).items()
    }
    return AnalysisDocument(
        source=conv.source,
        format=conv.format,
        seller=conv.seller[0] if conv.seller else None,
        sellers=list(conv.seller),
        seller_inferred=conv.seller_inferred,
        seller_inference_reason=conv.seller_reason,
        seller_confidence=_round(conv.seller_confidence),
        seller_uncertain=conv.seller_uncertain,
        seller_inference_reasons=list(conv.seller_reasons),
        notes=analysis_notes(analysis),
        turns=[
            TurnOut(
                index=i, speaker=t.speaker, role=t.role.value, start=t.start, end=t.end, text=t.text
            )
            for i, t in enumerate(conv.turns)
        ],
        findings=[FindingOut.model_validate(asdict(f)) for f in analysis.findings],
        metrics=MetricsOut.model_validate(metrics),
        trust=TrustOut.model_validate(
            {k: round(v, _DIGITS) for k, v in asdict(analysis.trust).items()}
        ),
        explanation=[
            ContributionOut(
                component=c.component,
                delta=round(c.delta, _DIGITS),
                source="signal" if c.source == "signal" else "metric",
                ref=c.ref,
                turn=c.turn,
            )
            for c in analysis.contributions
        ],
        timeline=[round(v, _DIGITS) for v in analysis.timeline],
        commitments=[CommitmentOut.model_validate(asdict(c)) for c in analysis.commitments],
    )


def from_document(doc: AnalysisDocument) -> Analysis:
    """The analysis a document was made from, as saved (floats as rounded in the document), so
    a stored call is shown exactly as it was analysed, not analysed again."""
    conversation = Conversation(
        turns=tuple(
            Turn(speaker=t.speaker, text=t.text, role=Role(t.role), start=t.start, end=t.end)
            for t in doc.turns
        ),
        source=doc.source,
        format=doc.format,
        seller=tuple(doc.sellers),
        seller_inferred=doc.seller_inferred,
        seller_reason=doc.seller_inference_reason,
        seller_confidence=doc.seller_confidence,
        seller_uncertain=doc.seller_uncertain,
        seller_reasons=tuple(doc.seller_inference_reasons),
    )
    return Analysis(
        conversation=conversation,
        findings=tuple(Finding(**f.model_dump()) for f in doc.findings),
        metrics=Metrics(**doc.metrics.model_dump()),
        trust=TrustScores(**doc.trust.model_dump()),
        contributions=tuple(Contribution(**c.model_dump()) for c in doc.explanation),
        timeline=tuple(doc.timeline),
        commitments=tuple(Commitment(**c.model_dump()) for c in doc.commitments),
    )


def to_json(analyses: list[Analysis], indent: int | None = 2) -> str:
    """One document, or a JSON array of documents when several conversations were analysed."""
    docs = [to_document(a) for a in analyses]
    if len(docs) == 1:
        return docs[0].model_dump_json(indent=indent)
    body = ",\n".join(d.model_dump_json(indent=indent) for d in docs)
    return f"[\n{body}\n]"
