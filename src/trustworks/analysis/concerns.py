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

_CONCERN_WORDS = (
    r"complex|complicated|difficult|hard|expensive|costly|pricey|risky|time[- ]consuming|"
    r"disruptive|overwhelming|confusing|a lot of work|a big change|a hassle|intrusive"
)
# Said of it as a worry: "that sounds complex", "it seems expensive", "isn't it risky?".
_SOUNDS = re.compile(
    # "That doesn't sound complicated at all" is no worry.
    r"(?<!n't )(?<!not )(?<!never )"
    r"\b(?:(?:that|it|this|which)(?:'s| is)? (?:sounds?|seems?|looks?)|sounds?|seems?|"
    r"isn'?t (?:it|that)|won'?t (?:it|that) be|wouldn'?t (?:it|that) be) (?:a (?:bit|little) |"
    rf"quite |very |really |pretty |rather |too |so |kind of |kinda )?(?:{_CONCERN_WORDS})\b",
    re.IGNORECASE,
)
# The worry denied in the reply's first words.
_DENIES = re.compile(
    r"\W*(?:(?:oh|well|honestly|actually|great question|good question|no),? )*"
    # ("Not really sure, let me check" is no denial.)
    r"(?:not at all|absolutely not|not in the (?:slightest|least)|not really(?=\W*(?:[.,!;]|$))|"
    r"don'?t worry|"
    r"no worries|no need to worry|(?:it'?s|it is|that'?s|that is|they'?re|they are) (?:actually "
    r"|really |very |super |quite |pretty |incredibly |extremely |so )*(?:easy|simple|"
    r"straightforward|painless|seamless|effortless|user[- ]friendly|intuitive|affordable|"
    r"cheap|risk[- ]free|no problem))\b",
    re.IGNORECASE,
)


# Every concern said holds one of these: most client turns hold none, which a few substring
# tests tell before the search.
_GATE = ("sound", "seem", "look", "isn't", "isnt", "won't", "wont", "wouldn't", "wouldnt")


def voices_a_concern(text: str) -> bool:
    """Whether the client says the offer sounds too hard, costly or risky. Asked plainly
    ("How difficult is it to implement?"), it is a question, answered by "It's quite
    straightforward: we provide an app..." as well as any."""
    lowered = text.lower()
    if not any(word in lowered for word in _GATE):
        return False
    return _SOUNDS.search(text) is not None


class ConcernsDetector:
    """Keeps the client's concern about the offer until the seller's next reply."""

    def __init__(self) -> None:
        self._concern = ""

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag a reply that opens by denying the concern and asks nothing about it."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            self._concern = text if voices_a_concern(text) else ""
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
