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

from trustworks.analysis.context import TurnContext
from trustworks.conversation import Role

CUE = "directive"
# A turn this short ("Mm-hm, sure.") says nothing either way and would only dilute the share.
MIN_WORDS = 4
_ASKS_FOR_ADVICE = re.compile(
    r"\bwhat (?:should|would|could|do|can|must) (?:i|we) (?:do|go with|try|choose|pick)\b|"
    r"\bwhat (?:would|do) you (?:recommend|suggest|advise|do in my (?:place|shoes|position))\b|"
    r"\bwhat would you do\b|\b(?:any|your) (?:advice|suggestions?|recommendations?|tips)\b|"
    r"\b(?:should|do) (?:i|we) (?:\w+ ){0,6}(?:or|instead)\b[^.!?]*\?|"
    r"\bwhich (?:one |option |plan )?(?:should|would you|do you (?:recommend|suggest))\b|"
    r"\bhow (?:should|do|can) (?:i|we) (?:start|go about|get|stop|cut|fix|handle|deal)\b",
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
        self._heard = ""  # the client's last turn

    def observe(self, ctx: TurnContext) -> None:
        """Count one turn; a client turn is kept to tell whether advice was asked for."""
        if ctx.role is Role.CLIENT:
            self._heard = ctx.turn.text  # read only if a directive follows: most never are
        elif ctx.role is Role.SELLER and ctx.words >= MIN_WORDS:
            self.turns += 1
            if ctx.cue(CUE) is not None and not asks_for_advice(self._heard):
                self.directives += 1
