"""Compare another matcher module with this tree's, paired in one process, on one core.

    git show 7af73cb:src/trustworks/signals/matcher.py > /tmp/old_matcher.py
    taskset -c 1 .venv/bin/python bench/matcher_paired.py /tmp/old_matcher.py [--rules] [--seed 0]

The same distinct utterances as `bench/semantic.py` (AnnoMI and CaSiNo, shuffled, each used
once), cut into 40-turn conversations; each conversation is analysed once with the old
matcher and once with this tree's (A B, then B A for the next), everything else the same,
so that other jobs on the machine slow both sides alike. Prints utterances/s of each and
their ratio (process CPU time).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
from pathlib import Path

from semantic import conversations, distinct_texts
from trustworks.analysis import Settings, analyze
from trustworks.analysis.engine import _SPEAKS, engine_for
from trustworks.conversation import Role
from trustworks.semantic.encoder import default_encoder
from trustworks.signals import default_catalogue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old", type=Path, help="the other matcher module (a matcher.py)")
    parser.add_argument("--rules", action="store_true", help="rules only (no semantic layer)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--utterances", type=int, default=16_000)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("old_matcher", args.old)
    if spec is None or spec.loader is None:
        sys.exit(f"{args.old}: not a Python module")
    old = importlib.util.module_from_spec(spec)
    sys.modules["old_matcher"] = old  # its dataclasses look their module up
    spec.loader.exec_module(old)

    catalogue = default_catalogue()
    engine = engine_for(catalogue)
    rules = [*(s for s in catalogue.signals if s.patterns), *catalogue.cues]
    sides = {
        "old": (
            old.Matcher(rules),
            old.Matcher([r for r in rules if r.speaker in _SPEAKS[Role.CLIENT]]),
        ),
        "new": (engine.matcher, engine.client_matcher),
    }
    for pair in sides.values():
        for matcher in pair:
            matcher.compile_all()
    default_encoder().widen()

    def use(side: str) -> None:  # the engine is frozen: swap its matchers in place
        object.__setattr__(engine, "matcher", sides[side][0])
        object.__setattr__(engine, "client_matcher", sides[side][1])

    texts = distinct_texts(10**9)
    random.Random(args.seed).shuffle(texts)
    warm, texts = texts[:2_000], texts[2_000 : 2_000 + args.utterances]
    settings = Settings(semantic=not args.rules)
    for side in sides:
        use(side)
        for call in conversations(warm):
            analyze(call, ["Seller"], settings=settings)
    spent = dict.fromkeys(sides, 0.0)
    for number, call in enumerate(conversations(texts)):
        for side in ("old", "new") if number % 2 == 0 else ("new", "old"):
            use(side)
            engine.forget()  # no remembered hits from the other side's pass
            start = time.process_time()
            analyze(call, ["Seller"], settings=settings)
            spent[side] += time.process_time() - start
    label = "rules only" if args.rules else "with semantic layer"
    old_rate, new_rate = len(texts) / spent["old"], len(texts) / spent["new"]
    print(f"{len(texts)} distinct utterances, {label}, paired (one core, CPU time)")
    print(f"  old matcher: {old_rate:9,.0f} utterances/s")
    print(f"  this tree's: {new_rate:9,.0f} utterances/s ({new_rate / old_rate - 1:+.1%})")


if __name__ == "__main__":
    main()
