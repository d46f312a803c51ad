from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

from trustworks.evaluate.metrics import (
    NO_LABEL,
    Counts,
    add_counts,
    confusion,
    count,
    macro_f1,
    mean_sd,
    score,
    scores,
)

LABELS = ("a", "b", "c")


def sets(*items: str) -> list[frozenset[str]]:
    return [frozenset(item) for item in items]


def test_count_hand_computed() -> None:
    gold = sets("a", "ab", "", "b")
    predicted = sets("a", "b", "a", "")
    counts = count(gold, predicted, LABELS)
    assert counts == {"a": Counts(1, 1, 1), "b": Counts(1, 0, 1), "c": Counts(0, 0, 0)}


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (Counts(tp=1, fp=1, fn=1), 0.5, 0.5, 0.5),
        (Counts(tp=1, fp=0, fn=1), 1.0, 0.5, 2 / 3),
        (Counts(tp=3, fp=1, fn=2), 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35),
        (Counts(tp=0, fp=2, fn=0), 0.0, 0.0, 0.0),  # never present: recall 0 by convention
        (Counts(tp=0, fp=0, fn=4), 0.0, 0.0, 0.0),  # never predicted: precision 0
        (Counts(), 0.0, 0.0, 0.0),
    ],
)
def test_score_hand_computed(counts: Counts, precision: float, recall: float, f1: float) -> None:
    s = score("a", counts)
    assert (s.precision, s.recall) == pytest.approx((precision, recall))
    assert s.f1 == pytest.approx(f1)
    assert s.support == counts.tp + counts.fn


def test_macro_f1_is_the_unweighted_mean() -> None:
    label_scores = scores({"a": Counts(1, 1, 1), "b": Counts(1, 0, 1)}, ("a", "b"))
    assert macro_f1(label_scores) == pytest.approx((0.5 + 2 / 3) / 2)


def test_add_counts_micro_averages_folds() -> None:
    total = add_counts({"a": Counts(1, 2, 3)}, {"a": Counts(4, 5, 6), "b": Counts(1, 0, 0)})
    assert total == {"a": Counts(5, 7, 9), "b": Counts(1, 0, 0)}


@pytest.mark.parametrize(
    ("values", "mean", "sd"),
    [([0.5, 0.7], 0.6, math.sqrt(0.02)), ([0.4], 0.4, 0.0), ([], 0.0, 0.0)],
)
def test_mean_sd_uses_the_sample_deviation(values: list[float], mean: float, sd: float) -> None:
    assert mean_sd(values) == pytest.approx((mean, sd))


def test_count_rejects_unpaired_lists() -> None:
    with pytest.raises(ValueError, match="2 gold"):
        count(sets("a", "b"), sets("a"), LABELS)


def test_confusion_hand_computed() -> None:
    gold = sets("a", "a", "ab", "", "c")
    predicted = sets("ab", "b", "bc", "a", "")
    rows = {row.gold: row for row in confusion(gold, predicted, LABELS)}
    assert rows["a"].support == 3
    assert rows["a"].predicted == {"a": 1, "b": 3, "c": 1}
    # On "a" utterances b was predicted three times, but once where gold had b too.
    assert rows["a"].false_positives == (("b", 2), ("c", 1))
    assert rows["b"].predicted == {"a": 0, "b": 1, "c": 1}
    assert rows["b"].false_positives == (("c", 1),)
    assert rows["c"].predicted == {"a": 0, "b": 0, "c": 0}
    assert rows[NO_LABEL].support == 1
    assert rows[NO_LABEL].false_positives == (("a", 1),)


labelsets = st.lists(st.frozensets(st.sampled_from(LABELS)), min_size=1, max_size=30)


@given(st.data())
def test_scores_agree_with_sklearn(data: st.DataObject) -> None:
    gold = data.draw(labelsets)
    predicted = data.draw(
        st.lists(st.frozensets(st.sampled_from(LABELS)), min_size=len(gold), max_size=len(gold))
    )
    binarizer = MultiLabelBinarizer(classes=list(LABELS)).fit([LABELS])
    expected = precision_recall_fscore_support(
        binarizer.transform(gold), binarizer.transform(predicted), average=None, zero_division=0
    )
    ours = scores(count(gold, predicted, LABELS), LABELS)
    for i, s in enumerate(ours):
        assert (s.precision, s.recall, s.f1) == pytest.approx(
            (expected[0][i], expected[1][i], expected[2][i])
        )
