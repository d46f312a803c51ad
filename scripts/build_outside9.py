"""Rebuild the ninth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside9/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of RasaHQ/STAR, wyim/aci-bench
and abachaa/MTS-Dialog, files read from each clone's HEAD, and the shared copies of CaSiNo and
AnnoMI (../shared/data/).

    python scripts/build_outside9.py --star /path/to/STAR --aci-bench /path/to/aci-bench \
        --mts /path/to/MTS-Dialog --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them:
- STAR: build_outside8's rule, continued (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth, fifth, seventh and eighth
  outside sets took the first 4 (100-103), the next 3 (104-106), the next 5 (107, 108, 109,
  111, 112) and the next 5 (113, 115, 117, 118, 119); this set takes the next 5. The wizard
  (renamed "Agent") is judged.
- ACI-BENCH: build_outside8's fallback, continued (encounters of
  data/challenge_data/train.csv in file order with 20 to 60 turns that no other evaluation set
  holds, valid.csv's being used up; the seventh and eighth sets took D2N005, D2N006, D2N007
  and D2N008, D2N011, D2N012); this set takes the next 3. The doctor is judged.
- MTS-Dialog: build_outside8's rule, continued (rows of
  Main-Dataset/MTS-Dialog-ValidationSet.csv with at least 12 turns, most turns first, ties by
  lowest ID). The fourth, seventh and eighth outside sets took the first 4 (IDs 9, 14, 59,
  37), the next 3 (81, 0, 13) and the next 3 (62, 66, 71); this set takes the next 3. The
  doctor is judged.
- CaSiNo: build_outside8's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth to eighth
  outside sets took the first 5, the next 9, the next 8, the next 5 and the next 5; this set
  takes the next 5. The participant who speaks first is judged.
- AnnoMI: build_outside8's rule, continued (transcripts in none of the outside set's 23 nor
  the fifth to eighth sets' 11, lowest transcript ids first for each quality label; 16 to 60
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
from build_continued import More
from build_outside8 import TAKEN as TAKEN_BEFORE8

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside9/conversations"

MORE = More(star=5, aci=3, mts=3, casino=5, annomi=1)
# What the eighth outside set took (build_outside8.py).
OUTSIDE8_STAR = (113, 115, 117, 118, 119)
OUTSIDE8_ACI = ("D2N008", "D2N011", "D2N012")
OUTSIDE8_MTS = ("62", "66", "71")
OUTSIDE8_CASINO = (812, 698, 252, 658, 632)  # file order
OUTSIDE8_ANNOMI = (6,)

# What every set before this one took, in the order they took it.
TAKEN = TAKEN_BEFORE8.then(
    OUTSIDE8_STAR, OUTSIDE8_ACI, OUTSIDE8_MTS, OUTSIDE8_CASINO, OUTSIDE8_ANNOMI
)


BUILD = build_continued.Continued(TAKEN, MORE, OUT)


if __name__ == "__main__":
    BUILD.main(__doc__)
