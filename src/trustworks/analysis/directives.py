"""How often the seller tells the other person what to do, when they did not ask.

"You should", "you need to", "why don't you", "I'd recommend you": advice can be welcome, so
no single one is a finding, but a seller who keeps prescribing steers choices that are the
other person's to make. In AnnoMI's expert-rated counselling, therapists tell clients what to
do in 8.6 % of their turns in poor sessions and 0.8 % in good ones; in CaSiNo, negotiators who
do it more are liked a little less (Spearman -0.06, p = 0.007, train split). The analyzer
counts such turns (the ``directive`` cue) and the trust scorer turns the count into a bounded
self-orientation term (``analysis.trust.directive_term``). Advice the client asked for
("what would you do?") is not counted.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence

from trustworks.analysis.context import TurnContext
from trustworks.analysis.result import Finding
from trustworks.conversation import Role

CUE = "directive"
# A turn already found telling them what they must do with their life counts there, once.
_COUNTED_AS_FINDING = "tells_them_what_they_must_do"
ADVICE_ASKED_TURNS = 2
# A turn this short ("Mm-hm, sure.") says nothing either way and would only dilute the share.
MIN_WORDS = 4
_ASKS_FOR_ADVICE = re.compile(
    # "What do you think I should do?", "how do I reset it?", "should I cut down?"
    r"\b(?:what|which|how|where)\b[^.?!]{0,40}\b(?:(?:should|shall|do|can|must|would) (?:i|we)|"
    r"(?:i|we) (?:should|ought to|need to|must))\b[^.?!]*\?|\b(?:should|shall) (?:i|we)\b[^.!?]*\?|"
    r"\bwhat (?:would|do) you (?:recommend|suggest|advise|do in my (?:place|shoes|position))\b|"
    r"\bwhat would you do\b|\b(?:any|your) (?:advice|suggestions?|recommendations?|tips)\b|"
    r"\bwhich\b[^.?!]{0,30}\b(?:is|would be|'s) (?:best|better|right)\b|"
    r"\btell (?:me|us) what (?:to do|i should|we should)\b",
    re.IGNORECASE,
)


def asks_for_advice(text: str) -> bool:
    """Whether the client's words ask what to do ("what would you recommend?")."""
    return _ASKS_FOR_ADVICE.search(text) is not None


class DirectiveCount:
    """Seller turns that tell the other person what to do, out of those long enough to tell."""

    def __init__(self) -> None:
        self.directives = 0
        self.turns = 0
        # The client's last turns: advice asked for two turns back ("What would you
        # recommend?" - "How many seats?" - "Forty.") is still asked for.
        self._heard: deque[str] = deque(maxlen=ADVICE_ASKED_TURNS)

    def observe(self, ctx: TurnContext, found: Sequence[Finding] = ()) -> None:
        """Count one turn, given its findings; a client turn is kept to tell whether advice
        was asked for."""
        if ctx.role is Role.CLIENT:
            self._heard.append(ctx.turn.text)  # read only if a directive follows: most never do
        elif ctx.role is Role.SELLER and ctx.words >= MIN_WORDS:
            self.turns += 1
            if (
                ctx.cue(CUE) is not None
                and not any(f.signal == _COUNTED_AS_FINDING for f in found)
                and not any(map(asks_for_advice, self._heard))
            ):
                self.directives += 1
