"""Warmth for what they shared: the client tells of their life, and the seller is glad of it.

"We're taking the kids up to the lake, they've been cooped up all winter." met with "That
sounds like so much fun!" is rapport a coach credits (intimacy), however the turn goes on.
The same words after a proposal ("I'll take two and you get the rest." - "That sounds
great!") accept terms, and after a worry they would be no kindness at all; so the reply is
read against the client's last turn: something of their life away from the business (plans,
family, a trip, a pastime), no terms and no trouble in it.

Only the reply's first words are read: a warm word that opens the turn answers what they
said; one later in it is about something else ("...and that sounds great to me").
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.proposals import names_terms
from trustworks.analysis.their_life import COMMERCE, LEISURE
from trustworks.conversation import Role
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import CaseFree, fast_form, fold

SIGNAL = "shares_their_good_news"
# Not "perfect": "that's perfect" accepts a time or a term far more often than it is glad.
_GOOD = (
    r"(?:fun|great|amazing|lovely|nice|awesome|exciting|wonderful|cool|relaxing|fantastic|"
    r"beautiful|incredible|neat|delightful|special|sweet)"
)
_VERY = r"(?:(?:so|very|really|super|such|pretty|absolutely|just) )*"
# The reply's opening: "That sounds like so much fun!", "How exciting!", "What a lovely
# tradition.", "Lucky you!", "That's awesome!", "I love that!".
_INTERJECTIONS = r"(?:oh+|ooh+|wow|aw+|ah+|haha|hah|lol|yay|omg|yes|yeah|ok(?:ay)?|well)"
_WARM = CaseFree(
    re.compile(
        rf"^\W*(?:{_INTERJECTIONS}\b[\s,.!]*)*(?:"
        rf"(?:(?:that|it|this|which) )?(?:really |just )?sounds? (?:like )?(?:an? |such an? )?"
        rf"{_VERY}(?:{_GOOD}|a blast|(?:a )?(?:lot|ton|heaps) of fun|(?:so )?much fun|"
        r"good(?! to (?:me|us)\b)|like fun)\b|"
        # Said of what they told, with nothing after it in the clause ("that's awesome!"), not
        # of a product ("it's great for families"). A bare "Great," or "Nice!" is as often the
        # clerk's token before the next step ("Great, your table is booked").
        rf"(?:that|it|this)(?:'s| is| was| must be) {_VERY}(?:an? )?{_VERY}{_GOOD}"
        r"(?=\s*(?:[.!,;]|$|(?:news|idea of yours)\b))|"
        rf"(?:how {_VERY}{_GOOD}|what (?:an? )?{_VERY}{_GOOD})\b(?![^.!?,]*\?)|"
        r"lucky (?:you|them|kids|things?)\b|good for (?:you|them|her|him)\b|"
        r"congrat(?:s|ulations)\b|"
        r"(?:i|we) (?:just |really |absolutely )?love (?:that|it|this)\b)"
        r"(?![^.!?]{0,60}\b(?:deal|offer|price|trade|split|terms|proposal|arrangement|"
        r"compromise|idea|agreement|question|point)\b)",
        re.IGNORECASE,
    )
)
# Their life away from the business: plans, family, a trip, a pastime, a day that matters.
_THEIR_LIFE = CaseFree(
    re.compile(
        fast_form(
            rf"\b(?:{LEISURE}|camp|swimming|trip|tradition|campfires?|family|kids|children|"
            r"son|daughter|husband|wife|boyfriend|girlfriend|grand(?:kids|children|son|daughter)|"
            r"friends|concert|baby|wedding|engaged|married|promot\w*|graduat\w*|funding|"
            r"raised|award|milestone|birthday|anniversary)\b"
        ),
        re.IGNORECASE,
    )
)
# A sale, a booking or a time to meet in their turn: "that sounds great" then answers it ("$40
# a month and I'll bring my husband's account over too", "can you deliver it before the weekend?
# It's for my son's party", "I'm away for the weekend, can we talk Monday?"). Terms of a
# bargain are read by `names_terms`.
_BUSINESS = CaseFree(
    re.compile(
        fast_form(
            r"[$£€]|\bi'?ll (?:buy|order|pay|sign|take (?:it|them|the|that|this|one|two))\b|"
            r"\b(?:the|a|your|our|this|that|family|payment|monthly|annual|data) plan\b|"
            rf"\b(?:{COMMERCE}|package|discount\w*|shipping|lines?|vendor|proposal|quote|"
            r"invoice|contract|subscription|membership|warranty|third-party|set ?up|units?|"
            r"seats?|licen[cs]es?|appointment|"
            r"(?:talk|call|meet) (?:on |next )?(?:mon|tues|wednes|thurs|fri)day)\b"
        ),
        re.IGNORECASE,
    )
)
# A worry, a loss or a hardship in the same turn: "that sounds fun" would not be kind there.
_TROUBLE = CaseFree(
    re.compile(
        fast_form(
            r"\b(?:worr\w*|afraid|scared|nervous|anxious|sick|ill|sad|hard|difficult|struggl\w*|"
            r"sorry|unfortunately|problem|trouble|bad|hurt|injur\w*|pain|died|passed away|lost|"
            r"cancer|diabet\w*|hungry|starv\w*|cold|freez\w*|dehydrat\w*|short on|ran out|"
            r"can'?t afford|stress\w*|upset|angry|annoy\w*|frustrat\w*|missing|"
            r"never (?:arrived|came|showed|got|received|heard)|(?:is|was|arrived|came|running) "
            r"late|broke\w*|broken|damaged|wrong|refund\w*|cancel\w*|ruin\w*|disappoint\w*|"
            r"complain\w*)\b"
        ),
        re.IGNORECASE,
    )
)
# Where the warm words' clause ends: "That sounds nice, what would you like most?" is warmth
# and then a question, each credited for itself.
_CLAUSE_END = re.compile(r"\s*[,;:(]|\s+-+\s")


class WarmthDetector:
    """Credits the seller's warm first words for what the client just told of their life."""

    def __init__(self) -> None:
        self._their_turn = ""  # the client's last turn, when the seller has not answered it

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """One finding on the warm words that open a seller turn glad of their news."""
        if ctx.role is Role.CLIENT:
            self._their_turn = ctx.turn.text
            return []
        if ctx.role is not Role.SELLER:
            return []
        told, self._their_turn = self._their_turn, ""
        warm = _WARM.match(ctx.turn.text) if told else None
        if warm is None:
            return []
        if not _THEIR_LIFE.search(told):
            return []
        if _TROUBLE.search(told) or _BUSINESS.search(told) or names_terms(told):
            return []
        # The sentence the warm words end in: "Wow! That sounds amazing." is glad in the second.
        start, end = sentence_span(ctx.turn.text, max(0, warm.end() - 1))
        clause = _CLAUSE_END.search(ctx.turn.text, warm.end(), end)
        return [Emission(SIGNAL, start, clause.start() if clause else end, client=told)]


# "How's your day going?" - "Good, thanks." - "Glad to hear!" is the greeting's ritual, and
# "It's been really useful" - "Glad to hear it!" is the seller hearing their own product
# praised: neither is pleasure in what went well for the client. A coach credits neither.
_ASKS_HOW_THEY_ARE = CaseFree(
    re.compile(
        r"\bhow(?:'s| is| are| have| has)? (?:you|ya|u|your (?:day|week|morning|weekend)|"
        r"everything|things|it|life|the (?:week|day|office|team))(?: \w+){0,3}? ?(?:going|doing|"
        r"been|today|at the office|on your (?:side|end))?\s*\?",
        re.IGNORECASE,
    )
)
_FINE = CaseFree(
    re.compile(
        r"^\W*(?:(?:hi|hey|hello|oh|yeah|yes|well)\b[^.!?]{0,20}?[,.!]\s*)?[^.!?]{0,30}?"
        r"\b(?:good|great|fine|well|ok(?:ay)?|alright|not bad|busy)\b",
        re.IGNORECASE,
    )
)
_PRAISES_THE_OFFER = CaseFree(
    re.compile(
        r"\b(?:useful|helpful|intuitive|user-?friendly|easy to use|easier to use|simpler|"
        r"actionable|game[- ]changer|comprehensive|seamless|a lifesaver)\b|"
        r"\bmade (?:\w+ ){0,2}(?:so much |much |a lot )?(?:easier|simpler|faster)\b|"
        r"\b(?:fantastic|great|excellent|amazing|perfect|brilliant) for (?:\w+ing|our|us|the)\b|"
        r"\b(?:your|the|this|that) (?:tool|platform|software|product|dashboard|app|system|"
        r"features?|service|interface|solution|integration|reports?|reporting)\b[^.!?]{0,40}?"
        r"\b(?:great|fantastic|excellent|amazing|love|good|works|well|smooth)\b",
        re.IGNORECASE,
    )
)


# "Good, thanks for asking", "Busy, but good. We've been working on a few new projects": an
# answer longer than this tells of their life ("I've been traveling a lot, went hiking..."),
# and being glad of it is warmth.
_RITUAL_WORDS = 12


def hears_ritual_or_praise(answer: str, asked: str | None) -> bool:
    """Whether the client's ``answer`` only said they are fine when ``asked`` how they are, or
    praised what the seller sells: a "glad to hear" after it is no warmth for their news."""
    answer = fold(answer)
    if (
        asked is not None
        and len(answer.split()) <= _RITUAL_WORDS
        and _ASKS_HOW_THEY_ARE.search(fold(asked))
        and _FINE.match(answer)
    ):
        return True
    return _PRAISES_THE_OFFER.search(answer) is not None
