"""Rebuild the fifteenth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside15/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of RasaHQ/STAR, wyim/aci-bench
and abachaa/MTS-Dialog, files read from each clone's HEAD, and the shared copies of CaSiNo and
AnnoMI (../shared/data/).

    python scripts/build_outside15.py --star /path/to/STAR --aci-bench /path/to/aci-bench \
        --mts /path/to/MTS-Dialog --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them:
- STAR: build_outside14's rule, continued (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth, fifth, seventh, eighth, ninth,
  tenth, eleventh, twelfth, thirteenth and fourteenth outside sets took the first 4 (100-103),
  the next 3 (104-106), the next 5 (107, 108, 109, 111, 112), the next 5 (113, 115, 117, 118,
  119), the next 5 (120, 122, 124, 126, 127), the next 4 (128-131), the next 4 (132-135), the
  next 4 (136-139), the next 4 (140-143) and the next 4 (144, 146, 148, 149); this set takes
  the next 4. The wizard (renamed "Agent") is judged.
- ACI-BENCH: build_outside14's fallback, continued (encounters of
  data/challenge_data/train.csv in file order with 20 to 60 turns that no other evaluation set
  holds, valid.csv's being used up; the seventh to fourteenth sets took D2N005, D2N006,
  D2N007, then D2N008, D2N011, D2N012, then D2N013, D2N014, D2N015, then D2N017, D2N019, then
  D2N020, D2N024, then D2N027, D2N029, then D2N033, D2N034, then D2N035, D2N036); this set
  takes the next 2. The doctor is judged.
- MTS-Dialog: build_outside14's rule, continued (rows of
  Main-Dataset/MTS-Dialog-ValidationSet.csv with at least 12 turns, most turns first, ties by
  lowest ID). The fourth, seventh, eighth, ninth, tenth, eleventh, twelfth, thirteenth and
  fourteenth outside sets took the first 4 (IDs 9, 14, 59, 37), the next 3 (81, 0, 13), the
  next 3 (62, 66, 71), the next 3 (89, 16, 41), the next 2 (24, 43), the next 2 (53, 1), the
  next 2 (61, 17), the next 2 (39, 48) and the next 2 (86, 10); this set takes the next 2,
  the last two rows within the limit. The doctor is judged.
- CaSiNo: build_outside14's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth to fourteenth
  outside sets took the first 5, the next 9, the next 8, the next 5, the next 5, the next 5,
  the next 7, the next 7, the next 7, the next 7 and the next 7; this set takes the next 7
  (negotiation matters most to the product). The participant who speaks first is judged.
- AnnoMI: build_outside14's rule, continued (transcripts in none of the outside set's 23 nor
  the fifth to fourteenth sets' 17, lowest transcript ids first for each quality label; 16 to
  60 turns for high quality, 12 to 60 for low quality). This set takes the next 1 of each
  label if one remains within those limits, and none of a label otherwise. The therapist is
  judged.
Turn indices in annotations.toml are 0-based over the joined turns.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Every set joins turns alike: the readers and pickers of the earlier sets' builders are reused.
sys.path.insert(0, str(Path(__file__).parent))
import build_continued
from build_continued import More
from build_outside14 import TAKEN as TAKEN_BEFORE14

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside15/conversations"

MORE = More(star=4, aci=2, mts=2, casino=7, annomi=1)
# What the fourteenth outside set took (build_outside14.py).
OUTSIDE14_STAR = (144, 146, 148, 149)
OUTSIDE14_ACI = ("D2N035", "D2N036")
OUTSIDE14_MTS = ("86", "10")
OUTSIDE14_CASINO = (308, 943, 615, 809, 332, 729, 304)  # file order
OUTSIDE14_ANNOMI = (25,)

# What every set before this one took, in the order they took it.
TAKEN = TAKEN_BEFORE14.then(
    OUTSIDE14_STAR, OUTSIDE14_ACI, OUTSIDE14_MTS, OUTSIDE14_CASINO, OUTSIDE14_ANNOMI
)


BUILD = build_continued.Continued(TAKEN, MORE, OUT)


if __name__ == "__main__":
    BUILD.main(__doc__)
