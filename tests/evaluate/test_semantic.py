"""The semantic predictor reads the turn before each utterance, and never a scored label."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.evaluate.synthetic import poison_test_labels, write_corpus
from trustworks.evaluate import (
    ContextReader,
    Model,
    SemanticPredictor,
    evaluate_casino,
    load_annotated,
    load_mapping,
)
from trustworks.evaluate.protocols import dialogue_key
from trustworks.learn import Utterance
from trustworks.learn.context import ContextBlocks, train_in_context


@dataclass
class Keep:
    """Wraps the semantic predictor and keeps what its fitted models predict, in context."""

    inner: SemanticPredictor
    predictions: list[list[frozenset[str]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def trains(self) -> bool:
        return True

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        fitted = self.inner.fit(train, seed=seed)
        assert isinstance(fitted, ContextReader)
        model: ContextReader = fitted
        kept = self.predictions

        class Keeper:
            def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
                raise AssertionError("the harness must hand a context reader the turn before")

            def predict_in_context(
                self, texts: Sequence[str], previous: Sequence[str]
            ) -> list[frozenset[str]]:
                out = model.predict_in_context(texts, previous)
                kept.append(out)
                return out

        return Keeper()


def test_poisoning_the_test_labels_changes_no_semantic_prediction(tmp_path: Path) -> None:
    runs = []
    for name, edit in (("clean", None), ("poisoned", poison_test_labels)):
        kept = Keep(SemanticPredictor(load_mapping()))
        report = evaluate_casino(write_corpus(tmp_path / name, edit), "split", [kept])
        runs.append((kept.predictions, report.protocols[0].results[0].macro_f1))
    (clean, clean_f1), (poisoned, poisoned_f1) = runs
    assert clean and any(row for rows in clean for row in rows), "the model predicted something"
    assert clean == poisoned, "test labels reached the semantic model"
    assert clean_f1 != poisoned_f1, "the poison did reach the scores"


@dataclass
class ContextSpy:
    """Records what each fitted model trained on and which (text, previous) it scored."""

    name: str = "spy"
    trains: bool = True
    fits: list[tuple[list[Utterance], list[tuple[str, str]]]] = field(default_factory=list)

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        scored: list[tuple[str, str]] = []
        self.fits.append((list(train), scored))

        class Recorder:
            def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
                raise AssertionError("a context reader is asked in context")

            def predict_in_context(
                self, texts: Sequence[str], previous: Sequence[str]
            ) -> list[frozenset[str]]:
                assert all(isinstance(p, str) for p in previous), "words only, never labels"
                scored.extend(zip(texts, previous, strict=True))
                return [frozenset() for _ in texts]

        return Recorder()


def test_the_turn_before_comes_from_the_scored_dialogue_never_from_training(
    corpus: Path,
) -> None:
    utterances = load_annotated(corpus)
    owner = {u.text: dialogue_key(u) for u in utterances}
    before = {u.text: u.previous for u in utterances}
    for protocol in ("split", "cv"):
        spy = ContextSpy()
        evaluate_casino(corpus, protocol, [spy])
        for trained_on, scored in spy.fits:
            trained = {dialogue_key(u) for u in trained_on}
            assert scored
            for text, previous in scored:
                assert previous == before[text]
                if previous:
                    assert owner[previous] == owner[text], "the turn before is its own dialogue's"
                    assert owner[previous] not in trained


def test_load_annotated_gives_each_utterance_the_one_before_it(corpus: Path) -> None:
    utterances = load_annotated(corpus)
    for earlier, later in pairwise(utterances):
        if later.dialogue_id == earlier.dialogue_id:
            assert later.previous == earlier.text
        else:
            assert later.previous == ""
    assert utterances[0].previous == ""


def _reply_corpus(root: Path) -> Path:
    # The same reply ("Okay, I see.") is empathy after a hardship and nothing after an offer:
    # only the turn before tells them apart.
    def edit(split: str, dialogue: dict[str, Any]) -> None:
        n = dialogue["dialogue_id"]
        pairs = []
        for i in range(6):
            if (n + i) % 2:
                pairs.append([f"My dog is sick and I feel awful ({split} {n} {i})", "self-need"])
                pairs.append([f"Okay, I see. ({split} {n} {i})", "showing-empathy"])
            else:
                pairs.append([f"Let us trade two food for one water ({split} {n} {i})", "uv-part"])
                pairs.append([f"Okay, I see. ({split} {n} {i})", "elicit-pref"])
        pairs.append([f"Hello friend! ({split} {n})", "small-talk,promote-coordination"])
        dialogue["annotations"] = pairs

    return write_corpus(root, edit)


def test_the_turn_before_is_what_tells_two_identical_replies_apart(tmp_path: Path) -> None:
    train = [u for u in load_annotated(_reply_corpus(tmp_path / "c")) if u.split != "test"]
    replies = [u for u in train if u.text.startswith("Okay")]
    texts = [u.text for u in replies]
    previous = [u.previous for u in replies]
    truth = ["showing-empathy" in u.labels for u in replies]

    def accuracy(blocks: ContextBlocks) -> float:
        model = train_in_context(train, blocks=blocks)
        found = model.labels_for(texts, previous)
        said = ["showing-empathy" in labels for labels in found]
        return sum(a == b for a, b in zip(said, truth, strict=True)) / len(truth)

    assert accuracy(ContextBlocks()) == 1.0
    assert accuracy(ContextBlocks(previous_vector=False)) < 0.8
    # The optional first stage's reading of the strategies the turn before used is enough too.
    assert accuracy(ContextBlocks(previous_vector=False, previous_strategies=True)) == 1.0


def test_semantic_model_description_names_its_blocks() -> None:
    assert ContextBlocks().describe() == "n-grams + utterance vector + previous vector"
    assert ContextBlocks(previous_strategies=True).describe().endswith(" + previous strategies")
    assert ContextBlocks(ngrams=False, previous_vector=False).describe() == "utterance vector"
    assert json.dumps(ContextBlocks(utterance_vector=False).describe())
