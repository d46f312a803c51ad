"""Rebuild the third blind holdout set's conversation files from their public source.

The files in src/trustworks/evaluate/holdout3/conversations/ were written by this script;
it is kept so anyone can check that every turn is the source's text, unchanged, and how the
conversations were picked. It needs the shared copy of CaSiNo (../shared/data/casino/) and a
clone of RasaHQ/STAR (a work tree, or a bare repository whose HEAD is read).

    python scripts/build_holdout3.py --shared ../shared/data --star /path/to/STAR

The picking rule uses only metadata, never the text, and is the second holdout's rule run
again on what that set left: CaSiNo test-split dialogues in neither the outside set nor the
second holdout, with 10 to 60 turns once consecutive utterances by one speaker are joined;
the judged participant is the one their opponent rated. Six whose opponent disliked them
(most disliked first, then the longest) and six whose opponent liked them extremely (the
longest), one judged participant per dialogue, so the set mixes good and poor negotiators.
Consecutive utterances by one speaker are joined with a space (as every Trustworks reader
does), so the 0-based turn indices in annotations.toml match the analyzer's.

STAR (customer service through a wizard-of-Oz "AI assistant"), again by metadata alone:
complete dialogues whose wizard answered that the user became aggressive or annoyed (so the
agent has a complaint to handle), in which the wizard typed at least half of their own
turns rather than picking a suggested reply, with 10 to 60 turns; the five longest (ties by
dialogue id). The judged side is the wizard, written `Agent`; the user is `Customer`.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

# The outside set's builder joins turns, the second holdout's reads and picks CaSiNo
# dialogues; every set does it alike.
sys.path.insert(0, str(Path(__file__).parent))
from build_holdout2 import NAMES, speech
from build_holdout2 import pick as holdout2_pick
from build_outside_set import merged

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/holdout3/conversations"

# The outside set's CaSiNo dialogues (src/trustworks/evaluate/outside/SOURCES.md) and the
# second holdout's (src/trustworks/evaluate/holdout2/SOURCES.md): never picked again.
OUTSIDE = {19, 97, 133, 183, 423, 479, 497, 600}
HOLDOUT2 = {30, 87, 299, 338, 350, 395, 451, 520, 550, 690, 723, 766, 953, 1026}
PER_SIDE = 6

STAR_SPEAKERS = {"User": "Customer", "Wizard": "Agent"}
# What the wizard or the user said; instructions, queries and knowledge-base rows are not speech.
STAR_SPEECH = {("User", "utter"), ("Wizard", "utter"), ("Wizard", "pick_suggestion")}
STAR_PICKS = 5


def pick(dialogues: list[dict[str, object]]) -> list[tuple[int, str]]:
    """(dialogue id, judged participant) pairs: the second holdout's rule, run on what it left."""
    return holdout2_pick(dialogues, OUTSIDE | HOLDOUT2, PER_SIDE)


def star_dialogues(repo: Path) -> Iterator[dict[str, object]]:
    """Every STAR dialogue of a clone: its work tree if it has one, else its HEAD commit."""
    folder = repo / "dialogues"
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            yield json.loads(path.read_text(encoding="utf-8"))
        return
    tar = subprocess.run(
        ["git", "-C", str(repo), "archive", "HEAD", "dialogues"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.endswith(".json"):
                handle = archive.extractfile(member)
                assert handle is not None
                yield json.loads(handle.read().decode("utf-8"))


def star_speech(dialogue: dict[str, object]) -> list[dict[str, str]]:
    events = dialogue["Events"]
    assert isinstance(events, list)
    return merged(
        [
            (STAR_SPEAKERS[e["Agent"]], e["Text"])
            for e in events
            if (e["Agent"], e["Action"]) in STAR_SPEECH
        ]
    )


def _answer(questions: object, words: str) -> object:
    assert isinstance(questions, list)
    return next((q["Answer"] for q in questions if words in q["Question"]), None)


def star_pick(dialogues: list[dict[str, object]]) -> list[int]:
    """STAR dialogue ids, by the rule in the module docstring."""
    ranked: list[tuple[int, int]] = []
    for d in dialogues:
        if d["CompletionLevel"] != "Complete":
            continue
        if _answer(d["WizardQuestionnaire"], "aggressive or annoyed") is not True:
            continue
        events = d["Events"]
        assert isinstance(events, list)
        typed = sum(1 for e in events if (e["Agent"], e["Action"]) == ("Wizard", "utter"))
        picked = sum(1 for e in events if e["Action"] == "pick_suggestion")
        turns = len(star_speech(d))
        if typed >= picked and 10 <= turns <= 60:
            ranked.append((-turns, int(str(d["DialogueID"]))))
    return [number for _, number in sorted(ranked)[:STAR_PICKS]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--star", type=Path, required=True, help="a clone of RasaHQ/STAR")
    args = parser.parse_args()
    dialogues = json.loads((args.shared / "casino/casino_test.json").read_text())
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    OUT.mkdir(parents=True, exist_ok=True)
    for number, judged in pick(dialogues):
        body = {
            "title": f"CaSiNo test dialogue {number} (campsite negotiation)",
            "source": "CaSiNo",
            "licence": "CC BY 4.0",
            "url": "https://github.com/kushalchawla/CaSiNo",
            "turns": speech(by_id[number]),
        }
        text = json.dumps(body, indent=1, ensure_ascii=False) + "\n"
        (OUT / f"casino-{number}.json").write_text(text, encoding="utf-8")
        print(f"casino-{number}.json  judged: {NAMES[judged]}  turns: {len(body['turns'])}")
    star = list(star_dialogues(args.star))
    star_by_id = {int(str(d["DialogueID"])): d for d in star}
    for number in star_pick(star):
        dialogue = star_by_id[number]
        scenario = dialogue["Scenario"]
        assert isinstance(scenario, dict)
        domains = ", ".join(scenario["Domains"])
        body = {
            "title": f"STAR dialogue {number} ({domains}; customer service)",
            "source": "STAR",
            "licence": "MIT",
            "url": "https://github.com/RasaHQ/STAR",
            "turns": star_speech(dialogue),
        }
        text = json.dumps(body, indent=1, ensure_ascii=False) + "\n"
        (OUT / f"star-{number}.json").write_text(text, encoding="utf-8")
        print(f"star-{number}.json  judged: Agent  turns: {len(body['turns'])}")


if __name__ == "__main__":
    main()
