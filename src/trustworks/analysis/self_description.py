"""'Tell us about yourselves': turned back to the client, or a long self-description."""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, opening_span, sentence_at
from trustworks.analysis.proposals import PUTS_TERMS, asks_verdict_on_terms
from trustworks.conversation import Role
from trustworks.sentences import sentence_span

TURNS_BACK = "turns_about_you_back"
LONG_SELF = "long_self_description"
PRODUCT_TOUR = "product_tour_before_goals"
_BACKCHANNEL_WORDS = 5
# The seller's share in a question with quantities: "would you mind if I took 3 of the water?"
_SELLER = re.compile(
    r"\b(?:i|we) (?:could |would |'d |can |will |'ll )?(?:took|take|get|got|keep|had|have)\b",
    re.IGNORECASE,
)

# What a reply may open with before it says anything: a greeting or a back-channel.
_OPENER = re.compile(
    r"\W*(?:(?:hello|hi|hey|hiya|mm+-?hmm|mm+|uh-?huh|okay|ok|yeah|yes|well|so|oh|um+|uh+|right|"
    r"sure|great|good question|of course)\b\W*)*",
    re.IGNORECASE,
)
# Asked about themselves as a person: "what are you looking for on this trip?", "who are you
# buying for?". Seller inference does not count these (the `about_request` cue, asking what the
# seller is or sells), since a seller asks them too; answered and handed back, they still count.
_ABOUT_YOU = re.compile(r"\b(?:who|what) (?:exactly )?are you\b", re.IGNORECASE)
# The question handed back whole: "..., and yours?", "What about you?", "You?"
_HANDS_BACK = re.compile(
    r"(?:\b(?:and|what about|how about|what of)\s+(?:you|yours|your (?:side|end|team|group))|"
    r"^\W*(?:you|yours))\W*$",
    re.IGNORECASE,
)


class SelfDescriptionDetector:
    """Judges the seller's answer to a request to describe themselves or what they sell."""

    def __init__(self, long_words: int = 120) -> None:
        self._long_words = long_words
        self._request: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's first real reply after the client asked who they are."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            asked = ctx.cue("about_request")
            if asked is not None:
                self._request = sentence_at(text, asked.start)
            elif (about_you := _ABOUT_YOU.search(text)) is not None:
                self._request = sentence_at(text, about_you.start())
            return []
        if ctx.role is not Role.SELLER or self._request is None:
            return []
        if ctx.words <= _BACKCHANNEL_WORDS:
            return []
        request, self._request = self._request, None
        question = ctx.questions.first_at
        if question is not None and ctx.words < self._long_words:
            # A short answer that ends in a question hands the conversation back, unless the
            # question puts the seller's own terms ("how about I take two and you keep the
            # rest?", "does that work for you?"): that asks for a yes, not about them.
            start, end = sentence_span(text, question)
            question_text = text[start:end]
            # Asked about themselves, a reply that only asks ("Could you tell me why water
            # matters most to you?") answers nothing: it turns the question aside, not back.
            opener = _OPENER.match(text)
            if (
                start <= (opener.end() if opener else 0)
                and _HANDS_BACK.search(question_text) is None
            ):
                return []
            if asks_verdict_on_terms(question_text, text[:start]) or (
                PUTS_TERMS.search(question_text) and _SELLER.search(question_text)
            ):
                return []
            return [Emission(TURNS_BACK, start, end, request)]
        if question is None and len(ctx.cues.get("pitch", ())) >= 2:
            pitch = ctx.cues["pitch"][0]
            return [Emission(PRODUCT_TOUR, pitch.start, pitch.end, request)]
        if ctx.words >= self._long_words:
            start, end = opening_span(text)
            return [Emission(LONG_SELF, start, end, request)]
        return []
