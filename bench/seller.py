"""Seller inference on conversations nobody on the project wrote: right, flagged, or wrong.

    .venv/bin/python bench/seller.py

Three runs, each counting conversations where the inferred seller is right and sure, right
but flagged uncertain, wrong but flagged, and wrong and sure (the failure that matters):
- outside: the outside evaluation set (src/trustworks/evaluate/outside) with its speaker
  labels ("Therapist", "Agent", "Doctor"...), judged against its annotated seller;
- outside, anonymised: the same with every label replaced by "Speaker 1", "Speaker 2" in
  order of appearance, so only the words decide;
- AnnoMI, anonymised: all 133 counselling transcripts of ../shared/data/annomi (the
  therapist is the seller), labels replaced the same way.
CaSiNo's campsite negotiations are between peers; the annotated "seller" there is only the
side a coach chose to judge, so those are reported apart: the right answer is "uncertain".
Then the speed of inference alone (the matching is cold, as on a first read), in turns per
second on one core.
"""

from __future__ import annotations

import json
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

from trustworks.analysis import infer_seller
from trustworks.analysis.engine import engine_for
from trustworks.conversation import Conversation, Turn
from trustworks.signals import default_catalogue

ROOT = Path(__file__).parents[1]
OUTSIDE = ROOT / "src" / "trustworks" / "evaluate" / "outside"
ANNOMI = ROOT.parent / "shared" / "data" / "annomi" / "annomi.jsonl"


def _anonymised(conv: Conversation) -> tuple[Conversation, dict[str, str]]:
    names: dict[str, str] = {}
    for turn in conv.turns:
        names.setdefault(turn.speaker, f"Speaker {len(names) + 1}")
    turns = tuple(Turn(names[t.speaker], t.text) for t in conv.turns)
    return Conversation(turns, source=conv.source), names


def _outside() -> list[tuple[str, Conversation, str]]:
    doc = tomllib.loads((OUTSIDE / "annotations.toml").read_text(encoding="utf-8"))
    found = []
    for entry in doc["conversation"]:
        data = json.loads((OUTSIDE / "conversations" / entry["file"]).read_text("utf-8"))
        turns = tuple(Turn(t["speaker"], t["text"]) for t in data["turns"])
        found.append((entry["id"], Conversation(turns, source=entry["id"]), entry["seller"][0]))
    return found


def _annomi() -> list[tuple[str, Conversation, str]]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with ANNOMI.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            rows[row["dialogue"]].append(row)
    return [
        (name, Conversation(tuple(Turn(r["speaker"], r["text"]) for r in turns)), "therapist")
        for name, turns in rows.items()
    ]


def _score(title: str, cases: list[tuple[str, Conversation, str]], anonymise: bool) -> None:
    tally: Counter[str] = Counter()
    wrong: list[str] = []
    for name, conv, seller in cases:
        if anonymise:
            conv, names = _anonymised(conv)
            seller = names[seller]
        guess = infer_seller(conv)
        right = guess.seller == seller
        key = ("right" if right else "wrong") + (", flagged" if guess.uncertain else ", sure")
        tally[key] += 1
        if key == "wrong, sure":
            wrong.append(f"{name} ({guess.confidence:.0%})")
    parts = ", ".join(
        f"{k} {tally[k]}"
        for k in ("right, sure", "right, flagged", "wrong, flagged", "wrong, sure")
    )
    print(f"{title}: {len(cases)} conversations: {parts}")
    if wrong:
        print(f"  wrong and sure: {', '.join(wrong)}")


def _speed(cases: list[tuple[str, Conversation, str]]) -> None:
    engine = engine_for(default_catalogue())
    convs = [_anonymised(c)[0] for _, c, _ in cases]
    turns = sum(len(c.turns) for c in convs)
    engine.forget()
    start = time.perf_counter()
    for conv in convs:
        infer_seller(conv)
    cold = time.perf_counter() - start
    # What inference adds to an analysis, which matches every turn anyway (and keeps the hits).
    extra = 0.0
    for conv in convs:
        engine.forget()
        for turn in conv.turns:
            engine.hits(turn.text)
        start = time.perf_counter()
        infer_seller(conv)
        extra += time.perf_counter() - start
    print(
        f"speed: {turns:,} turns; inference alone from cold {turns / cold:,.0f} turns/s; "
        f"with the analysis' catalogue hits at hand it adds {extra / turns * 1e6:.1f} us a turn "
        f"({turns / extra:,.0f} turns/s)"
    )


def main() -> None:
    outside = _outside()
    peers = [c for c in outside if c[0].startswith("casino-")]
    served = [c for c in outside if not c[0].startswith("casino-")]
    _score("outside (labels kept)", served, anonymise=False)
    _score("outside (anonymised)", served, anonymise=True)
    _score("CaSiNo peers (anonymised; flagged is right)", peers, anonymise=True)
    annomi = _annomi()
    _score("AnnoMI (anonymised)", annomi, anonymise=True)
    _speed(annomi)


if __name__ == "__main__":
    main()
