"""Train the semantic heads: one calibrated linear classifier per behaviour, on sentence meaning.

Each head reads the static encoder's vector of a sentence, a few cheap shape features (is it
a question, who it is about) and, for reflections, how close the sentence is to what the
other person just said. Heads are trained on annotations other people made (AnnoMI,
CaSiNo: see ``HEADS_CARD.md``) plus the catalogue's own
examples and near-misses, so the heads learn sales wording as well as the corpora's.

Every corpus is split by dialogue: a head is fitted on 80 % of the dialogues; its threshold is
the lowest score at which annotated sentences scoring alike were right ``TARGET_PRECISION`` of
the time (a logistic fit of rightness on the out-of-fold scores of those dialogues, ``FOLDS``
folds), and the reported figures are those of the other 20 %, held out. Rebuild byte for byte
with:

    python -m trustworks.semantic.train            # writes models/heads-v1.npz and tone-v1.npz

on pinned floating-point kernels (``PINNED_KERNELS``; x86-64), the tone model in a process of
its own.

The tone model (``tone.py``) is a ridge regression on the Stanford Politeness Corpus's
normalised scores. Its report gives the corpus's own cross-community test (train on Wikipedia,
test on Stack Exchange, and the other way round) before the shipped model is fitted on both.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import numpy as np

from trustworks.npz import npz_bytes
from trustworks.semantic.features import context_features, shape_features
from trustworks.semantic.heads import CALIBRATION_GRID, HEADS, HEADS_FILE
from trustworks.semantic.tone import TONE_FILE, default_markers, tone_features

SEED = 0
# How often sentences scoring at the threshold must have been right, out of fold: the 0.9 a
# shown finding must reach, asked of the sentences at the cut itself, so those above it are
# right more often still (0.93-0.96 cross-validated for both heads, 2026-12-06).
TARGET_PRECISION = 0.9
HELD_OUT = 0.2
# The threshold is chosen on out-of-fold scores of the training dialogues, in this many folds:
# chosen on the held-out fifth alone, it rested on a few dozen positives near the cut and
# moved with any catalogue edit (0.896 -> 0.876 for reflections when two near-misses of other
# signals were added, showing 30 % more findings on AnnoMI and CaSiNo).
FOLDS = 5
TONE_ALPHA = 10.0  # ridge strength: cross-community figures are flat from 1 to 10
DATA = Path(__file__).parents[4] / "shared" / "data"
# The floating-point kernels a training runs on. OpenBLAS and numpy pick theirs by processor
# (AVX-512 or not, Intel or AMD), and the heads' solver followed a last-digit difference far
# enough to move weights by a quarter: an AMD machine rebuilt other heads than the Intel one
# that shipped them (2026-12-06). Every x86-64 processor with AVX2 and FMA (since 2013) runs
# these, so the shipped files rebuild byte for byte; `python -m trustworks.semantic.train`
# starts itself again on them (`run_on_pinned_kernels`).
PINNED_KERNELS = {
    "OPENBLAS_CORETYPE": "Haswell",
    "NPY_DISABLE_CPU_FEATURES": (
        "AVX512F AVX512CD AVX512_KNL AVX512_KNM AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL "
        "AVX512_SPR"
    ),
}


@dataclass
class Example:
    """One sentence or utterance with the other person's previous words and its labels."""

    text: str
    previous: str
    group: str  # dialogue id: splits never cut a dialogue
    labels: set[str] = field(default_factory=set)
    source: str = ""


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def annomi(folder: Path) -> list[Example]:
    """Therapist utterances: questions (open ones apart) and reflections; clients as negatives."""
    out: list[Example] = []
    last_client = ""
    dialogue = ""
    for row in _jsonl(folder / "annomi.jsonl"):
        if row["dialogue"] != dialogue:
            dialogue, last_client = row["dialogue"], ""
        labels: set[str] = set()
        tags = set(row["labels"])
        if row["speaker"] == "therapist":
            if "main_therapist_behaviour=question" in tags:
                labels.add("asks_about_them")
            if "main_therapist_behaviour=reflection" in tags:
                labels.add("reflects_their_words")
            out.append(Example(row["text"], last_client, row["dialogue"], labels, "annomi"))
        else:
            out.append(Example(row["text"], "", row["dialogue"], set(), "annomi"))
            last_client = row["text"]
    return out


_CASINO_HEADS = {
    "showing-empathy": "acknowledges_feelings",
    "elicit-pref": "asks_about_them",
    "promote-coordination": "proposes_what_works_for_both",
    "self-need": "states_own_needs",
    "uv-part": "plays_down_their_needs",
}


def casino(folder: Path) -> list[Example]:
    """Negotiation utterances with their strategy labels, from the train and valid splits.

    The test split is never trained on: the outside set and the blind holdouts draw their
    negotiations from it (eight of the holdouts' dialogues carry annotations).
    """
    out: list[Example] = []
    for split in ("train", "valid"):
        dialogues = json.loads((folder / f"casino_{split}.json").read_text(encoding="utf-8"))
        for dialogue in dialogues:
            previous = ""
            for text, labels, *_ in dialogue.get("annotations") or []:
                heads = {_CASINO_HEADS[x] for x in labels.split(",") if x in _CASINO_HEADS}
                group = f"casino-{split}-{dialogue['dialogue_id']}"
                out.append(Example(text, previous, group, heads, "casino"))
                previous = text
    return out


def catalogue_examples() -> list[Example]:
    """The catalogue's sales phrases: mapped signals' examples are positives, the rest negatives."""
    from trustworks.signals.loader import default_catalogue

    signal_heads: dict[str, str] = {}
    for name, head in HEADS.items():
        for signal_id in head.catalogue_positives:
            signal_heads[signal_id] = name
    out = []
    for signal in default_catalogue().signals:
        if signal.detector:
            continue  # detector examples are whole dialogues, not sentences
        for text in signal.examples:
            labels = {signal_heads[signal.id]} if signal.id in signal_heads else set()
            out.append(Example(text, "", f"catalogue-{signal.id}", labels, "catalogue"))
        for text in signal.near_misses:
            out.append(Example(text, "", f"catalogue-{signal.id}", set(), "catalogue"))
    return out


def outside_groups() -> frozenset[str]:
    """Dialogues of the outside evaluation set: never trained on, or it stops being outside."""
    folder = Path(__file__).parents[1] / "evaluate" / "outside"
    ids = tomllib.loads((folder / "annotations.toml").read_text(encoding="utf-8"))
    groups = set()
    for conversation in ids["conversation"]:
        ident = conversation["id"]
        groups.add(ident)  # AnnoMI transcripts keep their corpus id
        if ident.startswith("casino-"):  # the set takes CaSiNo dialogues from its test split
            groups.add(f"casino-test-{ident.removeprefix('casino-')}")
    return frozenset(groups)


def load_all(data: Path = DATA) -> list[Example]:
    """Every training example, in a fixed order, without the outside evaluation set."""
    excluded = outside_groups()
    examples = [*annomi(data / "annomi"), *casino(data / "casino"), *catalogue_examples()]
    return [e for e in examples if e.group not in excluded]


def featurise(examples: list[Example]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """The same features the detector computes at analysis time."""
    from trustworks.semantic.encoder import default_encoder

    encoder = default_encoder()
    vectors = encoder.encode([e.text for e in examples])
    previous = encoder.encode([e.previous for e in examples])
    shape = np.array([shape_features(e.text) for e in examples], dtype=np.float32)
    ctx = np.array(
        [
            context_features(e.text, e.previous, v, p)
            for e, v, p in zip(examples, vectors, previous, strict=True)
        ],
        dtype=np.float32,
    )
    return np.hstack([vectors, shape, ctx]).astype(np.float32)


def _held_out(groups: list[str]) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """A fixed 20 % of dialogues, by a hash of the dialogue id (stable across runs)."""
    return np.array(
        [int(hashlib.sha256(g.encode()).hexdigest()[:8], 16) % 100 < HELD_OUT * 100 for g in groups]
    )


def _folds(groups: list[str]) -> np.ndarray[Any, np.dtype[np.intp]]:
    """A fold number per example, by a hash of its dialogue (another hash than `_held_out`'s)."""
    return np.array(
        [int(hashlib.sha256(f"fold:{g}".encode()).hexdigest()[:8], 16) % FOLDS for g in groups],
        dtype=np.intp,
    )


def _outer_folds(groups: list[str]) -> np.ndarray[Any, np.dtype[np.intp]]:
    """An outer fold per example for the cross-validated figures (a third hash of the dialogue)."""
    return np.array(
        [int(hashlib.sha256(f"outer:{g}".encode()).hexdigest()[:8], 16) % FOLDS for g in groups],
        dtype=np.intp,
    )


def _fit_and_cut(
    x: np.ndarray[Any, Any],
    y: np.ndarray[Any, Any],
    fit: np.ndarray[Any, Any],
    judged: np.ndarray[Any, Any],
    folds: np.ndarray[Any, Any],
    c: float,
) -> tuple[Any, float, np.ndarray[Any, Any]]:
    """The whole procedure on the ``fit`` rows: a threshold from out-of-fold scores of the
    ``judged`` ones among them, then the model refitted on all of them."""
    from sklearn.linear_model import LogisticRegression

    out_of_fold = np.zeros(len(y))
    for fold in range(FOLDS):
        part = fit & (folds != fold)
        scored = fit & (folds == fold)
        model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
        model.fit(x[part], y[part])
        out_of_fold[scored] = model.predict_proba(x[scored])[:, 1]
    cut = _threshold(out_of_fold[fit & judged], y[fit & judged])
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit(x[fit], y[fit])
    return model, cut, out_of_fold


def cross_validated(
    x: np.ndarray[Any, Any],
    y: np.ndarray[Any, Any],
    usable: np.ndarray[Any, Any],
    annotated: np.ndarray[Any, Any],
    groups: list[str],
    c: float,
) -> tuple[int, int, int]:
    """Shown, right and annotated positives over every annotated dialogue, each scored by the
    whole procedure (threshold and model) run without its fifth of the dialogues.

    The held-out fifth alone rests on a few dozen findings: the own-needs head's read 0.836 to
    0.875 across rebuilds that differed by a few catalogue sentences, deciding each time
    whether it was shown. Pooled over five such fifths, the figure rests on hundreds.
    """
    outer = _outer_folds(groups)
    inner = _folds(groups)
    shown = right = positives = 0
    for fold in range(FOLDS):
        # The catalogue's sentences are always trained on, as in the shipped head.
        fit = usable & ((outer != fold) | ~annotated)
        model, cut, _ = _fit_and_cut(x, y, fit, annotated, inner, c)
        test = usable & (outer == fold) & annotated
        said = model.predict_proba(x[test])[:, 1] >= cut
        shown += int(said.sum())
        right += int((said & y[test]).sum())
        positives += int(y[test].sum())
    return shown, right, positives


def _threshold(scores: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]) -> float:
    """The lowest score at which sentences scoring alike were right ``TARGET_PRECISION`` of
    the time: where a logistic fit of rightness against the score's logit reaches the target.

    The fit has two parameters and rests on every judged sentence, so a retrain that shifts
    the scores a little shifts the cut a little. The isotonic fit it replaced (in 2026-12-06's
    seventeenth session) was a step function: near the cut its steps held a few dozen
    sentences each, right 0.92 or 0.79 of the time, and a shift of 0.03 in the scores' logits
    (what five catalogue sentences of another signal do) re-pooled them, so the cut jumped
    from one step's edge to another's (reflections 0.914 to 0.950 over thirteen such retrains,
    53 to 106 findings on AnnoMI; now 0.923 to 0.924, and 86 to 93). A cut that leaves fewer
    than ``_LEAST_HITS`` right sentences above it rests on nothing, and rightness that does not
    rise with the score gives no cut; either way it is above every score and the head finds
    nothing.
    """
    from sklearn.linear_model import LogisticRegression

    above_every_score = float(np.nextafter(scores.max(), np.inf))
    if not truth.any():
        return above_every_score
    if truth.all():
        # Every judged sentence right: the lowest score is where rightness reaches the target.
        return float(scores.min()) if len(truth) >= _LEAST_HITS else above_every_score
    logits = np.log(np.clip(scores, 1e-12, 1 - 1e-12) / np.clip(1 - scores, 1e-12, 1))
    fit = LogisticRegression(C=1e6, max_iter=1000).fit(logits[:, None], truth)
    slope, intercept = float(fit.coef_[0, 0]), float(fit.intercept_[0])
    if slope <= 0:
        return above_every_score
    target = np.log(TARGET_PRECISION / (1 - TARGET_PRECISION))
    cut = float(1 / (1 + np.exp(-(target - intercept) / slope)))
    if truth[scores >= cut].sum() >= _LEAST_HITS:
        return cut
    return above_every_score


_LEAST_HITS = 5


def save_heads(path: Path, arrays: dict[str, np.ndarray[Any, Any]]) -> None:
    """Write the heads; the same training gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(npz_bytes(arrays))


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _one_thread(fit: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a training on one BLAS thread: a threaded matrix product sums in an order that
    depends on the machine's core count, and the shipped files must come out byte for byte the
    same wherever they are rebuilt (a one-core and a two-core machine disagreed)."""
    import functools

    @functools.wraps(fit)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            return fit(*args, **kwargs)

    return run


@_one_thread
def train(data: Path = DATA, output: Path = HEADS_FILE) -> dict[str, dict[str, float]]:
    """Fit every head, pick its threshold out of fold, report it on held-out dialogues, save."""
    from sklearn.isotonic import IsotonicRegression

    examples = load_all(data)
    x = featurise(examples)
    held = _held_out([e.group for e in examples])
    folds = _folds([e.group for e in examples])
    names = sorted(HEADS)
    weights = np.zeros((len(names), x.shape[1]), dtype=np.float32)
    bias = np.zeros(len(names), dtype=np.float32)
    thresholds = np.zeros(len(names), dtype=np.float32)
    calibrated = np.zeros((len(names), len(CALIBRATION_GRID)), dtype=np.float32)
    report: dict[str, dict[str, float]] = {}
    for row, name in enumerate(names):
        head = HEADS[name]
        usable = np.array([e.source in head.sources for e in examples])
        # The catalogue's sentences are trained on, never judged on: the threshold and the
        # held-out figures rest on what other people annotated, not on our own writing.
        annotated = np.array([e.source != "catalogue" for e in examples])
        y = np.array([name in e.labels for e in examples])
        fit = usable & ~held
        test = usable & held & annotated
        model, cut, out_of_fold = _fit_and_cut(x, y, fit, annotated, folds, head.c)
        judged = fit & annotated
        # A finding's confidence: the share right among annotated sentences that scored about
        # the same out of fold, kept at the CALIBRATION_GRID probabilities.
        isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        isotonic.fit(out_of_fold[judged], y[judged])
        calibrated[row] = isotonic.predict(CALIBRATION_GRID)
        scores = model.predict_proba(x[test])[:, 1]
        shown = scores >= cut
        tp = int((shown & y[test]).sum())
        confidence = np.interp(scores[shown], CALIBRATION_GRID, calibrated[row])
        report[name] = {
            "train_examples": int(fit.sum()),
            "train_positives": int(y[fit].sum()),
            "held_out_examples": int(test.sum()),
            "held_out_positives": int(y[test].sum()),
            "threshold": round(cut, 4),
            "held_out_precision": round(tp / max(1, int(shown.sum())), 3),
            "held_out_recall": round(tp / max(1, int(y[test].sum())), 3),
            # What the shown findings claim against what they got: a calibrated head's mean
            # confidence is its held-out precision.
            "held_out_mean_confidence": round(float(confidence.mean()) if shown.any() else 0, 3),
        }
        cv_shown, cv_right, cv_positives = cross_validated(
            x, y, usable, annotated, [e.group for e in examples], head.c
        )
        # What decides whether a head is shown (analysis.semantic.SHIPPING_PRECISION).
        report[name]["cross_validated_shown"] = cv_shown
        report[name]["cross_validated_precision"] = round(cv_right / max(1, cv_shown), 3)
        report[name]["cross_validated_recall"] = round(cv_right / max(1, cv_positives), 3)
        weights[row] = model.coef_[0]
        bias[row] = model.intercept_[0]
        thresholds[row] = cut
    save_heads(
        output,
        {
            "names": np.array(names),
            "weights": weights,
            "bias": bias,
            "thresholds": thresholds,
            "calibrated": calibrated,
            "report": np.array(json.dumps(report, sort_keys=True)),
        },
    )
    return report


def politeness(folder: Path) -> tuple[list[str], np.ndarray[Any, Any], list[str]]:
    """Requests, their normalised politeness scores and their communities, in file order."""
    texts, scores, communities = [], [], []
    for row in _jsonl(folder / "stanford_politeness.jsonl"):
        texts.append(row["text"])
        scores.append(float(row["normalized_score"]))
        communities.append("wikipedia" if row["community"] == "Wikipedia" else "stack_exchange")
    return texts, np.array(scores, dtype=np.float64), communities


def register_turns(data: Path = DATA) -> dict[str, list[str]]:
    """Ordinary turns of each register the tone is measured against (no evaluation dialogues).

    Spoken: the therapists' turns of AnnoMI (transcribed speech). Written: CaSiNo's chat
    messages. Only turns with a sentence of three or more words, as the analyzer judges them.
    """
    from trustworks.sentences import sentence_spans

    excluded = outside_groups()
    spoken = [
        row["text"]
        for row in _jsonl(data / "annomi" / "annomi.jsonl")
        if row["speaker"] == "therapist" and row["dialogue"] not in excluded
    ]
    written = [e.text for e in casino(data / "casino") if e.group not in excluded]
    return {
        "spoken": [text for text in spoken if sentence_spans(text)],
        "written": [text for text in written if sentence_spans(text)],
    }


def tone_matrix(texts: list[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
    """Tone features for whole texts, computed as the analyzer computes them for a turn."""
    from trustworks.semantic.encoder import default_encoder
    from trustworks.sentences import sentence_spans

    encoder = default_encoder()
    markers = default_markers()
    rows = []
    for text in texts:
        spans = sentence_spans(text) or [(0, len(text))]
        vectors = encoder.encode([text[a:b] for a, b in spans])
        rows.append(tone_features(text, vectors, markers))
    return np.vstack(rows).astype(np.float32)


def _ranked_accuracy(predicted: np.ndarray[Any, Any], truth: np.ndarray[Any, Any]) -> float:
    """The paper's binary task: top versus bottom quarter, split at the predictions' median."""
    low, high = np.quantile(truth, [0.25, 0.75])
    extreme = (truth <= low) | (truth >= high)
    guess = predicted[extreme] > np.median(predicted)
    return float((guess == (truth[extreme] >= high)).mean())


@_one_thread
def train_tone(data: Path = DATA, output: Path = TONE_FILE) -> dict[str, float]:
    """Fit the tone model, test it across communities, save weights and a report."""
    from scipy.stats import spearmanr
    from sklearn.linear_model import Ridge

    texts, scores, communities = politeness(data / "stanford_politeness")
    x = tone_matrix(texts)
    wiki = np.array([c == "wikipedia" for c in communities])
    report: dict[str, float] = {"examples": len(texts)}
    for name, fit in (
        ("wikipedia_to_stack_exchange", wiki),
        ("stack_exchange_to_wikipedia", ~wiki),
    ):
        model = Ridge(alpha=TONE_ALPHA, solver="cholesky").fit(x[fit], scores[fit])
        predicted = model.predict(x[~fit])
        report[f"{name}_spearman"] = round(float(spearmanr(predicted, scores[~fit])[0]), 3)
        report[f"{name}_accuracy"] = round(_ranked_accuracy(predicted, scores[~fit]), 3)
    model = Ridge(alpha=TONE_ALPHA, solver="cholesky").fit(x, scores)
    # Where ordinary spoken talk sits on the request corpus's scale: the analyzer measures a
    # seller's tone from here, so plain conversation is not read as curt.
    for register, texts in register_turns(data).items():
        report[f"{register}_turns"] = len(texts)
        report[f"{register}_baseline"] = round(float(model.predict(tone_matrix(texts)).mean()), 4)
    save_heads(
        output,
        {
            "markers": np.array([m.name for m in default_markers()]),
            "weights": model.coef_.astype(np.float32),
            "bias": np.array(model.intercept_, dtype=np.float32),
            "report": np.array(json.dumps(report, sort_keys=True)),
        },
    )
    return report


def kernels_pinnable() -> bool:
    """Whether this machine can run the pinned kernels (an x86-64 processor)."""
    import platform

    return platform.machine().lower() in {"x86_64", "amd64"}


def run_on_pinned_kernels() -> None:
    """Start this command again with the pinned kernels when it is not already on them: they
    are chosen as the numerical libraries load, so it cannot be done once they are loaded."""
    import os

    if not kernels_pinnable() or all(os.environ.get(k) == v for k, v in PINNED_KERNELS.items()):
        return
    os.execve(
        sys.executable,
        [sys.executable, "-m", "trustworks.semantic.train", *sys.argv[1:]],
        {**os.environ, **PINNED_KERNELS},
    )


if __name__ == "__main__":
    run_on_pinned_kernels()
    arguments = sys.argv[1:]
    tone_only = arguments[:1] == ["--tone"]
    folder = Path(arguments[-1]) if arguments and arguments[-1] != "--tone" else DATA
    if tone_only:
        print("tone", train_tone(folder))
    else:
        figures = train(folder)
        for name, row in figures.items():
            print(name, row)
        # The tone model is fitted in a fresh process, as a check that rebuilds it alone does:
        # fitted after the heads, in the same process, its last bits came out otherwise (the
        # same sums over arrays that sit elsewhere in memory take other vector loops).
        import subprocess

        subprocess.run(
            [sys.executable, "-m", "trustworks.semantic.train", "--tone", str(folder)], check=True
        )
