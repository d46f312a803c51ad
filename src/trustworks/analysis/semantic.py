"""The semantic layer: behaviours recognised by meaning, in words the catalogue never listed.

Each seller sentence is encoded once by the static encoder; every head whose held-out
precision reached the shipping bar judges it. A head speaks only above its threshold, and its
finding is marked as a model's judgement (``Finding.learned``) with the head's probability
as its confidence.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from trustworks.analysis.context import Emission, TurnContext
from trustworks.conversation import Role
from trustworks.semantic.encoder import StaticEncoder, default_encoder
from trustworks.semantic.features import context_features, shape_features
from trustworks.semantic.heads import HEADS, HeadModel, default_heads
from trustworks.sentences import SENTENCE

# A head is shown only when its held-out precision reached this when it was trained.
SHIPPING_PRECISION = 0.85
_MIN_WORDS = 3  # "Okay." and "Right, sure." carry too little meaning to judge


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence of at least three words."""
    return [m.span() for m in SENTENCE.finditer(text) if len(m.group().split()) >= _MIN_WORDS]


class SemanticDetector:
    """Runs the shipped heads over each seller sentence; keeps each head's best sentence."""

    def __init__(
        self, encoder: StaticEncoder | None = None, heads: HeadModel | None = None
    ) -> None:
        self._encoder = encoder or default_encoder()
        self._heads = heads or default_heads()
        report = self._heads.report
        self._shown = np.array(
            [
                report.get(name, {}).get("held_out_precision", 0.0) >= SHIPPING_PRECISION
                for name in self._heads.names
            ]
        )
        self._signals = [HEADS[name].signal for name in self._heads.names]
        self._previous = ""  # what the other side said last
        self._previous_vector: np.ndarray[Any, Any] | None = None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Emit a finding per head that recognises its behaviour in the seller's turn."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            self._previous, self._previous_vector = text, None
            return []
        if ctx.role is not Role.SELLER or not self._shown.any():
            return []
        spans = sentence_spans(text)
        if not spans:
            return []
        sentences = [text[a:b] for a, b in spans]
        # One encoder call for the sentences and, when it is new, the client's last turn.
        fresh = bool(self._previous) and self._previous_vector is None
        vectors = self._encoder.encode([*sentences, self._previous] if fresh else sentences)
        if fresh:
            self._previous_vector, vectors = vectors[-1], vectors[:-1]
        previous_vector = self._previous_vector
        if previous_vector is None:
            previous_vector = np.zeros(self._encoder.dims, dtype=np.float32)
        extra = np.array(
            [
                (*shape_features(s), *context_features(s, self._previous, v, previous_vector))
                for s, v in zip(sentences, vectors, strict=True)
            ],
            dtype=np.float32,
        )
        probabilities = self._heads.probabilities_split(vectors, extra)
        passed = (probabilities >= self._heads.thresholds) & self._shown
        emissions = []
        for head in np.flatnonzero(passed.any(axis=0)):
            row = int(np.argmax(np.where(passed[:, head], probabilities[:, head], -1.0)))
            start, end = spans[row]
            emissions.append(
                Emission(
                    self._signals[head],
                    start,
                    end,
                    confidence=round(float(probabilities[row, head]), 3),
                )
            )
        return emissions
