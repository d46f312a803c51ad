"""Checking one draft message before it is sent: what `trustworks check` runs."""

from __future__ import annotations

from dataclasses import replace

from trustworks.analysis.live import Settings
from trustworks.analysis.result import Analysis
from trustworks.conversation import Conversation, Role, Turn
from trustworks.signals.loader import Catalogue

DRAFT_AUTHOR = "you"


def check_draft(
    text: str,
    *,
    source: str = "<draft>",
    settings: Settings | None = None,
    catalogue: Catalogue | None = None,
) -> Analysis:
    """Analyse a draft as the seller's own written message; its negative findings spend trust.

    >>> check_draft("Thanks so much for your time.").negative_findings[0].signal
    'thanks_for_your_time'
    """
    # Imported here: the package may re-export check_draft, and analyze lives in its __init__.
    from trustworks.analysis import analyze

    turn = Turn(DRAFT_AUTHOR, text, role=Role.SELLER)
    conversation = Conversation((turn,), source=source, format="draft", seller=(DRAFT_AUTHOR,))
    # A draft is written, not spoken: no talk share or monologue to judge.
    settings = replace(settings or Settings(), written=True)
    return analyze(conversation, catalogue=catalogue, settings=settings)
