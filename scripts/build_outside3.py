"""Rebuild the third outside (dev) set's conversation files from their public source.

The files in src/trustworks/evaluate/outside3/conversations/ were written by this script; it
is kept so anyone can check that every turn is the source's text, unchanged, and how the
conversations were picked. It needs the shared copy of CaSiNo (../shared/data/casino/).

    python scripts/build_outside3.py --shared ../shared/data

The picking rule, written down before any dialogue was read, uses only metadata: CaSiNo
train-split dialogues in file order whose strategy annotations are empty (so no Trustworks
head ever trained on their labels), that are in no other evaluation set, and that have 10 to
60 turns of speech once deal events are dropped and consecutive utterances by one speaker are
joined; the first 14 are taken. The judged participant (the "seller") is the one who speaks
first. Turn indices in annotations.toml are 0-based over the joined turns, as every reader
counts them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# The outside set's builder joins turns and drops CaSiNo's deal events; every set does it alike.
sys.path.insert(0, str(Path(__file__).parent))
from build_outside_set import DEAL_EVENTS, merged

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside3/conversations"

NAMES = {"mturk_agent_1": "Participant 1", "mturk_agent_2": "Participant 2"}
# Dialogues of the outside set (test split) and of the blind holdouts (notes/fresh-common.md).
EXCLUDED = frozenset(
    {19, 97, 133, 183, 423, 479, 497, 600}
    | {1026, 299, 30, 338, 350, 395, 451, 520, 550, 690, 723, 766, 87, 953}
    | {228, 250, 262, 301, 343, 35, 351, 447, 571, 645, 760, 778}
)
COUNT = 14


def speech(dialogue: dict[str, object]) -> list[dict[str, str]]:
    logs = dialogue["chat_logs"]
    assert isinstance(logs, list)
    return merged([(NAMES[c["id"]], c["text"]) for c in logs if c["text"] not in DEAL_EVENTS])


def pick(dialogues: list[dict[str, object]], count: int = COUNT) -> list[tuple[int, str]]:
    """(dialogue id, judged participant) pairs, by the rule in the module docstring."""
    chosen: list[tuple[int, str]] = []
    for d in dialogues:
        number = int(str(d["dialogue_id"]))
        if d["annotations"] or number in EXCLUDED:
            continue
        turns = speech(d)
        if not 10 <= len(turns) <= 60:
            continue
        first = next(c["id"] for c in d["chat_logs"] if c["text"] not in DEAL_EVENTS)  # type: ignore[union-attr]
        chosen.append((number, str(first)))
        if len(chosen) == count:
            break
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    dialogues = json.loads((args.shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    OUT.mkdir(parents=True, exist_ok=True)
    for number, judged in pick(dialogues):
        body = {
            "title": f"CaSiNo train dialogue {number} (campsite negotiation; "
            f"judged: {NAMES[judged]}, who speaks first)",
            "source": "CaSiNo",
            "licence": "CC BY 4.0",
            "url": "https://github.com/kushalchawla/CaSiNo",
            "turns": speech(by_id[number]),
        }
        path = OUT / f"casino-{number}.json"
        path.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
