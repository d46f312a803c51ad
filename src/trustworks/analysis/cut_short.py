"""Cut-short meetings: adapting jointly (reschedule, trim the agenda) versus rushing."""

from __future__ import annotations

from trustworks.analysis.context import Emission, TurnContext, opening_span, sentence_at
from trustworks.conversation import Role

ADAPTS = "adapts_to_cut_short_meeting"
RUSHES = "rushes_cut_short_meeting"
_BACKCHANNEL_WORDS = 3
# A reply this long to "I only have ten minutes" is the seller ploughing on.
_PLOUGHING_WORDS = 90


class CutShortDetector:
    """Waits for the seller's reply after the client says time has been cut."""

    def __init__(self) -> None:
        self._cut: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge how the seller responds to a meeting being cut short."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            said = ctx.cue("time_cut")
            if said is not None:
                self._cut = sentence_at(text, said.start)
            return []
        if ctx.role is not Role.SELLER or self._cut is None or ctx.words <= _BACKCHANNEL_WORDS:
            return []
        cut, self._cut = self._cut, None
        adapt = ctx.cue("schedule_adapt")
        if adapt is not None:
            return [Emission(ADAPTS, adapt.start, adapt.end, cut)]
        rush = ctx.cue("rush")
        if rush is not None:
            return [Emission(RUSHES, rush.start, rush.end, cut)]
        if ctx.words > _PLOUGHING_WORDS:
            start, end = opening_span(text)
            return [Emission(RUSHES, start, end, cut)]
        return []
