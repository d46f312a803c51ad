"""`trustworks eval liking`: does the trust score order people as the other side rated them?

A coach's grade is one reading of trust; the person across the table gives another. Every
CaSiNo negotiator answered, after the chat, how much they liked the other side (five steps,
"extremely dislike" to "extremely like"). Taking each negotiator in turn as the seller, the
trust score of their side of the chat should rise with the rating their partner gave them.

Thousands of ratings by people who never saw Trustworks make this a measure of score order
at a scale no hand-graded set reaches. The ratings are noisy (each is one person's mood
after one chat), so the correlation is small even for a good score; what matters is that it
is positive, significant and not worse on the dialogues no choice was made on. The corpus's
train split is where the score's knobs may be calibrated; its valid and test splits are the
test; dialogues of the outside evaluation set are left out of both.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from trustworks.errors import InputError
from trustworks.learn.data import read_dialogues

# The survey's answers, in order.
RATINGS = {
    "Extremely dislike": 1,
    "Slightly dislike": 2,
    "Undecided": 3,
    "Slightly like": 4,
    "Extremely like": 5,
}
PARTS = {"calibration": ("train",), "test": ("valid", "test")}
# The deal buttons are the interface speaking, not the negotiator.
_INTERFACE = frozenset({"Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"})
MEASURES = ("trust", "credibility", "reliability", "intimacy", "self_orientation", "tone")


@dataclass(frozen=True, slots=True)
class Rated:
    """One negotiator's side of one chat, with the rating their partner gave them."""

    dialogue: str  # "train:12"
    seller: str
    turns: tuple[tuple[str, str], ...]
    rating: int


@dataclass(frozen=True, slots=True)
class Correlation:
    """Spearman's rho of one measure with the ratings."""

    measure: str
    rho: float | None
    p_value: float | None
    n: int


@dataclass(frozen=True)
class PartResult:
    """Every measure's correlation on one part of the corpus."""

    part: str
    splits: tuple[str, ...]
    negotiators: int
    correlations: tuple[Correlation, ...]

    def rho(self, measure: str) -> float | None:
        """The correlation of one measure (None when undefined)."""
        return next(c.rho for c in self.correlations if c.measure == measure)


@dataclass(frozen=True)
class LikingReport:
    """Everything `trustworks eval liking` reports."""

    data: str
    seconds: float
    parts: tuple[PartResult, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return asdict(self)


def _rated(dialogue: Any, split: str, source: str, number: int) -> Iterator[Rated]:
    """The rated negotiators of the `number`th dialogue of a file; a dialogue not shaped as
    CaSiNo writes them is an InputError naming its place (the file is not guessed at)."""
    if not isinstance(dialogue, dict):
        raise InputError(source, f"dialogue {number}: not a dialogue (a JSON object)")
    place = f"dialogue {number} (id {dialogue.get('dialogue_id')})"
    try:
        ident = f"{split}:{dialogue['dialogue_id']}"
        turns = tuple(
            (str(m["id"]), str(m["text"]))
            for m in dialogue["chat_logs"]
            if str(m["text"]) not in _INTERFACE
        )
        info = dialogue["participant_info"]
        if not isinstance(info, dict):
            raise TypeError("participant_info is not an object")
        agents = sorted(info)
    except KeyError as exc:
        raise InputError(source, f"{place}: lacks {exc}") from None
    except TypeError as exc:
        raise InputError(source, f"{place}: not as CaSiNo writes it ({exc})") from None
    if len(agents) != 2:
        raise InputError(source, f"{place}: expected two participants")
    for me, other in (agents, agents[::-1]):
        try:
            answer = info[other]["outcomes"]["opponent_likeness"]
        except (KeyError, TypeError):
            continue  # the partner never answered the survey
        if not isinstance(answer, str):
            raise InputError(source, f"{place}: opponent_likeness {answer!r:.40} is not a rating")
        if answer in RATINGS and any(speaker == me for speaker, _ in turns):
            yield Rated(ident, me, turns, RATINGS[answer])


def load_rated(folder: Path, splits: Sequence[str], excluded: frozenset[str]) -> list[Rated]:
    """Every rated negotiator of the given splits, but for dialogues in ``excluded``."""
    out = []
    for split in splits:
        path = folder / f"casino_{split}.json"
        for number, dialogue in enumerate(read_dialogues(path), 1):
            for rated in _rated(dialogue, split, str(path), number):
                if f"casino-{split}-{rated.dialogue.split(':', 1)[1]}" not in excluded:
                    out.append(rated)
    return out


def seller_scores(turns: Sequence[tuple[str, str]], seller: str) -> dict[str, float | None]:
    """The Trust Equation's scores and the seller's tone, by measure, for one conversation."""
    from trustworks.analysis import analyze
    from trustworks.conversation import conversation_from_pairs

    analysis = analyze(conversation_from_pairs(turns, seller=seller))
    trust = analysis.trust
    return {
        "trust": trust.trust,
        "credibility": trust.credibility,
        "reliability": trust.reliability,
        "intimacy": trust.intimacy,
        "self_orientation": trust.self_orientation,
        "tone": analysis.metrics.seller_tone,
    }


def _correlation(measure: str, values: list[float | None], ratings: list[int]) -> Correlation:
    from trustworks.evaluate.outside.harness import spearman

    pairs = [(v, r) for v, r in zip(values, ratings, strict=True) if v is not None]
    # Self-orientation is better when lower: flip it so every measure reads "higher is liked".
    sign = -1.0 if measure == "self_orientation" else 1.0
    result = spearman([sign * v for v, _ in pairs], [r for _, r in pairs])
    return Correlation(measure, result.rho, result.p_value, result.n)


def evaluate_liking(folder: Path) -> LikingReport:
    """Correlate each negotiator's scores with their partner's rating, per part of CaSiNo."""
    from trustworks.evaluate.outside.annotations import load_annotations

    started = time.perf_counter()
    excluded = frozenset(
        f"casino-test-{item.id.removeprefix('casino-')}"
        for item in load_annotations().conversations
        if item.id.startswith("casino-")
    )
    parts = []
    for part, splits in PARTS.items():
        rated = load_rated(folder, splits, excluded)
        if not rated:  # a correlation over nobody is no finding: say so, do not print dashes
            files = ", ".join(str(folder / f"casino_{split}.json") for split in splits)
            raise InputError(files, "no negotiator was rated by their partner")
        scores = [seller_scores(r.turns, r.seller) for r in rated]
        ratings = [r.rating for r in rated]
        correlations = tuple(_correlation(m, [s[m] for s in scores], ratings) for m in MEASURES)
        parts.append(PartResult(part, splits, len(rated), correlations))
    return LikingReport(str(folder), round(time.perf_counter() - started, 2), tuple(parts))
