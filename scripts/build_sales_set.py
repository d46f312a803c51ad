"""Build the blind sales sets' conversation files from a clone of hiring-hackathon/team.

The repository's licence is AGPL-3.0, so its text is not shipped with Trustworks: this script
extracts the picked conversations from a local clone (a bare one does) and writes them, with
the coach's annotations and SOURCES.md (scripts/sales_set/ for part 1, scripts/sales_set2/ for
part 2), to a folder of your choice:

    python scripts/build_sales_set.py --clone /path/to/team --out /tmp/sales_set
    trustworks eval conversations --annotations /tmp/sales_set/annotations.toml
    python scripts/build_sales_set.py --clone /path/to/team --part 2 --out /tmp/sales_set2

The source is the DynamoDB dump aws/dynamodb/dump/Transcriptions/data/0001.json read at the
pinned commit UPSTREAM: its Items, in file order, each a TranscriptId and a TranscriptText of
"Name: text" lines. A line is read so:
- "Name: text" (a label of 1 to 40 characters without a colon) starts an utterance by Name;
- a line that is wholly in square brackets is a stage direction, not speech, and is dropped;
- any other line continues the utterance before it, or, before the first label, is dropped
  (nobody is named as saying it).
Consecutive utterances by one speaker are then joined with a space and whitespace runs become
one space (build_outside_set.merged, as every Trustworks reader does), so the 0-based turn
indices in annotations.toml match the analyzer's. The text is otherwise the source's.

The picking rule, fixed before any transcript was read (from speaker labels and turn counts
only), keeps an item when
- exactly two speaker labels speak in it,
- it has at least MIN_TURNS turns after joining, and
- it is not near-identical to an item kept before it (difflib ratio of their lower-cased word
  sequences, labels included, at least NEAR_IDENTICAL),
and takes the first MAX_ITEMS such items in file order (part 1, the sales set). Part 2 (the
second sales set, `--part 2`) is the same rule continued: the next MAX_ITEMS items that pass it,
items MAX_ITEMS + 1 onwards, the near-identical check reaching back over every item kept before
(part 1's included), so the two parts share no item and no near-copy; the dump holds only 4
more (written down, with part 2's SOURCES.md, before any of them was read). The judged speaker
is the one labelled "Salesperson" when there is one, otherwise the one who speaks first
(`rule_seller`).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_outside_set import merged, near_copy

UPSTREAM = "d7bab55f4c4ceda3ea2efb6259e1ef7dddb29bb1"
DUMP = "aws/dynamodb/dump/Transcriptions/data/0001.json"
SALES_SET = Path(__file__).parent / "sales_set"
# Each part's annotations and SOURCES.md, by part number.
PARTS = {1: SALES_SET, 2: Path(__file__).parent / "sales_set2"}
MAX_ITEMS = 20
MIN_TURNS = 8
NEAR_IDENTICAL = 0.8
SELLER_LABELS = ("Salesperson",)
LABEL = re.compile(r"([^:\n]{1,40}):\s+(.*)")
STAGE = re.compile(r"\[[^\]]*\]")

Turns = list[dict[str, str]]


def items(clone: Path) -> list[tuple[str, str]]:
    """(TranscriptId, TranscriptText) of every item of the dump, in file order."""
    raw = subprocess.run(
        ["git", "-C", str(clone), "show", f"{UPSTREAM}:{DUMP}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [(i["TranscriptId"]["S"], i["TranscriptText"]["S"]) for i in json.loads(raw)["Items"]]


def turns(text: str) -> Turns:
    """One transcript's joined speaker turns, read as the module docstring says."""
    said: list[tuple[str, str]] = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line or STAGE.fullmatch(line):
            continue
        label = LABEL.fullmatch(line)
        if label:
            said.append((label.group(1).strip(), label.group(2)))
        elif said:
            said[-1] = (said[-1][0], f"{said[-1][1]} {line}")
    return merged(said)


def words(spoken: Turns) -> list[str]:
    return " ".join(f"{t['speaker']}: {t['text']}" for t in spoken).lower().split()


def pick(every: list[tuple[str, str]], part: int = 1) -> list[tuple[str, Turns]]:
    """One part's picked items' ids and turns, by the rule in the module docstring."""
    kept: list[tuple[str, Turns]] = []
    for transcript_id, text in every:
        spoken = turns(text)
        if len({t["speaker"] for t in spoken}) != 2 or len(spoken) < MIN_TURNS:
            continue
        if near_copy(words(spoken), (words(other) for _, other in kept), NEAR_IDENTICAL):
            continue
        kept.append((transcript_id, spoken))
        if len(kept) == MAX_ITEMS * part:
            break
    return kept[MAX_ITEMS * (part - 1) :]


def rule_seller(spoken: Turns) -> str:
    """The judged speaker: a "Salesperson" label when there is one, else the first speaker."""
    labels = {t["speaker"] for t in spoken}
    return next((label for label in SELLER_LABELS if label in labels), spoken[0]["speaker"])


def build(clone: Path, out: Path, part: int = 1) -> list[str]:
    """Write one part's out/conversations/*.json, annotations.toml and SOURCES.md; return the
    file names."""
    folder = out / "conversations"
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for transcript_id, spoken in pick(items(clone), part):
        meta = {
            "title": f"hiring-hackathon/team transcript {transcript_id} (sales conversation)",
            "source": "hiring-hackathon/team",
            "licence": "AGPL-3.0",
            "url": "https://github.com/hiring-hackathon/team",
        }
        body = json.dumps({**meta, "turns": spoken}, indent=1, ensure_ascii=False) + "\n"
        (folder / f"sales-{transcript_id}.json").write_text(body, encoding="utf-8")
        names.append(f"sales-{transcript_id}.json")
    for name in ("annotations.toml", "SOURCES.md"):
        shutil.copyfile(PARTS[part] / name, out / name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clone", type=Path, required=True, help="hiring-hackathon/team clone")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the set to")
    parser.add_argument(
        "--part", type=int, choices=sorted(PARTS), default=1, help="1: the sales set; 2: the next"
    )
    args = parser.parse_args()
    for name in build(args.clone, args.out, args.part):
        print(args.out / "conversations" / name)


if __name__ == "__main__":
    main()
