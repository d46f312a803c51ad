"""Compare two source trees' analysis, paired in one process, on one core.

    git worktree add --detach /tmp/wt_before main
    taskset -c 1 .venv/bin/python bench/trees_paired.py /tmp/wt_before/src src \
        [--rules] [--batched] [--parts] [--utterances 14000] [--rounds 3] [--seed 0]

Both trees' `trustworks` packages are loaded side by side (each tree's modules swapped into
`sys.modules` while it runs, for the imports made inside functions) and warmed up as
`bench/semantic.py` warms one. The same distinct utterances (AnnoMI and CaSiNo, shuffled, each
used once) are cut into 40-turn conversations, each analysed by both trees, A B then B A for
the next (`--batched`: groups of ten through `analyze_many`), so that the host's drift, which
reads a whole run of `bench/semantic.py` 10 % faster or slower from one minute to the next,
slows both sides alike. Prints each round's utterances/s of each tree (thread CPU time) and
their ratio; two copies of one tree read 0.98-1.03 a round of 4,000 utterances. ``--parts``
also times, per tree, the semantic layer's `prepare`, matching ahead and each rule detector's
pass over a stretch (a clock read a stretch, not a turn): the place a change should show.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

_BENCH = str(Path(__file__).parent)


def _ours(name: str) -> bool:
    return name == "trustworks" or name.startswith("trustworks.") or name == "semantic"


class Tree:
    """One tree's `trustworks` (and this folder's `semantic` bench module, bound to it)."""

    # The tree whose modules are in `sys.modules` now.
    current: Tree | None = None

    def __init__(self, src: str) -> None:
        Tree._leave()
        self.src = src
        self._first_on_path()
        importlib.invalidate_caches()
        self.analysis: Any = importlib.import_module("trustworks.analysis")
        importlib.import_module("trustworks.analysis.semantic")  # imported lazily otherwise
        self.bench: Any = importlib.import_module("semantic")
        if not str(self.analysis.__file__).startswith(str(Path(src).resolve())):
            sys.exit(f"{src}: trustworks came from {self.analysis.__file__}")
        self.modules: dict[str, ModuleType] = {n: m for n, m in sys.modules.items() if _ours(n)}
        Tree.current = self
        self.parts: defaultdict[str, float] = defaultdict(float)

    def _first_on_path(self) -> None:
        sys.path[:] = [self.src, _BENCH, *(p for p in sys.path if p not in (self.src, _BENCH))]
        importlib.invalidate_caches()

    @staticmethod
    def _leave() -> None:
        """Keep what the current tree imported since (imports inside functions, such as the
        semantic layer's), then clear its modules from `sys.modules`. Without it, the modules
        the first tree imported lazily served both trees."""
        current = Tree.current
        if current is not None:
            current.modules.update({n: m for n, m in sys.modules.items() if _ours(n)})
        for name in [name for name in sys.modules if _ours(name)]:
            del sys.modules[name]
        Tree.current = None

    def use(self) -> None:
        if Tree.current is self:
            return
        Tree._leave()
        self._first_on_path()
        sys.modules.update(self.modules)
        Tree.current = self

    def check_own(self) -> None:
        """Stop if any `trustworks` module this tree runs came from another tree."""
        root = str(Path(self.src).resolve())
        for name, module in self.modules.items():
            where = getattr(module, "__file__", None)
            if name != "semantic" and where and not str(Path(where).resolve()).startswith(root):
                sys.exit(f"{self.src}: {name} came from {where}")

    def time_parts(self) -> None:
        """Time the layer's `prepare`, matching ahead and each detector's stretch."""
        live = self.modules["trustworks.analysis.live"].LiveAnalyzer
        engine = self.modules["trustworks.analysis.engine"].Engine
        parts, clock = self.parts, time.thread_time
        observe = live._observe_stretch

        def observe_timed(analyzer: Any, detector: Any, *args: Any) -> None:
            started = clock()
            observe(analyzer, detector, *args)
            parts[type(detector).__name__] += clock() - started

        live._observe_stretch = observe_timed
        for owner, name in ((live, "prepare"), (engine, "match_ahead")):
            step = getattr(owner, name)

            def timed(*args: Any, _step: Any = step, _name: str = name, **kwargs: Any) -> Any:
                started = clock()
                result = _step(*args, **kwargs)
                parts[_name] += clock() - started
                return result

            setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("a", help="the first tree's src folder")
    parser.add_argument("b", help="the second tree's src folder")
    parser.add_argument("--rules", action="store_true", help="rules only (no semantic layer)")
    parser.add_argument("--batched", action="store_true", help="groups of ten, analyze_many")
    parser.add_argument("--parts", action="store_true", help="time the steps of each tree")
    parser.add_argument("--utterances", type=int, default=14_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    trees = [Tree(args.a), Tree(args.b)]
    texts: list[str] | None = None
    for tree in trees:
        tree.use()
        if args.parts:
            tree.time_parts()
        warmed = tree.bench.warmed_texts(args.utterances, args.seed)
        if texts is not None and warmed != texts:
            sys.exit("the trees' bench modules read different texts")
        texts = warmed
    assert texts is not None
    for tree in trees:
        tree.use()  # the other tree's turn: each keeps what its warm-up imported
    for tree in trees:
        tree.check_own()
        tree.parts.clear()  # the warm-up's
    # Each tree's own conversations: a tree's detectors know its own Role and Turn only.
    calls = [tree.bench.conversations(texts) for tree in trees]
    settings = [tree.analysis.Settings(semantic=not args.rules) for tree in trees]
    step = 10 if args.batched else 1
    for round_ in range(args.rounds):
        spent = [0.0, 0.0]
        order = list(range(len(calls[0])))
        random.Random(round_).shuffle(order)
        for number, first in enumerate(range(0, len(order), step)):
            taken = order[first : first + step]
            for side in (0, 1) if number % 2 == 0 else (1, 0):
                tree = trees[side]
                tree.use()
                group = [calls[side][k] for k in taken]
                started = time.thread_time()
                if args.batched:
                    tree.analysis.analyze_many(group, ["Seller"], settings=settings[side])
                else:
                    tree.analysis.analyze(group[0], ["Seller"], settings=settings[side])
                spent[side] += time.thread_time() - started
        a, b = (len(texts) / s for s in spent)
        print(f"round {round_}: A {a:,.0f}  B {b:,.0f} utterances/s  B/A {b / a:.4f}", flush=True)
        if args.parts:
            shown = sorted(trees[0].parts, key=lambda k: -trees[0].parts[k])[:12]
            print("  us an utterance, A -> B:", flush=True)
            for name in shown:
                a_us, b_us = (1e6 * tree.parts[name] / len(texts) for tree in trees)
                print(f"    {name:28s} {a_us:6.1f} -> {b_us:6.1f}", flush=True)
            for tree in trees:
                tree.parts.clear()


if __name__ == "__main__":
    main()
