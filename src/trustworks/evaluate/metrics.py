"""Multi-label scores: per-label counts, precision, recall, F1, macro-F1 and confusion.

A score with nothing to divide by is 0 (scikit-learn's ``zero_division=0``): a label never
predicted has precision 0, a label never present has recall 0.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Utterances whose gold labels include none of the evaluated ones are named this way in the
# confusion summary, so false positives on plain negotiation talk are visible too.
NO_LABEL = "(none)"


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision, recall and F1 of one label, with the counts behind them."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int
    tp: int
    fp: int
    fn: int


@dataclass(frozen=True, slots=True)
class ConfusionRow:
    """On the utterances carrying one gold label: what was predicted, and what was wrong."""

    gold: str
    support: int
    predicted: dict[str, int]  # label -> utterances of this gold label it was predicted on
    false_positives: tuple[tuple[str, int], ...]  # most common wrongly predicted labels


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def count(
    gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]], labels: Sequence[str]
) -> dict[str, Counts]:
    """Per-label counts over paired gold and predicted label sets."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold label sets but {len(predicted)} predictions")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        tp.update(g & p)
        fp.update(p - g)
        fn.update(g - p)
    return {label: Counts(tp[label], fp[label], fn[label]) for label in labels}


def add_counts(a: dict[str, Counts], b: dict[str, Counts]) -> dict[str, Counts]:
    """Label-wise sum of two count tables (micro-averaging over folds)."""
    return {label: a.get(label, Counts()) + b.get(label, Counts()) for label in {**a, **b}}


def score(label: str, counts: Counts) -> LabelScore:
    """Precision, recall and F1 from one label's counts."""
    precision = _ratio(counts.tp, counts.tp + counts.fp)
    recall = _ratio(counts.tp, counts.tp + counts.fn)
    f1 = _ratio(2 * counts.tp, 2 * counts.tp + counts.fp + counts.fn)
    return LabelScore(
        label, precision, recall, f1, counts.tp + counts.fn, counts.tp, counts.fp, counts.fn
    )


def scores(counts: dict[str, Counts], labels: Sequence[str]) -> tuple[LabelScore, ...]:
    """Scores of each label, in the order given."""
    return tuple(score(label, counts.get(label, Counts())) for label in labels)


def macro_f1(label_scores: Iterable[LabelScore]) -> float:
    """The unweighted mean of per-label F1."""
    values = [s.f1 for s in label_scores]
    return statistics.fmean(values) if values else 0.0


def mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (0 for a single value)."""
    if not values:
        return 0.0, 0.0
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return statistics.fmean(values), sd


def confusion(
    gold: Sequence[frozenset[str]],
    predicted: Sequence[frozenset[str]],
    labels: Sequence[str],
    *,
    top: int = 3,
) -> tuple[ConfusionRow, ...]:
    """For each gold label (and for utterances with none): what was predicted on them."""
    wanted = set(labels)
    predicted_on: dict[str, Counter[str]] = {g: Counter() for g in (*labels, NO_LABEL)}
    wrong_on: dict[str, Counter[str]] = {g: Counter() for g in (*labels, NO_LABEL)}
    support: Counter[str] = Counter()
    for g, all_predicted in zip(gold, predicted, strict=True):
        p = all_predicted & wanted
        carried = sorted(g & wanted) or [NO_LABEL]
        for label in carried:
            support[label] += 1
            predicted_on[label].update(p)
            wrong_on[label].update(p - g)
    rows = []
    for label in (*labels, NO_LABEL):
        ranked = sorted(wrong_on[label].items(), key=lambda kv: (-kv[1], labels.index(kv[0])))
        rows.append(
            ConfusionRow(
                gold=label,
                support=support[label],
                predicted={other: predicted_on[label][other] for other in labels},
                false_positives=tuple(ranked[:top]),
            )
        )
    return tuple(rows)
