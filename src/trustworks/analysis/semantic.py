"""The semantic layer: behaviours recognised by meaning, in words the catalogue never listed.

Each seller sentence is encoded once by the static encoder; every head whose held-out
precision reached the shipping bar judges it. A head speaks only above its threshold, and its
finding is marked as a model's judgement (``Finding.learned``) with the head's probability
as its confidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.limits import reads_as_english
from trustworks.analysis.reflection_shape import reads_as_reflection
from trustworks.conversation import Role
from trustworks.sentences import sentence_spans

if TYPE_CHECKING:
    from trustworks.semantic.encoder import StaticEncoder
    from trustworks.semantic.heads import HeadModel
    from trustworks.semantic.tone import ToneModel

# A head is shown only when its held-out precision reached this when it was trained.
SHIPPING_PRECISION = 0.85
# Signals whose sentences must also have the behaviour's shape: meaning alone mistakes thanks,
# offers and advice about "you" for a reflection.
SHAPES = {"reflects_their_words": reads_as_reflection}


class SemanticDetector:
    """Runs the shipped heads over each seller sentence; keeps each head's best sentence.

    It also reads the tone of every seller turn with words enough to judge (``mean_tone``):
    the trust scorer turns the mean into a bounded intimacy term.
    """

    def __init__(
        self,
        encoder: StaticEncoder | None = None,
        heads: HeadModel | None = None,
        tone: ToneModel | None = None,
        *,
        written: bool = False,
    ) -> None:
        # numpy, the encoder and the heads are loaded for the first seller sentence worth
        # judging: a greeting or a one-word draft (`trustworks check "Hello"`) never needs
        # them, and they are a third of a short command's start.
        self._given = (encoder, heads, tone)
        self._written = written  # e-mail and drafts: tone is measured against written talk
        self._loaded = False
        self.tone_total = 0.0  # sum of the seller turns' predicted politeness
        self.toned_turns = 0
        self.toned_sentences = 0  # how much the mean rests on
        self._previous = ""  # what the other side said last
        self._previous_vector: Any = None

    def _load(self) -> None:
        import numpy as np

        from trustworks.semantic.encoder import default_encoder
        from trustworks.semantic.heads import HEADS, default_heads
        from trustworks.semantic.tone import default_markers, default_tone

        encoder, heads, tone = self._given
        self._encoder = encoder or default_encoder()
        self._heads = heads or default_heads()
        self._tone = tone or default_tone()
        self._markers = default_markers()
        report = self._heads.report
        self._shown = np.array(
            [
                report.get(name, {}).get("held_out_precision", 0.0) >= SHIPPING_PRECISION
                for name in self._heads.names
            ]
        )
        self._signals = [HEADS[name].signal for name in self._heads.names]
        self._loaded = True

    @property
    def mean_tone(self) -> float | None:
        """The seller's mean predicted politeness so far (None before any turn to judge)."""
        return self.tone_total / self.toned_turns if self.toned_turns else None

    def observe(self, ctx: TurnContext) -> list[Emission]:
        """Emit a finding per head that recognises its behaviour in the seller's turn."""
        text = ctx.turn.text
        if ctx.role is Role.CLIENT:
            self._previous, self._previous_vector = text, None
            return []
        if ctx.role is not Role.SELLER:
            return []
        spans = sentence_spans(text)
        if not spans:
            return []
        if not self._loaded:
            self._load()
        import numpy as np

        from trustworks.semantic.features import context_features, shape_features
        from trustworks.semantic.tone import tone_features

        sentences = [text[a:b] for a, b in spans]
        # One encoder call for the sentences and, when it is new, the client's last turn.
        fresh = bool(self._previous) and self._previous_vector is None
        vectors = self._encoder.encode([*sentences, self._previous] if fresh else sentences)
        if fresh:
            self._previous_vector, vectors = vectors[-1], vectors[:-1]
        if reads_as_english(text):  # the model knows English requests only
            tone = self._tone.predict(tone_features(text, vectors, self._markers))
            self.tone_total += tone - self._tone.baseline(written=self._written)
            self.toned_turns += 1
            self.toned_sentences += len(spans)
        if not self._shown.any():
            return []
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
        for column in np.flatnonzero(passed.any(axis=0)):
            shape = SHAPES.get(self._signals[column])
            if shape is not None:
                for index in np.flatnonzero(passed[:, column]):
                    passed[index, column] = shape(sentences[index], self._previous)
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
