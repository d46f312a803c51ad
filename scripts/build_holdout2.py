"""Rebuild the second blind holdout set's conversation files from their public source.

The files in src/trustworks/evaluate/holdout2/conversations/ were written by this script;
it is kept so anyone can check that every turn is the source's text, unchanged, and how the
conversations were picked. It needs the shared copy of CaSiNo (../shared/data/casino/).

    python scripts/build_holdout2.py --shared ../shared/data

The picking rule uses only metadata, never the text: CaSiNo test-split dialogues not in the
outside set, with 10 to 60 turns once consecutive utterances by one speaker are joined; the
judged participant is the one their opponent rated. Seven whose opponent disliked them
(most disliked first, then the longest) and seven whose opponent liked them extremely (the
longest), one judged participant per dialogue, so the set mixes good and poor negotiators.
Consecutive utterances by one speaker are joined with a space (as every Trustworks reader
does), so the 0-based turn indices in annotations.toml match the analyzer's.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# The outside set's builder joins turns and drops CaSiNo's deal events; both sets do it alike.
sys.path.insert(0, str(Path(__file__).parent))
from build_outside_set import DEAL_EVENTS, merged

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/holdout2/conversations"

# The outside set's CaSiNo dialogues (src/trustworks/evaluate/outside/SOURCES.md).
OUTSIDE = {19, 97, 133, 183, 423, 479, 497, 600}
NAMES = {"mturk_agent_1": "Participant 1", "mturk_agent_2": "Participant 2"}
PAIRS = (("mturk_agent_1", "mturk_agent_2"), ("mturk_agent_2", "mturk_agent_1"))
DISLIKED = {"Extremely dislike": 0, "Slightly dislike": 1}
PER_SIDE = 7


def speech(dialogue: dict[str, object]) -> list[dict[str, str]]:
    logs = dialogue["chat_logs"]
    assert isinstance(logs, list)
    return merged([(NAMES[c["id"]], c["text"]) for c in logs if c["text"] not in DEAL_EVENTS])


def pick(
    dialogues: list[dict[str, object]],
    excluded: frozenset[int] | set[int] = OUTSIDE,
    per_side: int = PER_SIDE,
) -> list[tuple[int, str]]:
    """(dialogue id, judged participant) pairs, by the rule in the module docstring: the
    third holdout runs it again, leaving out this set's dialogues too."""
    low: list[tuple[int, int, int, str]] = []
    high: list[tuple[int, int, str]] = []
    for d in dialogues:
        number = int(str(d["dialogue_id"]))
        turns = len(speech(d))
        if number in excluded or not 10 <= turns <= 60:
            continue
        info = d["participant_info"]
        assert isinstance(info, dict)
        for judged, other in PAIRS:
            rating = info[other]["outcomes"]["opponent_likeness"]
            if rating in DISLIKED:
                low.append((DISLIKED[rating], -turns, number, judged))
            elif rating == "Extremely like":
                high.append((-turns, number, judged))
    chosen: list[tuple[int, str]] = []
    for *_, number, judged in sorted(low):
        if len(chosen) < per_side and number not in {n for n, _ in chosen}:
            chosen.append((number, judged))
    for *_, number, judged in sorted(high):
        if len(chosen) < 2 * per_side and number not in {n for n, _ in chosen}:
            chosen.append((number, judged))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
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


if __name__ == "__main__":
    main()
