"""Asking how much before they have said yes: the yes taken for granted.

"How much would you like to donate?" or "how many licences do you want to start with?" is a
fair question once the client has said they want to give or buy. Asked before that, it skips
the decision and goes straight to its size, an assumptive close in a question's clothes. The
client's agreement is whatever they said of their own accord ("I'd like to donate", "we'll
take it") or a yes to a question of the seller's.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.signals.matcher import Gated, fast_form

SIGNAL = "asks_how_much_before_a_yes"

# A question a yes agrees to: to give, buy, join or go ahead, or to terms put to them ("would
# you like to support them?", "are you interested?", "does that work for you?"). A yes to "do
# you have a minute?" or "have you heard of us?" agrees to nothing.
_ASKS_TO_DECIDE = re.compile(
    r"\b(?:would|do|will|could|can|did) you (?:[\w']+ ){0,3}?(?:donate|give|contribute|pledge|"
    r"support|help|join|sign|buy|order|purchase|try|start|go ahead|go for it|commit|take (?:it|"
    r"one|part)|be part of)\b|\bare you (?:\w+ )?(?:interested|willing|open to|in)\b|"
    r"\bis (?:this|that|it) something you\b|\bsounds? (?:good|fair|ok|okay|right)\b|"
    r"\b(?:does|would|will) (?:that|this|it) work\b|\bhow does (?:that|this) sound\b|"
    r"\bshall we\b|\b(?:can|could|may|shall) (?:i|we) (?:count on you|count you in|put you down|"
    r"sign you up)\b",
    re.IGNORECASE,
)
# Led by the letters it can start with (fast_form): a search skips to them, in half the time
# (9 -> 4.5 us a seller's question), with the same matches.
_ASKS_TO_DECIDE = re.compile(fast_form(_ASKS_TO_DECIDE.pattern), _ASKS_TO_DECIDE.flags)
# Few seller's questions ask them to decide: RE2 tells the others apart first.
_DECIDING = Gated(_ASKS_TO_DECIDE)


class AssumedYesDetector:
    """Flags the seller asking for an amount before the client has agreed to anything."""

    def __init__(self) -> None:
        self._agreed = False
        # The seller's last turn, when it asked a question: whether it asked them to decide
        # is read only if a yes follows (most seller questions get none; 0.7 % of an analysis
        # when read for every one).
        self._seller_question: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Track the client's agreement; flag an amount asked for before it."""
        if ctx.role is Role.CLIENT:
            if not self._agreed and (
                ctx.cue("agrees_to_it") is not None
                or (
                    self._seller_question is not None
                    and ctx.cue("says_yes") is not None
                    and _DECIDING.search(self._seller_question) is not None
                )
            ):
                self._agreed = True
            return []
        if ctx.role is not Role.SELLER:
            return []
        self._seller_question = ctx.turn.text if ctx.questions.total > 0 else None
        if self._agreed:
            return []
        ask = ctx.cue("asks_amount")
        if ask is None:
            return []
        return [Emission(SIGNAL, ask.start, ask.end)]
