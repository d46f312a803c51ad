"""Rebuild the eighth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside8/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of RasaHQ/STAR, wyim/aci-bench
and abachaa/MTS-Dialog, files read from each clone's HEAD, and the shared copies of CaSiNo and
AnnoMI (../shared/data/).

    python scripts/build_outside8.py --star /path/to/STAR --aci-bench /path/to/aci-bench \
        --mts /path/to/MTS-Dialog --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them:
- STAR: build_outside7's rule, continued (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth, fifth and seventh outside sets
  took the first 4 (100-103), the next 3 (104-106) and the next 5 (107, 108, 109, 111, 112);
  this set takes the next 5. The wizard (renamed "Agent") is judged.
- ACI-BENCH: build_outside7's fallback, continued (encounters of data/challenge_data/train.csv
  in file order with 20 to 60 turns that no other evaluation set holds, after valid.csv's
  were used up; the seventh set took D2N005, D2N006, D2N007); this set takes the next 3. The
  doctor is judged.
- MTS-Dialog: build_outside7's rule, continued (rows of
  Main-Dataset/MTS-Dialog-ValidationSet.csv with at least 12 turns, most turns first, ties by
  lowest ID). The fourth and seventh outside sets took the first 4 (IDs 9, 14, 59, 37) and the
  next 3 (81, 0, 13); this set takes the next 3. The doctor is judged.
- CaSiNo: build_outside7's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth to seventh
  outside sets took the first 5, the next 9, the next 8 and the next 5; this set takes the
  next 5. The participant who speaks first is judged.
- AnnoMI: build_outside7's rule, continued (transcripts in none of the outside set's 23 nor
  the fifth to seventh sets' 10, lowest transcript ids first for each quality label; 16 to 60
  turns for high quality, 12 to 60 for low quality). This set takes the next 1 of each label
  if one remains within those limits, and none of a label otherwise. The therapist is judged.
Turn indices in annotations.toml are 0-based over the joined turns.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Every set joins turns alike: the readers and pickers of the earlier sets' builders are reused.
sys.path.insert(0, str(Path(__file__).parent))
import build_continued
from build_continued import More, Taken
from build_outside5 import OUTSIDE4_CASINO, OUTSIDE4_STAR
from build_outside6 import OUTSIDE5_ANNOMI, OUTSIDE5_CASINO
from build_outside7 import OUTSIDE4_MTS, OUTSIDE5_STAR, OUTSIDE6_ANNOMI, OUTSIDE6_CASINO

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside8/conversations"

MORE = More(star=5, aci=3, mts=3, casino=5, annomi=1)
# What the seventh outside set took (build_outside7.py).
OUTSIDE7_STAR = (107, 108, 109, 111, 112)
OUTSIDE7_ACI = ("D2N005", "D2N006", "D2N007")
OUTSIDE7_MTS = ("81", "0", "13")
OUTSIDE7_CASINO = (763, 917, 224, 244, 339)  # file order
OUTSIDE7_ANNOMI = (4, 92)

# What every set before this one took, in the order they took it.
TAKEN = Taken(
    star=OUTSIDE4_STAR + OUTSIDE5_STAR + OUTSIDE7_STAR,
    aci=OUTSIDE7_ACI,
    mts=OUTSIDE4_MTS + OUTSIDE7_MTS,
    casino=OUTSIDE4_CASINO + OUTSIDE5_CASINO + OUTSIDE6_CASINO + OUTSIDE7_CASINO,
    annomi=OUTSIDE5_ANNOMI + OUTSIDE6_ANNOMI + OUTSIDE7_ANNOMI,
)


BUILD = build_continued.Continued(TAKEN, MORE, OUT)


if __name__ == "__main__":
    BUILD.main(__doc__)
