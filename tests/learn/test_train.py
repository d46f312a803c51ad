from __future__ import annotations

import importlib
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from trustworks.errors import InputError
from trustworks.learn.data import DEFAULT_DATA_DIR, LABELS, Utterance, load_casino
from trustworks.learn.model import LinearModel
from trustworks.learn.train import grouped_folds, train, train_casino

needs_casino = pytest.mark.skipif(
    not (DEFAULT_DATA_DIR / "casino_train.json").is_file(), reason="CaSiNo data not present"
)


@cache
def _sample() -> tuple[Utterance, ...]:
    # The first sixty annotated training dialogues: a few hundred utterances, every label.
    train_split = [u for u in load_casino(DEFAULT_DATA_DIR) if u.split == "train"]
    dialogues = list(dict.fromkeys(u.dialogue_id for u in train_split))[:60]
    return tuple(u for u in train_split if u.dialogue_id in set(dialogues))


def _small(seed: int = 0) -> LinearModel:
    return train(_sample(), seed=seed, c_grid=(0.3, 3.0), folds=3)


_shared = cache(_small)  # for tests that only read a trained model


@needs_casino
def test_train_twice_gives_identical_models() -> None:
    one, two = _small(), _small()
    assert np.array_equal(one.weights, two.weights)
    assert np.array_equal(one.biases, two.biases)
    assert np.array_equal(one.thresholds, two.thresholds)
    assert one.metadata == two.metadata


@needs_casino
def test_train_learns_something_on_its_own_data() -> None:
    model = _shared()
    assert 300 <= len(_sample()) <= 800
    assert model.labels == LABELS
    assert "small-talk" in model.labels_for("Hello! How are you doing today?")
    assert all(0.0 < t < 1.0 for t in model.thresholds)
    assert model.metadata["utterances"] == len(_sample())
    assert set(model.metadata["labels"]) == set(LABELS)


@needs_casino
def test_train_seed_changes_the_folds_not_the_labels() -> None:
    other = _small(seed=1)
    assert other.labels == _shared().labels
    assert other.metadata["seed"] == 1


def test_grouped_folds_keep_a_dialogue_together() -> None:
    groups = [f"d{i % 17}" for i in range(200)]
    folds = grouped_folds(groups, 5, seed=3)
    for group in set(groups):
        assert len({int(f) for f, g in zip(folds, groups, strict=True) if g == group}) == 1
    assert set(folds.tolist()) == set(range(5))
    assert np.array_equal(folds, grouped_folds(groups, 5, seed=3))
    assert not np.array_equal(folds, grouped_folds(groups, 5, seed=4))


def test_train_refuses_a_label_nobody_carries() -> None:
    utterances = [Utterance(f"train:{i}", "train", "hello", frozenset()) for i in range(10)]
    with pytest.raises(InputError, match="small-talk"):
        train(utterances, c_grid=(1.0,), folds=2)


def test_train_refuses_no_data() -> None:
    with pytest.raises(InputError, match="no utterances"):
        train([])


@needs_casino
def test_train_casino_never_sees_the_test_split(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Utterance] = []

    def spy(utterances: list[Utterance], **_: object) -> LinearModel:
        seen.extend(utterances)
        return replace(_shared(), metadata=dict(_shared().metadata))  # it adds to metadata

    monkeypatch.setattr(importlib.import_module("trustworks.learn.train"), "train", spy)
    model = train_casino(DEFAULT_DATA_DIR)
    assert {u.split for u in seen} == {"train", "valid"}
    assert len(seen) == 4047 + 76
    assert set(model.metadata["data"]["files"]) == {"casino_train.json", "casino_valid.json"}


def test_train_casino_missing_data_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"casino_train\.json"):
        train_casino(tmp_path)
