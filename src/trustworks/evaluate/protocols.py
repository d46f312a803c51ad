"""Evaluation protocols: which utterances train a model and which are scored, fold by fold.

Both protocols keep whole dialogues together, so no model is scored on a dialogue it saw
any part of while training.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sklearn.model_selection import GroupKFold

from trustworks.errors import InputError
from trustworks.learn import Utterance

ProtocolName = Literal["split", "cv"]
PROTOCOLS: tuple[ProtocolName, ...] = ("split", "cv")
CV_FOLDS = 5


@dataclass(frozen=True, slots=True)
class Fold:
    """Indices (into the utterance list) to train on and to score."""

    name: str
    train: tuple[int, ...]
    test: tuple[int, ...]


def dialogue_key(utterance: Utterance) -> str:
    """A dialogue's identity across the corpus: ids are unique only within a split."""
    return f"{utterance.split}/{utterance.dialogue_id}"


def dialogues(utterances: Sequence[Utterance], indices: Sequence[int]) -> frozenset[str]:
    """The dialogue keys of the utterances at these indices."""
    return frozenset(dialogue_key(utterances[i]) for i in indices)


def split_folds(utterances: Sequence[Utterance]) -> list[Fold]:
    """The shipped split: train on train+valid, score on test (one fold)."""
    train = tuple(i for i, u in enumerate(utterances) if u.split in ("train", "valid"))
    test = tuple(i for i, u in enumerate(utterances) if u.split == "test")
    if not train or not test:
        raise InputError("<casino>", "the split protocol needs annotated train and test dialogues")
    return [Fold("test", train, test)]


def grouped_folds(
    utterances: Sequence[Utterance], *, k: int = CV_FOLDS, seed: int = 0
) -> list[Fold]:
    """K folds over all utterances, grouped by dialogue; the grouping is fixed by the seed."""
    keys = [dialogue_key(u) for u in utterances]
    if len(set(keys)) < k:
        raise InputError(
            "<casino>",
            f"cross-validation needs at least {k} annotated dialogues, got {len(set(keys))}",
        )
    # GroupKFold balances fold sizes; shuffling with a fixed seed keeps the split independent
    # of file order while staying reproducible.
    splitter = GroupKFold(n_splits=k, shuffle=True, random_state=seed)
    index = np.arange(len(utterances))
    return [
        Fold(f"fold {n}", tuple(int(i) for i in train), tuple(int(i) for i in test))
        for n, (train, test) in enumerate(splitter.split(index, groups=keys), start=1)
    ]


def folds_for(
    protocol: ProtocolName, utterances: Sequence[Utterance], *, seed: int = 0
) -> list[Fold]:
    """The folds of a protocol."""
    if protocol == "split":
        return split_folds(utterances)
    return grouped_folds(utterances, seed=seed)
