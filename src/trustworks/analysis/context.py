"""What every detector sees of a turn, and what it hands back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from trustworks.analysis.marks import Typed
from trustworks.analysis.questions import QuestionCount
from trustworks.conversation import Role, Turn
from trustworks.sentences import sentence_span
from trustworks.signals.matcher import Match


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which cost more
# than half a microsecond on every turn; no detector writes to it.
@dataclass(slots=True)
class TurnContext:
    """One turn as the detectors see it, read as meant: role, size, cues matched and
    questions asked."""

    index: int
    turn: Turn
    role: Role
    words: int
    cues: dict[str, list[Match]]
    questions: QuestionCount
    # The words as typed or said, when ``turn.text`` has marks the typist left out put back
    # or fillers and false starts taken out (``disfluency.as_read``): detectors read the
    # turn so, findings quote the words as they were.
    typed: Typed | None = None

    def as_typed(self, start: int, end: int) -> tuple[str, int, int]:
        """The turn's words as typed, and where its text's ``start:end`` lies in them."""
        if self.typed is None:
            return self.turn.text, start, end
        return self.typed.text, *self.typed.span(start, end)

    def cue(self, cue_id: str) -> Match | None:
        """The first match of a cue in this turn, if any."""
        found = self.cues.get(cue_id)
        return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Emission:
    """A detector's verdict: this signal, on these characters of the current turn."""

    signal: str
    start: int
    end: int
    client: str = ""  # the client's words the seller was answering, for the rewrite
    confidence: float = 1.0  # a learned detector's probability


class Detector(Protocol):
    """A conversation-level detector: sees each turn once, in order, and reports findings.

    What it reports depends on the turns it has seen and nothing else (not on another
    detector, nor on the findings so far): a batch analysis lets each detector take a stretch
    of turns in a row (`LiveAnalyzer.add_turns`), and must find what turn by turn finds.
    """

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Signals this turn shows, given what the detector has seen so far."""
        ...


def sentence_at(text: str, index: int) -> str:
    """The sentence containing character ``index``."""
    left, right = sentence_span(text, index)
    return text[left:right]


def opening_span(text: str, max_words: int = 25) -> tuple[int, int]:
    """The first sentence of ``text``, cut to ``max_words`` words."""
    left, right = sentence_span(text, 0)
    words = list(re.finditer(r"\S+", text[left:right]))
    if len(words) > max_words:
        right = left + words[max_words - 1].end()
    return left, right
