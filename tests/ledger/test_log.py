from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from trustworks.analysis import Analysis, analyze
from trustworks.conversation import conversation_from_pairs
from trustworks.errors import ConflictError, FieldError
from trustworks.ingest import load
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger
from trustworks.ledger.log import (
    confirm_commitment,
    dismiss_commitment,
    log_conversation,
    proposed_commitments,
)

EXAMPLES = Path(__file__).parents[2] / "examples"


def _honest_call() -> Analysis:
    return analyze(load(EXAMPLES / "qualifying-call-honest.vtt"), ["Dana Whitfield"])


def test_log_conversation_stores_scores_findings_and_proposes_commitments(ledger: Ledger) -> None:
    analysis = _honest_call()
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Northwind"})
        logged = log_conversation(
            s,
            analysis,
            account="Northwind",
            occurred_on=dt.date(2026, 11, 30),
            purpose="discovery",
        )
        iid = logged.interaction.id
    with ledger.session() as s:
        row = s.get(tables.Interaction, iid)
        assert row is not None
        assert row.trust == pytest.approx(analysis.trust.trust)
        assert (row.channel, row.purpose, row.seller) == ("video", "discovery", "Dana Whitfield")
        stored = s.scalar(select(func.count()).select_from(tables.StoredFinding))
        assert stored == len(analysis.findings) > 0
        waiting = proposed_commitments(s, "Northwind")
        assert {(c.side, c.by) for c in waiting} == {
            ("us", "Dana Whitfield"),
            ("client", "Marcus Lee"),
        }
        assert all(c.source == "analysis" and c.due is not None for c in waiting)
        # Proposed commitments are not open: they do not count until somebody confirms them.
        assert not [c for c in repo.rows(s, "commitments") if c.status == "open"]


def test_confirm_and_dismiss_proposed_commitments(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Northwind"})
        logged = log_conversation(s, _honest_call(), account="Northwind")
        first, second = (c.id for c in logged.proposed)
    with ledger.session() as s:
        confirm_commitment(s, first)
        dismiss_commitment(s, second)
    with ledger.session() as s:
        assert [(c.id, c.status) for c in repo.rows(s, "commitments")] == [
            (first, "open"),
            (second, "dismissed"),
        ]
        assert proposed_commitments(s) == []
    with pytest.raises(ConflictError, match="not proposed"), ledger.session() as s:
        confirm_commitment(s, first)


def test_log_conversation_is_all_or_nothing(ledger: Ledger) -> None:
    # The client's name is too long for a commitment, so the write fails after the
    # interaction and its findings were already flushed: none of it may remain.
    long_name = "Marcus " + "x" * 250
    conv = conversation_from_pairs(
        [
            ("Dana", "What would a good outcome look like?"),
            (long_name, "I'll send you the numbers by Friday."),
        ],
        seller="Dana",
    )
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Northwind"})
    with pytest.raises(FieldError, match="by"), ledger.session() as s:
        log_conversation(s, analyze(conv), account="Northwind")
    with ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(tables.Interaction)) == 0
        assert s.scalar(select(func.count()).select_from(tables.StoredFinding)) == 0


def _logged(ledger: Ledger, analysis: Analysis) -> tuple[dt.date, dict[str, dt.date | None]]:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Corrigan"})
        logged = log_conversation(s, analysis, account="Corrigan")
        return logged.interaction.occurred_on, {c.by: c.due for c in logged.proposed}


def test_log_conversation_reads_weekdays_against_the_days_the_call_names(ledger: Ledger) -> None:
    # The honest call has no date in its file; Dana's recap pins "Thursday the twelfth" and
    # "Monday the sixteenth" (12 and 16 November 2026), so "by Thursday" and "by Monday" are
    # those days, not the next Thursday and Monday after the day it is logged.
    day, dues = _logged(ledger, _honest_call())
    assert day == dt.date.today()
    if day - dt.date(2026, 11, 16) < dt.timedelta(days=180):  # the nearest such days
        assert dues == {
            "Dana Whitfield": dt.date(2026, 11, 12),
            "Marcus Lee": dt.date(2026, 11, 16),
        }


def test_log_conversation_takes_the_day_from_the_transcript(ledger: Ledger) -> None:
    text = (
        "WEBVTT\nDate: 2026-09-22\n\n"
        "00:00:01.000 --> 00:00:04.000\n<v Ryan>I'll send the pricing by Friday.</v>\n\n"
        "00:00:05.000 --> 00:00:07.000\n<v Priya>Great, thanks.</v>\n"
    )
    from trustworks.ingest import parse

    day, dues = _logged(ledger, analyze(parse(text, "call.vtt"), ["Ryan"]))
    assert day == dt.date(2026, 9, 22)
    assert dues == {"Ryan": dt.date(2026, 9, 25)}


def test_log_conversation_keeps_the_saved_scores_in_the_trail(ledger: Ledger) -> None:
    from trustworks.ledger import identities

    analysis = _honest_call()
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Northwind"})
        iid = log_conversation(s, analysis, account="Northwind", occurred_on=dt.date(2026, 11, 30))
        iid = iid.interaction.id
    with ledger.session() as s:
        trail, _ = identities.history(s, "interaction", iid)
    added = {e.field: e.after for e in trail if e.action == "add"}
    assert float(added["trust"] or "nan") == pytest.approx(analysis.trust.trust)
    assert added["credibility"] is not None and added["self_orientation"] is not None
    assert added["seller_speakers"] == '["Dana Whitfield"]'
    assert added["transcript_format"] == analysis.conversation.format
    assert {e.action for e in trail} == {"add"}
