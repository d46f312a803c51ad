"""How courteous or curt a turn reads: a politeness model over meaning and surface markers.

The model is a ridge regression trained on the Stanford Politeness Corpus (requests rated by
five people each, see ``models/MODEL_CARD.md``). It reads a turn's meaning (the mean of its
sentence vectors), its shape (``features.shape_features``) and counts of the politeness
markers in ``politeness.toml``, and predicts the corpus's normalised politeness score: about
0 for an ordinary request, +0.5 or more for the most courteous quarter, -0.4 or less for
the curtest. Warmth is part of intimacy in the Trust Equation, so the analyzer turns the
seller's mean tone into a bounded intimacy term (``analysis.trust.tone_term``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import re2

from trustworks.errors import InputError
from trustworks.semantic.features import shape_features
from trustworks.signals.matcher import Gated, fast_form, re2_reads_alike, set_match

MARKERS_FILE = Path(__file__).parent / "politeness.toml"
TONE_FILE = Path(__file__).parent / "models" / "tone-v1.npz"
# The markers that do something courteous (thank, greet, apologise, soften, wish well): a turn
# with none of them reads at most as ordinary (`analysis.semantic`).
COURTESY = frozenset(
    {
        "gratitude",
        "deference",
        "greeting",
        "apology",
        "please",
        "please_start",
        "by_the_way",
        "counterfactual_modal",
        "indicative_modal",
        "hedge",
        "positive_word",
        "understanding",
        "reassurance",
        "good_wishes",
    }
)
# The markers that do something curt (blame, hardball, a why-challenge, telling them what they
# must do): a courteous turn with none of them reads at least as ordinary.
CURTNESS = frozenset({"why_challenge", "obligation", "hardball", "negative_word"})
# Words that undo any courtesy around them (a curse, an insult, a threat, hardball): a turn
# with one reads at most as ordinary, however many thanks it holds. The model weighs
# courtesy markers heavily, so "ty. your offer is an insult." and "No worries, but pay today
# or the deal is off." would otherwise read as courteous.
UNDOES_COURTESY = re.compile(
    r"\b(?:fuck\w*|shit\w*|shut up|insult\w*|idiot\w*|moron\w*|stupid|pathetic|"
    r"or (?:else|the deal(?:'s| is) off)|deal(?:'s| is) off|take it or leave it|final offer|"
    r"starv\w+|(?:will|would|could|going to|gonna) die)\b",
    re.IGNORECASE,
)
# Searched only where RE2 says it may match: most turns hold none of it, and Python's engine
# tries every word of a turn against each alternative (7.7 -> 1.0 us a turn).
UNDOES_COURTESY_GATED = Gated(UNDOES_COURTESY)
MARKER_CAP = 3  # the fourth "please" says no more than the third
_ESCAPE = re.compile(r"\\.")
_UPPER_LITERAL = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Marker:
    """One politeness strategy, found by a regular expression."""

    name: str
    about: str
    pattern: re.Pattern[str]


def load_markers(path: Path = MARKERS_FILE) -> tuple[Marker, ...]:
    """Read and check the marker list; a bad entry is named with its file and position."""
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(source, f"cannot read politeness markers: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(source, f"not valid TOML: {error}") from None
    entries = data.get("marker")
    if not isinstance(entries, list) or not entries:
        raise InputError(source, "no [[marker]] entries")
    markers: list[Marker] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        where = f"marker {number}"
        if not isinstance(entry, dict) or set(entry) != {"name", "about", "pattern"}:
            raise InputError(source, f"{where}: needs exactly name, about and pattern")
        name, about, pattern = entry["name"], entry["about"], entry["pattern"]
        if not all(isinstance(v, str) and v for v in (name, about, pattern)):
            raise InputError(source, f"{where}: name, about and pattern must be non-empty text")
        if name in seen:
            raise InputError(source, f"{where}: duplicate name {name!r}")
        seen.add(name)
        if _UPPER_LITERAL.search(_ESCAPE.sub("", pattern)):
            raise InputError(source, f"{where} ({name}): write the pattern in lower case")
        try:
            # Matched against lower-cased text: case-insensitive matching is twice as slow.
            compiled = re.compile(pattern)
        except re.error as error:
            raise InputError(source, f"{where} ({name}): bad pattern: {error}") from None
        markers.append(Marker(name, about, compiled))
    return tuple(markers)


@lru_cache(maxsize=1)
def default_markers() -> tuple[Marker, ...]:
    """The markers shipped inside the package, loaded once."""
    return load_markers(Path(str(resources.files("trustworks.semantic") / MARKERS_FILE.name)))


@dataclass(frozen=True)
class _Gate:
    """One RE2 set over the markers: which occur at all, in one pass over the text."""

    match: Callable[[bytes], list[int]]  # the set's positions found in UTF-8 text
    numbers: tuple[int, ...]  # set position -> marker
    always: tuple[int, ...]  # markers RE2 cannot take (or reads differently): always counted
    # Each marker as counted: led by the characters it can start with (fast_form), so that
    # its search skips to them; the same matches (2.7 -> 2.1 us a turn for those present).
    counters: tuple[re.Pattern[str], ...]


_GATES: dict[int, tuple[tuple[Marker, ...], _Gate]] = {}


def _gate(markers: tuple[Marker, ...]) -> _Gate:
    """The gate for this tuple of markers, built once (looked up by identity: hashing 24
    markers' patterns on every turn cost more than the markers it saves counting)."""
    found = _GATES.get(id(markers))
    if found is not None and found[0] is markers:
        return found[1]
    if len(_GATES) > 8:  # callers that build their marker tuples afresh
        _GATES.clear()
    gate = _build_gate(markers)
    _GATES[id(markers)] = (markers, gate)
    return gate


def _build_gate(markers: tuple[Marker, ...]) -> _Gate:
    options = re2.Options()
    options.log_errors = False
    # A set whose automaton runs out of memory matches nothing: leave it ample room.
    options.max_mem = 64 << 20
    engine = re2.Set.SearchSet(options)
    numbers: list[int] = []
    always: list[int] = []
    for number, marker in enumerate(markers):
        source = marker.pattern.pattern
        if "$" in source:  # Python's $ also matches before a final newline, RE2's does not
            always.append(number)
            continue
        try:
            engine.Add(source)
        except Exception:  # lookarounds and other Python-only syntax
            always.append(number)
            continue
        numbers.append(number)
    engine.Compile()
    counters = tuple(re.compile(fast_form(marker.pattern.pattern)) for marker in markers)
    return _Gate(set_match(engine), tuple(numbers), tuple(always), counters)


def marker_counts(text: str, markers: tuple[Marker, ...]) -> tuple[float, ...]:
    """How often each marker occurs in ``text`` (any case), capped."""
    lowered = text.lower()
    gate = _gate(markers)
    if not re2_reads_alike(lowered):
        return tuple(float(min(MARKER_CAP, len(c.findall(lowered)))) for c in gate.counters)
    # A turn holds one or two of the 25 markers: one RE2 pass names them (1.5 us) and only
    # those are counted, where counting every marker cost 40 us a turn.
    counts = [0.0] * len(markers)
    present = [gate.numbers[i] for i in gate.match(lowered.encode())]
    for number in (*present, *gate.always):
        found = len(gate.counters[number].findall(lowered))
        counts[number] = float(min(MARKER_CAP, found))
    return tuple(counts)


def tone_features(
    text: str, sentence_vectors: np.ndarray[Any, Any], markers: tuple[Marker, ...]
) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The model's input for one turn: mean sentence meaning, shape, marker counts."""
    mean = sentence_vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if norm > 0:
        mean = mean / norm
    extra = np.array([*shape_features(text), *marker_counts(text, markers)], dtype=np.float32)
    return np.concatenate([mean.astype(np.float32), extra])


@dataclass(frozen=True)
class ToneModel:
    """Ridge weights over the tone features, and the figures it was shipped on."""

    markers: tuple[str, ...]
    weights: np.ndarray[Any, np.dtype[np.float32]]
    bias: float
    report: dict[str, float]

    def baseline(self, *, written: bool) -> float:
        """The mean prediction for an ordinary turn of talk (spoken) or of chat (written).

        Transcribed speech reads curter than a written request (fewer greetings and thanks,
        more bare questions): tone is measured from ordinary talk in the same register, so
        plain conversation scores 0, not a penalty.
        """
        return float(self.report.get("written_baseline" if written else "spoken_baseline", 0.0))

    def predict(self, features: np.ndarray[Any, Any]) -> float:
        """Predicted politeness (the corpus's normalised score) for one turn's features."""
        return float(self.predict_rows(features[None, :])[0])

    def predict_rows(self, rows: np.ndarray[Any, Any]) -> np.ndarray[Any, np.dtype[np.float32]]:
        """Predicted politeness for rows of features, one turn a row.

        Computed row by row (``einsum``, not a BLAS product, whose summation order changes
        with the number of rows), so a turn's figure is the same alone or in a whole call.
        """
        out: np.ndarray[Any, np.dtype[np.float32]] = (
            np.einsum("ij,j->i", rows, self.weights) + self.bias
        )
        return out


def load_tone(path: Path, markers: tuple[Marker, ...]) -> ToneModel:
    """Read a tone model written by ``trustworks.semantic.train``, checked against the markers."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            model = ToneModel(
                tuple(str(n) for n in archive["markers"]),
                archive["weights"].astype(np.float32),
                float(archive["bias"]),
                json.loads(str(archive["report"])),
            )
    except FileNotFoundError:
        raise InputError(str(path), "tone model file not found") from None
    except (OSError, ValueError, KeyError) as error:
        raise InputError(str(path), f"not a tone model file: {error}") from None
    names = tuple(m.name for m in markers)
    if model.markers != names:
        raise InputError(
            str(path), "trained on another list of politeness markers: retrain the tone model"
        )
    return model


@lru_cache(maxsize=1)
def default_tone() -> ToneModel:
    """The tone model shipped inside the package, loaded once."""
    path = resources.files("trustworks.semantic") / "models" / TONE_FILE.name
    return load_tone(Path(str(path)), default_markers())
