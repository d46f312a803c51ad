"""What one conversation-level detector costs, paired in one process, on one core.

    taskset -c 1 .venv/bin/python bench/detector_paired.py FeelingsDetector [--rules] [--seed 0]

The same distinct utterances as `bench/semantic.py` (AnnoMI and CaSiNo, shuffled, each used
once), cut into 40-turn conversations; each conversation is analysed once with the detector
and once with a stand-in that sees every turn and reports nothing (A B, then B A for the
next), everything else the same, so that other jobs on the machine slow both sides alike.
Prints utterances/s of each and the detector's share of the time (process CPU time). The
detector is named as `trustworks.analysis.live` imports it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import trustworks.analysis.live as live
from semantic import conversations, distinct_texts
from trustworks.analysis import Settings, analyze
from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.engine import engine_for
from trustworks.semantic.encoder import default_encoder
from trustworks.signals import default_catalogue


class _Silent:
    """Sees every turn and says nothing: the detector's place, without its work."""

    # In the declines detector's place: parting words are judged as if nothing were refused.
    may_part = True

    def __init__(self, *args: object) -> None:
        """Takes what the detector is built with (a setting, the engine) and keeps none."""

    def observe(self, ctx: TurnContext) -> list[Emission]:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("detector", help="a detector class imported by trustworks.analysis.live")
    parser.add_argument("--rules", action="store_true", help="rules only (no semantic layer)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--utterances", type=int, default=16_000)
    args = parser.parse_args()
    real = getattr(live, args.detector, None)
    if not isinstance(real, type) or not hasattr(real, "observe"):
        sys.exit(f"{args.detector}: not a detector imported by trustworks.analysis.live")
    sides = {"with": real, "without": _Silent}

    engine = engine_for(default_catalogue())
    for matcher in (engine.matcher, engine.client_matcher):
        matcher.compile_all()  # patterns compile when first needed: not on either side's time
    engine.index_literals()
    default_encoder().widen()
    texts = distinct_texts(10**9)
    random.Random(args.seed).shuffle(texts)
    warm, texts = texts[:2_000], texts[2_000 : 2_000 + args.utterances]
    settings = Settings(semantic=not args.rules)
    for side in sides.values():
        setattr(live, args.detector, side)
        for call in conversations(warm):
            analyze(call, ["Seller"], settings=settings)
    spent = dict.fromkeys(sides, 0.0)
    for number, call in enumerate(conversations(texts)):
        for side in ("with", "without") if number % 2 == 0 else ("without", "with"):
            setattr(live, args.detector, sides[side])
            engine.forget()  # no remembered hits from the other side's pass
            start = time.process_time()
            analyze(call, ["Seller"], settings=settings)
            spent[side] += time.process_time() - start
    setattr(live, args.detector, real)
    label = "rules only" if args.rules else "with semantic layer"
    rate = {side: len(texts) / seconds for side, seconds in spent.items()}
    share = 1 - spent["without"] / spent["with"]
    print(f"{len(texts)} distinct utterances, {label}, paired (one core, CPU time)")
    print(f"  without {args.detector}: {rate['without']:9,.0f} utterances/s")
    print(f"  with it:    {rate['with']:9,.0f} utterances/s ({share:.1%} of the time)")


if __name__ == "__main__":
    main()
