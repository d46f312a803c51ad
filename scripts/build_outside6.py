"""Rebuild the sixth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside6/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs a local clone (a bare one does) of wyim/aci-bench, files
read from its HEAD, and the shared copies of CaSiNo and AnnoMI (../shared/data/).

    python scripts/build_outside6.py --aci-bench /path/to/aci-bench --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, turn counts and who speaks first. Turns are counted after
consecutive utterances by one speaker are joined (and, for CaSiNo, after deal events are
dropped), as every Trustworks reader counts them:
- CaSiNo: build_outside4's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth outside set took
  the first 5 such dialogues and the fifth the next 9; this set takes the next 8. The
  participant who speaks first is judged.
- AnnoMI: build_outside5's rule, continued (transcripts in none of the outside set's 23, with
  16 to 60 turns, lowest transcript ids first for each quality label). The fifth outside set
  took the first 2 of each label (high 0 and 1, low 115 and 126); this set takes the next 2
  of each (2 high-quality, 2 low-quality). No unused low-quality transcript has 16 to 60 turns
  (115 and 126 were the last), so for the low-quality label alone the floor is lowered to 12
  turns (ANNOMI_LOW_TURNS), a fallback fixed from the turn counts before any transcript was
  read. The therapist is judged.
- ACI-BENCH: build_outside4's rule, continued (encounters of data/challenge_data/valid.csv in
  file order with 20 to 60 turns, skipping D2N069, D2N072 and D2N079). The fourth outside set
  took the first 5; this set takes the next 4, also skipping any encounter another
  evaluation set already holds (ACI_USED). The doctor is judged.
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
from build_outside4 import (
    ACI_COUNT,
    ACI_PATH,
    CASINO_COUNT,
    aci_pick,
    casino_pick,
    write_casino,
)
from build_outside5 import (
    ANNOMI_TURNS,
    ANNOMI_USED,
    CASINO_NEXT,
    OUTSIDE4_CASINO,
    annomi_pick,
    annomi_sessions,
    annomi_turns,
    write_annomi,
)
from build_outside_set import git_show, write_aci

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside6/conversations"

CASINO_MORE = 8
ANNOMI_MORE = 2
ACI_MORE = 4
# Low quality only: no unused transcript is left in ANNOMI_TURNS (see the module docstring).
ANNOMI_LOW_TURNS = (12, ANNOMI_TURNS[1])
# What the fifth outside set took by the same rules (build_outside5.py).
OUTSIDE5_CASINO = (354, 691, 688, 717, 956, 233, 913, 815, 853)
OUTSIDE5_ANNOMI = (0, 1, 115, 126)
# What the fourth outside set took from valid.csv (build_outside4.py).
OUTSIDE4_ACI = ("D2N071", "D2N074", "D2N075", "D2N078", "D2N081")
# Every ACI-BENCH encounter in another evaluation set: the outside set's, the second outside
# set's, the blind holdout's (by file name only) and the fourth outside set's.
ACI_USED = frozenset(
    {"D2N069", "D2N072", "D2N079"}
    | {"D2N001", "D2N002", "D2N003"}
    | {"D2N143", "D2N155", "D2N180", "D2N187", "D2N204", "D2N205"}
    | set(OUTSIDE4_ACI)
)


def casino(shared: Path) -> None:
    dialogues = json.loads((shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    earlier = CASINO_COUNT + CASINO_NEXT
    picked = casino_pick(dialogues, earlier + CASINO_MORE)
    numbers = tuple(number for number, _ in picked)
    assert numbers[:earlier] == OUTSIDE4_CASINO + OUTSIDE5_CASINO
    assert len(picked) == earlier + CASINO_MORE
    for number, judged in picked[earlier:]:
        write_casino(number, judged, by_id[number], OUT)


def annomi_next(sessions: dict[int, list[dict[str, object]]]) -> list[int]:
    """The transcript ids, by the rule in the module docstring (high first, then low)."""
    assert tuple(annomi_pick(sessions)) == OUTSIDE5_ANNOMI
    chosen: list[int] = []
    for quality, (low, high) in (("high", ANNOMI_TURNS), ("low", ANNOMI_LOW_TURNS)):
        fitting = [
            number
            for number, utts in sorted(sessions.items())
            if utts[0]["mi_quality"] == quality
            and number not in ANNOMI_USED
            and number not in OUTSIDE5_ANNOMI
            and low <= len(annomi_turns(utts)) <= high
        ]
        assert len(fitting) >= ANNOMI_MORE
        chosen += fitting[:ANNOMI_MORE]
    return chosen


def annomi(shared: Path) -> None:
    sessions = annomi_sessions(shared)
    for number in annomi_next(sessions):
        write_annomi(number, sessions[number], OUT)


def aci_next(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The encounters, by the rule in the module docstring."""
    fitting = aci_pick(rows, len(rows))
    assert tuple(row["encounter_id"] for row in fitting[:ACI_COUNT]) == OUTSIDE4_ACI
    chosen = [row for row in fitting[ACI_COUNT:] if row["encounter_id"] not in ACI_USED]
    assert len(chosen) >= ACI_MORE
    return chosen[:ACI_MORE]


def aci_bench(repo: Path) -> None:
    for row in aci_next(list(csv.DictReader(io.StringIO(git_show(repo, ACI_PATH))))):
        write_aci(row, OUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aci-bench", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    casino(args.shared)
    annomi(args.shared)
    aci_bench(args.aci_bench)


if __name__ == "__main__":
    main()
