"""`trustworks eval quality`: does the trust score order counselling sessions as experts graded?

AnnoMI (Wu et al. 2022, 2023) holds 133 transcripts of motivational-interviewing
demonstrations, each graded by the corpus's MI experts as high- or low-quality counselling.
Taking the therapist as the seller, a trust score that reads client-first conduct should put
the high-quality sessions above the low-quality ones. Two figures say how well it does: the
AUC (the chance that a high-quality session scores above a low-quality one, ties counted
half), with a stratified bootstrap interval, and Spearman's rho of the score with the grade
(which, against a two-valued grade, is the point-biserial correlation of the ranks).

The transcripts fall into three parts by how much the project has seen of them: the outside
evaluation set's AnnoMI dialogues (read while tuning the analyzer, so optimistic), the fixed
20 % of the rest that the semantic heads never fit on (``trustworks.semantic.train``; their
labels only choose the reflection head's threshold), and the other 80 %, whose utterance
labels (not their grades) the reflection head was fitted on. The last two are also reported
together.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from trustworks.errors import InputError
from trustworks.evaluate.liking import MEASURES, seller_scores
from trustworks.learn.data import shared_data_dir

GRADES = {"high": 1, "low": 0}
PARTS = ("outside set", "held out", "trained on")
# Reported after the three parts: the two the outside-set reading never touched, pooled, for a
# steadier figure than either alone (3 and 7 low-quality sessions).
POOLED = "held out + trained on"
SELLER = "Therapist"
RESAMPLES = 2000
SEED = 0
DATA_ENV = "TRUSTWORKS_ANNOMI_DIR"
FILE = "annomi.jsonl"


DEFAULT_DATA_DIR = shared_data_dir("annomi", DATA_ENV)


@dataclass(frozen=True, slots=True)
class Session:
    """One graded transcript: its turns (one speaker's consecutive utterances joined)."""

    dialogue: str  # "annomi-81"
    quality: str  # "high" or "low"
    topic: str
    turns: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Measure:
    """How one measure orders the high- against the low-quality sessions of one part."""

    measure: str
    auc: float | None  # P(high scores above low), ties half; None without both grades
    auc_low: float | None  # 95 % stratified bootstrap percentile interval
    auc_high: float | None
    rho: float | None  # Spearman with the grade (high = 1, low = 0)
    p_value: float | None
    n: int  # sessions with a value for this measure


@dataclass(frozen=True)
class PartResult:
    """Every measure on one part of AnnoMI."""

    part: str
    high: int
    low: int
    dialogues: tuple[str, ...]
    measures: tuple[Measure, ...]

    def measure(self, name: str) -> Measure:
        """One measure's figures by name ("trust", "tone"...)."""
        return next(m for m in self.measures if m.measure == name)


@dataclass(frozen=True)
class QualityReport:
    """Everything `trustworks eval quality` reports."""

    data: str
    seconds: float
    resamples: int
    parts: tuple[PartResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)


def _merged(utterances: list[tuple[int, str, str]]) -> tuple[tuple[str, str], ...]:
    """Turns as every Trustworks reader makes them: one speaker's consecutive utterances joined.

    scripts/build_outside_set.py joins them the same way, so the outside set's transcripts are
    the conversations `eval conversations` analyses.
    """
    out: list[tuple[str, str]] = []
    for _, speaker, raw in sorted(utterances, key=lambda u: u[0]):
        text = " ".join(raw.split())
        if not text:
            continue
        if out and out[-1][0] == speaker:
            out[-1] = (speaker, f"{out[-1][1]} {text}")
        else:
            out.append((speaker, text))
    return tuple(out)


def load_sessions(folder: Path) -> list[Session]:
    """Every graded transcript in ``folder/annomi.jsonl``, in the file's order.

    A file that is missing, unreadable or not as AnnoMI's SOURCE.md describes it is an
    InputError naming the file and line.
    """
    path = folder / FILE
    source = str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(source, "file not found (is the AnnoMI data there? see --data)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, f"cannot read: {exc}") from None
    utterances: dict[str, list[tuple[int, str, str]]] = {}
    grades: dict[str, tuple[str, str]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"not valid JSON: {exc.msg}", line=number) from None
        if not isinstance(row, dict):
            raise InputError(source, "not an utterance (a JSON object)", line=number)
        missing = [k for k in ("dialogue", "turn", "speaker", "text", "mi_quality") if k not in row]
        if missing:
            raise InputError(source, f"lacks {', '.join(missing)}", line=number)
        dialogue, turn, speaker, text = row["dialogue"], row["turn"], row["speaker"], row["text"]
        quality = row["mi_quality"]
        if not isinstance(dialogue, str) or not isinstance(text, str):
            raise InputError(source, "dialogue and text must be strings", line=number)
        if not isinstance(turn, int) or isinstance(turn, bool):
            raise InputError(source, f"turn {turn!r:.20} is not a whole number", line=number)
        if speaker not in ("therapist", "client"):
            raise InputError(source, f"speaker {speaker!r:.20} is not therapist or client", number)
        if quality not in GRADES:
            raise InputError(source, f"mi_quality {quality!r:.20} is not high or low", number)
        topic = str(row.get("topic", ""))
        if grades.setdefault(dialogue, (quality, topic))[0] != quality:
            raise InputError(source, f"{dialogue} is graded both high and low", line=number)
        utterances.setdefault(dialogue, []).append((turn, speaker.capitalize(), text))
    sessions = [
        Session(d, grades[d][0], grades[d][1], _merged(u))
        for d, u in utterances.items()
        if any(speaker == SELLER for _, speaker, text in u if text.strip())
    ]
    if not sessions:
        raise InputError(source, "no graded transcript with a therapist's words in it")
    return sessions


def part_of(dialogues: Sequence[str]) -> list[str]:
    """Each dialogue's part: the outside set's, else held out from or trained on by the heads."""
    from trustworks.evaluate.outside.annotations import load_annotations
    from trustworks.semantic.train import _held_out  # the heads' own split, not a copy of it

    outside = {item.id for item in load_annotations().conversations}
    held = _held_out(list(dialogues))
    return [
        PARTS[0] if d in outside else PARTS[1] if bool(h) else PARTS[2]
        for d, h in zip(dialogues, held, strict=True)
    ]


def auc(high: Sequence[float], low: Sequence[float]) -> float | None:
    """The chance that a high-quality session scores above a low-quality one, ties half.

    >>> auc([3, 2], [1, 2])  # 3>1, 3>2, 2>1 and a tie: 3.5 of 4 pairs
    0.875
    """
    if not high or not low:
        return None
    wins = sum(1.0 if h > lo else 0.5 if h == lo else 0.0 for h in high for lo in low)
    return wins / (len(high) * len(low))


def auc_interval(
    high: Sequence[float], low: Sequence[float], resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float] | None:
    """A 95 % percentile interval of the AUC, resampling high and low sessions apart (so every
    resample keeps both grades, as the corpus's 110 to 23 does); fixed seed, same figures."""
    if not high or not low:
        return None
    import numpy as np

    h, lo = np.asarray(high, dtype=float), np.asarray(low, dtype=float)
    # Every pair's outcome once; a resample's AUC is the mean over its rows and columns.
    wins = (h[:, None] > lo[None, :]) + 0.5 * (h[:, None] == lo[None, :])
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(h), size=(resamples, len(h)))
    cols = rng.integers(0, len(lo), size=(resamples, len(lo)))
    # Mean over rows then columns of the picked sub-matrix, without building it.
    per_row = np.stack([wins[r].sum(axis=0) for r in rows])  # resamples x len(low)
    values = np.take_along_axis(per_row, cols, axis=1).sum(axis=1) / (len(h) * len(lo))
    low_end, high_end = np.percentile(values, [2.5, 97.5])
    return round(float(low_end), 3), round(float(high_end), 3)


def _measure(name: str, values: list[float | None], grades: list[str], resamples: int) -> Measure:
    from trustworks.evaluate.outside.harness import spearman

    # Self-orientation is better when lower: flip it so every measure reads "higher is better".
    sign = -1.0 if name == "self_orientation" else 1.0
    pairs = [(sign * v, g) for v, g in zip(values, grades, strict=True) if v is not None]
    high = [v for v, g in pairs if g == "high"]
    low = [v for v, g in pairs if g == "low"]
    area = auc(high, low)
    interval = auc_interval(high, low, resamples)
    correlation = spearman([v for v, _ in pairs], [GRADES[g] for _, g in pairs])
    return Measure(
        name,
        None if area is None else round(area, 3),
        None if interval is None else interval[0],
        None if interval is None else interval[1],
        correlation.rho,
        correlation.p_value,
        len(pairs),
    )


def evaluate_quality(folder: Path, *, resamples: int = RESAMPLES) -> QualityReport:
    """Score every AnnoMI transcript with the therapist as the seller; AUC and rho per part."""
    started = time.perf_counter()
    sessions = load_sessions(folder)
    parts = part_of([s.dialogue for s in sessions])
    scores = [seller_scores(s.turns, SELLER) for s in sessions]
    results = []
    members = {**{part: {part} for part in PARTS}, POOLED: set(PARTS[1:])}
    for part, among in members.items():
        chosen = [i for i, p in enumerate(parts) if p in among]
        grades = [sessions[i].quality for i in chosen]
        measures = tuple(
            _measure(m, [scores[i][m] for i in chosen], grades, resamples) for m in MEASURES
        )
        results.append(
            PartResult(
                part,
                grades.count("high"),
                grades.count("low"),
                tuple(sessions[i].dialogue for i in chosen),
                measures,
            )
        )
    return QualityReport(
        str(folder), round(time.perf_counter() - started, 2), resamples, tuple(results)
    )
