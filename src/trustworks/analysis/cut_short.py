"""Cut-short meetings: adapting jointly (reschedule, trim the agenda) versus rushing, or going
on as if the client had not said their time was short."""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, opening_span, sentence_at
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE

ADAPTS = "adapts_to_cut_short_meeting"
RUSHES = "rushes_cut_short_meeting"
PASSES_OVER = "passes_over_their_time_limit"
# A word for their time in the reply: how long it will take, keeping it short, whether now
# still suits them. ("Thank you for your time" thanks them for it, it does not fit to it.)
_MINDS_THE_TIME = re.compile(
    r"\b(?:minutes?|mins?|seconds?|brief|short|quick(?:ly)?|won'?t take (?:long|more than)|"
    r"respect your time|(?:good|bad|better|convenient) time|another time|later|reschedule|"
    r"call (?:you )?back|(?:i'?ll|we'?ll|let me) be (?:fast|efficient))\b",
    re.IGNORECASE,
)
_IN_MINUTES = re.compile(r"\b(?:minutes|mins)\b", re.IGNORECASE)
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
        # Only a limit in minutes is plainly the call's: "I have to leave at 8 pm" may be the
        # trip they are booking.
        if _IN_MINUTES.search(cut) and _MINDS_THE_TIME.search(text) is None:
            # Shown on where the reply went instead, its last sentence: its opening is often a
            # courtesy ("Thank you for your time"), a reading of its own.
            sentences = list(SENTENCE.finditer(text))
            if not sentences:  # punctuation alone: nothing said to judge
                return []
            last = sentences[-1]
            return [Emission(PASSES_OVER, last.start(), last.end(), cut)]
        return []
