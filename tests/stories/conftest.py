"""The stored programme the report and nudge tests read, shared with tests/ledger."""

from __future__ import annotations

from tests.ledger.conftest import END, LESSONS, PEOPLE, count, programme, story

__all__ = ["END", "LESSONS", "PEOPLE", "count", "programme", "story"]
