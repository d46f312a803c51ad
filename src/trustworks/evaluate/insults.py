"""`trustworks eval insults`: are insults found where people who never saw Trustworks saw them?

ConvAbuse (Cercas Curry et al., EMNLP 2021) holds 4,185 messages that users typed to two chat
systems, each judged by two to seven trained annotators: abusive or not, and if so of what
kind (intellectual put-downs, sexual harassment, sexism...). Every message is checked as a
written draft (``check_draft``) and counts as flagged when a finding of an insult signal
(``INSULT_SIGNALS``) is on it. Then, per part:

- precision: flagged abusive messages / flagged messages that were abusive or not abusive
  (the corpus's "ambiguous" middle is counted neither way);
- recall: flagged abusive messages / abusive messages, overall and per kind of abuse.

Much of the abuse in the corpus is sexual or aimed at the system's gender, which no sales
signal is for, so recall per kind says more than recall overall. The corpus's train split is
where the patterns may be developed; its valid and test splits are the test.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from trustworks.errors import InputError
from trustworks.learn.data import shared_data_dir

DATA_ENV = "TRUSTWORKS_CONVABUSE_DIR"
DEFAULT_DATA_DIR = shared_data_dir("convabuse", DATA_ENV)
FILE = "convabuse.jsonl"
# The signals that call the other person or what they say names.
INSULT_SIGNALS = frozenset({"belittles_the_client"})
PARTS = {"development": ("train",), "test": ("valid", "test")}
KINDS = (
    "intellectual",
    "sex_harassment",
    "sexist",
    "homophobic",
    "racist",
    "ableist",
    "transphobic",
    "explicit",
    "implicit",
)


@dataclass(frozen=True, slots=True)
class Message:
    """One annotated user message: its text, split and labels."""

    text: str
    split: str
    labels: frozenset[str]

    @property
    def abusive(self) -> bool:
        return "abusive" in self.labels

    @property
    def not_abusive(self) -> bool:
        return "not_abusive" in self.labels


@dataclass(frozen=True, slots=True)
class KindRecall:
    """Recall over the abusive messages of one kind."""

    kind: str
    found: int
    total: int

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class PartResult:
    """Precision and recall over one part of the corpus."""

    part: str
    splits: tuple[str, ...]
    messages: int
    abusive: int
    flagged: int
    flagged_abusive: int
    flagged_not_abusive: int
    kinds: tuple[KindRecall, ...]

    @property
    def precision(self) -> float | None:
        judged = self.flagged_abusive + self.flagged_not_abusive
        return self.flagged_abusive / judged if judged else None

    @property
    def recall(self) -> float | None:
        return self.flagged_abusive / self.abusive if self.abusive else None


@dataclass(frozen=True, slots=True)
class InsultsReport:
    """The measurement on every part, and where the data came from."""

    data: str
    seconds: float
    parts: tuple[PartResult, ...]

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for part, result in zip(out["parts"], self.parts, strict=True):
            part["precision"] = result.precision
            part["recall"] = result.recall
            for kind, measured in zip(part["kinds"], result.kinds, strict=True):
                kind["recall"] = measured.recall
        return out


def load_messages(path: Path) -> list[Message]:
    """Read ``convabuse.jsonl``: one annotated message a line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(
            str(path), "file not found (set --data or $TRUSTWORKS_CONVABUSE_DIR)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read: {error}") from error
    messages = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text, split, labels = row["text"], row["split"], row["labels"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}", f"not a ConvAbuse message: {error}") from error
        if not isinstance(text, str) or not isinstance(labels, list):
            raise InputError(f"{path}:{number}", "text must be a string and labels a list")
        messages.append(Message(text, str(split), frozenset(map(str, labels))))
    return messages


def flags_insult(text: str) -> bool:
    """Whether the analyzer finds an insult in ``text`` read as the writer's own draft."""
    from trustworks.analysis.draft import check_draft

    return any(f.signal in INSULT_SIGNALS for f in check_draft(text).findings)


def measure_part(part: str, splits: Sequence[str], messages: Sequence[Message]) -> PartResult:
    """Precision and recall of the insult signals over the messages of ``splits``."""
    chosen = [m for m in messages if m.split in splits]
    flagged = [m for m in chosen if flags_insult(m.text)]
    abusive = [m for m in chosen if m.abusive]
    found = [m for m in flagged if m.abusive]

    def of_kind(kind: str, among: list[Message]) -> int:
        return sum(1 for m in among if kind in m.labels)

    return PartResult(
        part,
        tuple(splits),
        len(chosen),
        len(abusive),
        len(flagged),
        len(found),
        sum(1 for m in flagged if m.not_abusive),
        tuple(KindRecall(k, of_kind(k, found), of_kind(k, abusive)) for k in KINDS),
    )


def evaluate_insults(folder: Path) -> InsultsReport:
    """Measure the insult signals on every part of ConvAbuse in ``folder`` (or that file)."""
    started = time.perf_counter()
    # The folder is asked for; the file itself is taken too.
    messages = load_messages(folder if folder.is_file() else folder / FILE)
    parts = []
    for part, splits in PARTS.items():
        result = measure_part(part, splits, messages)
        if not result.messages:  # a measurement over nothing is no finding: say so
            raise InputError(str(folder / FILE), f"no message of split {'/'.join(splits)}")
        parts.append(result)
    return InsultsReport(str(folder), round(time.perf_counter() - started, 2), tuple(parts))
