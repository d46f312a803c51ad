"""Cut-short meetings: adapting jointly (reschedule, trim the agenda) versus rushing, or going
on as if the client had not said their time was short; and a complaint of being kept waiting
gone past without a word."""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, opening_span, sentence_at
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE
from trustworks.signals.matcher import fold

ADAPTS = "adapts_to_cut_short_meeting"
RUSHES = "rushes_cut_short_meeting"
PASSES_OVER = "passes_over_their_time_limit"
PASSES_OVER_WAIT = "passes_over_their_wait"
# A word for the wait in the reply: an apology, thanks for their patience, or that they are
# heard ("I'm still here", "right away").
_OWNS_THE_WAIT = re.compile(
    r"\b(?:sorry|apolog\w*|pardon|patience|patient|bear(?:ing)? with|wait(?:ing|ed)?|delay\w*|"
    r"thanks? (?:you )?for (?:holding|hanging on)|(?:still|right) here|right away|as (?:quick|fast)"
    r"(?:ly)? as|hurry|quick(?:ly)?|understand)\b",
    re.IGNORECASE,
)
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
_HOLDS_ON = re.compile(
    r"\W*(?:(?:mm+|mhm|uh-huh|hmm+|ok(?:ay)?|sure|right|yes|yeah)\W*)*(?:(?:one|just a) "
    r"(?:moment|sec(?:ond)?|minute)(?: please)?|let me (?:check|see|look)(?: (?:that|it))?)?\W*$",
    re.IGNORECASE,
)
# A reply this long to "I only have ten minutes" is the seller ploughing on.
_PLOUGHING_WORDS = 90


class CutShortDetector:
    """Waits for the seller's reply after the client says time has been cut."""

    def __init__(self) -> None:
        self._cut: str | None = None
        self._wait: str | None = None  # their complaint of waiting, until the seller replies

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge how the seller responds to a meeting being cut short."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            said = ctx.cue("time_cut")
            if said is not None:
                self._cut = sentence_at(text, said.start)
            waited = ctx.cue("complains_of_waiting")
            self._wait = None if waited is None else sentence_at(text, waited.start)
            return []
        if ctx.role is not Role.SELLER:
            return []
        # Their complaint is answered by the first seller turn that says something ("ID
        # please." does; "Mm." or "one moment" leaves it waiting).
        if self._wait is not None and not _HOLDS_ON.match(fold(text)):
            wait, self._wait = self._wait, None
            if _OWNS_THE_WAIT.search(text) is None:
                start, end = opening_span(text)
                return [Emission(PASSES_OVER_WAIT, start, end, wait)]
        if self._cut is None or ctx.words <= _BACKCHANNEL_WORDS:
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
