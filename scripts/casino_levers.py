"""Levers for the semantic predictor, measured without the test split: nested CV on train+valid.

    .venv/bin/python scripts/casino_levers.py [--only NAME ...]

Each variant adds one feature block to the `semantic` predictor's (n-grams, the utterance's
sentence vector, the turn before's). It is scored by grouped 5-fold cross-validation over
CaSiNo's train and valid dialogues only; inside each outer training part,
`trustworks.learn.train.fit_labels` chooses C and the F1-maximising threshold of each label by
its own grouped inner folds, so no choice ever sees the outer fold it is scored on, and the
test split is never read. One line per variant: per-label F1 and macro-F1. A lever worth
adopting has to beat the base row here before the eval's two protocols are run on it.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from trustworks.learn import DEFAULT_DATA_DIR, LABELS, Utterance, load_casino
from trustworks.learn.data import label_matrix
from trustworks.learn.features import Featurizer
from trustworks.learn.train import feature_matrix, fit_labels, grouped_folds
from trustworks.semantic.encoder import StaticEncoder, default_encoder
from trustworks.semantic.features import shape_features
from trustworks.semantic.tone import default_markers, marker_counts

C_GRID = (1.0, 3.0)  # what the base chose for every label on these dialogues; halves the time
OUTER_SEED = 1  # the inner folds use seed 0, as the eval does
_NEGATION = re.compile(r"\b(not|no|never|nothing|none)\b|n't\b")
_EMOTICON = re.compile(r"[:;]-?[)(dp]|[\U0001f300-\U0001faff\u2600-\u27bf]")

Dense = npt.NDArray[np.float64]


def _neighbours(utterances: Sequence[Utterance]) -> tuple[list[int], list[str], list[str]]:
    """Each utterance's place in its dialogue, the turn two back (its speaker's own last
    turn) and the turn after (the other side's reaction); "" where there is none."""
    position: list[int] = []
    two_back: list[str] = []
    after: list[str] = []
    for i, u in enumerate(utterances):
        same = [j for j in (i - 2, i - 1, i + 1) if 0 <= j < len(utterances)]
        here = {j for j in same if utterances[j].dialogue_id == u.dialogue_id}
        position.append(position[-1] + 1 if i - 1 in here else 0)
        two_back.append(utterances[i - 2].text if {i - 2, i - 1} <= here else "")
        after.append(utterances[i + 1].text if i + 1 in here else "")
    return position, two_back, after


def _lexicon(texts: Sequence[str]) -> Dense:
    markers = default_markers()
    rows = [
        [
            *shape_features(t),  # a question, wh- or yes/no, share of "you" and of "I"
            *(min(1.0, c) for c in marker_counts(t, markers)),  # politeness markers
            min(1.0, len(_NEGATION.findall(t.lower())) / 2),
            1.0 if _EMOTICON.search(t) else 0.0,
            min(1.0, t.count("!") / 2),
        ]
        for t in texts
    ]
    return np.array(rows, dtype=np.float64)


def _pieces(texts: Sequence[str], encoder: StaticEncoder) -> tuple[Dense, sp.csr_matrix]:
    """Per text: the normalised element-wise maximum of its word-piece vectors (one "sorry"
    in a long turn is not averaged away) and its bag of word pieces."""
    matrix = encoder.widen()
    maxima = np.zeros((len(texts), encoder.dims))
    bag = sp.lil_matrix((len(texts), matrix.shape[0]))
    for k, text in enumerate(texts):
        ids = encoder.pieces(text)[:128]
        if ids:
            top = matrix[ids].max(axis=0)
            maxima[k] = top / max(1e-9, float(np.linalg.norm(top)))
            unique, counts = np.unique(ids, return_counts=True)
            bag[k, unique] = counts / np.sqrt((counts**2).sum())
    return maxima, bag.tocsr()


def blocks(utterances: Sequence[Utterance]) -> dict[str, Callable[[], sp.csr_matrix]]:
    """Every block by name, built when first asked for."""
    encoder, featurizer = default_encoder(), Featurizer()
    texts = [u.text for u in utterances]
    position, two_back, after = _neighbours(utterances)

    def vectors(of: Sequence[str]) -> sp.csr_matrix:
        return sp.csr_matrix(encoder.encode(list(of)).astype(np.float64))

    def where() -> sp.csr_matrix:
        one_hot = np.zeros((len(texts), 8))
        one_hot[np.arange(len(texts)), np.minimum(position, 7)] = 1.0
        return sp.csr_matrix(one_hot)

    return {
        "n-grams": lambda: feature_matrix(texts, featurizer),
        "utterance vector": lambda: vectors(texts),
        "previous vector": lambda: vectors([u.previous for u in utterances]),
        "own previous turn vector": lambda: vectors(two_back),
        "next turn vector": lambda: vectors(after),
        "position in dialogue": where,
        "lexicon": lambda: sp.csr_matrix(_lexicon(texts)),
        "max-pooled word pieces": lambda: sp.csr_matrix(_pieces(texts, encoder)[0]),
        "bag of word pieces": lambda: _pieces(texts, encoder)[1],
    }


BASE = ("n-grams", "utterance vector", "previous vector")
VARIANTS: dict[str, tuple[str, ...]] = {
    "semantic (base)": BASE,
    "+ own previous turn": (*BASE, "own previous turn vector"),
    "+ position": (*BASE, "position in dialogue"),
    "+ lexicon": (*BASE, "lexicon"),
    "+ max-pooled word pieces": (*BASE, "max-pooled word pieces"),
    "+ bag of word pieces": (*BASE, "bag of word pieces"),
    "+ next turn": (*BASE, "next turn vector"),
}


def nested_predictions(
    x: sp.csr_matrix, utterances: Sequence[Utterance], *, folds: int = 5
) -> npt.NDArray[np.bool_]:
    """[utterances x labels]: each outer fold predicted by models whose every choice (C,
    threshold, weights) was made on the other folds' utterances only."""
    groups = [u.dialogue_id for u in utterances]
    truth = label_matrix(utterances, LABELS)
    outer = grouped_folds(groups, folds, OUTER_SEED)
    hits = np.zeros_like(truth)
    for fold in range(folds):
        held = outer == fold
        train = np.flatnonzero(~held)
        fits = fit_labels(
            x[train], truth[train], [groups[i] for i in train], LABELS, seed=0, c_grid=C_GRID
        )
        scores = np.asarray(x[held] @ fits.weights.astype(np.float64)) + fits.biases
        hits[held] = 1.0 / (1.0 + np.exp(-scores)) >= fits.thresholds
    return hits


def nested_f1(x: sp.csr_matrix, utterances: Sequence[Utterance]) -> tuple[float, list[float]]:
    """Macro-F1 and per-label F1 of the nested predictions."""
    truth, hits = label_matrix(utterances, LABELS), nested_predictions(x, utterances)
    f1 = [
        2 * float((truth[:, j] & hits[:, j]).sum()) / float(truth[:, j].sum() + hits[:, j].sum())
        for j in range(len(LABELS))
    ]
    return float(np.mean(f1)), f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=list(VARIANTS), help="variant names")
    args = parser.parse_args()
    utterances = [u for u in load_casino(DEFAULT_DATA_DIR) if u.split in ("train", "valid")]
    built: dict[str, sp.csr_matrix] = {}
    makers = blocks(utterances)
    for name in args.only:
        started = time.perf_counter()
        for block in VARIANTS[name]:
            if block not in built:
                built[block] = makers[block]()
        x = sp.hstack([built[b] for b in VARIANTS[name]], format="csr")
        macro, f1 = nested_f1(x, utterances)
        labels = " ".join(f"{label} {v:.3f}" for label, v in zip(LABELS, f1, strict=True))
        print(
            f"{name:28} macro-F1 {macro:.3f}  {labels}  ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
