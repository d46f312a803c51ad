"""scripts/casino_levers.py: no choice made for an outer fold ever sees that fold's labels."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import ModuleType

import numpy as np

from tests.evaluate.scripts import load_script
from tests.evaluate.synthetic import write_corpus
from trustworks.evaluate import load_annotated
from trustworks.learn import Utterance
from trustworks.learn.train import grouped_folds


def _levers() -> ModuleType:
    return load_script("casino_levers")


def _poison(u: Utterance) -> Utterance:
    return replace(u, labels=frozenset({"small-talk" if "uv-part" in u.labels else "uv-part"}))


def test_poisoning_one_outer_fold_changes_none_of_its_predictions(tmp_path: Path) -> None:
    levers = _levers()
    clean = [u for u in load_annotated(write_corpus(tmp_path)) if u.split != "test"]
    outer = grouped_folds([u.dialogue_id for u in clean], 5, levers.OUTER_SEED)
    held = outer == 0
    poisoned = [_poison(u) if held[i] else u for i, u in enumerate(clean)]
    x = levers.blocks(clean)["n-grams"]()
    before = levers.nested_predictions(x, clean)
    after = levers.nested_predictions(x, poisoned)
    assert before[held].any(), "the fold's models predicted something"
    assert np.array_equal(before[held], after[held]), "a fold's own labels reached its models"
    assert not np.array_equal(before[~held], after[~held]), "the poison reached the other folds"


def test_neighbours_stay_inside_the_dialogue() -> None:
    levers = _levers()
    texts = [("a", "A1"), ("a", "A2"), ("a", "A3"), ("b", "B1"), ("b", "B2")]
    utterances = [Utterance(d, "train", t, frozenset()) for d, t in texts]
    position, two_back, after = levers._neighbours(utterances)
    assert position == [0, 1, 2, 0, 1]
    assert two_back == ["", "", "A1", "", ""]
    assert after == ["A2", "A3", "", "B2", ""]
