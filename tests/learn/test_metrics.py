from __future__ import annotations

import numpy as np
import pytest

from trustworks.learn.metrics import LabelScores, best_threshold, label_scores, macro_f1


def test_label_scores_counts_and_ratios() -> None:
    truth = np.array([[1, 0], [1, 1], [0, 0], [1, 0]], dtype=bool)
    predicted = np.array([[1, 1], [0, 1], [1, 0], [1, 0]], dtype=bool)
    first, second = label_scores(("a", "b"), truth, predicted)
    assert (first.support, first.predicted, first.correct) == (3, 3, 2)
    assert first.precision == pytest.approx(2 / 3) and first.recall == pytest.approx(2 / 3)
    assert second.precision == 0.5 and second.recall == 1.0
    assert second.f1 == pytest.approx(2 / 3)
    assert macro_f1([first, second]) == pytest.approx(2 / 3)


def test_label_scores_empty_label_scores_zero() -> None:
    empty = LabelScores("x", 0, 0, 0)
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert macro_f1([]) == 0.0


def test_label_scores_shape_mismatch() -> None:
    with pytest.raises(ValueError, match="shapes"):
        label_scores(("a",), np.zeros((2, 1), bool), np.zeros((3, 1), bool))


@pytest.mark.parametrize(
    ("truth", "scores", "expected"),
    [
        ([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1], 0.5),  # perfectly separable: cut between
        ([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1], 0.4),  # three on top beat one on top
        ([1, 0], [0.5, 0.5], 0.5 - 1e-6),  # equal scores stay on the same side
    ],
)
def test_best_threshold_maximises_f1(
    truth: list[int], scores: list[float], expected: float
) -> None:
    cut = best_threshold(np.array(truth, dtype=bool), np.array(scores))
    assert cut == pytest.approx(expected)
