"""`evaluate_casino`: score Trustworks and a baseline against CaSiNo's human annotations.

Every model is fitted on a fold's training utterances and scored on that fold's held-out
dialogues only; the harness checks the two share no dialogue before it trains anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from trustworks.errors import InputError
from trustworks.evaluate.mapping import Mapping, load_mapping
from trustworks.evaluate.metrics import (
    ConfusionRow,
    Counts,
    LabelScore,
    add_counts,
    confusion,
    count,
    macro_f1,
    mean_sd,
    scores,
)
from trustworks.evaluate.predictors import (
    PREDICTORS,
    ContextReader,
    Predictor,
    UnionPredictor,
    builtin_predictors,
)
from trustworks.evaluate.protocols import PROTOCOLS, Fold, ProtocolName, dialogues, folds_for
from trustworks.learn import LABELS, Utterance, load_casino

# The aim: macro-F1 over the six labels of at least 0.80, every label at least 0.65.
AIM_MACRO_F1 = 0.80
AIM_LABEL_F1 = 0.65

ProtocolChoice = Literal["split", "cv", "both"]


@dataclass(frozen=True, slots=True)
class Step:
    """Progress: ``done`` of ``total`` trainings finished, the named one last."""

    protocol: str
    fold: str
    predictor: str
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class FoldInfo:
    """How much one fold trained on and scored."""

    name: str
    train_utterances: int
    test_utterances: int
    train_dialogues: int
    test_dialogues: int


@dataclass(frozen=True, slots=True)
class PredictorResult:
    """One predictor's scores under one protocol (counts summed over folds)."""

    predictor: str
    labels: tuple[LabelScore, ...]
    macro_f1: float
    fold_macro_f1: tuple[float, ...]
    macro_f1_mean: float
    macro_f1_sd: float
    confusion: tuple[ConfusionRow, ...]

    @property
    def meets_aim(self) -> bool:
        """Macro-F1 and every label's F1 at or above the issue's aims."""
        return self.macro_f1 >= AIM_MACRO_F1 and all(s.f1 >= AIM_LABEL_F1 for s in self.labels)


@dataclass(frozen=True, slots=True)
class ProtocolResult:
    """Every predictor's scores under one protocol."""

    protocol: str
    folds: tuple[FoldInfo, ...]
    results: tuple[PredictorResult, ...]
    fit_seconds: float  # fitting and predicting, summed over folds (parallel fits overlap)

    def result(self, predictor: str) -> PredictorResult:
        """The result of the predictor with this name."""
        for found in self.results:
            if found.predictor == predictor:
                return found
        raise KeyError(predictor)


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The whole run: data, settings and each protocol's results."""

    data_dir: str
    seed: int
    mapping: str
    labels: tuple[str, ...]
    utterances: int
    dialogues: int
    protocols: tuple[ProtocolResult, ...]
    seconds: float

    def protocol(self, name: str) -> ProtocolResult:
        """The result of the protocol with this name."""
        for found in self.protocols:
            if found.protocol == name:
                return found
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (floats rounded to four places)."""
        return {
            "data_dir": self.data_dir,
            "seed": self.seed,
            "mapping": self.mapping,
            "labels": list(self.labels),
            "utterances": self.utterances,
            "dialogues": self.dialogues,
            "aim": {"macro_f1": AIM_MACRO_F1, "label_f1": AIM_LABEL_F1},
            "seconds": round(self.seconds, 2),
            "protocols": [_protocol_dict(p) for p in self.protocols],
        }


def _r(value: float) -> float:
    return round(value, 4)


def _protocol_dict(result: ProtocolResult) -> dict[str, Any]:
    return {
        "protocol": result.protocol,
        "fit_seconds": round(result.fit_seconds, 2),
        "folds": [
            {
                "name": f.name,
                "train_utterances": f.train_utterances,
                "test_utterances": f.test_utterances,
                "train_dialogues": f.train_dialogues,
                "test_dialogues": f.test_dialogues,
            }
            for f in result.folds
        ],
        "predictors": [_result_dict(r) for r in result.results],
    }


def _result_dict(result: PredictorResult) -> dict[str, Any]:
    return {
        "predictor": result.predictor,
        "macro_f1": _r(result.macro_f1),
        "fold_macro_f1": [_r(v) for v in result.fold_macro_f1],
        "macro_f1_mean": _r(result.macro_f1_mean),
        "macro_f1_sd": _r(result.macro_f1_sd),
        "meets_aim": result.meets_aim,
        "labels": [
            {
                "label": s.label,
                "precision": _r(s.precision),
                "recall": _r(s.recall),
                "f1": _r(s.f1),
                "support": s.support,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for s in result.labels
        ],
        "confusion": [
            {
                "gold": row.gold,
                "support": row.support,
                "predicted": row.predicted,
                "false_positives": [{"label": lab, "count": n} for lab, n in row.false_positives],
            }
            for row in result.confusion
        ],
    }


def load_annotated(data_dir: Path) -> list[Utterance]:
    """CaSiNo's annotated utterances, or InputError naming what is wrong with the folder."""
    if not data_dir.is_dir():
        raise InputError(str(data_dir), "no such directory (expected the CaSiNo split files)")
    try:
        utterances = load_casino(data_dir)
    except InputError:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        # The loader belongs to trustworks.learn; whatever it trips over, the user sees one
        # line naming the folder rather than a traceback.
        raise InputError(str(data_dir), f"not a CaSiNo data folder: {exc}") from exc
    if not utterances:
        raise InputError(str(data_dir), "no annotated utterances found")
    return utterances


@dataclass(frozen=True)
class _Selection:
    names: list[str]  # as reported, in the order asked for
    bases: dict[str, Predictor]  # what gets fitted, each once per fold
    parts: dict[str, tuple[str, ...]]  # which bases' predictions each reported name unites

    @property
    def trained(self) -> int:
        return sum(1 for b in self.bases.values() if b.trains)


def _resolve(selection: Sequence[str | Predictor], mapping: Mapping) -> _Selection:
    known = builtin_predictors(mapping)
    chosen = _Selection([], {}, {})
    for item in selection:
        if isinstance(item, str):
            found = known.get(item)
            if found is None:
                raise ValueError(f"unknown predictor {item!r}; choose from {', '.join(PREDICTORS)}")
        else:
            found = item
        chosen.names.append(found.name)
        if isinstance(found, UnionPredictor):
            chosen.parts[found.name] = found.parts
            for part in found.parts:
                base = known[part]
                assert not isinstance(base, UnionPredictor)
                chosen.bases.setdefault(part, base)
        else:
            chosen.parts[found.name] = (found.name,)
            chosen.bases.setdefault(found.name, found)
    return chosen


def _check_held_out(utterances: Sequence[Utterance], fold: Fold) -> None:
    shared = dialogues(utterances, fold.train) & dialogues(utterances, fold.test)
    if shared or set(fold.train) & set(fold.test):
        raise AssertionError(
            f"{fold.name}: training and scored data overlap ({sorted(shared)[:3]})"
        )


@dataclass(frozen=True, slots=True)
class _Job:
    """One base predictor fitted on one fold's training part and run on its scored part."""

    protocol: ProtocolName
    fold: Fold
    predictor: str


def _run(
    job: _Job, predictor: Predictor, utterances: Sequence[Utterance], seed: int
) -> tuple[list[frozenset[str]], float]:
    started = time.perf_counter()
    train = [utterances[i] for i in job.fold.train]
    model = predictor.fit(train, seed=seed)
    texts = [utterances[i].text for i in job.fold.test]
    if isinstance(model, ContextReader):
        # The words said just before, in the scored dialogue itself: what a reader of the
        # conversation has. Only texts are handed over, never a label.
        previous = [utterances[i].previous for i in job.fold.test]
        predicted = model.predict_in_context(texts, previous)
    else:
        predicted = model.predict(texts)
    return predicted, time.perf_counter() - started


def _score_protocol(
    protocol: ProtocolName,
    utterances: Sequence[Utterance],
    folds: Sequence[Fold],
    selection: _Selection,
    predicted: dict[tuple[str, str], list[frozenset[str]]],  # (fold, base) -> predictions
    fit_seconds: float,
) -> ProtocolResult:
    wanted = frozenset(LABELS)
    totals: dict[str, dict[str, Counts]] = {n: {} for n in selection.names}
    per_fold: dict[str, list[float]] = {n: [] for n in selection.names}
    gold_seen: list[frozenset[str]] = []
    predicted_seen: dict[str, list[frozenset[str]]] = {n: [] for n in selection.names}
    for fold in folds:
        gold = [utterances[i].labels & wanted for i in fold.test]
        gold_seen.extend(gold)
        for name in selection.names:
            parts = (predicted[(fold.name, base)] for base in selection.parts[name])
            combined = [frozenset().union(*row) for row in zip(*parts, strict=True)]
            fold_counts = count(gold, combined, LABELS)
            totals[name] = add_counts(totals[name], fold_counts)
            per_fold[name].append(macro_f1(scores(fold_counts, LABELS)))
            predicted_seen[name].extend(combined)
    results = []
    for name in selection.names:
        label_scores = scores(totals[name], LABELS)
        mean, sd = mean_sd(per_fold[name])
        results.append(
            PredictorResult(
                predictor=name,
                labels=label_scores,
                macro_f1=macro_f1(label_scores),
                fold_macro_f1=tuple(per_fold[name]),
                macro_f1_mean=mean,
                macro_f1_sd=sd,
                confusion=confusion(gold_seen, predicted_seen[name], LABELS),
            )
        )
    infos = tuple(
        FoldInfo(
            f.name,
            len(f.train),
            len(f.test),
            len(dialogues(utterances, f.train)),
            len(dialogues(utterances, f.test)),
        )
        for f in folds
    )
    return ProtocolResult(protocol, infos, tuple(results), fit_seconds)


def evaluate_casino(
    data_dir: Path,
    protocol: ProtocolChoice = "both",
    predictors: Sequence[str | Predictor] = PREDICTORS,
    seed: int = 0,
    *,
    mapping: Mapping | None = None,
    jobs: int = 1,
    progress: Callable[[Step], None] | None = None,
) -> EvaluationReport:
    """Score each predictor on CaSiNo under the split protocol, grouped 5-fold CV, or both.

    ``jobs`` models are trained at once, in threads (the solvers release the GIL); the
    results do not depend on it.
    """
    started = time.perf_counter()
    if protocol not in (*PROTOCOLS, "both"):
        raise ValueError(f"unknown protocol {protocol!r}; choose split, cv or both")
    if not predictors:
        raise ValueError("no predictors to evaluate")
    mapping = mapping if mapping is not None else load_mapping()
    utterances = load_annotated(data_dir)
    selection = _resolve(predictors, mapping)
    chosen: list[ProtocolName] = list(PROTOCOLS) if protocol == "both" else [protocol]
    plans = {p: folds_for(p, utterances, seed=seed) for p in chosen}
    for folds in plans.values():
        for fold in folds:
            _check_held_out(utterances, fold)
    all_jobs = [
        _Job(p, fold, base)
        for p, folds in plans.items()
        for fold in folds
        for base in selection.bases
    ]
    trained = [j for j in all_jobs if selection.bases[j.predictor].trains]
    done: dict[_Job, tuple[list[frozenset[str]], float]] = {}

    def report_progress(job: _Job | None, finished: int) -> None:
        if progress is not None:
            where = ("", "", "") if job is None else (job.protocol, job.fold.name, job.predictor)
            progress(Step(*where, done=finished, total=len(trained)))

    report_progress(None, 0)
    # The rules learn nothing and matching is cheap: they run here, in order.
    for job in all_jobs:
        if not selection.bases[job.predictor].trains:
            done[job] = _run(job, selection.bases[job.predictor], utterances, seed)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {
            pool.submit(_run, job, selection.bases[job.predictor], utterances, seed): job
            for job in trained
        }
        for finished, future in enumerate(as_completed(futures), start=1):
            done[futures[future]] = future.result()
            report_progress(futures[future], finished)
    results = []
    for p, folds in plans.items():
        mine = {(j.fold.name, j.predictor): done[j] for j in all_jobs if j.protocol == p}
        predicted = {key: value[0] for key, value in mine.items()}
        seconds = sum(value[1] for value in mine.values())
        results.append(_score_protocol(p, utterances, folds, selection, predicted, seconds))
    return EvaluationReport(
        data_dir=str(data_dir),
        seed=seed,
        mapping=mapping.source,
        labels=LABELS,
        utterances=len(utterances),
        dialogues=len(dialogues(utterances, range(len(utterances)))),
        protocols=tuple(results),
        seconds=time.perf_counter() - started,
    )
