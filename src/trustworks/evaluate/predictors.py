"""What gets evaluated: predictors that turn an utterance's text into a set of CaSiNo labels.

- ``rules``: the catalogue's phrase matcher, mapped to labels by the mapping file.
- ``learned``: trustworks.learn's classifier, trained on the fold's training utterances.
- ``semantic``: the learned layer's n-grams plus the shipped sentence encoder's vectors of the
  utterance and of the turn before it, trained on the fold's training utterances
  (trustworks.learn.context).
- ``trustworks``: rules and learned together, as the product reports in its accurate mode.
- ``baseline``: the CaSiNo paper's simplest baseline, one bag-of-words logistic regression
  per label (scikit-learn defaults).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from trustworks.analysis.engine import Engine, engine_for
from trustworks.conversation import Role
from trustworks.evaluate.mapping import Mapping
from trustworks.learn import LABELS, LinearModel, Utterance
from trustworks.learn import train as train_learned
from trustworks.learn.context import ContextBlocks, ContextModel, train_in_context
from trustworks.signals.loader import default_catalogue

PREDICTORS: tuple[str, ...] = ("rules", "learned", "semantic", "trustworks", "baseline")


class Model(Protocol):
    """A fitted predictor."""

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        """The labels predicted for each text."""
        ...


@runtime_checkable
class ContextReader(Protocol):
    """A fitted predictor that also reads the utterance before each one in its dialogue."""

    def predict_in_context(
        self, texts: Sequence[str], previous: Sequence[str]
    ) -> list[frozenset[str]]:
        """The labels predicted for each text, given the text before it ("" for none)."""
        ...


class Predictor(Protocol):
    """Something the harness can fit on a fold's training utterances and then score."""

    @property
    def name(self) -> str:
        """How reports name it."""
        ...

    @property
    def trains(self) -> bool:
        """Whether fit learns from the utterances (False: fit ignores them)."""
        ...

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        """A model fitted on these utterances only."""
        ...


@dataclass(frozen=True)
class UnionPredictor:
    """A predictor that reports every label any of its parts predicts."""

    name: str
    parts: tuple[str, ...]


@dataclass
class RulesPredictor:
    """The phrase matcher, run as seller and as client (CaSiNo speakers are peers)."""

    mapping: Mapping
    engine: Engine | None = None  # default: the packaged catalogue's, built on first use
    name: str = "rules"
    trains: bool = False
    # Matching depends only on the text, so each utterance is matched once per run and the
    # result reused by every fold.
    _cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def fired(self, text: str) -> frozenset[str]:
        """Ids of the signals and cues that match the text."""
        if self.engine is None:
            self.engine = engine_for(default_catalogue())
        ids: set[str] = set()
        for role in (Role.SELLER, Role.CLIENT):
            signals, cues = self.engine.match(text, role)
            ids.update(m.rule for m in signals)
            ids.update(cues)
        return frozenset(ids)

    def fit(self, train: Sequence[Utterance], *, seed: int) -> RulesPredictor:
        """The rules learn nothing; fitting returns them unchanged."""
        return self

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        """The labels the mapping gives to each text's fired rules."""
        out = []
        for text in texts:
            found = self._cache.get(text)
            if found is None:
                found = self._cache[text] = self.mapping.labels_for_rules(self.fired(text))
            out.append(found)
        return out


@dataclass(frozen=True)
class _LearnedModel:
    model: LinearModel
    mapping: Mapping

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        return [self.mapping.labels_for_learned(self.model.labels_for(t)) for t in texts]


@dataclass(frozen=True)
class LearnedPredictor:
    """trustworks.learn's classifier, trained afresh on each fold's training utterances."""

    mapping: Mapping
    name: str = "learned"
    trains: bool = True

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        """Train the learned layer on these utterances."""
        return _LearnedModel(train_learned(list(train), seed=seed), self.mapping)


@dataclass(frozen=True)
class _SemanticModel:
    model: ContextModel
    mapping: Mapping

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        return self.predict_in_context(texts, [""] * len(texts))

    def predict_in_context(
        self, texts: Sequence[str], previous: Sequence[str]
    ) -> list[frozenset[str]]:
        found = self.model.labels_for(texts, previous)
        return [self.mapping.labels_for_learned(labels) for labels in found]


@dataclass(frozen=True)
class SemanticPredictor:
    """N-grams and sentence vectors of the utterance and the turn before, trained per fold."""

    mapping: Mapping
    blocks: ContextBlocks = field(default_factory=ContextBlocks)
    name: str = "semantic"
    trains: bool = True

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        """Train the context model on these utterances only."""
        return _SemanticModel(
            train_in_context(list(train), seed=seed, blocks=self.blocks), self.mapping
        )


@dataclass(frozen=True)
class _BaselineModel:
    vectorizer: CountVectorizer
    classifiers: dict[str, LogisticRegression | bool]  # a bool: the label's only training value

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        features = self.vectorizer.transform(texts)
        hits = np.zeros((len(texts), len(LABELS)), dtype=bool)
        for column, label in enumerate(LABELS):
            classifier = self.classifiers[label]
            if isinstance(classifier, bool):
                hits[:, column] = classifier
            else:
                hits[:, column] = classifier.predict(features).astype(bool)
        return [frozenset(LABELS[c] for c in np.flatnonzero(row)) for row in hits]


@dataclass(frozen=True)
class BaselinePredictor:
    """Bag-of-words logistic regression, one binary classifier per label, default settings."""

    name: str = "baseline"
    trains: bool = True

    def fit(self, train: Sequence[Utterance], *, seed: int) -> Model:
        """Fit the vocabulary and one classifier per label on these utterances only."""
        vectorizer = CountVectorizer()
        features = vectorizer.fit_transform([u.text for u in train])
        classifiers: dict[str, LogisticRegression | bool] = {}
        for label in LABELS:
            target = np.array([label in u.labels for u in train])
            if target.all() or not target.any():
                # One class only (tiny corpora): logistic regression cannot fit; predict it.
                classifiers[label] = bool(target.any())
                continue
            classifier = LogisticRegression(random_state=seed)
            with warnings.catch_warnings():
                # The paper's baseline is the default solver budget; a warning that it
                # stopped at max_iter would only be noise here.
                warnings.simplefilter("ignore", ConvergenceWarning)
                classifiers[label] = classifier.fit(features, target)
        return _BaselineModel(vectorizer, classifiers)


def builtin_predictors(mapping: Mapping) -> dict[str, Predictor | UnionPredictor]:
    """The predictors `trustworks eval casino` knows by name."""
    return {
        "rules": RulesPredictor(mapping),
        "learned": LearnedPredictor(mapping),
        "semantic": SemanticPredictor(mapping),
        "trustworks": UnionPredictor("trustworks", ("rules", "learned")),
        "baseline": BaselinePredictor(),
    }
