"""Rebuild the fourth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside4/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of wyim/aci-bench,
abachaa/MTS-Dialog and RasaHQ/STAR, files read from each clone's HEAD, and the shared copy of
CaSiNo (../shared/data/casino/).

    python scripts/build_outside4.py --aci-bench /path/to/aci-bench --mts /path/to/MTS-Dialog \
        --star /path/to/STAR --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata. Turns
are counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after
deal events are dropped), as every Trustworks reader counts them:
- ACI-BENCH: the first 5 encounters of data/challenge_data/valid.csv, in file order, with 20
  to 60 turns, skipping D2N069, D2N072 and D2N079 (in the first outside set). The doctor is
  judged.
- MTS-Dialog: the 4 rows of Main-Dataset/MTS-Dialog-ValidationSet.csv with the most turns
  (ties: lowest ID), each with at least 12 turns. The doctor is judged.
- STAR: the 4 lowest numeric dialogue ids from 100 up whose CompletionLevel is "Complete" and
  that have at least 10 turns, skipping dialogues 1-5 (the second outside set) and the ids the
  blind holdouts use (241, 271, 607, 1654, 2147). The wizard (renamed "Agent") is judged.
- CaSiNo: train-split dialogues in file order, after the first 600 entries of
  casino_train.json, whose strategy annotations are empty, that are in no other evaluation set
  (build_outside3's EXCLUDED and the third outside set's 14 dialogues) and that have 10 to 60
  turns of speech; the first 5 are taken. The participant who speaks first is judged.
Turn indices in annotations.toml are 0-based over the joined turns.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

# Every set joins turns alike: the readers of the earlier sets' builders are reused.
sys.path.insert(0, str(Path(__file__).parent))
from build_outside2 import mts_turns, star_numbers, star_turns, write_mts, write_star
from build_outside3 import EXCLUDED, NAMES, speech
from build_outside_set import DEAL_EVENTS, aci_turns, git_show, write, write_aci

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside4/conversations"

ACI_PATH = "data/challenge_data/valid.csv"
ACI_EXCLUDED = frozenset({"D2N069", "D2N072", "D2N079"})
ACI_COUNT = 5
ACI_TURNS = (20, 60)
MTS_PATH = "Main-Dataset/MTS-Dialog-ValidationSet.csv"
MTS_COUNT = 4
MTS_MIN_TURNS = 12
STAR_COUNT = 4
STAR_FROM = 100
STAR_MIN_TURNS = 10
# Dialogues 1-5 are in the second outside set; the rest are the blind holdouts' (holdout3).
STAR_EXCLUDED = frozenset({1, 2, 3, 4, 5, 241, 271, 607, 1654, 2147})
CASINO_SKIP = 600
CASINO_COUNT = 5
CASINO_TURNS = (10, 60)
# The third outside set's dialogues (build_outside3.py).
OUTSIDE3 = frozenset({938, 404, 790, 727, 620, 670, 777, 996, 649, 794, 348, 791, 820, 263})


def aci_pick(rows: list[dict[str, str]], count: int = ACI_COUNT) -> list[dict[str, str]]:
    low, high = ACI_TURNS
    chosen = [
        row
        for row in rows
        if row["encounter_id"] not in ACI_EXCLUDED
        and low <= len(aci_turns(row["dialogue"])) <= high
    ]
    return chosen[:count]


def aci_bench(repo: Path) -> None:
    for row in aci_pick(list(csv.DictReader(io.StringIO(git_show(repo, ACI_PATH))))):
        write_aci(row, OUT)


def mts_pick(rows: list[dict[str, str]], count: int = MTS_COUNT) -> list[dict[str, str]]:
    sized = [(len(mts_turns(row["dialogue"])), int(row["ID"]), row) for row in rows]
    sized = [entry for entry in sized if entry[0] >= MTS_MIN_TURNS]
    sized.sort(key=lambda entry: (-entry[0], entry[1]))
    return [row for _, _, row in sized[:count]]


def mts(repo: Path) -> None:
    for row in mts_pick(list(csv.DictReader(io.StringIO(git_show(repo, MTS_PATH))))):
        write_mts(row, "valid", OUT)


def star_pick(repo: Path, count: int = STAR_COUNT) -> list[tuple[int, dict[str, object]]]:
    chosen: list[tuple[int, dict[str, object]]] = []
    for number in star_numbers(repo):
        if number < STAR_FROM or number in STAR_EXCLUDED:
            continue
        dialogue = json.loads(git_show(repo, f"dialogues/{number}.json"))
        if dialogue["CompletionLevel"] != "Complete":
            continue
        if len(star_turns(dialogue)) < STAR_MIN_TURNS:
            continue
        chosen.append((number, dialogue))
        if len(chosen) == count:
            break
    return chosen


def star(repo: Path) -> None:
    for number, dialogue in star_pick(repo):
        write_star(number, dialogue, OUT)


def casino_pick(
    dialogues: list[dict[str, object]], count: int = CASINO_COUNT
) -> list[tuple[int, str]]:
    """(dialogue id, judged participant) pairs, by the rule in the module docstring."""
    low, high = CASINO_TURNS
    chosen: list[tuple[int, str]] = []
    for d in dialogues[CASINO_SKIP:]:
        number = int(str(d["dialogue_id"]))
        if d["annotations"] or number in EXCLUDED or number in OUTSIDE3:
            continue
        if not low <= len(speech(d)) <= high:
            continue
        logs = d["chat_logs"]
        assert isinstance(logs, list)
        first = next(c["id"] for c in logs if c["text"] not in DEAL_EVENTS)
        chosen.append((number, str(first)))
        if len(chosen) == count:
            break
    return chosen


def write_casino(number: int, judged: str, dialogue: dict[str, Any], out: Path) -> None:
    """One CaSiNo train dialogue's file, the participant who speaks first judged."""
    write(
        f"casino-{number}",
        {
            "title": f"CaSiNo train dialogue {number} (campsite negotiation; "
            f"judged: {NAMES[judged]}, who speaks first)",
            "source": "CaSiNo",
            "licence": "CC BY 4.0",
            "url": "https://github.com/kushalchawla/CaSiNo",
        },
        speech(dialogue),
        out,
    )


def casino(shared: Path) -> None:
    dialogues = json.loads((shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    for number, judged in casino_pick(dialogues):
        write_casino(number, judged, by_id[number], OUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aci-bench", type=Path, required=True)
    parser.add_argument("--mts", type=Path, required=True)
    parser.add_argument("--star", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    aci_bench(args.aci_bench)
    mts(args.mts)
    star(args.star)
    casino(args.shared)


if __name__ == "__main__":
    main()
