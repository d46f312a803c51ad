"""The semantic heads: which behaviours the model judges, and the trained weights behind them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from trustworks.errors import InputError

HEADS_FILE = Path(__file__).parent / "models" / "heads-v1.npz"
# The raw probabilities at which each head's calibrated confidence is stored.
CALIBRATION_GRID = np.linspace(0.0, 1.0, 101)


@dataclass(frozen=True)
class Head:
    """One behaviour: the catalogue signal it reports, what it is trained on, how it is fitted."""

    signal: str
    sources: frozenset[str]  # corpora whose annotations say yes or no to this behaviour
    catalogue_positives: tuple[str, ...] = ()  # catalogue signals whose examples are positives
    c: float = 8.0  # inverse regularisation strength


HEADS: dict[str, Head] = {
    "reflects_their_words": Head(
        "reflects_their_words",
        frozenset({"annomi", "catalogue"}),
        ("reflects_back_understanding", "recalls_client_earlier_words"),
    ),
    # CaSiNo's self-need: arguing one's own need plainly, which is honest self-interest.
    "states_own_needs": Head(
        "says_plainly_what_they_need",
        frozenset({"casino", "catalogue"}),
        ("states_what_seller_needs",),
    ),
}


@dataclass(frozen=True)
class HeadModel:
    """Weights of every head over the same feature vector, and each head's threshold."""

    names: tuple[str, ...]
    weights: np.ndarray[Any, np.dtype[np.float32]]  # heads x features
    bias: np.ndarray[Any, np.dtype[np.float32]]
    thresholds: np.ndarray[Any, np.dtype[np.float32]]  # probabilities at which a head speaks
    report: dict[str, dict[str, float]]
    # Each head's confidence at the CALIBRATION_GRID probabilities: the share right among
    # annotated sentences that scored the same out of fold (heads x grid points).
    calibrated: np.ndarray[Any, np.dtype[np.float32]]

    def confidence(self, head: int, probability: float) -> float:
        """How often a finding of this head at this raw probability is right."""
        return float(np.interp(probability, CALIBRATION_GRID, self.calibrated[head]))

    def probabilities_split(
        self, vectors: np.ndarray[Any, Any], extra: np.ndarray[Any, Any]
    ) -> np.ndarray[Any, Any]:
        """Probabilities from sentence vectors and the extra features, without joining them."""
        out: np.ndarray[Any, Any] = 1.0 / (1.0 + np.exp(-self.logits_split(vectors, extra)))
        return out

    def logits_split(
        self, vectors: np.ndarray[Any, Any], extra: np.ndarray[Any, Any]
    ) -> np.ndarray[Any, Any]:
        """Each head's logit for rows of sentence vectors and extra features.

        Computed row by row (``einsum``): a BLAS product's summation order changes with the
        number of rows, and a sentence must score the same alone as in a whole call, or
        among some rows of it as among all.
        """
        dims = vectors.shape[1]
        out: np.ndarray[Any, Any] = (
            np.einsum("ij,kj->ik", vectors, self.weights[:, :dims])
            + np.einsum("ij,kj->ik", extra, self.weights[:, dims:])
            + self.bias
        )
        return out

    def probabilities(self, features: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """Rows of per-head probabilities for rows of features."""
        logits = features @ self.weights.T + self.bias
        out: np.ndarray[Any, Any] = 1.0 / (1.0 + np.exp(-logits))
        return out


def load_heads(path: Path) -> HeadModel:
    """Read a heads file written by ``trustworks.semantic.train``."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            names = tuple(str(n) for n in archive["names"])
            model = HeadModel(
                names,
                archive["weights"].astype(np.float32),
                archive["bias"].astype(np.float32),
                archive["thresholds"].astype(np.float32),
                json.loads(str(archive["report"])),
                archive["calibrated"].astype(np.float32),
            )
    except FileNotFoundError:
        raise InputError(str(path), "semantic heads file not found") from None
    except (OSError, ValueError, KeyError) as error:
        raise InputError(str(path), f"not a semantic heads file: {error}") from None
    if model.calibrated.shape != (len(names), len(CALIBRATION_GRID)):
        raise InputError(str(path), "calibration curves do not match the heads")
    unknown = set(names) - set(HEADS)
    if unknown:
        raise InputError(str(path), f"unknown heads {', '.join(sorted(unknown))}")
    return model


@lru_cache(maxsize=1)
def default_heads() -> HeadModel:
    """The heads shipped inside the package, loaded once."""
    path = resources.files("trustworks.semantic") / "models" / HEADS_FILE.name
    return load_heads(Path(str(path)))
