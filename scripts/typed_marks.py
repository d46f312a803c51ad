"""How much of the analysis survives a typist who leaves out apostrophes or question marks.

Two measurements on talk nobody on the project wrote, CaSiNo's typed chats (its train and valid
splits, each side taken as the seller in turn) and AnnoMI's counselling transcripts (the
therapist as the seller), both read from ../shared/data/:

- ``--marks``: every turn that ends in "?", "." or "!" has that last mark taken off, and
  read as the analysis reads it (``marks.as_meant``): of those that ended in "?",
  the share given their mark back; of those that ended in "." or "!", the share wrongly given
  one (many of which are questions typed with a stop: "Hi! Are you excited for the trip.").
- ``--drop apostrophes`` or ``--drop question-marks``: every turn is analysed as typed and
  with every apostrophe inside a word (or every "?") taken out; the findings (turn and signal)
  kept, lost and gained are counted, by signal.

    python scripts/typed_marks.py --marks
    python scripts/typed_marks.py --drop apostrophes
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
_DEAL_MOVES = {"Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"}
_DROPS: dict[str, Callable[[str], str]] = {
    "apostrophes": lambda text: re.sub(r"(?<=\w)['’](?=\w)", "", text),
    "question-marks": lambda text: text.replace("?", ""),
}


def _dialogues() -> Iterator[tuple[str, list[tuple[str, str]], str]]:
    """(key, [(speaker, text)], seller) for every CaSiNo side and every AnnoMI session."""
    # Never the test split: the outside sets and the blind holdouts draw their negotiations
    # from it.
    for split in ("train", "valid"):
        with (DATA / "casino" / f"casino_{split}.json").open(encoding="utf-8") as file:
            for dialogue in json.load(file):
                pairs = [
                    ("A" if t["id"] == "mturk_agent_1" else "B", t["text"])
                    for t in dialogue["chat_logs"]
                    if t["text"] not in _DEAL_MOVES
                ]
                for seller in ("A", "B") if pairs else ():
                    yield f"casino-{split}-{dialogue['dialogue_id']}-{seller}", pairs, seller
    sessions: dict[str, list[tuple[str, str]]] = {}
    with (DATA / "annomi" / "annomi.jsonl").open(encoding="utf-8") as file:
        for line in file:
            row = json.loads(line)
            sessions.setdefault(str(row["dialogue"]), []).append(
                (row["speaker"].title(), row["text"])
            )
    for key, pairs in sessions.items():
        yield f"annomi-{key}", pairs, "Therapist"


def marks() -> None:
    from trustworks.analysis.marks import as_meant

    counts: Counter[tuple[str, bool]] = Counter()
    seen: set[str] = set()
    for _, pairs, _ in _dialogues():
        for _, text in pairs:
            text = text.rstrip()
            if text in seen or not text or text[-1] not in "?.!":
                continue
            seen.add(text)  # CaSiNo's dialogues come twice, once for each side
            bare = text.rstrip("?.! ")
            kind = "question" if text[-1] == "?" else "statement"
            counts[kind, as_meant(bare)[0].endswith("?")] += 1
    asked = counts["question", True] + counts["question", False]
    told = counts["statement", True] + counts["statement", False]
    print(
        f"questions given their mark back: {counts['question', True]} of {asked} "
        f"({counts['question', True] / asked:.1%})"
    )
    print(
        f"statements given one: {counts['statement', True]} of {told} "
        f"({counts['statement', True] / told:.2%})"
    )


def drop(what: str) -> None:
    from trustworks.analysis import analyze
    from trustworks.conversation import conversation_from_pairs

    change = _DROPS[what]
    total: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    for _, pairs, seller in _dialogues():
        found = {}
        for version in (pairs, [(speaker, change(text)) for speaker, text in pairs]):
            analysis = analyze(conversation_from_pairs(version, seller=seller))
            found[version is pairs] = Counter((f.turn, f.signal) for f in analysis.findings)
        typed, dropped = found[True], found[False]
        total.update(signal for _, signal in typed.elements())
        lost.update(signal for _, signal in (typed - dropped).elements())
        gained.update(signal for _, signal in (dropped - typed).elements())
    print(
        f"findings {sum(total.values())}: with {what} left out, "
        f"{sum(lost.values())} lost and {sum(gained.values())} gained"
    )
    for signal, _ in (lost + gained).most_common(15):
        print(f"  {signal:40} {total[signal]:5} lost {lost[signal]:4} gained {gained[signal]:4}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--marks", action="store_true", help="question marks given back")
    group.add_argument("--drop", choices=sorted(_DROPS), help="findings kept without them")
    args = parser.parse_args()
    if args.marks:
        marks()
    else:
        drop(args.drop)


if __name__ == "__main__":
    main()
