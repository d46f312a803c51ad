"""What the analysis page says about its scores: each score's band, how the call compares with
its seller's own last 30 days and their team's median, and the three findings that moved
trust most (analysis.bands, ledger.calls.compare)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request

from trustworks.analysis import Analysis
from trustworks.analysis.bands import (
    BAND_WORDS,
    THRESHOLDS,
    component_band,
    top_movers,
)
from trustworks.ledger import tables
from trustworks.ledger.calls import compare
from trustworks.web.auth import Caller, ledger_of

SCORES = ("trust", "credibility", "reliability", "intimacy", "self_orientation")


def score_context(
    request: Request, who: Caller, analysis: Analysis, saved_call: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The template values of the analysis page's score panel (`score_*`)."""
    bands = {name: component_band(name, getattr(analysis.trust, name)) for name in SCORES}
    with ledger_of(request).reading() as session:
        if saved_call is not None:
            row = session.get(tables.Interaction, int(saved_call["id"]))
            user_id = row.seller_user_id if row is not None else None
            day = row.occurred_on if row is not None else dt.date.today()
            whose = "the seller's" if user_id != who.scope.user_id else "your"
            compared = compare(session, user_id, day, exclude=int(saved_call["id"]))
        else:
            whose = "your"
            compared = compare(session, who.scope.user_id, dt.date.today())
    return {
        "score_bands": bands,
        "score_band_words": BAND_WORDS,
        "score_thresholds": THRESHOLDS,
        "score_compared": compared,
        "score_whose": whose,
        "score_movers": top_movers(analysis),
        "score_can_keep": who.role in ("manager", "admin") and saved_call is not None,
    }
