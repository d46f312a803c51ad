"""Pouncing: the client reveals a need and the seller's next turn pitches instead of asking."""

from __future__ import annotations

import re

from trustworks.analysis.about_them import asks_for_the_sale
from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.analysis.proposals import asks_verdict_on_terms
from trustworks.analysis.questions import AGREEMENT_TAGS, about_the_offer
from trustworks.conversation import Role
from trustworks.sentences import content_words, sentence_span

POUNCES = "pounces_on_need"
EXPLORES = "explores_need_first"
# A seller turn this short ("Mm-hm.", "Right, okay.") is a back-channel, not a reply.
_BACKCHANNEL_WORDS = 5
# A question explores the need when it is about a need at all ("what worries you most?",
# "how many do you need?", "why is that?") or points back at what they said ("when did you
# first notice it?"), or shares its words. "Where are you headed?" or "how is your packing
# going?" after "I'm worried about water" is small talk, and "now what about food?" moves on.
_ABOUT_A_NEED = re.compile(
    r"\b(?:needs?|needed|want\w*|looking for|look for|concern\w*|worr\w*|important|priorit\w*|"
    r"prefer\w*|why|how (?:many|much|long|often|bad)|what (?:kind|sort|type)|matter\w*|problem\w*|"
    r"issues?|challeng\w*|struggl\w*|hard|difficult|driv\w*|caus\w*|happen\w*|tried|try\w*|"
    r"start\w*|began|begin\w*|notic\w*|it|those|they|them|"
    r"th(?:at|is)(?! (?:year|week|month|day|time|weekend|morning|evening)))\b",
    re.IGNORECASE,
)
# A share offered in the question ("how would you be with receiving two waters?") is terms.
# So is the seller's own ask ("I would like just 1 firewood... if that works?", "what will I be
# left with if I give you those?").
_OFFERS_A_SHARE = re.compile(
    r"\b(?:receiv(?:e|ing)|tak(?:e|ing)|get(?:ting|tin'?)?|giv(?:e|ing|in'?)(?: you| me)?|"
    r"keep(?:ing|in'?)?)\s+"
    r"(?:\w+\s+)?(?:\d|one|two|three|four|five|six|all (?:the|of))\b|"
    r"\b(?:i|we)(?: would|'d)? (?:like|want|need) (?:just |only )?"
    r"(?:\d|one|two|three|four|five|six)\b|"
    r"\bif (?:that|this|it) works\b|\bif (?:i|we) (?:give|take|get|keep)\b",
    re.IGNORECASE,
)


# A statement with a tag ("It's not permanent, okay?") asks them to agree with the seller,
# not to say more about their need.
_TAGGED = re.compile(rf",\s*(?:{AGREEMENT_TAGS})\W*$", re.IGNORECASE)


# A question that ends the client's turn asks about the offer in particular ("Is it difficult
# for the reps to use?", "How do you ensure accuracy?": ``questions.about_the_offer``): the
# product described in reply answers it. One that invites the pitch itself ("Can you
# elaborate?", "How can you help?", "what do you do?") leaves the need to be explored first,
# as DOMAIN.md's product tour before learning what they want.
_ENDS_ON_A_QUESTION = re.compile(r"\?\W*\Z")
_INVITES_THE_PITCH = re.compile(
    r"\b(?:elaborate|tell (?:me|us) (?:more|about)|explain (?:more|it|what you do|how (?:it|this) "
    r"works)|walk (?:me|us) through|"
    r"how (?:can|could|would|will|might) (?:you|it|this|that|your \w+|[\w-]+) help|"
    r"what (?:do|does|can|could) (?:you|your \w+|it|this|they) (?:do|offer|sell|provide)|"
    r"how (?:does|would|will|could|do) (?:it|this|that|your \w+|you) (?:work|apply|fit)|"
    r"what(?:'s| is) (?:it|this|that|\w+) (?:all )?about)\b",
    re.IGNORECASE,
)


class PouncingDetector:
    """Remembers the client's last stated need until the seller replies to it."""

    def __init__(self) -> None:
        self._need: str | None = None
        self._asked = False  # the client's turn ended on a question about the offer itself

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's reply to a need the client has just stated."""
        if ctx.role is Role.CLIENT:
            stated = ctx.cue("client_need")
            if stated is not None:
                self._need = sentence_at(ctx.turn.text, stated.start)
            if self._need is not None:  # their latest turn decides what the reply answers
                self._asked = _asks_about_the_offer(ctx.turn.text)
            return []
        if ctx.role is not Role.SELLER or self._need is None:
            return []
        pitch = ctx.cue("pitch")
        first_question = ctx.questions.first_at
        if pitch is None and first_question is None and ctx.words <= _BACKCHANNEL_WORDS:
            return []
        need, self._need = self._need, None
        question = None if first_question is None else sentence_span(ctx.turn.text, first_question)
        # A pitch before the first question, or in it ("want to see a quick demo?"), answers
        # the need with the product before learning anything more about it.
        if (
            pitch is not None
            and (question is None or pitch.start < question[1])
            and not self._asked
        ):
            return [Emission(POUNCES, pitch.start, pitch.end, need)]
        # "I'd take the water, you the food. Does that work for you?" answers their need with
        # the seller's terms: no exploring, and no pitch either.
        text = ctx.turn.text
        if question is not None and _explores(text[question[0] : question[1]], text, need):
            return [Emission(EXPLORES, question[0], question[1], need)]
        return []


def _asks_about_the_offer(text: str) -> bool:
    """Whether ``text`` ends on a question about the offer in particular, not one that invites
    the pitch ("How do you ensure accuracy?", not "Can you elaborate?")."""
    end = _ENDS_ON_A_QUESTION.search(text)
    if end is None:
        return False
    start = max(text.rfind(stop, 0, end.start()) for stop in ".!?") + 1
    question = text[start : end.end()]
    return about_the_offer(question) and not _INVITES_THE_PITCH.search(question)


def _explores(question: str, text: str, need: str) -> bool:
    """Whether ``question`` asks about the ``need`` rather than putting terms or chatting."""
    if asks_verdict_on_terms(question, text[: text.find(question)]):
        return False
    # "Would you be willing to donate?" after their doubt asks for the yes, not about the doubt.
    if _OFFERS_A_SHARE.search(question) or _TAGGED.search(question) or asks_for_the_sale(question):
        return False
    if _ABOUT_A_NEED.search(question):
        return True
    stems = {w[:5] for w in content_words(need)}
    return any(w[:5] in stems for w in content_words(question))
