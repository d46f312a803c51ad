"""Rebuild the twelfth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside12/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of RasaHQ/STAR, wyim/aci-bench
and abachaa/MTS-Dialog, files read from each clone's HEAD, and the shared copies of CaSiNo and
AnnoMI (../shared/data/).

    python scripts/build_outside12.py --star /path/to/STAR --aci-bench /path/to/aci-bench \
        --mts /path/to/MTS-Dialog --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them:
- STAR: build_outside11's rule, continued (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth, fifth, seventh, eighth, ninth,
  tenth and eleventh outside sets took the first 4 (100-103), the next 3 (104-106), the next 5
  (107, 108, 109, 111, 112), the next 5 (113, 115, 117, 118, 119), the next 5 (120, 122, 124,
  126, 127), the next 4 (128-131) and the next 4 (132-135); this set takes the next 4. The
  wizard (renamed "Agent") is judged.
- ACI-BENCH: build_outside11's fallback, continued (encounters of
  data/challenge_data/train.csv in file order with 20 to 60 turns that no other evaluation set
  holds, valid.csv's being used up; the seventh to eleventh sets took D2N005, D2N006, D2N007,
  then D2N008, D2N011, D2N012, then D2N013, D2N014, D2N015, then D2N017, D2N019, then D2N020,
  D2N024); this set takes the next 2. The doctor is judged.
- MTS-Dialog: build_outside11's rule, continued (rows of
  Main-Dataset/MTS-Dialog-ValidationSet.csv with at least 12 turns, most turns first, ties by
  lowest ID). The fourth, seventh, eighth, ninth, tenth and eleventh outside sets took the
  first 4 (IDs 9, 14, 59, 37), the next 3 (81, 0, 13), the next 3 (62, 66, 71), the next 3
  (89, 16, 41), the next 2 (24, 43) and the next 2 (53, 1); this set takes the next 2. The
  doctor is judged.
- CaSiNo: build_outside11's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth to eleventh
  outside sets took the first 5, the next 9, the next 8, the next 5, the next 5, the next 5,
  the next 7 and the next 7; this set takes the next 7 (negotiation matters most to the
  product). The participant who speaks first is judged.
- AnnoMI: build_outside11's rule, continued (transcripts in none of the outside set's 23 nor
  the fifth to eleventh sets' 14, lowest transcript ids first for each quality label; 16 to 60
  turns for high quality, 12 to 60 for low quality). This set takes the next 1 of each label
  if one remains within those limits, and none of a label otherwise. The therapist is judged.
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
    ACI_TURNS,
    CASINO_COUNT,
    MTS_COUNT,
    MTS_PATH,
    STAR_COUNT,
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
from build_outside6 import ACI_USED, ANNOMI_LOW_TURNS, CASINO_MORE, OUTSIDE5_ANNOMI, OUTSIDE5_CASINO
from build_outside7 import (
    ACI_FALLBACK_PATH,
    CASINO_MORE7,
    MTS_MORE,
    OUTSIDE4_MTS,
    OUTSIDE5_STAR,
    OUTSIDE6_ACI,
    OUTSIDE6_ANNOMI,
    OUTSIDE6_CASINO,
    STAR_MORE,
)
from build_outside8 import (
    CASINO_MORE8,
    MTS_MORE8,
    OUTSIDE7_ACI,
    OUTSIDE7_ANNOMI,
    OUTSIDE7_CASINO,
    OUTSIDE7_MTS,
    OUTSIDE7_STAR,
    STAR_MORE8,
)
from build_outside9 import (
    CASINO_MORE9,
    MTS_MORE9,
    OUTSIDE8_ACI,
    OUTSIDE8_ANNOMI,
    OUTSIDE8_CASINO,
    OUTSIDE8_MTS,
    OUTSIDE8_STAR,
    STAR_MORE9,
)
from build_outside10 import (
    CASINO_MORE10,
    MTS_MORE10,
    OUTSIDE9_ACI,
    OUTSIDE9_ANNOMI,
    OUTSIDE9_CASINO,
    OUTSIDE9_MTS,
    OUTSIDE9_STAR,
    STAR_MORE10,
)
from build_outside11 import (
    CASINO_MORE11,
    MTS_MORE11,
    OUTSIDE10_ACI,
    OUTSIDE10_ANNOMI,
    OUTSIDE10_CASINO,
    OUTSIDE10_MTS,
    OUTSIDE10_STAR,
    STAR_MORE11,
)
from build_outside_set import aci_turns, git_show, write_aci

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside12/conversations"

STAR_MORE12 = 4
ACI_MORE12 = 2
MTS_MORE12 = 2
CASINO_MORE12 = 7
ANNOMI_MORE12 = 1
# What the eleventh outside set took (build_outside11.py).
OUTSIDE11_STAR = (132, 133, 134, 135)
OUTSIDE11_ACI = ("D2N020", "D2N024")
OUTSIDE11_MTS = ("53", "1")
OUTSIDE11_CASINO = (973, 373, 629, 636, 1009, 735, 286)  # file order
OUTSIDE11_ANNOMI = (16,)


def star(repo: Path) -> None:
    earlier = (
        STAR_COUNT + STAR_NEXT + STAR_MORE + STAR_MORE8 + STAR_MORE9 + STAR_MORE10 + STAR_MORE11
    )
    picked = star_pick(repo, earlier + STAR_MORE12)
    assert tuple(number for number, _ in picked[:earlier]) == (
        OUTSIDE4_STAR
        + OUTSIDE5_STAR
        + OUTSIDE7_STAR
        + OUTSIDE8_STAR
        + OUTSIDE9_STAR
        + OUTSIDE10_STAR
        + OUTSIDE11_STAR
    )
    assert len(picked) == earlier + STAR_MORE12
    for number, dialogue in picked[earlier:]:
        write_star(number, dialogue, OUT)


def aci_next(fallback: list[dict[str, str]]) -> list[dict[str, str]]:
    """The encounters, by the rule in the module docstring: train.csv's, after the eleventh's."""
    low, high = ACI_TURNS
    used = ACI_USED | set(OUTSIDE6_ACI)
    fitting = [
        row
        for row in fallback
        if row["encounter_id"] not in used and low <= len(aci_turns(row["dialogue"])) <= high
    ]
    earlier = OUTSIDE7_ACI + OUTSIDE8_ACI + OUTSIDE9_ACI + OUTSIDE10_ACI + OUTSIDE11_ACI
    assert tuple(row["encounter_id"] for row in fitting[: len(earlier)]) == earlier
    chosen = fitting[len(earlier) :]
    assert len(chosen) >= ACI_MORE12
    return chosen[:ACI_MORE12]


def aci_bench(repo: Path) -> None:
    fallback = list(csv.DictReader(io.StringIO(git_show(repo, ACI_FALLBACK_PATH))))
    for row in aci_next(fallback):
        write_aci(row, OUT)


def mts_next(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows, by the rule in the module docstring."""
    earlier = MTS_COUNT + MTS_MORE + MTS_MORE8 + MTS_MORE9 + MTS_MORE10 + MTS_MORE11
    picked = mts_pick(rows, earlier + MTS_MORE12)
    assert (
        tuple(row["ID"] for row in picked[:earlier])
        == OUTSIDE4_MTS + OUTSIDE7_MTS + OUTSIDE8_MTS + OUTSIDE9_MTS + OUTSIDE10_MTS + OUTSIDE11_MTS
    )
    assert len(picked) == earlier + MTS_MORE12
    return picked[earlier:]


def mts(repo: Path) -> None:
    for row in mts_next(list(csv.DictReader(io.StringIO(git_show(repo, MTS_PATH))))):
        write_mts(row, "valid", OUT)


def casino(shared: Path) -> None:
    dialogues = json.loads((shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    earlier = (
        CASINO_COUNT
        + CASINO_NEXT
        + CASINO_MORE
        + CASINO_MORE7
        + CASINO_MORE8
        + CASINO_MORE9
        + CASINO_MORE10
        + CASINO_MORE11
    )
    picked = casino_pick(dialogues, earlier + CASINO_MORE12)
    numbers = tuple(number for number, _ in picked)
    assert numbers[:earlier] == (
        OUTSIDE4_CASINO
        + OUTSIDE5_CASINO
        + OUTSIDE6_CASINO
        + OUTSIDE7_CASINO
        + OUTSIDE8_CASINO
        + OUTSIDE9_CASINO
        + OUTSIDE10_CASINO
        + OUTSIDE11_CASINO
    )
    assert len(picked) == earlier + CASINO_MORE12
    for number, judged in picked[earlier:]:
        write_casino(number, judged, by_id[number], OUT)


def annomi_next(sessions: dict[int, list[dict[str, object]]]) -> list[int]:
    """The transcript ids, by the rule in the module docstring (high first, then low)."""
    used = (
        ANNOMI_USED
        | set(OUTSIDE5_ANNOMI)
        | set(OUTSIDE6_ANNOMI)
        | set(OUTSIDE7_ANNOMI)
        | set(OUTSIDE8_ANNOMI)
        | set(OUTSIDE9_ANNOMI)
        | set(OUTSIDE10_ANNOMI)
        | set(OUTSIDE11_ANNOMI)
    )
    chosen: list[int] = []
    for quality, (low, high) in (("high", ANNOMI_TURNS), ("low", ANNOMI_LOW_TURNS)):
        fitting = [
            number
            for number, utts in sorted(sessions.items())
            if utts[0]["mi_quality"] == quality
            and number not in used
            and low <= len(annomi_turns(utts)) <= high
        ]
        chosen += fitting[:ANNOMI_MORE12]
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
