"""Pouncing: the client reveals a need and the seller's next turn pitches instead of asking."""

from __future__ import annotations

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.conversation import Role
from trustworks.sentences import sentence_span

POUNCES = "pounces_on_need"
EXPLORES = "explores_need_first"
# A seller turn this short ("Mm-hm.", "Right, okay.") is a back-channel, not a reply.
_BACKCHANNEL_WORDS = 5


class PouncingDetector:
    """Remembers the client's last stated need until the seller replies to it."""

    def __init__(self) -> None:
        self._need: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's reply to a need the client has just stated."""
        if ctx.role is Role.CLIENT:
            stated = ctx.cue("client_need")
            if stated is not None:
                self._need = sentence_at(ctx.turn.text, stated.start)
            return []
        if ctx.role is not Role.SELLER or self._need is None:
            return []
        pitch = ctx.cue("pitch")
        first_question = ctx.questions.first_at
        if pitch is None and first_question is None and ctx.words <= _BACKCHANNEL_WORDS:
            return []
        need, self._need = self._need, None
        if pitch is not None and (first_question is None or pitch.start < first_question):
            return [Emission(POUNCES, pitch.start, pitch.end, need)]
        if first_question is not None:
            start, end = sentence_span(ctx.turn.text, first_question)
            return [Emission(EXPLORES, start, end, need)]
        return []
