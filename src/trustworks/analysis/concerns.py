"""A concern about the offer waved away: "That sounds complex. Is it difficult for the reps to
use?" - "Not at all. We've designed it to be very user-friendly."

The client has named what worries them about buying (too complex, too costly, too much
disruption), and the seller's reply opens by denying it and asks nothing. The worry is rarely
the word the client used: complex for whom, costly against what, disruptive to which part of
their week? A flat "not at all" answers the word and leaves the worry where it was; the client
learns that raising doubts gets them a pitch. A reply that asks about it ("Not at all, but what
worries you about it?") or that explains before it reassures is not this, and a question asked
without the worry ("How difficult is it to implement?") is answered by "It's quite
straightforward" and how, which is a plain answer.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE

SIGNAL = "waves_away_their_concern"

# What the client says: the catalogue's cue (cues.toml), matched with the turn's other cues.
CUE = "voices_a_concern"
# The worry denied in the reply's first words.
_DENIES = re.compile(
    r"\W*(?:(?:oh|well|honestly|actually|great question|good question|no),? )*"
    # ("Not really sure, let me check" is no denial.)
    r"(?:not at all|absolutely not|not in the (?:slightest|least)|not really(?=\W*(?:[.,!;]|$))|"
    r"don'?t worry|"
    r"no worries|no need to worry|(?:it'?s|it is|that'?s|that is|they'?re|they are) (?:actually "
    r"|really |very |super |quite |pretty |incredibly |extremely |so )*(?:easy|simple|"
    r"straightforward|painless|seamless|effortless|user[- ]friendly|intuitive|affordable|"
    r"cheap|risk[- ]free|no problem)|"
    # Agreed with and gone past to the offer: "Absolutely. Plus, we offer a guarantee.",
    # "Definitely, but our clients make it back in a quarter."
    r"(?:absolutely|definitely|exactly|totally|of course|sure|i (?:hear|understand|get) "
    r"(?:you|that))[,.!]* (?:but |plus,? |and |that'?s why )?(?=(?:our|we(?:'ve|'re| have| "
    r"offer| provide| guarantee| also)?|most of our|many of our)\b))\b",
    re.IGNORECASE,
)


class ConcernsDetector:
    """Keeps the client's concern about the offer until the seller's next reply."""

    def __init__(self) -> None:
        self._concern = ""

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag a reply that opens by denying the concern and asks nothing about it."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            self._concern = text if ctx.cue(CUE) is not None else ""
            return []
        if ctx.role is not Role.SELLER or not self._concern:
            return []
        concern, self._concern = self._concern, ""
        denied = _DENIES.match(text)
        if denied is None or "?" in text:
            return []
        first = SENTENCE.match(text, denied.start())
        end = first.end() if first is not None else denied.end()
        return [Emission(SIGNAL, denied.start(), end, concern)]
