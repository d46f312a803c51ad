"""A straight answer to a straight question: how long, how many, when, answered with the figure.

Credibility rests on candour, and the plainest candour is answering the question that was
asked. When the client asks for a quantity or a time ("How long does the refund take?",
"When will it ship?", "How many people use it?") and the seller's next reply gives one
("Less than a week.", "Seven days from today."), the seller has answered plainly. Price
questions have their own detector (``price``); a reply without a figure is not judged,
because "it depends, and here is on what" can be candid too. In chat the figure may
come after a word of acknowledgement, so the first thirty words of the reply are read.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext, sentence_at
from trustworks.conversation import Role
from trustworks.sentences import sentence_span

SIGNAL = "answers_their_question_plainly"
_WH_FIGURE = (
    r"(?:how (?:long|many|soon|often|far|old|big|quickly|much (?:time|long|longer))|by when|"
    r"what time|which (?:day|date|week|month)|when (?:will|would|does|do|did|is|are|can|could|"
    r"should|might|was))\b"
)
# Asked with a question mark, or without one in chat ("how much long till it is refunded",
# "I just want to see how long they last").
_ASKS_FOR_A_FIGURE = re.compile(
    rf"\b{_WH_FIGURE}[^.!?]{{0,200}}\?|"
    rf"(?:^|[.!?]\s+|\b(?:see|tell me|wondering|ask|find out) )(?:and |so |but )?{_WH_FIGURE}",
    re.IGNORECASE,
)
_NUMBER = (
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|hundred|thousand|half|a couple of|a few|several|"
    # "a week" is a figure only after a word that measures it ("a lot of users" is not).
    r"(?:less than|more than|about|around|under|over|within|in|once|twice) an?)\b"
)
_UNIT = (
    r"\b(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|fortnight|"
    r"business days?|working days?|people|users|times|percent)\b"
)
# The figure itself: a number with or without a unit, a day, or a near date.
_FIGURE = re.compile(
    rf"(?:{_NUMBER})[^.!?]{{0,20}}?{_UNIT}|\d|"
    r"\b(?:today|tomorrow|tonight|this (?:week|afternoon|evening|month)|next (?:week|month|"
    r"monday|tuesday|wednesday|thursday|friday)|by (?:monday|tuesday|wednesday|thursday|"
    r"friday|the end of)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december) \d)\b",
    re.IGNORECASE,
)
# Answers that name a figure only to hold it back ("I can't say how many days").
_HOLDS_BACK = re.compile(
    r"\b(?:can'?t|cannot|couldn'?t|don'?t know|not sure|no idea|depends|hard to say|"
    r"let me (?:check|find out|look)|get back to you|find out)\b",
    re.IGNORECASE,
)


class PlainAnswerDetector:
    """Remembers the client's question for a figure until the seller's next turn."""

    def __init__(self) -> None:
        self._question: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Credit a seller reply that opens with the figure the client asked for."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            asked = _ASKS_FOR_A_FIGURE.search(text)
            self._question = None
            if asked is not None and ctx.cue("price_question") is None:
                self._question = sentence_at(text, asked.start())
            return []
        if ctx.role is not Role.SELLER or self._question is None:
            return []
        question, self._question = self._question, None
        # Chat replies often clear their throat first ("Ok, one moment please"): the figure
        # may come a sentence or two in, but within the reply's first words.
        head = _first_words(text, _ANSWER_WORDS)
        figure = _FIGURE.search(head)
        if figure is None or _HOLDS_BACK.search(head[: figure.end()]) is not None:
            return []
        start, end = sentence_span(text, figure.start())
        if "?" in text[start:end]:
            return []  # a question back is not an answer
        return [Emission(SIGNAL, start, end, question)]


_ANSWER_WORDS = 30


def _first_words(text: str, count: int) -> str:
    """The text up to the end of its ``count``-th word."""
    words = list(re.finditer(r"\S+", text))
    return text if len(words) <= count else text[: words[count - 1].end()]
