"""Per-label precision, recall and F1 of multi-label predictions, in plain numpy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from trustworks.learn.data import Utterance, label_matrix
from trustworks.learn.model import LinearModel

Matrix = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class LabelScores:
    """How well one label was found: counts and the three usual ratios."""

    label: str
    support: int  # utterances that carry the label
    predicted: int  # utterances the model gave the label
    correct: int  # both

    @property
    def precision(self) -> float:
        """Share of the model's labels that were right (0 when it gave none)."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of the true labels the model found (0 when there were none)."""
        return self.correct / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.support + self.predicted
        return 2 * self.correct / total if total else 0.0


def label_scores(labels: Sequence[str], truth: Matrix, predicted: Matrix) -> list[LabelScores]:
    """Scores per label from boolean [utterances x labels] matrices of truth and prediction."""
    if truth.shape != predicted.shape or truth.shape[1] != len(labels):
        raise ValueError(f"shapes differ: truth {truth.shape}, predicted {predicted.shape}")
    return [
        LabelScores(
            label,
            int(truth[:, j].sum()),
            int(predicted[:, j].sum()),
            int((truth[:, j] & predicted[:, j]).sum()),
        )
        for j, label in enumerate(labels)
    ]


def macro_f1(scores: Sequence[LabelScores]) -> float:
    """The unweighted mean of the labels' F1."""
    return sum(s.f1 for s in scores) / len(scores) if scores else 0.0


def best_threshold(truth: npt.NDArray[np.bool_], scores: npt.NDArray[np.float64]) -> float:
    """The score cut (predict when score >= cut) that maximises F1 on these examples.

    Ties go to the higher cut; the cut lies halfway between two neighbouring scores.
    """
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], truth[order].astype(np.int64)
    true_positives = np.cumsum(hits)
    # Only cut where the score changes, so equal scores stay on the same side.
    ends = np.flatnonzero(np.append(ranked[1:] != ranked[:-1], True))
    f1 = 2 * true_positives[ends] / (ends + 1 + hits.sum())
    best = int(ends[int(np.argmax(f1))])
    if best + 1 < len(ranked):
        return float((ranked[best] + ranked[best + 1]) / 2)
    return float(ranked[best] - 1e-6)


def evaluate(model: LinearModel, utterances: Sequence[Utterance]) -> list[LabelScores]:
    """The model's scores per label on these utterances (its thresholds, one at a time)."""
    truth = label_matrix(utterances, model.labels)
    predicted = np.zeros_like(truth)
    for i, utterance in enumerate(utterances):
        found = model.labels_for(utterance.text)
        predicted[i] = [label in found for label in model.labels]
    return label_scores(model.labels, truth, predicted)
