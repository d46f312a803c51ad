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
ADVICE_ASKED_TURNS = 2
BACK_CHANNEL_WORDS = 3
# A turn this short ("Mm-hm, sure.") says nothing either way and would only dilute the share.
MIN_WORDS = 4
_ADVICE_VERB = (
    r"(?:do|try|choose|pick|go with|start|fix|handle|deal|get|use|buy|take|stop|cut|change|"
    r"reset|set up|install|eat|drink|say to (?:her|him|them))"
)
_ASKS_FOR_ADVICE = re.compile(
    # "What do you think I should do?", "how do I reset it?", "should I cut down?"; not a
    # doubt put as a question ("how do I know you'll still be around?", "why should I trust
    # your numbers?", "what do I tell my board if it fails?").
    r"\b(?:what|which|how|where)\b[^.?!]{0,40}\b(?:(?:should|shall|do|can|must|would) (?:i|we)|"
    rf"(?:i|we) (?:should|ought to|need to|must)) (?:\w+ )?{_ADVICE_VERB}\b[^.?!]*\?|"
    rf"\b(?:should|shall) (?:i|we) (?:\w+ )?{_ADVICE_VERB}\b[^.!?]*\?|"
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
            # A short reply between ("Price, mostly.", "Okay.") does not push their question
            # out; the turns kept are read only when a directive follows (most never do).
            if ctx.words > BACK_CHANNEL_WORDS or asks_for_advice(ctx.turn.text):
                self._heard.append(ctx.turn.text)
        elif ctx.role is Role.SELLER and ctx.words >= MIN_WORDS:
            self.turns += 1
            told = ctx.cue(CUE)
            # Words a finding already speaks for count there, once: "you need to stop" (telling
            # them what they must do), "you need to sign today" (a deadline), "I'd go with the
            # annual plan if I were you" (advice from their shoes).
            if (
                told is not None
                and not any(f.start < told.end and told.start < f.end for f in found)
                and not any(map(asks_for_advice, self._heard))
            ):
                self.directives += 1
