"""Save an analysed conversation as an interaction: scores, findings, proposed commitments.

Promises the analyzer heard are proposed, not recorded: a person confirms each one
(`confirm_commitment`) before it counts towards anyone's reliability.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from trustworks.analysis.result import Analysis, Finding, TrustScores
from trustworks.conversation import fold_name
from trustworks.errors import ConflictError
from trustworks.ledger import identities, repository, tables
from trustworks.ledger.due_dates import call_date, named_days, resolve_due
from trustworks.report import to_document

if TYPE_CHECKING:
    from trustworks.report.schema import AnalysisDocument

_CHANNEL_BY_FORMAT = {"email": "email", "draft": "email", "vtt": "video", "srt": "video"}


@dataclass(frozen=True)
class Logged:
    """What `log_conversation` wrote."""

    interaction: tables.Interaction
    findings: int
    proposed: tuple[tables.Commitment, ...]


def log_conversation(
    session: Session,
    analysis: Analysis,
    *,
    account: str,
    occurred_on: dt.date | None = None,
    channel: str | None = None,
    purpose: str = "other",
    person: str | None = None,
    notes: str | None = None,
    transcript: str | None = None,
    seller: str | None = None,
) -> Logged:
    """Store the analysis as an interaction of `account`, inside the caller's transaction.

    `seller` is whose conversation it is in the ledger: a user (username or name), by default
    the account's owner. Who spoke as the seller in the transcript is kept apart from it
    (`seller_speakers`), with the analysis as it was made, findings and scores: reading the
    call again shows exactly that. Our side's promises heard are the owner's; the client's are
    those of a person of the account (added when nobody there has the speaker's name). The day
    defaults to the file's own date (an e-mail's Date header, a transcript's `date`), else
    today; then a bare weekday in a promise is the one the call pins ("Thursday the twelfth").
    """
    conversation = analysis.conversation
    if seller is None:
        owner = repository.find_account(session, account).owner
        # A ledger without owners: the speakers' names, as before, linked to nobody's record.
        seller = owner or ", ".join(conversation.seller) or None
    # Without a day (given or in the file) the call is logged today, and "by Thursday" is the
    # Thursday the call itself names, if it does, rather than the next one from today.
    known = occurred_on or call_date(conversation.metadata)
    day = known or dt.date.today()
    named = None if known else named_days(" ".join(t.text for t in conversation.turns), day)
    interaction = repository.add(
        session,
        "interaction",
        {
            "account": account,
            "person": person,
            "seller": seller,
            "occurred_on": day,
            "channel": channel or _CHANNEL_BY_FORMAT.get(conversation.format, "call"),
            "purpose": purpose,
            "notes": notes,
        },
    )
    assert isinstance(interaction, tables.Interaction)
    added = identities.snapshot(interaction)
    scores = analysis.trust
    interaction.transcript_source = conversation.source
    interaction.transcript_format = conversation.format
    interaction.transcript = transcript
    interaction.seller_speakers = json.dumps(list(conversation.seller))
    interaction.credibility = scores.credibility
    interaction.reliability = scores.reliability
    interaction.intimacy = scores.intimacy
    interaction.self_orientation = scores.self_orientation
    interaction.trust = scores.trust
    interaction.analysis_json = to_document(analysis).model_dump_json()
    session.flush()
    # Part of the same addition: the trail's add lines carry the scores, speakers and format too.
    identities.record(session, "interaction", interaction, "add", added)
    if analysis.findings:
        # One executemany rather than an ORM object per finding (a call has dozens); the
        # interaction's `findings` load from the table when read.
        session.execute(
            insert(tables.StoredFinding),
            [finding_row(interaction.id, f) for f in analysis.findings],
        )
    proposed = propose_commitments(session, interaction, analysis, day, named)
    return Logged(interaction, len(analysis.findings), proposed)


def propose_commitments(
    session: Session,
    interaction: tables.Interaction,
    analysis: Analysis,
    day: dt.date,
    named: dict[int, dt.date] | None = None,
    *,
    known: frozenset[tuple[str, str]] = frozenset(),
) -> tuple[tables.Commitment, ...]:
    """Propose the promises heard in `analysis` on `interaction`, except those in `known`
    ((side, folded text) pairs: a re-analysed e-mail thread proposes only what is new)."""
    sellers = {fold_name(name) for name in analysis.conversation.seller}  # who spoke as seller
    owner = _username(session, interaction.seller_user_id)
    proposed = []
    for c in analysis.commitments:
        ours = fold_name(c.by) in sellers
        if ("us" if ours else "client", fold_name(c.what)) in known:
            continue
        row = repository.add(
            session,
            "commitment",
            {
                "account": str(interaction.account_id),
                "interaction": str(interaction.id),
                "side": "us" if ours else "client",
                # Ours are the owner's, never whichever user happens to share a speaker's name.
                "by": (owner or c.by) if ours else c.by,
                "to": c.to or None,
                "what": c.what,
                "due": resolve_due(c.due, day, named),
                "status": "proposed",
                "source": "analysis",
                "evidence": c.evidence,
            },
        )
        assert isinstance(row, tables.Commitment)
        proposed.append(row)
    session.flush()
    return tuple(proposed)


@dataclass(frozen=True)
class SavedAnalysis:
    """An interaction's analysis as it was saved, and the notes shown with it then."""

    analysis: Analysis
    notes: tuple[str, ...]


def stored_document(row: tables.Interaction) -> AnalysisDocument | None:
    """The analysis document stored with an interaction, read at this version's schema; None
    when none was stored or it cannot be read."""
    from trustworks.report.schema import SCHEMA_VERSION, AnalysisDocument

    if not row.analysis_json:
        return None
    try:
        data = json.loads(row.analysis_json)
        if isinstance(data, dict):
            data["schema_version"] = SCHEMA_VERSION  # later versions only add to the document
        return AnalysisDocument.model_validate(data)
    except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
        return None


def saved_analysis(row: tables.Interaction) -> SavedAnalysis | None:
    """The analysis stored with an interaction, findings and all, exactly as it was made, with
    the scores the ledger's tables show; None when none was stored or it cannot be read."""
    from trustworks.report.document import from_document

    doc = stored_document(row)
    if doc is None:
        return None
    analysis = from_document(doc)
    stored = (row.credibility, row.reliability, row.intimacy, row.self_orientation, row.trust)
    if all(v is not None for v in stored):
        # The unrounded scores the account table and trends read: the same figures everywhere.
        analysis = replace(analysis, trust=TrustScores(*stored))  # type: ignore[arg-type]
    return SavedAnalysis(analysis, tuple(doc.notes))


def _username(session: Session, user_id: int | None) -> str | None:
    user = session.get(tables.User, user_id) if user_id is not None else None
    return user.username if user is not None else None


def confirm_commitment(session: Session, ident: int | str) -> tables.Commitment:
    """Accept a proposed commitment: from now on it is open and counts."""
    return _decide(session, ident, "open")


def dismiss_commitment(session: Session, ident: int | str) -> tables.Commitment:
    """Reject a proposed commitment (the analyzer heard a promise nobody made)."""
    return _decide(session, ident, "dismissed")


def proposed_commitments(
    session: Session, account: str | None = None
) -> Sequence[tables.Commitment]:
    """Commitments waiting for confirmation, oldest first."""
    query = select(tables.Commitment).where(tables.Commitment.status == "proposed")
    if account is not None:
        query = query.where(
            tables.Commitment.account_id == repository.find_account(session, account).id
        )
    return list(session.scalars(query.order_by(tables.Commitment.id)))


def _decide(session: Session, ident: int | str, status: str) -> tables.Commitment:
    row = repository.get(session, "commitment", ident)
    assert isinstance(row, tables.Commitment)
    if row.status != "proposed":
        raise ConflictError(f"commitment {row.id} is {row.status}, not proposed")
    repository.edit(session, "commitment", row.id, {"status": status})
    return row


def finding_row(interaction_id: int, finding: Finding) -> dict[str, object]:
    """One finding as a `stored_findings` row of the interaction it was found in."""
    return {
        "interaction_id": interaction_id,
        "signal": finding.signal,
        "family": finding.family,
        "component": finding.component,
        "polarity": finding.polarity,
        "turn": finding.turn,
        "speaker": finding.speaker,
        "evidence": finding.evidence,
        "learned": finding.learned,
        "confidence": finding.confidence,
    }
