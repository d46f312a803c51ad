"""Price: a direct price question answered with a figure or dodged; a concern explored or not."""

from __future__ import annotations

from trustworks.analysis.context import Emission, TurnContext, opening_span, sentence_at
from trustworks.analysis.proposals import asks_verdict_on_terms
from trustworks.conversation import Role
from trustworks.sentences import sentence_span

ANSWERS = "answers_price_directly"
DODGES = "dodges_price_question"
EXPLORES_CONCERN = "explores_price_concern"
IGNORES_CONCERN = "price_concern_not_explored"
_BACKCHANNEL_WORDS = 3


class PriceDetector:
    """Waits for the seller's reply to a client's price question or price concern."""

    def __init__(self) -> None:
        self._question: str | None = None
        self._concern: str | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Judge the seller's reply to the last price question or concern."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            asked = ctx.cue("price_question")
            if asked is not None:
                self._question = sentence_at(text, asked.start)
            worried = ctx.cue("price_concern")
            if worried is not None:
                self._concern = sentence_at(text, worried.start)
            return []
        if ctx.role is not Role.SELLER or ctx.words <= _BACKCHANNEL_WORDS:
            return []
        found: list[Emission] = []
        if self._question is not None:
            figure = ctx.cue("price_figure")
            if figure is not None:
                found.append(Emission(ANSWERS, figure.start, figure.end, self._question))
            else:
                start, end = opening_span(text)
                found.append(Emission(DODGES, start, end, self._question))
            self._question = None
        if self._concern is not None:
            defends = ctx.cue("defends_price")
            question = ctx.questions.first_at
            span = None if question is None else sentence_span(text, question)
            if span is not None and asks_verdict_on_terms(text[span[0] : span[1]], text[: span[0]]):
                span = None  # "How about you get one and I keep the rest?" answers with terms
            if span is not None and defends is not None and defends.start < span[0]:
                # "Think about the long-term savings. While we're talking, reporting?" asks
                # after the defence: the worry was answered, not asked about.
                span = None
            if span is not None:
                found.append(Emission(EXPLORES_CONCERN, span[0], span[1], self._concern))
            elif defends is not None:
                # Only a defence leaves the concern unexplored: a reply that hears it ("it
                # sounds like the budget is the worry"), accepts it or moves on the price is
                # not a value pitch, whatever else it lacks.
                start, end = sentence_span(text, defends.start)
                found.append(Emission(IGNORES_CONCERN, start, end, self._concern))
            self._concern = None
        return found
