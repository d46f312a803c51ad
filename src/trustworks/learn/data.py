"""The CaSiNo strategy annotations as a flat list of labelled utterances.

Each split file is a JSON list of dialogues whose ``annotations`` pair an utterance's text
with its comma-separated labels. The text inside each annotation is used as is: zipping
``annotations`` with ``chat_logs`` by position shifts the pairs in three dialogues that have
an unannotated turn (see the data's SOURCE.md).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from trustworks.errors import InputError

SPLITS = ("train", "valid", "test")
# The six CaSiNo strategies Trustworks detects, named exactly as the corpus names them.
LABELS = (
    "small-talk",
    "showing-empathy",
    "elicit-pref",
    "promote-coordination",
    "self-need",
    "uv-part",
)
DATA_ENV = "TRUSTWORKS_CASINO_DIR"


@dataclass(frozen=True, slots=True)
class Utterance:
    """One annotated utterance; ``dialogue_id`` is unique across splits ("train:607").

    ``previous`` is the text of the annotated utterance just before it in its dialogue (the
    other negotiator's last turn; "" for the first): words a reader has, never a label.
    """

    dialogue_id: str
    split: str
    text: str
    labels: frozenset[str]
    previous: str = ""


def shared_data_dir(corpus: str, env: str) -> Path:
    """Where a corpus of ``../shared/data`` is: the environment variable ``env`` if set, else
    the first ``shared/data/<corpus>`` found walking up from this package (the corpora live
    beside the repository), else where that would be beside a plain checkout."""
    override = os.environ.get(env)
    if override:
        return Path(override)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "data" / corpus
        if candidate.is_dir():
            return candidate
    return here.parents[3].parent / "shared" / "data" / corpus


DEFAULT_DATA_DIR = shared_data_dir("casino", DATA_ENV)


def _annotations(dialogue: Any, source: str, index: int) -> list[tuple[str, str]]:
    if not isinstance(dialogue, dict) or "dialogue_id" not in dialogue:
        raise InputError(source, f"dialogue {index} is not an object with a dialogue_id")
    pairs = dialogue.get("annotations", [])
    where = f"dialogue {dialogue['dialogue_id']}"
    if not isinstance(pairs, list):
        raise InputError(source, f"{where}: annotations is not a list")
    checked = []
    for pair in pairs:
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not all(isinstance(part, str) for part in pair)
        ):
            raise InputError(source, f"{where}: annotation {pair!r} is not [text, labels]")
        checked.append((pair[0], pair[1]))
    return checked


def read_dialogues(path: Path) -> list[Any]:
    """The dialogues of one split file as JSON; InputError names the file if it is bad."""
    source = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(source, "file not found (is the CaSiNo data there? see --data)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(source, f"cannot read: {exc}") from exc
    try:
        dialogues = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON: {exc.msg}", line=exc.lineno) from exc
    if not isinstance(dialogues, list):
        raise InputError(source, "expected a JSON list of dialogues")
    return dialogues


def load_split(path: Path, split: str) -> list[Utterance]:
    """The annotated utterances of one split file; InputError names the file if it is bad."""
    source = str(path)
    dialogues = read_dialogues(path)
    utterances = []
    for index, dialogue in enumerate(dialogues):
        previous = ""
        for text, labels in _annotations(dialogue, source, index):
            # Upstream has one label string with an empty token ("small-talk,self-need,,...").
            tokens = frozenset(t.strip() for t in labels.split(",") if t.strip())
            key = f"{split}:{dialogue['dialogue_id']}"
            utterances.append(Utterance(key, split, text.strip(), tokens, previous))
            previous = text.strip()
    return utterances


def load_casino(data_dir: Path = DEFAULT_DATA_DIR) -> list[Utterance]:
    """Every annotated utterance of casino_{train,valid,test}.json, in file order."""
    return [u for split in SPLITS for u in load_split(data_dir / f"casino_{split}.json", split)]


def label_matrix(utterances: Sequence[Utterance], labels: Sequence[str]) -> npt.NDArray[np.bool_]:
    """A boolean [utterances x labels] matrix: which utterance carries which label."""
    return np.array(
        [[label in u.labels for label in labels] for u in utterances], dtype=bool
    ).reshape(len(utterances), len(labels))
