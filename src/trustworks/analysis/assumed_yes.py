"""Asking how much before they have said yes: the yes taken for granted.

"How much would you like to donate?" or "how many licences do you want to start with?" is a
fair question once the client has said they want to give or buy. Asked before that, it skips
the decision and goes straight to its size, an assumptive close in a question's clothes. The
client's agreement is whatever they said of their own accord ("I'd like to donate", "we'll
take it") or a yes to a question of the seller's.
"""

from __future__ import annotations

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role

SIGNAL = "asks_how_much_before_a_yes"


class AssumedYesDetector:
    """Flags the seller asking for an amount before the client has agreed to anything."""

    def __init__(self) -> None:
        self._agreed = False
        self._seller_asked = False  # the seller's last turn asked a question

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Track the client's agreement; flag an amount asked for before it."""
        if ctx.role is Role.CLIENT:
            if ctx.cue("agrees_to_it") is not None or (
                self._seller_asked and ctx.cue("says_yes") is not None
            ):
                self._agreed = True
            return []
        if ctx.role is not Role.SELLER:
            return []
        self._seller_asked = ctx.questions.total > 0
        if self._agreed:
            return []
        ask = ctx.cue("asks_amount")
        if ask is None:
            return []
        return [Emission(SIGNAL, ask.start, ask.end)]
