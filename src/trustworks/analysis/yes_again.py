"""Asking for the yes again when their reply gave none: "Can I book it for you now?" - "I know
a great joke... why is 6 afraid of 7?" - "I don't know, but would you like to book the party?"

The seller asked for the commitment (to book, to sign, to order, to donate, to go ahead), and
the client's reply neither said yes nor turned it down nor asked anything: a story, a remark,
a worry, "I love the games there". Asking for the same yes again, with nothing
asked about what they said first, tells them their words were in the way of the close. A yes
or a no settles it (a no pushed past is `declines`' to judge), and a question of theirs earns
its answer, after which asking again is fair, unless the answer is a brush-off on the way to
the ask ("I don't know, but...").
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.signals.matcher import CaseFree, fold

SIGNAL = "asks_for_the_yes_again"
# A prior, not a measurement: on the read outside sets it fired four times (2026-12-07), each
# on a turn a coach flagged as spending trust, three in the family it names; a remark the
# seller had good reason to pass over (a thank-you) would make some harmless.
CONFIDENCE = 0.7
# The yes asked for: "can I book it for you now?", "would you like to go ahead with the
# order?", "shall we get you signed up?" (a donation is the `asks_to_commit` cue's).
_ASKS = CaseFree(
    re.compile(
        r"\b(?:would you (?:like|want|care)(?: me| us)? to|do you want(?: me| us)? to|"
        r"(?:shall|should|can|could|may) (?:i|we)|are you ready to|"
        r"would you be (?:willing|ready|interested|happy) (?:to|in))\s+"
        r"(?:(?:go ahead and|now|just|then|also|please)\s+)?"
        r"(?:book|reserv|sign (?:up|you up|it|the)|buy|purchas|order|donat|"
        # "Shall we proceed?" closes; "can I proceed, or do you need more detail?" asks leave
        # to go on talking.
        r"(?:proceed|go ahead)(?!,? or\b)|"
        r"move forward|get (?:you |it |that |this )?(?:started|booked|signed|set up|scheduled)|"
        r"schedul|confirm|lock (?:it|that|this|you) in|finali[sz]|put you down|close)\w*\b",
        re.IGNORECASE,
    )
)
_COMMITS = "asks_to_commit"
# The catalogue's readings of a client's yes or no (a no pushed past is `declines`' finding).
_SETTLING_CUES = ("says_yes", "agrees_to_it", "hesitates")
# What those leave out: a bare no, a yes said as leave to go on ("Please proceed.", "book it"),
# a no for now ("I'll let you know").
_SETTLES = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|yes|sure|great|oh|well|hmm+)[,.!]*\s+)?(?:(?:no|nope|nah)\b|"
    r"(?:please\s+)?(?:proceed|go ahead|do it|do so|book it|continue|carry on)\b)|"
    r"\bi'?ll let you know\b",
    re.IGNORECASE,
)


# Their question brushed aside on the way to the ask: "I don't know, but would you like to
# book the party?"
_BRUSHED_OFF = re.compile(r"\bbut\b[^.!?]*$", re.IGNORECASE)


class YesAgainDetector:
    """Remembers an ask for the yes until the client's reply, then reads the seller's next."""

    def __init__(self) -> None:
        self._asked = False  # the seller's last turn asked for the yes
        self._unanswered = False  # and the client's reply gave none, nor asked anything
        self._question = False  # or it asked something

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Flag the seller's ask for the same yes after a reply that gave none."""
        raw = ctx.turn.text
        if ctx.role is Role.CLIENT:
            if self._asked:
                self._unanswered = not _settles(ctx)
                self._question = "?" in raw
            self._asked = False
            return []
        if ctx.role is not Role.SELLER:
            return []
        unanswered, self._unanswered = self._unanswered, False
        asked, self._question = self._question, False
        ask = _ASKS.search(fold(raw)) if "?" in raw or ctx.cues.get(_COMMITS) else None
        start = ask.start() if ask is not None else None
        if start is None and (commit := ctx.cue(_COMMITS)) is not None:
            start = commit.start
        self._asked = start is not None
        if start is None or not (unanswered or (asked and _BRUSHED_OFF.search(raw, 0, start))):
            return []
        # A question about what they said before the ask takes it up first.
        first = raw.find("?")
        if first != -1 and first < start:
            return []
        end = raw.find("?", start)
        return [Emission(SIGNAL, start, len(raw) if end == -1 else end + 1, confidence=CONFIDENCE)]


def _settles(ctx: TurnContext) -> bool:
    """Whether the client's reply says yes or no to the ask, or asks something (which the
    seller may answer before asking again)."""
    raw = ctx.turn.text
    if "?" in raw or any(ctx.cues.get(cue) for cue in _SETTLING_CUES):
        return True
    return _SETTLES.search(fold(raw)) is not None
