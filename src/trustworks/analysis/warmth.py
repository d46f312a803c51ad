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
from trustworks.conversation import Role
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import CaseFree, fast_form

SIGNAL = "shares_their_good_news"
_GOOD = (
    r"(?:fun|great|amazing|lovely|nice|awesome|exciting|wonderful|cool|relaxing|fantastic|"
    r"beautiful|incredible|neat|perfect|delightful|special|sweet)"
)
_VERY = r"(?:(?:so|very|really|super|such|pretty|absolutely|just) )*"
# The reply's opening: "That sounds like so much fun!", "How exciting!", "What a lovely
# tradition.", "Lucky you!", "That's awesome!", "I love that!", "Oh nice!".
_WARM = CaseFree(
    re.compile(
        r"^\W*(?:(?:oh+|ooh+|wow|aw+|ah+|haha|hah|lol|yay|omg|yes|yeah|ok(?:ay)?|well)\b[\s,.!]*)*(?:"
        rf"(?:(?:that|it|this|which) )?(?:really |just )?sounds? (?:like )?(?:an? |such an? )?"
        rf"{_VERY}(?:{_GOOD}|a blast|(?:a )?(?:lot|ton|heaps) of fun|(?:so )?much fun|good|"
        r"like fun)\b|"
        # A bare "Great," or "Nice." is as often the clerk's token before the next step
        # ("Great, your table is booked"): said of it, it is warmth ("that's awesome!").
        rf"(?:that|it|this)(?:'s| is| was| must be) {_VERY}(?:an? )?{_VERY}{_GOOD}\b|"
        rf"how {_VERY}{_GOOD}\b|what (?:an? )?{_VERY}{_GOOD}\b|"
        r"lucky (?:you|them|kids|things?)\b|good for (?:you|them|her|him)\b|"
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
            r"\b(?:camping|camp|hik(?:e|es|ing)|fishing|swimming|trip|weekend|holidays?|vacation|"
            r"honeymoon|birthday|wedding|anniversary|tradition|campfires?|family|kids|children|"
            r"son|daughter|husband|wife|boyfriend|girlfriend|grand(?:kids|children|son|daughter)|"
            r"friends|dogs?|cats?|pets?|puppy|hobb(?:y|ies)|garden(?:ing)?|music|concert|"
            r"party|looking forward|can'?t wait|excited)\b"
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
            r"can'?t afford|stress\w*|upset|angry|annoy\w*|frustrat\w*)\b"
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
        if _TROUBLE.search(told) or names_terms(told):
            return []
        start, end = sentence_span(ctx.turn.text, 0)
        clause = _CLAUSE_END.search(ctx.turn.text, warm.end(), end)
        return [Emission(SIGNAL, start, clause.start() if clause else end, client=told)]
