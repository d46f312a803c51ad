"""Rebuild the sixteenth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside16/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of RasaHQ/STAR, wyim/aci-bench
and abachaa/MTS-Dialog, files read from each clone's HEAD, and the shared copies of CaSiNo and
AnnoMI (../shared/data/).

    python scripts/build_outside16.py --star /path/to/STAR --aci-bench /path/to/aci-bench \
        --mts /path/to/MTS-Dialog --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them. It is build_outside15's rule with
one change: MTS-Dialog's validation split has no row left within the limit (the fifteenth set
took its last two), so this set takes no MTS-Dialog row, and the two places the earlier sets
gave it go to one more STAR chat, one more ACI-BENCH visit and one more CaSiNo negotiation
(MORE is 5, 3, 0, 8, 1 where the fifteenth set's was 4, 2, 2, 7, 1):
- STAR: build_outside15's rule, continued (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth, fifth, seventh, eighth, ninth,
  tenth, eleventh, twelfth, thirteenth, fourteenth and fifteenth outside sets took the first 4
  (100-103), the next 3 (104-106), the next 5 (107, 108, 109, 111, 112), the next 5 (113, 115,
  117, 118, 119), the next 5 (120, 122, 124, 126, 127), the next 4 (128-131), the next 4
  (132-135), the next 4 (136-139), the next 4 (140-143), the next 4 (144, 146, 148, 149) and
  the next 4 (150, 152, 153, 154); this set takes the next 5. The wizard (renamed "Agent") is
  judged.
- ACI-BENCH: build_outside15's fallback, continued (encounters of
  data/challenge_data/train.csv in file order with 20 to 60 turns that no other evaluation set
  holds, valid.csv's being used up; the seventh to fifteenth sets took D2N005, D2N006,
  D2N007, then D2N008, D2N011, D2N012, then D2N013, D2N014, D2N015, then D2N017, D2N019, then
  D2N020, D2N024, then D2N027, D2N029, then D2N033, D2N034, then D2N035, D2N036, then D2N038,
  D2N039); this set takes the next 3. The doctor is judged.
- MTS-Dialog: none. build_outside15's rule (rows of
  Main-Dataset/MTS-Dialog-ValidationSet.csv with at least 12 turns, most turns first, ties by
  lowest ID) has no row left: the fourth, seventh, eighth, ninth, tenth, eleventh, twelfth,
  thirteenth, fourteenth and fifteenth outside sets took the first 4 (IDs 9, 14, 59, 37), the
  next 3 (81, 0, 13), the next 3 (62, 66, 71), the next 3 (89, 16, 41), the next 2 (24, 43),
  the next 2 (53, 1), the next 2 (61, 17), the next 2 (39, 48), the next 2 (86, 10) and the
  next 2 (75, 96), every row within the limit. The clone is still read, to check that record.
- CaSiNo: build_outside15's rule, continued (train-split dialogues in file order, after the
  first 600 entries of casino_train.json, whose strategy annotations are empty, that are in
  no other evaluation set and that have 10 to 60 turns of speech). The fourth to fifteenth
  outside sets took the first 5, the next 9, the next 8, the next 5, the next 5, the next 5,
  the next 7, the next 7, the next 7, the next 7, the next 7 and the next 7; this set takes
  the next 8 (negotiation matters most to the product). The participant who speaks first is
  judged.
- AnnoMI: build_outside15's rule, continued (transcripts in none of the outside set's 23 nor
  the fifth to fifteenth sets' 18, lowest transcript ids first for each quality label; 16 to
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
from build_outside15 import TAKEN as TAKEN_BEFORE15

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside16/conversations"

# MTS-Dialog's validation split is used up: its two places go to STAR, ACI-BENCH and CaSiNo.
MORE = More(star=5, aci=3, mts=0, casino=8, annomi=1)
# What the fifteenth outside set took (build_outside15.py).
OUTSIDE15_STAR = (150, 152, 153, 154)
OUTSIDE15_ACI = ("D2N038", "D2N039")
OUTSIDE15_MTS = ("75", "96")
OUTSIDE15_CASINO = (838, 626, 896, 768, 826, 678, 302)  # file order
OUTSIDE15_ANNOMI = (29,)

# What every set before this one took, in the order they took it.
TAKEN = TAKEN_BEFORE15.then(
    OUTSIDE15_STAR, OUTSIDE15_ACI, OUTSIDE15_MTS, OUTSIDE15_CASINO, OUTSIDE15_ANNOMI
)


BUILD = build_continued.Continued(TAKEN, MORE, OUT)


if __name__ == "__main__":
    BUILD.main(__doc__)
