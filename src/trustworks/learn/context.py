"""Read an utterance with the turn before it: n-grams plus sentence vectors, one model a label.

What the other side just said decides much of what a reply is: "I'm sorry to hear that"
after "my kids get cold at night" is empathy, "what do you need most?" answers nobody. So
each utterance is described by three blocks, side by side in one sparse row:

- the learned layer's hashed word and character n-grams of the utterance;
- the shipped static sentence encoder's vector of the utterance (meaning in other words);
- the same encoder's vector of the previous utterance in the dialogue (zeros for the first);
- optionally (off by default: measured, it did not help), what the previous utterance *did*:
  a first stage reads it for every strategy the training utterances carry (CaSiNo's ten, not
  only the six scored), so "I'm sorry to hear that" can lean on "the other side just argued
  a need" rather than on what that need was about.

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
from trustworks.learn.train import (
    FOLDS,
    LabelFits,
    Progress,
    classifier,
    feature_matrix,
    fit_labels,
    grouped_folds,
    platt,
)

if TYPE_CHECKING:
    import scipy.sparse as sp

    from trustworks.semantic.encoder import StaticEncoder

# Fewer strengths than the n-gram trainer's six: the dense blocks make each fit slower, and
# across the learned layer's folds C above 10 or below 0.3 was rarely the best.
CONTEXT_C_GRID = (0.3, 1.0, 3.0)
# The first stage is not tuned (it would double the training time): C = 3 is what the
# second stage chose for five of the six labels on CaSiNo's training dialogues.
FIRST_STAGE_C = 3.0


@dataclass(frozen=True, slots=True)
class ContextBlocks:
    """Which blocks describe an utterance (each can be left out to measure what it adds)."""

    ngrams: bool = True
    utterance_vector: bool = True
    previous_vector: bool = True
    # Measured on 2026-12-05 and not adopted (docs/accuracy.md): it helped neither protocol.
    previous_strategies: bool = False

    def describe(self) -> str:
        """The blocks in use, for reports: "n-grams + utterance vector + previous vector"."""
        names = (
            ("n-grams", self.ngrams),
            ("utterance vector", self.utterance_vector),
            ("previous vector", self.previous_vector),
            ("previous strategies", self.previous_strategies),
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


def _sigmoid(scores: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-scores)), dtype=np.float64)


def _reading_matrix(
    texts: Sequence[str], featurizer: Featurizer, encoder: StaticEncoder
) -> sp.csr_matrix:
    """What the first stage reads of a turn: its n-grams and its sentence vector."""
    import scipy.sparse as sp

    vectors = sp.csr_matrix(encoder.encode(list(texts)).astype(np.float64))
    return sp.hstack([feature_matrix(texts, featurizer), vectors], format="csr")


@dataclass(frozen=True, slots=True)
class TurnReader:
    """The first stage: a calibrated probability of each strategy for one turn's words."""

    strategies: tuple[str, ...]
    weights: npt.NDArray[np.float64]  # [columns x strategies], calibration folded in
    biases: npt.NDArray[np.float64]  # [strategies]

    def read(
        self, texts: Sequence[str], featurizer: Featurizer, encoder: StaticEncoder
    ) -> npt.NDArray[np.float64]:
        """A [texts x strategies] matrix; zeros for an empty text (no turn before)."""
        x = _reading_matrix(texts, featurizer, encoder)
        out = _sigmoid(np.asarray(x @ self.weights) + self.biases)
        out[np.array([not text for text in texts], dtype=bool)] = 0.0
        return out


def fit_turn_reader(
    utterances: Sequence[Utterance],
    featurizer: Featurizer,
    encoder: StaticEncoder,
    *,
    seed: int,
    folds: int = FOLDS,
) -> tuple[TurnReader, npt.NDArray[np.float64]]:
    """The first stage fitted on these utterances, and its reading of each one's turn before.

    The turn before a training utterance is read by the model of the fold that held the
    utterance's dialogue out (folds grouped by dialogue, as the second stage's), so the
    second stage learns from readings as good as it will get on dialogues never seen; a
    reading by the refitted model would know the answer.
    """
    strategies = tuple(sorted({label for u in utterances for label in u.labels}))
    texts = [u.text for u in utterances]
    previous = [u.previous for u in utterances]
    x_text = _reading_matrix(texts, featurizer, encoder)
    x_previous = _reading_matrix(previous, featurizer, encoder)
    fold_of = grouped_folds([u.dialogue_id for u in utterances], folds, seed)
    truth = label_matrix(utterances, strategies)
    weights = np.zeros((x_text.shape[1], len(strategies)))
    biases = np.zeros(len(strategies))
    readings = np.zeros((len(utterances), len(strategies)))
    for j in range(len(strategies)):
        y = truth[:, j]
        own, before = np.zeros(len(y)), np.zeros(len(y))
        for fold in range(folds):
            held = fold_of == fold
            if not held.any() or len(np.unique(y[~held])) < 2:
                continue  # a tiny corpus: this fold saw one class only, read as "no"
            model = classifier(FIRST_STAGE_C, seed).fit(x_text[~held], y[~held])
            own[held] = model.decision_function(x_text[held])
            before[held] = model.decision_function(x_previous[held])
        slope, intercept = platt(y, own) if 0 < y.sum() < len(y) else (1.0, -10.0)
        readings[:, j] = _sigmoid(slope * before + intercept)
        if 0 < y.sum() < len(y):
            final = classifier(FIRST_STAGE_C, seed).fit(x_text, y)
            weights[:, j] = slope * final.coef_[0]
            biases[j] = slope * final.intercept_[0] + intercept
        else:
            biases[j] = 10.0 if y.all() else -10.0
    readings[np.array([not text for text in previous], dtype=bool)] = 0.0
    return TurnReader(strategies, weights, biases), readings


def _default_encoder() -> StaticEncoder:
    from trustworks.semantic.encoder import default_encoder

    return default_encoder()


@dataclass(eq=False)
class ContextModel:
    """Per-label weights over the blocks; ``labels_for`` gives the labels that pass."""

    labels: tuple[str, ...]
    fits: LabelFits
    blocks: ContextBlocks
    reader: TurnReader | None = None  # the first stage, when previous strategies are read
    featurizer: Featurizer = field(default_factory=Featurizer)
    encoder: StaticEncoder = field(default_factory=_default_encoder)
    metadata: dict[str, Any] = field(default_factory=dict)

    def probabilities(
        self, texts: Sequence[str], previous: Sequence[str]
    ) -> npt.NDArray[np.float64]:
        """A [texts x labels] matrix of calibrated probabilities."""
        x = context_matrix(texts, previous, self.blocks, self.featurizer, self.encoder)
        if self.reader is not None:
            import scipy.sparse as sp

            read = self.reader.read(previous, self.featurizer, self.encoder)
            x = sp.hstack([x, sp.csr_matrix(read)], format="csr")
        weights = self.fits.weights.astype(np.float64)
        return _sigmoid(np.asarray(x @ weights) + self.fits.biases.astype(np.float64))

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
    reader = None
    if blocks.previous_strategies:
        import scipy.sparse as sp

        reader, readings = fit_turn_reader(utterances, featurizer, encoder, seed=seed, folds=folds)
        x = sp.hstack([x, sp.csr_matrix(readings)], format="csr")
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
        "first_stage": list(reader.strategies) if reader is not None else [],
    }
    return ContextModel(tuple(labels), fits, blocks, reader, featurizer, encoder, metadata)
