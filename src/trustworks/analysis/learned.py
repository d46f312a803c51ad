"""The learned layer: a trained utterance classifier's judgements, marked as learned.

Runs only in the opt-in accurate mode (`analyze(..., settings=Settings(learned=True))`,
`trustworks analyze --learned`): it is slower than the rules, and its findings carry the
model's probability so a reader can tell a matched phrase from a model's judgement.
"""

from __future__ import annotations

from typing import Protocol

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.sentences import SENTENCE_END

# Which catalogue signal each of the model's labels (CaSiNo strategy names) becomes.
LABEL_SIGNALS: dict[str, str] = {
    "small-talk": "learned_small_talk",
    "showing-empathy": "learned_showing_empathy",
    "elicit-pref": "learned_elicits_preferences",
    "promote-coordination": "learned_promotes_coordination",
    "self-need": "learned_argues_own_need",
    "uv-part": "learned_undervalues_other_side",
}


class Classifier(Protocol):
    """What the learned detector needs of a model."""

    def labels_for(self, text: str) -> dict[str, float]:
        """Labels whose probability passes the model's threshold, with that probability."""
        ...


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, left = [], 0
    for end in SENTENCE_END.finditer(text):
        spans.append((left, end.end()))
        left = end.end()
    if left < len(text):
        spans.append((left, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


class LearnedDetector:
    """Asks the model about each sentence of a seller's turn; keeps each label's best one."""

    def __init__(self, model: Classifier) -> None:
        self._model = model

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Emit a learned signal per label the model sees in the seller's turn."""
        if ctx.role is not Role.SELLER:
            return []
        text = ctx.turn.text
        best: dict[str, tuple[float, int, int]] = {}
        for start, end in _sentences(text):
            for label, probability in self._model.labels_for(text[start:end]).items():
                if label in LABEL_SIGNALS and probability > best.get(label, (0.0, 0, 0))[0]:
                    best[label] = (probability, start, end)
        return [
            Emission(LABEL_SIGNALS[label], start, end, confidence=probability)
            for label, (probability, start, end) in sorted(best.items())
        ]
