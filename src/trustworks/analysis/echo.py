"""A reflection recognised by what it restates: the seller gives the client's words back.

"So the buddy system worked when people had time for it, and time is the real constraint.
Is that right?" says no catalogue phrase, yet it is a reflective summary: it opens on the
client ("so you...", "it sounds like...") and carries their own content words back to them.
"""

from __future__ import annotations

import re

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.proposals import asks_verdict_on_terms
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE, content_words
from trustworks.signals.matcher import fast_form, fold

SIGNAL = "restates_their_words"
_OPENER = re.compile(
    r"^\W*(?:so\b|(?:(?:okay|ok|right|yeah|and|well|mm-?hmm|um|uh),?\s+)*(?:so\b|"
    r"you(?:'re| are|'ve| have|'d| feel| felt| think| want| said| mentioned| told me| "
    r"seem| sound| were| wanna)|it sounds like|sounds like|it seems like|seems like|"
    r"what i(?:'m| am) hearing|if i(?:'ve| have)? (?:heard|understood|got)|"
    r"(?:the|your) (?:main|biggest|real) (?:thing|issue|problem|worry|concern|constraint)))",
    re.IGNORECASE,
)
# "So our platform replaces buddy systems" carries their words back to pitch: not a reflection.
# Led by its first letters (fast_form): a search skips to them, twice as fast.
_SELLER_SIDE = re.compile(fast_form(r"\b(?:we|our|us|i|i'll|i'd|i'm|we'll|my)\b"), re.IGNORECASE)
_MIN_SHARED = 2  # content words of theirs the sentence must carry back


class EchoDetector:
    """Credits the seller sentence that restates the client's last turn in their words."""

    def __init__(self) -> None:
        self._their_turn = ""  # the client's last turn...
        # ...and its content words, read only when a seller sentence opens like a reflection
        # (most never do: reading every client turn's words cost 2 us a turn).
        self._theirs: set[str] | None = set()

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """A reflection of the client's last turn, at most one per seller turn."""
        if ctx.role is Role.CLIENT:
            self._their_turn, self._theirs = ctx.turn.text, None
            return []
        if ctx.role is not Role.SELLER or (
            self._theirs is not None and len(self._theirs) < _MIN_SHARED
        ):
            return []
        for sentence in SENTENCE.finditer(fold(ctx.turn.text)):
            body = sentence.group()
            if not _OPENER.match(body) or _SELLER_SIDE.search(body):
                continue
            # "So how about two foods for you and the rest for me?" gives their words back as
            # the seller's terms: a proposal, not a reflection.
            # (That check searches for the seller's terms: searched once, not twice.)
            if asks_verdict_on_terms(body, ""):
                continue
            if self._theirs is None:
                self._theirs = content_words(fold(self._their_turn))
            if len(self._theirs) < _MIN_SHARED:
                return []
            if len(content_words(body) & self._theirs) >= _MIN_SHARED:
                self._theirs = set()  # one reflection of the same words is enough
                return [Emission(SIGNAL, sentence.start(), sentence.end())]
        return []
