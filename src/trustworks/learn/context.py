"""Read an utterance with the turn before it: n-grams plus sentence vectors, one model a label.

What the other side just said decides much of what a reply is: "I'm sorry to hear that"
after "my kids get cold at night" is empathy, "what do you need most?" answers nobody. So
each utterance is described by three blocks, side by side in one sparse row:

- the learned layer's hashed word and character n-grams of the utterance;
- the shipped static sentence encoder's vector of the utterance (meaning in other words);
- the same encoder's vector of the previous utterance in the dialogue (zeros for the first).

Then, exactly as ``trustworks.learn.train``: one logistic regression per label with balanced
class weights (rare labels such as uv-part weigh as much as common ones), C and a threshold
that maximises F1 chosen by cross-validation grouped by dialogue on the training utterances
only, Platt-calibrated. Training needs scikit-learn; the fitted model is numpy and scipy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from trustworks.errors import InputError
from trustworks.learn.data import LABELS, Utterance, label_matrix
from trustworks.learn.features import Featurizer
from trustworks.learn.train import FOLDS, LabelFits, Progress, feature_matrix, fit_labels

if TYPE_CHECKING:
    import scipy.sparse as sp

    from trustworks.semantic.encoder import StaticEncoder

# Fewer strengths than the n-gram trainer's six: the dense blocks make each fit slower, and
# across the learned layer's folds C above 10 or below 0.3 was rarely the best.
CONTEXT_C_GRID = (0.3, 1.0, 3.0)


@dataclass(frozen=True, slots=True)
class ContextBlocks:
    """Which blocks describe an utterance (each can be left out to measure what it adds)."""

    ngrams: bool = True
    utterance_vector: bool = True
    previous_vector: bool = True

    def describe(self) -> str:
        """The blocks in use, for reports: "n-grams + utterance vector + previous vector"."""
        names = (
            ("n-grams", self.ngrams),
            ("utterance vector", self.utterance_vector),
            ("previous vector", self.previous_vector),
        )
        return " + ".join(name for name, used in names if used) or "nothing"


def context_matrix(
    texts: Sequence[str],
    previous: Sequence[str],
    blocks: ContextBlocks,
    featurizer: Featurizer,
    encoder: StaticEncoder,
) -> sp.csr_matrix:
    """One row per text: the chosen blocks side by side."""
    import scipy.sparse as sp  # here, not at the top: analysis imports this package

    if len(texts) != len(previous):
        raise ValueError(f"{len(texts)} texts but {len(previous)} previous utterances")
    parts: list[Any] = []
    if blocks.ngrams:
        parts.append(feature_matrix(texts, featurizer))
    if blocks.utterance_vector:
        parts.append(sp.csr_matrix(encoder.encode(list(texts)).astype(np.float64)))
    if blocks.previous_vector:
        parts.append(sp.csr_matrix(encoder.encode(list(previous)).astype(np.float64)))
    if not parts:
        raise ValueError("no feature blocks chosen")
    return sp.hstack(parts, format="csr")


def _default_encoder() -> StaticEncoder:
    from trustworks.semantic.encoder import default_encoder

    return default_encoder()


@dataclass(eq=False)
class ContextModel:
    """Per-label weights over the blocks; ``labels_for`` gives the labels that pass."""

    labels: tuple[str, ...]
    fits: LabelFits
    blocks: ContextBlocks
    featurizer: Featurizer = field(default_factory=Featurizer)
    encoder: StaticEncoder = field(default_factory=_default_encoder)
    metadata: dict[str, Any] = field(default_factory=dict)

    def probabilities(
        self, texts: Sequence[str], previous: Sequence[str]
    ) -> npt.NDArray[np.float64]:
        """A [texts x labels] matrix of calibrated probabilities."""
        x = context_matrix(texts, previous, self.blocks, self.featurizer, self.encoder)
        scores = np.asarray(x @ self.fits.weights.astype(np.float64)) + self.fits.biases
        return np.asarray(1.0 / (1.0 + np.exp(-scores)), dtype=np.float64)

    def labels_for(self, texts: Sequence[str], previous: Sequence[str]) -> list[dict[str, float]]:
        """For each text, the labels whose probability reaches their threshold."""
        probabilities = self.probabilities(texts, previous)
        passed = probabilities >= self.fits.thresholds.astype(np.float64)
        return [
            {self.labels[j]: float(row[j]) for j in np.flatnonzero(hits)}
            for row, hits in zip(probabilities, passed, strict=True)
        ]


def train_in_context(
    utterances: Sequence[Utterance],
    *,
    seed: int = 0,
    labels: Sequence[str] = LABELS,
    blocks: ContextBlocks | None = None,
    c_grid: Sequence[float] = CONTEXT_C_GRID,
    folds: int = FOLDS,
    encoder: StaticEncoder | None = None,
    progress: Progress | None = None,
) -> ContextModel:
    """Fit the context model on these utterances only (their text, previous text and labels)."""
    if not utterances:
        raise InputError("training data", "no utterances to train on")
    blocks = blocks or ContextBlocks()
    encoder = encoder or _default_encoder()
    featurizer = Featurizer()
    x = context_matrix(
        [u.text for u in utterances], [u.previous for u in utterances], blocks, featurizer, encoder
    )
    fits = fit_labels(
        x,
        label_matrix(utterances, labels),
        [u.dialogue_id for u in utterances],
        labels,
        seed=seed,
        c_grid=c_grid,
        folds=folds,
        progress=progress,
    )
    metadata = {
        "blocks": blocks.describe(),
        "seed": seed,
        "c_grid": list(c_grid),
        "folds": folds,
        "utterances": len(utterances),
        "labels": fits.per_label,
    }
    return ContextModel(tuple(labels), fits, blocks, featurizer, encoder, metadata)
