"""Rebuild the fifth outside set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside5/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs a local clone (a bare one does) of RasaHQ/STAR, files read
from its HEAD, and the shared copies of CaSiNo and AnnoMI (../shared/data/).

    python scripts/build_outside5.py --star /path/to/STAR --shared ../shared/data

The picking rule, written down before any conversation was read, uses only metadata: split,
file order, ids, quality labels, completion level, turn counts and who speaks first. Turns are
counted after consecutive utterances by one speaker are joined (and, for CaSiNo, after deal
events are dropped), as every Trustworks reader counts them:
- CaSiNo: train-split dialogues in file order, after the first 600 entries of
  casino_train.json, whose strategy annotations are empty, that are in no other evaluation set
  and that have 10 to 60 turns of speech: exactly build_outside4's rule. The fourth outside
  set took the first 5 such dialogues; this set takes the next 9. The participant who speaks
  first is judged.
- AnnoMI: transcripts in none of the outside set's 23, with 16 to 60 turns; for each quality
  label, the 2 lowest transcript ids (2 high-quality, 2 low-quality). The therapist is judged.
- STAR: build_outside4's rule (the lowest numeric dialogue ids from 100 up whose
  CompletionLevel is "Complete" and that have at least 10 turns, skipping dialogues 1-5 and
  the blind holdouts' 241, 271, 607, 1654, 2147). The fourth outside set took the first 4
  (100-103); this set takes the next 3. The wizard (renamed "Agent") is judged.
Turn indices in annotations.toml are 0-based over the joined turns.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# Every set joins turns alike: the readers and pickers of the earlier sets' builders are reused.
sys.path.insert(0, str(Path(__file__).parent))
from build_outside2 import write_star
from build_outside4 import CASINO_COUNT, STAR_COUNT, casino_pick, star_pick, write_casino
from build_outside_set import ANNOMI_HIGH, ANNOMI_LOW, merged, write

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside5/conversations"

CASINO_NEXT = 9
STAR_NEXT = 3
ANNOMI_PER_QUALITY = 2
ANNOMI_TURNS = (16, 60)
# The outside set's AnnoMI transcripts (build_outside_set.py).
ANNOMI_USED = frozenset(ANNOMI_HIGH + ANNOMI_LOW)
# What the fourth outside set took by the same rules (build_outside4.py).
OUTSIDE4_CASINO = (859, 655, 368, 360, 761)
OUTSIDE4_STAR = (100, 101, 102, 103)


def star(repo: Path) -> None:
    picked = star_pick(repo, STAR_COUNT + STAR_NEXT)
    assert tuple(number for number, _ in picked[:STAR_COUNT]) == OUTSIDE4_STAR
    for number, dialogue in picked[STAR_COUNT:]:
        write_star(number, dialogue, OUT)


def casino(shared: Path) -> None:
    dialogues = json.loads((shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    picked = casino_pick(dialogues, CASINO_COUNT + CASINO_NEXT)
    assert tuple(number for number, _ in picked[:CASINO_COUNT]) == OUTSIDE4_CASINO
    for number, judged in picked[CASINO_COUNT:]:
        write_casino(number, judged, by_id[number], OUT)


def annomi_sessions(shared: Path) -> dict[int, list[dict[str, object]]]:
    """AnnoMI's transcripts by id, each transcript's utterances in order."""
    by: dict[int, list[dict[str, object]]] = {}
    with (shared / "annomi/annomi.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            by.setdefault(int(str(row["dialogue"]).removeprefix("annomi-")), []).append(row)
    for utts in by.values():
        utts.sort(key=lambda r: int(str(r["turn"])))
    return by


def annomi_turns(utts: list[dict[str, object]]) -> list[dict[str, str]]:
    return merged([(str(r["speaker"]).capitalize(), str(r["text"])) for r in utts])


def annomi_pick(sessions: dict[int, list[dict[str, object]]]) -> list[int]:
    """The transcript ids, by the rule in the module docstring (high first, then low)."""
    low, high = ANNOMI_TURNS
    chosen: list[int] = []
    for quality in ("high", "low"):
        fitting = [
            number
            for number, utts in sorted(sessions.items())
            if utts[0]["mi_quality"] == quality
            and number not in ANNOMI_USED
            and low <= len(annomi_turns(utts)) <= high
        ]
        chosen += fitting[:ANNOMI_PER_QUALITY]
    return chosen


def write_annomi(number: int, utts: list[dict[str, object]], out: Path) -> None:
    """One AnnoMI transcript's file, the therapist judged."""
    quality, topic = utts[0]["mi_quality"], utts[0]["topic"]
    write(
        f"annomi-{number}",
        {
            "title": f"AnnoMI transcript {number} ({quality}-quality MI; {topic})",
            "source": "AnnoMI",
            "licence": "Public Domain (authors' statement; see SOURCES.md)",
            "url": "https://github.com/uccollab/AnnoMI",
        },
        annomi_turns(utts),
        out,
    )


def annomi(shared: Path) -> None:
    sessions = annomi_sessions(shared)
    for number in annomi_pick(sessions):
        write_annomi(number, sessions[number], OUT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--star", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    casino(args.shared)
    annomi(args.shared)
    star(args.star)


if __name__ == "__main__":
    main()
