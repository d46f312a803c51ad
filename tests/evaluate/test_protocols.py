"""Folds keep dialogues whole, and no model is ever scored on what it trained on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.evaluate.synthetic import poison_test_labels, write_corpus
from trustworks.errors import InputError
from trustworks.evaluate import (
    BaselinePredictor,
    LearnedPredictor,
    Model,
    Predictor,
    evaluate_casino,
    grouped_folds,
    load_annotated,
    load_mapping,
    split_folds,
)
from trustworks.evaluate.casino import _check_held_out
from trustworks.evaluate.protocols import Fold, dialogue_key, dialogues
from trustworks.learn import Utterance


def corpus_of(sizes: Sequence[int], split: str = "train") -> list[Utterance]:
    return [
        Utterance(f"{split}:{d}", split, f"text {d}.{i}", frozenset())
        for d, size in enumerate(sizes)
        for i in range(size)
    ]


def test_split_folds_train_on_train_and_valid_score_on_test(corpus: Path) -> None:
    utterances = load_annotated(corpus)
    (fold,) = split_folds(utterances)
    assert {utterances[i].split for i in fold.train} == {"train", "valid"}
    assert {utterances[i].split for i in fold.test} == {"test"}
    assert len(fold.train) + len(fold.test) == len(utterances)


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=12), min_size=5, max_size=40),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_grouped_folds_never_share_a_dialogue(sizes: list[int], seed: int) -> None:
    utterances = corpus_of(sizes)
    folds = grouped_folds(utterances, seed=seed)
    assert len(folds) == 5
    scored = [i for fold in folds for i in fold.test]
    assert sorted(scored) == list(range(len(utterances))), "each utterance scored exactly once"
    for fold in folds:
        assert dialogues(utterances, fold.train).isdisjoint(dialogues(utterances, fold.test))
        assert sorted((*fold.train, *fold.test)) == list(range(len(utterances)))
    owners = [{dialogue_key(utterances[i]) for i in fold.test} for fold in folds]
    for a in range(5):
        for b in range(a + 1, 5):
            assert owners[a].isdisjoint(owners[b]), "no dialogue in two folds"


def test_grouped_folds_are_reproducible_and_follow_the_seed() -> None:
    utterances = corpus_of([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7])
    assert grouped_folds(utterances, seed=1) == grouped_folds(utterances, seed=1)
    assert grouped_folds(utterances, seed=1) != grouped_folds(utterances, seed=2)


def test_grouped_folds_keep_same_numbered_dialogues_of_different_splits_apart() -> None:
    # CaSiNo numbers dialogues per split: train 7 and test 7 are different conversations.
    same_ids = [
        Utterance("7", s, f"{s} {i}", frozenset()) for s in ("train", "test") for i in range(3)
    ]
    keys = {dialogue_key(u) for u in same_ids}
    assert len(keys) == 2


def test_grouped_folds_need_enough_dialogues() -> None:
    with pytest.raises(InputError, match="at least 5 annotated dialogues"):
        grouped_folds(corpus_of([2, 2, 2, 2]))


def test_check_held_out_refuses_overlapping_folds() -> None:
    utterances = corpus_of([2, 2])
    with pytest.raises(AssertionError, match="overlap"):
        _check_held_out(utterances, Fold("bad", (0, 2), (1, 3)))


@dataclass
class Spy:
    """A predictor that records what each fitted model trained on and was asked about."""

    name: str = "spy"
    trains: bool = True
    fits: list[tuple[list[Utterance], list[str]]] = field(default_factory=list)

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        scored: list[str] = []
        self.fits.append((list(train), scored))

        class Recorder:
            def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
                scored.extend(texts)
                return [frozenset() for _ in texts]

        return Recorder()


@pytest.mark.parametrize("protocol", ["split", "cv"])
def test_harness_never_scores_a_model_on_dialogues_it_trained_on(
    corpus: Path, protocol: Literal["split", "cv"]
) -> None:
    utterances = load_annotated(corpus)
    owner = {u.text: dialogue_key(u) for u in utterances}
    assert len(owner) == len(utterances), "the synthetic texts are unique per dialogue"
    spy = Spy()
    report = evaluate_casino(corpus, protocol, [spy, "rules"])
    assert len(spy.fits) == (1 if protocol == "split" else 5)
    scored_everywhere: list[str] = []
    for trained_on, scored_texts in spy.fits:
        trained = {dialogue_key(u) for u in trained_on}
        scored = {owner[text] for text in scored_texts}
        assert scored, "every fitted model scores something"
        assert trained.isdisjoint(scored)
        scored_everywhere.extend(scored_texts)
    if protocol == "split":
        assert {owner[t].split("/")[0] for t in scored_everywhere} == {"test"}
    else:
        assert sorted(scored_everywhere) == sorted(u.text for u in utterances)
    assert [r.predictor for r in report.protocols[0].results] == ["spy", "rules"]


@dataclass
class Keep:
    """Wraps a real predictor and keeps the predictions its fitted models make."""

    inner: Any
    predictions: list[list[frozenset[str]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.inner.name)

    @property
    def trains(self) -> bool:
        return bool(self.inner.trains)

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        model = self.inner.fit(train, seed=seed)
        kept = self.predictions

        class Keeper:
            def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
                out: list[frozenset[str]] = model.predict(texts)
                kept.append(out)
                return out

        return Keeper()


@pytest.mark.parametrize("make", [BaselinePredictor, lambda: LearnedPredictor(load_mapping())])
def test_poisoning_the_test_labels_changes_no_trained_model(
    tmp_path: Path, make: Callable[[], Predictor]
) -> None:
    clean_dir = write_corpus(tmp_path / "clean")
    poisoned_dir = write_corpus(tmp_path / "poisoned", poison_test_labels)
    runs = []
    for data in (clean_dir, poisoned_dir):
        kept = Keep(make())
        report = evaluate_casino(data, "split", [kept])
        runs.append((kept.predictions, report.protocols[0].results[0].macro_f1))
    (clean, clean_f1), (poisoned, poisoned_f1) = runs
    assert clean == poisoned, "test labels reached a model"
    assert clean_f1 != poisoned_f1, "the poison did reach the scores"
