"""Pouncing: the client reveals a need and the seller's next turn pitches instead of asking."""

from __future__ import annotations

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.analysis.proposals import asks_verdict_on_terms
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
        question = None if first_question is None else sentence_span(ctx.turn.text, first_question)
        # A pitch before the first question, or in it ("want to see a quick demo?"), answers
        # the need with the product before learning anything more about it.
        if pitch is not None and (question is None or pitch.start < question[1]):
            return [Emission(POUNCES, pitch.start, pitch.end, need)]
        # "I'd take the water, you the food. Does that work for you?" answers their need with
        # the seller's terms: no exploring, and no pitch either.
        text = ctx.turn.text
        if question is not None and not asks_verdict_on_terms(
            text[question[0] : question[1]], text[: question[0]]
        ):
            return [Emission(EXPLORES, question[0], question[1], need)]
        return []
