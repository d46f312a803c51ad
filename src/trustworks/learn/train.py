"""Train the utterance classifier: one logistic regression per label over hashed n-grams.

For each label, C is chosen by cross-validation grouped by dialogue on the training data
(no dialogue on both sides of a fold), the out-of-fold scores at that C calibrate the
probabilities (Platt scaling) and place the threshold that maximises F1; then the label is
refitted on all the training data. Nothing here looks at the test split. scikit-learn is
needed only here: the trained model is plain numpy.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from trustworks.errors import InputError
from trustworks.learn.data import (
    DEFAULT_DATA_DIR,
    LABELS,
    Utterance,
    label_matrix,
    load_casino,
    load_split,
)
from trustworks.learn.features import FeatureConfig, Featurizer
from trustworks.learn.metrics import LabelScores, best_threshold, evaluate, macro_f1
from trustworks.learn.model import LinearModel, default_model_path

if TYPE_CHECKING:
    import scipy.sparse as sp

# Inverse regularisation strengths tried per label; the chosen one is in the metadata.
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
FOLDS = 5
TRAIN_SPLITS = ("train", "valid")

# Called as progress(done, total, what) after each fit, so a caller can draw a bar.
Progress = Callable[[int, int, str], None]


def feature_matrix(texts: Sequence[str], featurizer: Featurizer) -> sp.csr_matrix:
    """A [texts x buckets] sparse matrix with repeated buckets added up."""
    import scipy.sparse as sp  # here, not at the top: analysis imports this package

    rows = [featurizer.sparse(text) for text in texts]
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(indices) for indices, _ in rows])
    empty_i, empty_v = np.zeros(0, np.int64), np.zeros(0, np.float32)
    indices = np.concatenate([empty_i, *(i for i, _ in rows)])
    values = np.concatenate([empty_v, *(v for _, v in rows)]).astype(np.float64)
    matrix = sp.csr_matrix((values, indices, indptr), shape=(len(rows), featurizer.buckets))
    matrix.sum_duplicates()
    return matrix


def grouped_folds(groups: Sequence[str], folds: int, seed: int) -> npt.NDArray[np.int64]:
    """A fold number per item; every item of a group lands in the same fold."""
    names = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(names))
    fold_of = {names[g]: rank % folds for rank, g in enumerate(order)}
    return np.array([fold_of[g] for g in groups], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class _Fit:
    c: float
    cv_f1: float
    slope: float
    intercept: float
    threshold: float


def classifier(c: float, seed: int) -> Any:
    """The per-label learner: balanced class weights, so a rare label weighs as much."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=c,
        solver="liblinear",
        dual=True,  # faster than the primal when features outnumber utterances
        class_weight="balanced",
        random_state=seed,
        max_iter=10_000,
    )


def _out_of_fold(
    x: sp.csr_matrix, y: npt.NDArray[np.bool_], folds: npt.NDArray[np.int64], c: float, seed: int
) -> npt.NDArray[np.float64]:
    scores = np.zeros(len(y))
    for fold in range(int(folds.max()) + 1):
        held = folds == fold
        if not held.any():
            continue
        if len(np.unique(y[~held])) < 2:  # a small sample: this fold saw one class only
            scores[held] = 1.0 if y[~held].all() else -1.0
            continue
        model = classifier(c, seed).fit(x[~held], y[~held])
        scores[held] = model.decision_function(x[held])
    return scores


def _f1_at_best(y: npt.NDArray[np.bool_], scores: npt.NDArray[np.float64]) -> float:
    predicted = scores >= best_threshold(y, scores)
    total = int(y.sum() + predicted.sum())
    return 2 * int((y & predicted).sum()) / total if total else 0.0


def platt(y: npt.NDArray[np.bool_], scores: npt.NDArray[np.float64]) -> tuple[float, float]:
    """Slope and intercept that turn out-of-fold scores into probabilities."""
    # Balanced class weights shift the scores; a one-feature logistic fit on out-of-fold
    # scores turns them back into probabilities at the labels' real rates.
    from sklearn.linear_model import LogisticRegression

    fit = LogisticRegression(C=1e4, solver="lbfgs").fit(scores.reshape(-1, 1), y)
    slope, intercept = float(fit.coef_[0, 0]), float(fit.intercept_[0])
    return (slope, intercept) if slope > 0 else (1.0, 0.0)


def _choose(
    x: sp.csr_matrix,
    y: npt.NDArray[np.bool_],
    folds: npt.NDArray[np.int64],
    seed: int,
    c_grid: Sequence[float],
    tick: Callable[[], None],
) -> _Fit:
    best: tuple[float, float, npt.NDArray[np.float64]] | None = None
    for c in c_grid:
        scores = _out_of_fold(x, y, folds, c, seed)
        f1 = _f1_at_best(y, scores)
        if best is None or f1 > best[1] + 1e-9:  # ties keep the smaller C
            best = (c, f1, scores)
        tick()
    assert best is not None
    c, f1, scores = best
    slope, intercept = platt(y, scores)
    probabilities = 1.0 / (1.0 + np.exp(-(slope * scores + intercept)))
    return _Fit(c, f1, slope, intercept, best_threshold(y, probabilities))


@dataclass(frozen=True, slots=True)
class LabelFits:
    """One calibrated linear classifier per label over the columns of a feature matrix."""

    weights: npt.NDArray[np.float32]  # [columns x labels], calibration folded in
    biases: npt.NDArray[np.float32]  # [labels]
    thresholds: npt.NDArray[np.float32]  # [labels], probabilities
    per_label: dict[str, dict[str, float | int]]


def fit_labels(
    x: sp.csr_matrix,
    truth: npt.NDArray[np.bool_],
    groups: Sequence[str],
    labels: Sequence[str],
    *,
    seed: int = 0,
    c_grid: Sequence[float] = C_GRID,
    folds: int = FOLDS,
    progress: Progress | None = None,
) -> LabelFits:
    """For each label: C and threshold by CV grouped on ``groups``, Platt scaling, refit on all.

    Only the rows of ``x`` are looked at: whoever calls this decides what it may learn from.
    """
    fold_of = grouped_folds(groups, folds, seed)
    total, done = len(labels) * (len(c_grid) + 1), 0
    weights = np.zeros((x.shape[1], len(labels)), dtype=np.float32)
    biases = np.zeros(len(labels), dtype=np.float32)
    thresholds = np.zeros(len(labels), dtype=np.float32)
    per_label: dict[str, dict[str, float | int]] = {}
    for j, label in enumerate(labels):

        def tick(what: str = label) -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total, what)

        y = truth[:, j]
        if y.all() or not y.any():
            raise InputError("training data", f"every utterance or none has label {label!r}")
        fit = _choose(x, y, fold_of, seed, c_grid, tick)
        final = classifier(fit.c, seed).fit(x, y)
        # The calibration folds into the linear model: sigmoid(a * (w.x + b) + c).
        weights[:, j] = fit.slope * final.coef_[0]
        biases[j] = fit.slope * final.intercept_[0] + fit.intercept
        thresholds[j] = fit.threshold
        per_label[label] = {
            "C": fit.c,
            "cv_f1": round(fit.cv_f1, 4),
            "positives": int(y.sum()),
            "calibration_slope": round(fit.slope, 6),
            "calibration_intercept": round(fit.intercept, 6),
        }
        tick()
    return LabelFits(weights, biases, thresholds, per_label)


def train(
    utterances: Sequence[Utterance],
    *,
    seed: int = 0,
    labels: Sequence[str] = LABELS,
    config: FeatureConfig | None = None,
    c_grid: Sequence[float] = C_GRID,
    folds: int = FOLDS,
    progress: Progress | None = None,
) -> LinearModel:
    """Fit one calibrated logistic regression per label; the same data and seed, same model."""
    if not utterances:
        raise InputError("training data", "no utterances to train on")
    featurizer = Featurizer(config)
    x = feature_matrix([u.text for u in utterances], featurizer)
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
    metadata: dict[str, Any] = {
        "trainer": "one LogisticRegression per label (liblinear, class_weight=balanced)",
        "seed": seed,
        "c_grid": list(c_grid),
        "folds": folds,
        "utterances": len(utterances),
        "dialogues": len({u.dialogue_id for u in utterances}),
        "splits": sorted({u.split for u in utterances}),
        "labels": fits.per_label,
    }
    return LinearModel(
        tuple(labels), fits.weights, fits.biases, fits.thresholds, featurizer.config, metadata
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train_casino(
    data_dir: Path = DEFAULT_DATA_DIR, *, seed: int = 0, progress: Progress | None = None
) -> LinearModel:
    """Train on CaSiNo's train and valid splits only; the test split stays unseen."""
    utterances = [u for u in load_casino(data_dir) if u.split in TRAIN_SPLITS]
    model = train(utterances, seed=seed, progress=progress)
    model.metadata["data"] = {
        "corpus": "CaSiNo (Chawla et al., NAACL 2021), CC BY 4.0",
        "files": {
            f"casino_{split}.json": _sha256(data_dir / f"casino_{split}.json")
            for split in TRAIN_SPLITS
        },
    }
    return model


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What `trustworks train` did: the model, where it went, and its test-split scores."""

    model: LinearModel
    path: Path
    size: int  # bytes on disk
    seconds: float
    test: list[LabelScores]

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the labels on the test split."""
        return macro_f1(self.test)


def retrain(
    data_dir: Path = DEFAULT_DATA_DIR,
    out: Path | None = None,
    *,
    seed: int = 0,
    progress: Progress | None = None,
) -> TrainingReport:
    """Train on train+valid, score once on the untouched test split, record it, save."""
    started = time.perf_counter()
    test = load_split(data_dir / "casino_test.json", "test")  # a bad file fails before training
    model = train_casino(data_dir, seed=seed, progress=progress)
    scores = evaluate(model, test)
    model.metadata["test_scores"] = {
        "utterances": len(test),
        "macro_f1": round(macro_f1(scores), 4),
        **{
            s.label: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "support": s.support,
            }
            for s in scores
        },
    }
    path = out or default_model_path()
    model.save(path)
    return TrainingReport(model, path, path.stat().st_size, time.perf_counter() - started, scores)
