"""Asking for the yes before the client has said anything about themselves.

"Would you like to donate some of your payment today?" one line after "Hello!", or "would
you be interested in buying our CRM?" as the opening of a cold call, asks for a decision from
someone the seller has not yet heard: whatever comes next, the client knows the call was about
the seller's goal. The same ask after the client has talked about their situation, their
interests or their doubts is an ordinary question. Only a conversation in which the client
speaks is judged: a draft or a single message may answer words the analyzer is not shown.
"""

from __future__ import annotations

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.conversation import Role

SIGNAL = "asks_before_listening"
# Words the client must have said before an ask is no longer premature: more than a greeting
# and a "fine, thanks", less than a sentence or two about themselves.
LISTENED_WORDS = 15


class EarlyAskDetector:
    """Flags the seller's first ask for a commitment when the client has said next to nothing."""

    def __init__(self) -> None:
        self._heard = 0  # words the client has said so far
        self._client_spoke = False
        self._asked = False  # only the seller's first ask is judged

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Count the client's words; judge the seller's first ask."""
        if ctx.role is Role.CLIENT:
            self._heard += ctx.words
            self._client_spoke = True
            return []
        if ctx.role is not Role.SELLER or self._asked:
            return []
        ask = ctx.cue("asks_to_commit")
        # An ask is a question ("would you like to donate?"); "every little bit helps" said
        # early is the cost played down, which has its own signal.
        if ask is None or "?" not in sentence_at(ctx.turn.text, ask.start):
            return []
        self._asked = True
        if self._heard >= LISTENED_WORDS or not self._client_spoke:
            return []
        return [Emission(SIGNAL, ask.start, ask.end)]
