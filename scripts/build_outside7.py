"""Rebuild the seventh outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside7/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of RasaHQ/STAR, wyim/aci-bench
and abachaa/MTS-Dialog, files read from each clone's HEAD, and the shared copies of CaSiNo and
AnnoMI (../shared/data/).

    python scripts/build_outside7.py --star /path/to/STAR --aci-bench /path/to/aci-bench \
        --mts /path/to/MTS-Dialog --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them:
- STAR: build_outside5's rule, continued (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth outside set took the first 4
  (100-103) and the fifth the next 3 (104-106); this set takes the next 5. The wizard
  (renamed "Agent") is judged.
- ACI-BENCH: build_outside6's rule, continued (encounters of data/challenge_data/valid.csv in
  file order with 20 to 60 turns, skipping D2N069, D2N072 and D2N079 and any encounter another
  evaluation set holds). The fourth outside set took the first 5, the sixth the next 4
  (D2N082, D2N083, D2N084, D2N086); this set takes the next 3. The doctor is judged.
  No unused encounter of valid.csv has 20 to 60 turns (D2N086 was the last; the five left have
  61 to 83), so the rule goes on, unchanged otherwise, in data/challenge_data/train.csv (the
  other development split; the second outside set took its first 3 whatever their length):
  a fallback fixed from the turn counts before any encounter was read.
- MTS-Dialog: build_outside4's rule, continued (rows of
  Main-Dataset/MTS-Dialog-ValidationSet.csv with at least 12 turns, most turns first, ties by
  lowest ID). The fourth outside set took the first 4 (IDs 9, 14, 59, 37); this set takes the
  next 3. The doctor is judged.
- CaSiNo: build_outside6's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth, fifth and sixth
  outside sets took the first 5, the next 9 and the next 8; this set takes the next 5. The
  participant who speaks first is judged.
- AnnoMI: build_outside6's rule, continued (transcripts in none of the outside set's 23 nor
  the fifth and sixth sets' 8, lowest transcript ids first for each quality label; 16 to 60
  turns for high quality, 12 to 60 for low quality, the sixth set's fallback floor). This set
  takes the next 1 of each label if one remains within those limits, and none of a label
  otherwise. The therapist is judged.
Turn indices in annotations.toml are 0-based over the joined turns.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

# Every set joins turns alike: the readers and pickers of the earlier sets' builders are reused.
sys.path.insert(0, str(Path(__file__).parent))
from build_outside2 import write_mts, write_star
from build_outside4 import (
    ACI_COUNT,
    ACI_PATH,
    ACI_TURNS,
    CASINO_COUNT,
    MTS_COUNT,
    MTS_PATH,
    STAR_COUNT,
    aci_pick,
    casino_pick,
    mts_pick,
    star_pick,
    write_casino,
)
from build_outside5 import (
    ANNOMI_TURNS,
    ANNOMI_USED,
    CASINO_NEXT,
    OUTSIDE4_CASINO,
    OUTSIDE4_STAR,
    STAR_NEXT,
    annomi_sessions,
    annomi_turns,
    write_annomi,
)
from build_outside6 import (
    ACI_MORE,
    ACI_USED,
    ANNOMI_LOW_TURNS,
    CASINO_MORE,
    OUTSIDE4_ACI,
    OUTSIDE5_ANNOMI,
    OUTSIDE5_CASINO,
)
from build_outside_set import aci_turns, git_show, write_aci

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside7/conversations"

STAR_MORE = 5
ACI_MORE7 = 3
# valid.csv has no unused encounter left within ACI_TURNS (see the module docstring).
ACI_FALLBACK_PATH = "data/challenge_data/train.csv"
MTS_MORE = 3
CASINO_MORE7 = 5
ANNOMI_MORE7 = 1
# What the fifth outside set took from STAR (build_outside5.py).
OUTSIDE5_STAR = (104, 105, 106)
# What the fourth outside set took from MTS-Dialog's validation set (build_outside4.py).
OUTSIDE4_MTS = ("9", "14", "59", "37")
# What the sixth outside set took (build_outside6.py).
OUTSIDE6_ACI = ("D2N082", "D2N083", "D2N084", "D2N086")
OUTSIDE6_CASINO = (785, 964, 804, 220, 721, 240, 796, 345)  # file order
OUTSIDE6_ANNOMI = (2, 3, 10, 32)


def star(repo: Path) -> None:
    earlier = STAR_COUNT + STAR_NEXT
    picked = star_pick(repo, earlier + STAR_MORE)
    assert tuple(number for number, _ in picked[:earlier]) == OUTSIDE4_STAR + OUTSIDE5_STAR
    assert len(picked) == earlier + STAR_MORE
    for number, dialogue in picked[earlier:]:
        write_star(number, dialogue, OUT)


def aci_next(rows: list[dict[str, str]], fallback: list[dict[str, str]]) -> list[dict[str, str]]:
    """The encounters, by the rule in the module docstring: valid.csv's, then train.csv's."""
    fitting = aci_pick(rows, len(rows))
    assert tuple(row["encounter_id"] for row in fitting[:ACI_COUNT]) == OUTSIDE4_ACI
    unused = [row for row in fitting[ACI_COUNT:] if row["encounter_id"] not in ACI_USED]
    assert tuple(row["encounter_id"] for row in unused[:ACI_MORE]) == OUTSIDE6_ACI
    low, high = ACI_TURNS
    used = ACI_USED | set(OUTSIDE6_ACI)
    chosen = unused[ACI_MORE:] + [
        row
        for row in fallback
        if row["encounter_id"] not in used and low <= len(aci_turns(row["dialogue"])) <= high
    ]
    assert len(chosen) >= ACI_MORE7
    return chosen[:ACI_MORE7]


def aci_bench(repo: Path) -> None:
    rows, fallback = (
        list(csv.DictReader(io.StringIO(git_show(repo, path))))
        for path in (ACI_PATH, ACI_FALLBACK_PATH)
    )
    for row in aci_next(rows, fallback):
        write_aci(row, OUT)


def mts_next(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows, by the rule in the module docstring."""
    picked = mts_pick(rows, MTS_COUNT + MTS_MORE)
    assert tuple(row["ID"] for row in picked[:MTS_COUNT]) == OUTSIDE4_MTS
    assert len(picked) == MTS_COUNT + MTS_MORE
    return picked[MTS_COUNT:]


def mts(repo: Path) -> None:
    for row in mts_next(list(csv.DictReader(io.StringIO(git_show(repo, MTS_PATH))))):
        write_mts(row, "valid", OUT)


def casino(shared: Path) -> None:
    dialogues = json.loads((shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    earlier = CASINO_COUNT + CASINO_NEXT + CASINO_MORE
    picked = casino_pick(dialogues, earlier + CASINO_MORE7)
    numbers = tuple(number for number, _ in picked)
    assert numbers[:earlier] == OUTSIDE4_CASINO + OUTSIDE5_CASINO + OUTSIDE6_CASINO
    assert len(picked) == earlier + CASINO_MORE7
    for number, judged in picked[earlier:]:
        write_casino(number, judged, by_id[number], OUT)


def annomi_next(sessions: dict[int, list[dict[str, object]]]) -> list[int]:
    """The transcript ids, by the rule in the module docstring (high first, then low)."""
    used = ANNOMI_USED | set(OUTSIDE5_ANNOMI) | set(OUTSIDE6_ANNOMI)
    chosen: list[int] = []
    for quality, (low, high) in (("high", ANNOMI_TURNS), ("low", ANNOMI_LOW_TURNS)):
        fitting = [
            number
            for number, utts in sorted(sessions.items())
            if utts[0]["mi_quality"] == quality
            and number not in used
            and low <= len(annomi_turns(utts)) <= high
        ]
        chosen += fitting[:ANNOMI_MORE7]
    return chosen


def annomi(shared: Path) -> None:
    sessions = annomi_sessions(shared)
    for number in annomi_next(sessions):
        write_annomi(number, sessions[number], OUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--star", type=Path, required=True)
    parser.add_argument("--aci-bench", type=Path, required=True)
    parser.add_argument("--mts", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    star(args.star)
    aci_bench(args.aci_bench)
    mts(args.mts)
    casino(args.shared)
    annomi(args.shared)


if __name__ == "__main__":
    main()
