"""Rebuild the second outside (dev) set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside2/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged, and how the
conversations were picked. It needs local clones (bare ones do) of abachaa/MTS-Dialog,
wyim/aci-bench and RasaHQ/STAR; files are read from each clone's HEAD.

    python scripts/build_outside2.py --mts /path/to/MTS-Dialog \
        --aci-bench /path/to/aci-bench --star /path/to/STAR

The picking rule, written down before any conversation was read, uses only metadata (turns
are counted after consecutive utterances by one speaker are joined):
- MTS-Dialog: the first 6 rows of Main-Dataset/MTS-Dialog-TrainingSet.csv, in file order,
  with at least 8 turns;
- ACI-BENCH: the first 3 encounters of data/challenge_data/train.csv, in file order;
- STAR: the 5 lowest numeric dialogue ids whose CompletionLevel is "Complete" and that have at
  least 8 turns, skipping the ids the blind holdouts use. The wizard (the agent) is judged.
ABCD's full data was meant to give 4 customer-service chats, but it is not in the mirror
(only the sample file, whose three chats are in the first outside set), so MTS-Dialog and
STAR give two more each.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

# Every set joins turns alike; the outside set's builder has the one join.
sys.path.insert(0, str(Path(__file__).parent))
from build_outside_set import git_show, merged, write, write_aci

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside2/conversations"

MTS_PATH = "Main-Dataset/MTS-Dialog-TrainingSet.csv"
ACI_PATH = "data/challenge_data/train.csv"
MTS_COUNT = 6
ACI_COUNT = 3
STAR_COUNT = 5
MIN_TURNS = 8
# STAR dialogues of the blind holdouts (notes/fresh-common.md).
STAR_EXCLUDED = frozenset({1654, 2147, 241, 271, 607})
STAR_SPEAKERS = {"User": "User", "Wizard": "Agent"}
MTS_LABEL = re.compile(r"^\s*([A-Za-z_]+)\s*:\s?(.*)$")


def mts_turns(dialogue: str) -> list[dict[str, str]]:
    """Speaker-labelled lines; a line without a label goes on the previous speaker's text."""
    logs: list[tuple[str, str]] = []
    for line in dialogue.splitlines():
        match = MTS_LABEL.match(line)
        if match:
            logs.append((match.group(1).replace("_", " ").capitalize(), match.group(2)))
        elif logs and line.strip():
            logs.append((logs[-1][0], line))
    return merged(logs)


def mts_pick(rows: list[dict[str, str]], count: int = MTS_COUNT) -> list[dict[str, str]]:
    return [row for row in rows if len(mts_turns(row["dialogue"])) >= MIN_TURNS][:count]


def mts(repo: Path) -> None:
    text = git_show(repo, MTS_PATH)
    for row in mts_pick(list(csv.DictReader(io.StringIO(text)))):
        write_mts(row, "train", OUT)


def write_mts(row: dict[str, str], split: str, out: Path) -> None:
    """One MTS-Dialog row as a conversation file; ``split`` is "train" or "valid"."""
    name = {"train": "training", "valid": "validation"}[split]
    write(
        f"mts-{split}-{row['ID']}",
        {
            "title": f"MTS-Dialog {name} row {row['ID']} ({row['section_header']}; clinic visit)",
            "source": "MTS-Dialog",
            "licence": "CC BY 4.0",
            "url": "https://github.com/abachaa/MTS-Dialog",
        },
        mts_turns(row["dialogue"]),
        out,
    )


def aci_bench(repo: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(git_show(repo, ACI_PATH))))
    for row in rows[:ACI_COUNT]:
        write_aci(row, OUT)


def star_turns(dialogue: dict[str, object]) -> list[dict[str, str]]:
    events = dialogue["Events"]
    assert isinstance(events, list)
    return merged(
        [
            (STAR_SPEAKERS[e["Agent"]], str(e["Text"]))
            for e in events
            if e.get("Agent") in STAR_SPEAKERS
            and e.get("Action") in ("utter", "pick_suggestion")
            and e.get("Text")
        ]
    )


def star_numbers(repo: Path) -> list[int]:
    """The STAR clone's dialogue numbers (``dialogues/<n>.json`` at HEAD), in order."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", "dialogues/"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return sorted(int(Path(name).stem) for name in listing if name.endswith(".json"))


def star_pick(repo: Path, count: int = STAR_COUNT) -> list[tuple[int, dict[str, object]]]:
    chosen: list[tuple[int, dict[str, object]]] = []
    for number in star_numbers(repo):
        if number in STAR_EXCLUDED:
            continue
        dialogue = json.loads(git_show(repo, f"dialogues/{number}.json"))
        if dialogue["CompletionLevel"] != "Complete" or len(star_turns(dialogue)) < MIN_TURNS:
            continue
        chosen.append((number, dialogue))
        if len(chosen) == count:
            break
    return chosen


def star(repo: Path) -> None:
    for number, dialogue in star_pick(repo):
        write_star(number, dialogue, OUT)


def write_star(number: int, dialogue: dict[str, object], out: Path) -> None:
    """One STAR dialogue as a conversation file, its wizard's tasks in the title."""
    scenario = dialogue["Scenario"]
    assert isinstance(scenario, dict)
    tasks = ", ".join(str(t.get("Task", "")) for t in scenario.get("WizardCapabilities", []))
    write(
        f"star-{number}",
        {
            "title": f"STAR dialogue {number} (wizard-of-oz service chat; {tasks})",
            "source": "STAR",
            "licence": "MIT",
            "url": "https://github.com/RasaHQ/STAR",
        },
        star_turns(dialogue),
        out,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mts", type=Path, required=True)
    parser.add_argument("--aci-bench", type=Path, required=True)
    parser.add_argument("--star", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    mts(args.mts)
    aci_bench(args.aci_bench)
    star(args.star)


if __name__ == "__main__":
    main()
