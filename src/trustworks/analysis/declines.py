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
# Parting words ("no hard feelings", "the door's always open") are taking a no well only
# after a no: said after a thank-you or a deal, they part from nothing.
PARTS_WELL = "parts_well_after_a_no"
_BACKCHANNEL_WORDS = 3
# Seller cues that put the offer back on the table.
_PUSH_CUES = ("pitch", "asks_to_commit", "proposes_terms", "price_figure", "cause_description")
_ACCEPTS = re.compile(
    # A bare "okay" or "sure" starts all kinds of replies; acceptance says more than that.
    r"^\W*(?:(?:oh|well|ah|yeah|yes|ok(?:ay)?|sure|alright)[,.!]?\s+)*(?:no problem|no worries|"
    r"that'?s (?:(?:completely|totally|perfectly|absolutely) )?(?:fine|ok(?:ay)?|fair|alright|"
    r"understandable|no problem)|fair enough|(?:i )?(?:completely |totally |fully )?"
    r"(?:understand|respect that|get (?:it|that))|of course|absolutely|no pressure|"
    r"there'?s no (?:rush|hurry|pressure)|no rush|take (?:your|all the) time|"
    r"you don'?t (?:have|need) to decide|"
    r"thanks? (?:you )?for (?:being (?:honest|straight|clear|upfront)|letting me know|"
    r"telling me))\b",
    re.IGNORECASE,
)
# Pressing on, whatever came first: asking again, a smaller ask, telling them what to do.
_PUSH_WORDS = re.compile(
    r"\b(?:are you sure|why not|reconsider|change your mind|give it a (?:try|chance|go|shot)|"
    r"even (?:just )?(?:a|one|a little|a small|a few|\$?\d[\d.,]*|(?:five|ten|twenty|fifty) "
    r"(?:cents|pence|dollars|bucks|pounds|euros))|just (?:a|one) (?:dollar|penny|"
    r"cent|buck|pound|euro|little|small)|only (?:a|one) (?:dollar|penny|cent|buck|little|small)|"
    # A smaller sum named after the no: "it's only a few cents", "just a couple of dollars".
    r"(?:just|only) (?:a few|a couple(?: of)?|\$?\d[\d.,]*|(?:five|ten|twenty|fifty)) "
    r"(?:cents|pennies|pence|dollars|bucks|pounds|euros)|"
    r"it would (?:really )?(?:help|mean)|you (?:should|must|need to|have to|'ve got to))\b",
    re.IGNORECASE,
)
# Weaker signs of pressing on that also begin polite acceptances ("No worries, but do reach
# out whenever you're ready"): they count only when the reply did not accept the no first.
_PUSH_UNLESS_ACCEPTED = re.compile(
    # "However long it takes is fine", "sleep on it, but do call me if questions come up"
    # leave the door open.
    r"\b(?:but(?!,? (?:do |please |feel free to )?(?:call|reach out|let me know|get in touch|"
    r"drop me|ask|ring))|however(?! long| you (?:like|want|prefer))|what if|how about|come on|"
    r"think (?:about|it over)|at least)\b",
    re.IGNORECASE,
)


# A no that comes with the client's own offer ("No, I can't do that. How about I take two and
# you take the rest?") is a counter in a bargain, not a refusal: answering it with another
# offer presses nothing. A refusal that offers nothing ("I can't give you all three") stays one.
_COUNTER_OFFER = re.compile(
    r"\b(?:how about|what about|what if)\s+(?:if\s+)?(?:i|you|we)\b|"
    r"\bwould you (?:take|accept|settle for|be (?:ok|okay|fine|willing|happy) (?:with|to))\b|"
    r"\b(?:i|we)(?:'ll| will| can| could|'d| would) "
    r"(?:give|offer|take|trade|let you (?:have|take))\b|"
    r"\b(?:you (?:can|could)|if you) (?:have|take|get|keep|give me)\b",
    re.IGNORECASE,
)
# What a client does when they take the matter up again after a no.
# The first three reopen the matter even in the turn of the no itself.
_REOPENS = ("asks_about_offer", "price_question", "buyer_offer", "client_need")
# A reply that plays their words back ("So you enjoy it, but the cost worries you") holds a
# "but" of theirs, not a push of the seller's.
_REFLECTS = re.compile(
    r"\W*(?:(?:okay|ok|mm+|hmm+|yeah|right|well|and|so)\b[,.]?\s+)*"
    r"(?:(?:it )?(?:sounds|seems) like|"
    r"so\b[,]?\s+(?!(?:i|we|how|what|just|even|why|are|maybe|perhaps|please)\b)|"
    r"you(?:'re| are| feel| felt| think| want| see| said|'ve| have| don't| do not)?\b|"
    r"i (?:get|have) (?:the|a) (?:impression|sense|feeling)|what i(?:'m| am) hearing)",
    re.IGNORECASE,
)


# An acceptance taken back by a "but", unless what follows only leaves the door open.
_DAY = r"(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_TAKES_IT_BACK = re.compile(
    r"\b(?:but|however|though|although|still,|as long as|provided)\b(?! long\b)"
    r"(?![^.!?]*\b(?:reach out|let me know|get in touch|whenever you|"
    r"if you ever|if anything changes|no pressure|call me|drop me a line)\b)|"
    # A deadline or a demand in the next breath: "No pressure. I just need a yes by Friday."
    r"\bi (?:just |do |really |still )?need (?:your|an?|the|a yes|an answer|it|this)\b|"
    r"\b(?:expires?|ends|goes up|disappears|runs out)\b|"
    r"\bonly \w+ (?:seats?|spots?|places?) left\b|"
    rf"\b(?:by|until|before) (?:{_DAY}|the end of|end of (?:day|the)|close of|eod|midnight|noon)\b|"
    r"\bsign here\b|\blet'?s get you\b",
    re.IGNORECASE,
)


def _gives_back(push: str, declined: str) -> bool:
    """Whether "you need to" plays back their own "I don't feel that I need to"."""
    said = push.lower()
    if not said.startswith("you "):
        return False
    modal = re.escape(said[4:])
    return (
        re.search(rf"\b(?:i|we)\b[^.!?]{{0,30}}?\b{modal}\b", declined, re.IGNORECASE) is not None
    )


_ASKS_FOR_TRUST = re.compile(r"how (?:do|can|would|will) (?:i|we) know\b", re.IGNORECASE)


class DeclinesDetector:
    """Remembers the client's latest no until the seller's next real reply."""

    def __init__(self) -> None:
        self._declined: str | None = None
        self._asked = False  # they asked something after the no: the reply answers it
        # The client's no stands, for every seller turn after it, until they reopen the matter:
        # explaining it ("mostly the timing") or thanking the seller leaves it standing.
        self.no_stands = False
        self.client_spoke = False

    @property
    def may_part(self) -> bool:
        """Whether parting words may be taking a no well: the client's no stands, or nothing
        of theirs has been seen (a draft answers words the analyzer is not shown)."""
        return self.no_stands or not self.client_spoke

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's reply to a no the client has just given."""
        if ctx.role is Role.CLIENT:
            self.client_spoke = True
            no = ctx.cue("hesitates")
            if (
                no is not None
                and self._refuses(ctx.turn.text, no.start)
                and not self._reopens_after(ctx, no.start)
            ):
                self._declined = sentence_at(ctx.turn.text, no.start)
                after = fold(ctx.turn.text)[sentence_span(ctx.turn.text, no.start)[1] :]
                self._asked = "?" in after
                self.no_stands = True
            else:
                if ctx.words > _BACKCHANNEL_WORDS:
                    self._declined = None  # they moved on
                # Only a standing no can be reopened: most client turns follow none, and the
                # counter-offer search costs 5-8 us a turn.
                if self.no_stands and self._reopens(ctx):
                    self.no_stands = False
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
        # After "I'm not sure I can spare any. How many are you?" the reply answers their
        # question: its "but" or its figures are the answer; only a plain push ("even a
        # dollar would help", "are you sure?") presses past the no.
        push = self._push_at(
            ctx, declined, weak=accepted is None and not self._asked, cues=not self._asked
        )
        if push is not None:
            start, end = sentence_span(text, push)
            return [Emission(PUSHES, start, end, declined)]
        if accepted is not None:
            start, end = sentence_span(text, accepted.start())
            return [Emission(RESPECTS, start, end, declined)]
        return []

    @staticmethod
    def _reopens(ctx: TurnContext) -> bool:
        """Whether the client takes the matter up again: asks about the offer or its price,
        bargains, or states a need."""
        if any(ctx.cues.get(cue) for cue in _REOPENS):
            return True
        return _COUNTER_OFFER.search(fold(ctx.turn.text)) is not None

    @staticmethod
    def _reopens_after(ctx: TurnContext, at: int) -> bool:
        """Whether the client takes the matter up again later in the turn of their no: "We
        went another way internally; what would it cost to add your analytics module?". A
        need said with the no ("we need to hire first") is its reason, so only a question
        about the offer or a bargain counts here."""
        return any(m.start > at for cue in _REOPENS[:3] for m in ctx.cues.get(cue, ()))

    @staticmethod
    def _refuses(text: str, at: int) -> bool:
        """Whether the client's no at ``at`` still stands at the end of their turn: not a
        counter-offer and not a request for a reason to trust."""
        folded = fold(text)
        if _COUNTER_OFFER.search(folded) is not None:
            return False
        # "How do I know the money reaches the kids?" asks for a reason to trust, not for
        # the seller to drop it: an honest answer ("I can't guarantee it, but you can check
        # their reports") presses nothing. Any other no stands, asked or not ("I'm not
        # interested, why do you keep calling me?").
        return _ASKS_FOR_TRUST.match(folded, at) is None

    @staticmethod
    def _push_at(ctx: TurnContext, declined: str, *, weak: bool, cues: bool = True) -> int | None:
        starts = [m.start for cue in _PUSH_CUES for m in ctx.cues.get(cue, ())] if cues else []
        text = fold(ctx.turn.text)
        found = _PUSH_WORDS.search(text)
        if found is not None and not _gives_back(found.group(), declined):
            starts.append(found.start())
        if weak:
            for found in _PUSH_UNLESS_ACCEPTED.finditer(text):
                left, _ = sentence_span(text, found.start())
                if _REFLECTS.match(text, left) is None:
                    starts.append(found.start())
                    break
        return min(starts) if starts else None
