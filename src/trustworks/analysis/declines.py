"""Taking no for an answer: what the seller does right after the client declines.

A "no" reached with clarity is a good outcome; pressing on after it spends trust. When the
client hesitates or turns the offer down, the seller's next real reply either accepts it
("That's fine, I respect that") or pushes past it (a "but", the pitch again, a smaller ask,
"are you sure?"). Either way the seller's reply is the finding.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.conversation import Role
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import fold

PUSHES = "pushes_past_a_no"
RESPECTS = "respects_their_no"
_BACKCHANNEL_WORDS = 3
# Seller cues that put the offer back on the table.
_PUSH_CUES = ("pitch", "asks_to_commit", "proposes_terms", "price_figure", "cause_description")
_ACCEPTS = re.compile(
    # A bare "okay" or "sure" starts all kinds of replies; acceptance says more than that.
    r"^\W*(?:(?:oh|well|ah|yeah|yes|ok(?:ay)?|sure|alright)[,.!]?\s+)*(?:no problem|no worries|"
    r"that'?s (?:(?:completely|totally|perfectly|absolutely) )?(?:fine|ok(?:ay)?|fair|alright|"
    r"understandable|no problem)|fair enough|(?:i )?(?:completely |totally |fully )?"
    r"(?:understand|respect that|get (?:it|that))|of course|absolutely|no pressure|"
    r"thanks? (?:you )?for (?:being (?:honest|straight|clear|upfront)|letting me know|"
    r"telling me))\b",
    re.IGNORECASE,
)
# Pressing on, whatever came first: asking again, a smaller ask, telling them what to do.
_PUSH_WORDS = re.compile(
    r"\b(?:are you sure|why not|reconsider|change your mind|give it a (?:try|chance|go|shot)|"
    r"even (?:just )?(?:a|one|a little|a small|a few|\$?\d)|just (?:a|one) (?:dollar|penny|"
    r"cent|buck|pound|euro|little|small)|only (?:a|one) (?:dollar|penny|cent|buck|little|small)|"
    r"it would (?:really )?(?:help|mean)|you (?:should|must|need to|have to|'ve got to))\b",
    re.IGNORECASE,
)
# Weaker signs of pressing on that also begin polite acceptances ("No worries, but do reach
# out whenever you're ready"): they count only when the reply did not accept the no first.
_PUSH_UNLESS_ACCEPTED = re.compile(
    r"\b(?:but|however|what if|how about|come on|think (?:about|it over)|at least)\b",
    re.IGNORECASE,
)


# An acceptance taken back by a "but", unless what follows only leaves the door open.
_TAKES_IT_BACK = re.compile(
    r"\b(?:but|however)\b(?![^.!?]*\b(?:reach out|let me know|get in touch|whenever you|"
    r"if you ever|if anything changes|no pressure|call me|drop me a line)\b)",
    re.IGNORECASE,
)


class DeclinesDetector:
    """Remembers the client's latest no until the seller's next real reply."""

    def __init__(self) -> None:
        self._declined: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's reply to a no the client has just given."""
        if ctx.role is Role.CLIENT:
            no = ctx.cue("hesitates")
            if no is not None:
                self._declined = sentence_at(ctx.turn.text, no.start)
            elif ctx.words > _BACKCHANNEL_WORDS:
                self._declined = None  # they moved on
            return []
        if ctx.role is not Role.SELLER or self._declined is None:
            return []
        if ctx.words <= _BACKCHANNEL_WORDS:
            return []
        declined, self._declined = self._declined, None
        text = ctx.turn.text
        folded = fold(text)
        accepted = _ACCEPTS.match(folded)
        if accepted is not None and _TAKES_IT_BACK.search(folded, accepted.end()):
            accepted = None  # "I understand, but this offer ends Friday" accepts nothing
        push = self._push_at(ctx, weak=accepted is None)
        if push is not None:
            start, end = sentence_span(text, push)
            return [Emission(PUSHES, start, end, declined)]
        if accepted is not None:
            start, end = sentence_span(text, accepted.start())
            return [Emission(RESPECTS, start, end, declined)]
        return []

    @staticmethod
    def _push_at(ctx: TurnContext, *, weak: bool) -> int | None:
        starts = [m.start for cue in _PUSH_CUES for m in ctx.cues.get(cue, ())]
        text = fold(ctx.turn.text)
        for words in (_PUSH_WORDS, _PUSH_UNLESS_ACCEPTED) if weak else (_PUSH_WORDS,):
            found = words.search(text)
            if found is not None:
                starts.append(found.start())
        return min(starts) if starts else None
