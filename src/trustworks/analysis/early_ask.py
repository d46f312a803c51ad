"""Asking for the yes before the client has said anything about themselves.

"Would you like to donate some of your payment today?" one line after "Hello!", or "would
you be interested in buying our CRM?" as the opening of a cold call, asks for a decision from
someone the seller has not yet heard: whatever comes next, the client knows the call was about
the seller's goal. The same ask after the client has talked about their situation, their
interests or their doubts is an ordinary question. Only a conversation in which the client
speaks is judged: a draft or a single message may answer words the analyzer is not shown.

A bargain has its own early ask: opening with what the seller wants for themselves ("I'd like
3 packages of food and 2 of the firewood. You can have the water.") before asking anything
about the other side, and without a reason; or with the whole split put by the share it leaves
them ("You can have 1 water and all 3 firewood."), the rest claimed without a word. The other
side hears a demand, not a person with a need, and bargains back instead of saying what they
need. A claim that gives its reason ("I need the firewood because my son gets cold") is honest
self-interest; one that asks what they need, or comes after they have said it, or answers
their question ("How much do you need?"), is an ordinary proposal. At the very start of a call
or a chat the client has not spoken yet and the claim is judged; in an e-mail or a draft the
words it answers may not be shown, and it is not.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.analysis.splits import GIVES_A_REASON, Allocation, allocations
from trustworks.conversation import Role
from trustworks.sentences import sentence_span

SIGNAL = "asks_before_listening"
CLAIMS = "claims_before_listening"
# Words the client must have said before an ask is no longer premature: more than a greeting
# and a "fine, thanks", less than a sentence or two about themselves.
LISTENED_WORDS = 15
# In a bargain, what must have been heard before a claim is no longer premature is what they
# need or would like, or an item named: "I'm literally doing the same thing, love smores"
# tells nothing the split could serve, however many words it takes.
_THEIR_SIDE = re.compile(
    r"\b(?:need|needs|needed|want|wanted|would like|'d like|prefer|hoping|looking for|priority|"
    r"important|crucial|essential|low on|short on|run(?:ning)? (?:out|low)|"
    r"food|water|firewood|wood|fire)\b|\d",
    re.IGNORECASE,
)
# An exchange's "for": "I will give you all the food and 1 water for the firewood" names what
# the seller takes, not a reason for taking it.
_EXCHANGE = re.compile(
    r"\b(?:give|offer|trade|let) (?:you|u)\b[^.!?]*?\bfor (?:the|my|your|all|\d)|"
    r"\b(?:you|u) (?:can |could |may )?(?:have|take|get|keep)\b[^.!?]*?\bfor (?:the|my|all|\d)",
    re.IGNORECASE,
)
# Asking about them ("What do you need most?") makes the claim a proposal in a conversation;
# "does that work for you?" only asks them to agree to it, and "can I have all the water?" or
# "how about I take all the water?" asks for the claim itself.
_ASKS_ONLY_TO_AGREE = re.compile(
    r"\b(?:(?:does|would|will|is|can) (?:that|this|it) (?:work|sound|be|suit)|ok(?:ay)?|"
    r"(?:how|what) about (?:if )?(?:i|we|me)|how about (?:you|u) (?:take|get|have|keep|give)|"
    r"deal|agreed?|fair|(?:can|could|may) (?:i|we) (?:please )?(?:have|get|take|keep))\b[^?]*\?",
    re.IGNORECASE,
)

# "How are you?" asks after them, not what they want: a claim after it answers nothing.
_GREETING_QUESTION = re.compile(
    r"\b(?:how (?:are|r) (?:you|u|ya|things)(?: (?:doing|today|this \w+))?|how'?s it going|"
    r"how (?:is|are) (?:your|ur) (?:day|morning|evening|week)(?: going)?|what'?s up|"
    r"how (?:have|'ve) you been|how do you do|(?:and|what about|how about) (?:you|u|yourself))"
    r"\W*\?",
    re.IGNORECASE,
)


class EarlyAskDetector:
    """Flags the seller's first ask for a commitment when the client has said next to nothing."""

    def __init__(self, written: bool = False) -> None:
        self._written = written
        self._heard = 0  # words the client has said so far
        self._heard_their_side = False  # they have said what they need or named an item
        self._client_spoke = False
        self._asked = False  # only the seller's first ask is judged
        self._claimed = False  # ...and the first claim in a bargain
        # The client's last turn: a claim answers it if it asked something. Read only when a
        # claim is judged (the first few seller turns), not on every turn of theirs.
        self._last_heard: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Count the client's words; judge the seller's first ask."""
        if ctx.role is Role.CLIENT:
            self._heard += ctx.words
            if not self._heard_their_side and not self._claimed:
                self._heard_their_side = _THEIR_SIDE.search(ctx.turn.text) is not None
            self._client_spoke = True
            self._last_heard = ctx.turn.text
            return []
        if ctx.role is not Role.SELLER:
            return []
        claim = self._claim(ctx) if not self._claimed else None
        if claim is not None:
            return [claim]
        if self._asked:
            return []
        ask = ctx.cue("asks_to_commit")
        # An ask is a question ("would you like to donate?"); "every little bit helps" said
        # early is the cost played down, which has its own signal.
        if ask is None or "?" not in sentence_at(ctx.turn.text, ask.start):
            return []
        self._asked = True
        if self._heard >= LISTENED_WORDS or not self._client_spoke:
            return []
        return [Emission(SIGNAL, ask.start, ask.end)]

    def _claim(self, ctx: TurnContext) -> Emission | None:
        """The seller's first claim in a bargain, when made before listening and without a
        reason or a question about the other side."""
        text = ctx.turn.text
        if self._heard_their_side:
            self._claimed = True  # they have been heard: later claims are proposals
            return None
        split = allocations(text)
        claims = [a for a in split if a.mine and a.count != 0]
        if not claims and _splits_by_what_they_get(split):
            claims = split
        if not claims:
            # Once the seller has asked about them, a later claim answers what they said.
            self._claimed = _asks_about_them(text)
            return None
        self._claimed = True
        if self._written and not self._client_spoke:
            return None
        # Asked "How much do you need?" or "What would you like?", saying it is the answer.
        if self._they_asked() or _gives_a_reason(text) or _asks_about_them(text):
            return None
        start, end = sentence_span(text, claims[0].start)
        return Emission(CLAIMS, start, end)

    def _they_asked(self) -> bool:
        """Whether the client's last turn asked something other than how they are."""
        heard = self._last_heard
        return heard is not None and "?" in heard and "?" in _GREETING_QUESTION.sub("", heard)


def _gives_a_reason(text: str) -> bool:
    """Whether the claim comes with a reason, an exchange's "for the firewood" not one."""
    exchanges = [m.span() for m in _EXCHANGE.finditer(text)]
    return any(
        not any(start <= m.start() < end + 12 for start, end in exchanges)
        or not m.group().lower().startswith("for ")
        for m in GIVES_A_REASON.regex.finditer(text)
    )


def _splits_by_what_they_get(split: list[Allocation]) -> bool:
    """Whether a split is put by the share it leaves them, counted, of two items or more ("you
    can have 1 water and all 3 firewood"): the rest is the speaker's claim, unsaid. "You can
    have all the water" alone gives, and claims nothing."""
    theirs = [a for a in split if not a.mine]
    return (
        len({a.item for a in theirs}) >= 2
        and len(theirs) == len(split)
        and any(a.count is not None and a.count != 0 for a in theirs)
    )


def _asks_about_them(text: str) -> bool:
    """Whether a question in ``text`` asks about them, not only for their yes."""
    return "?" in text and text.count("?") > len(_ASKS_ONLY_TO_AGREE.findall(text))
