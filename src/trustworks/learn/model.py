"""A trained linear multi-label classifier, read and run with numpy alone.

The file is a zip of .npy arrays (numpy's .npz, deflated, never pickled): the non-zero rows
of the weight matrix and their bucket numbers, the biases and thresholds, and the labels,
feature settings and training record as UTF-8 JSON in ``meta``.
"""

from __future__ import annotations

import json
import math
import zipfile
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from trustworks.errors import InputError
from trustworks.learn.features import (
    DOMAIN_WORDS_SHA256,
    FEATURE_VERSION,
    FeatureConfig,
    Featurizer,
)
from trustworks.npz import npz_bytes

FORMAT = "trustworks-linear-model"
FORMAT_VERSION = 1
DEFAULT_MODEL = "casino-strategies-v1.npz"
Floats = npt.NDArray[np.float32]


@dataclass(eq=False)
class LinearModel:
    """Per-label weights over hashed features; probabilities by a sigmoid.

    ``thresholds`` are probabilities: a label is given when its probability reaches it.
    """

    labels: tuple[str, ...]
    weights: Floats  # [buckets x labels]
    biases: Floats  # [labels]
    thresholds: Floats  # [labels]
    config: FeatureConfig = field(default_factory=FeatureConfig)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.weights = np.ascontiguousarray(self.weights, dtype=np.float32)
        self.biases = np.asarray(self.biases, dtype=np.float32)
        self.thresholds = np.asarray(self.thresholds, dtype=np.float32)
        self._featurizer = Featurizer(self.config)
        expected = (self._featurizer.buckets, len(self.labels))
        if self.weights.shape != expected:
            raise ValueError(f"weights are {self.weights.shape}, expected {expected}")
        if self.biases.shape != (len(self.labels),) or self.thresholds.shape != self.biases.shape:
            raise ValueError("one bias and one threshold per label")
        with np.errstate(divide="ignore"):  # a threshold of 0 or 1 is a cut at -inf or +inf
            self._cuts = np.log(self.thresholds) - np.log1p(-self.thresholds)

    def scores(self, text: str) -> Floats:
        """The raw linear scores (log-odds), one per label."""
        indices, values = self._featurizer.sparse(text)
        return values @ self.weights.take(indices, axis=0) + self.biases

    def predict(self, text: str) -> dict[str, float]:
        """Every label's probability for one utterance."""
        probabilities = 1.0 / (1.0 + np.exp(-self.scores(text).astype(np.float64)))
        return dict(zip(self.labels, probabilities.tolist(), strict=True))

    def labels_for(self, text: str) -> dict[str, float]:
        """Only the labels whose probability reaches their threshold, with the probability."""
        scores = self.scores(text)
        # Comparing log-odds spares the sigmoid for the labels that do not pass (most).
        passed = np.flatnonzero(scores >= self._cuts).tolist()
        return {self.labels[j]: 1.0 / (1.0 + math.exp(-float(scores[j]))) for j in passed}

    def save(self, path: Path) -> None:
        """Write the model as a deflated .npz; the same model gives the same bytes."""
        rows = np.flatnonzero(np.any(self.weights != 0, axis=1)).astype(np.int32)
        meta = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "labels": list(self.labels),
            "features": {
                **self.config.to_dict(),
                "version": FEATURE_VERSION,
                "domain_words_sha256": DOMAIN_WORDS_SHA256,
            },
            "metadata": self.metadata,
        }
        arrays: dict[str, npt.NDArray[Any]] = {
            "rows": rows,
            "weights": self.weights[rows],
            "biases": self.biases,
            "thresholds": self.thresholds,
            "meta": np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(npz_bytes(arrays))

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by ``save``; InputError names the file if it is not one."""
        source = str(path)
        try:
            with np.load(path, allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
        except FileNotFoundError:
            raise InputError(source, "model file not found") from None
        except (OSError, ValueError, zipfile.BadZipFile) as exc:
            raise InputError(source, f"not a model file: {exc}") from exc
        missing = {"rows", "weights", "biases", "thresholds", "meta"} - set(arrays)
        if missing:
            raise InputError(source, f"not a model file: no {', '.join(sorted(missing))}")
        try:
            meta = json.loads(arrays["meta"].tobytes().decode())
            features = dict(meta["features"])
            labels = tuple(meta["labels"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(source, f"unreadable model metadata: {exc}") from exc
        if meta.get("format") != FORMAT or meta.get("format_version") != FORMAT_VERSION:
            raise InputError(source, f"not a {FORMAT} version {FORMAT_VERSION} file")
        version, words = features.pop("version", None), features.pop("domain_words_sha256", None)
        if version != FEATURE_VERSION or words != DOMAIN_WORDS_SHA256:
            raise InputError(
                source,
                "trained with other features or another domain_words.txt than this version "
                "of trustworks; retrain with `trustworks train`",
            )
        try:
            config = FeatureConfig(**features)
            weights = np.zeros((1 << config.buckets_log2, len(labels)), dtype=np.float32)
            weights[arrays["rows"]] = arrays["weights"]
            return cls(
                labels,
                weights,
                arrays["biases"],
                arrays["thresholds"],
                config,
                dict(meta.get("metadata", {})),
            )
        except (TypeError, ValueError, IndexError) as exc:
            raise InputError(source, f"inconsistent model file: {exc}") from exc


def default_model_path() -> Path:
    """Where the shipped model lives on disk (where `trustworks train` writes by default)."""
    return Path(str(resources.files("trustworks.learn").joinpath("models", DEFAULT_MODEL)))


@cache
def default_model() -> LinearModel:
    """The model shipped in the package, trained on CaSiNo (read once, then shared)."""
    shipped = resources.files("trustworks.learn").joinpath("models", DEFAULT_MODEL)
    with resources.as_file(shipped) as path:
        return LinearModel.load(path)
