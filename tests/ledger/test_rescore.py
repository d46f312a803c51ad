from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from trustworks.analysis import analyze
from trustworks.analysis.trust import component_score
from trustworks.ingest import load
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger
from trustworks.ledger.log import log_conversation
from trustworks.ledger.rescore import rescore_calls

EXAMPLES = Path(__file__).parents[2] / "examples"


def _log_pounce(ledger: Ledger) -> int:
    analysis = analyze(load(EXAMPLES / "discovery-pounce.srt"), ["Ryan Cole"])
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Northwind"})
        logged = log_conversation(
            s, analysis, account="Northwind", occurred_on=dt.date(2026, 11, 30)
        )
        return logged.interaction.id


def _to_old_scale(ledger: Ledger, iid: int) -> tuple[float, float]:
    """Store the call's self-orientation and trust as the temperature of 5 gave them."""
    with ledger.session() as s:
        row = s.get(tables.Interaction, iid)
        assert row is not None and row.analysis_json is not None
        doc = json.loads(row.analysis_json)
        g = sum(c["delta"] for c in doc["explanation"] if c["component"] == "self_orientation")
        old_s = component_score(-g)
        row.self_orientation = old_s
        row.trust = (row.credibility + row.reliability + row.intimacy) / old_s
        return row.self_orientation, row.trust


def test_rescore_brings_a_call_logged_at_the_old_scale_to_today_s(ledger: Ledger) -> None:
    iid = _log_pounce(ledger)
    with ledger.reading() as s:
        row = s.get(tables.Interaction, iid)
        assert row is not None
        today = (row.self_orientation, row.trust)
    old = _to_old_scale(ledger, iid)
    assert abs(old[1] - today[1]) > 0.05  # the pouncing call spends a lot on self-orientation
    with ledger.session() as s:
        done = rescore_calls(s)
    assert (done.checked, done.changed, done.unreadable) == (1, 1, ())
    with ledger.reading() as s:
        row = s.get(tables.Interaction, iid)
        assert row is not None
        assert row.self_orientation == pytest.approx(today[0], abs=0.01)
        assert row.trust == pytest.approx(today[1], abs=0.01)
        assert json.loads(row.analysis_json or "")["trust"]["trust"] == pytest.approx(
            today[1], abs=0.01
        )
        # The change is in the trail, like any edit of the call.
        edits = s.scalars(
            select(tables.AuditEntry).where(
                tables.AuditEntry.kind == "interaction", tables.AuditEntry.action == "edit"
            )
        ).all()
        assert {e.field for e in edits} >= {"trust", "self_orientation"}
    # At today's scale already: nothing to do.
    with ledger.session() as s:
        assert rescore_calls(s).changed == 0


def test_rescore_names_a_stored_analysis_it_cannot_read_and_leaves_it(ledger: Ledger) -> None:
    iid = _log_pounce(ledger)
    with ledger.session() as s:
        row = s.get(tables.Interaction, iid)
        assert row is not None
        row.analysis_json = '{"explanation": [{"component": "charm", "delta": 1}]}'
        kept = row.trust
    with ledger.session() as s:
        done = rescore_calls(s)
    assert (done.checked, done.changed, done.unreadable) == (1, 0, (iid,))
    with ledger.reading() as s:
        row = s.get(tables.Interaction, iid)
        assert row is not None and row.trust == kept
