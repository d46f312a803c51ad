"""What each block of the semantic predictor adds on CaSiNo: the eval with blocks left out.

    .venv/bin/python scripts/casino_ablation.py [--protocol both] [--jobs 1]

Each variant is the `semantic` predictor of `trustworks eval casino` with some blocks off,
trained and scored under the same folds and seed; one line per variant and protocol. These
are measurements, not a search: the shipped choice of blocks was fixed beforehand.
"""

from __future__ import annotations

import argparse
import time

from trustworks.evaluate import SemanticPredictor, evaluate_casino, load_mapping
from trustworks.learn import DEFAULT_DATA_DIR
from trustworks.learn.context import ContextBlocks

VARIANTS = {
    "n-grams only": ContextBlocks(utterance_vector=False, previous_vector=False),
    "n-grams + utterance vector": ContextBlocks(previous_vector=False),
    "utterance + previous vectors": ContextBlocks(ngrams=False),
    "n-grams + utterance + previous": ContextBlocks(),
    # Measured, not adopted: a first stage's reading of which strategies the turn before used.
    "+ previous strategies": ContextBlocks(previous_strategies=True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocol", choices=("split", "cv", "both"), default="both")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=list(VARIANTS), help="variant names")
    args = parser.parse_args()
    mapping = load_mapping()
    for name in args.only:
        started = time.perf_counter()
        predictor = SemanticPredictor(mapping, VARIANTS[name], name=name)
        report = evaluate_casino(DEFAULT_DATA_DIR, args.protocol, [predictor], jobs=args.jobs)
        for result in report.protocols:
            scored = result.results[0]
            labels = " ".join(f"{s.label} {s.f1:.2f}" for s in scored.labels)
            print(
                f"{result.protocol:5} {name:32} macro-F1 {scored.macro_f1:.3f}  {labels}"
                f"  ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )


if __name__ == "__main__":
    main()
