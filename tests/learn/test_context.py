"""The first stage reads the turn before a training utterance as it would on unseen dialogues."""

from __future__ import annotations

import random

import numpy as np

from trustworks.learn.context import fit_turn_reader
from trustworks.learn.data import Utterance
from trustworks.learn.features import Featurizer
from trustworks.semantic.encoder import default_encoder


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(9))


def _memorise_only() -> list[Utterance]:
    # Every turn is a word of its own with a coin-flip label: a model that saw the turn can
    # remember its label, one that did not can only guess.
    rng = random.Random(7)
    out = []
    for d in range(40):
        previous = ""
        for _ in range(4):
            text = _word(rng)
            labels = frozenset({"uv-part"} if rng.random() < 0.5 else {"non-strategic"})
            out.append(Utterance(f"train:{d}", "train", text, labels, previous))
            previous = text
    return out


def _accuracy(readings: np.ndarray, truth: list[bool]) -> float:
    return float(np.mean((readings >= 0.5) == np.array(truth)))


def test_turns_before_are_read_by_a_model_that_never_saw_their_dialogue() -> None:
    utterances = _memorise_only()
    label_of = {u.text: "uv-part" in u.labels for u in utterances}
    featurizer, encoder = Featurizer(), default_encoder()
    reader, readings = fit_turn_reader(utterances, featurizer, encoder, seed=0, folds=4)
    column = reader.strategies.index("uv-part")
    later = [i for i, u in enumerate(utterances) if u.previous]
    truth = [label_of[utterances[i].previous] for i in later]
    # The refitted reader remembers every turn it trained on ...
    refit = reader.read([utterances[i].previous for i in later], featurizer, encoder)
    assert _accuracy(refit[:, column], truth) > 0.9
    # ... but the readings the second stage learns from are out of fold: a coin flip.
    assert _accuracy(readings[later, column], truth) < 0.7


def test_no_turn_before_reads_as_nothing() -> None:
    utterances = _memorise_only()
    featurizer, encoder = Featurizer(), default_encoder()
    reader, readings = fit_turn_reader(utterances, featurizer, encoder, seed=0, folds=4)
    first = [i for i, u in enumerate(utterances) if not u.previous]
    assert not readings[first].any()
    assert not reader.read(["", ""], featurizer, encoder).any()
    assert set(reader.strategies) == {"uv-part", "non-strategic"}
