"""Trustworks' utterance-level analysis against VADER, on the same utterances, in one run.

    .venv/bin/python bench/peers.py [--utterances 200000]

The utterances are the batch benchmark's synthetic sales talk (bench/archive.py), every text
distinct. Timed on one core, one after the other:
- Trustworks, matching: every catalogue signal and cue over each utterance, for the role
  that said it (what the analyzer does per turn before its conversation-level detectors);
- Trustworks, full analysis: whole calls through `analyze` (matching plus questions,
  commitments, pouncing, price answers, the Trust Equation), per utterance;
- VADER: `SentimentIntensityAnalyzer.polarity_scores` on each utterance.
Then what each says about the same utterances: how often VADER calls an utterance positive
while Trustworks finds it spends trust (thanking a client for their time, say).

ConvoKit's politeness strategies were considered as a second peer: `pip install convokit`
pulls in a large stack, and its politeness features need a spaCy dependency parse with an
English model fetched at run time, which this offline setup cannot do (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from archive import conversations  # the benchmark's own helper module
from trustworks.analysis import analyze
from trustworks.analysis.engine import engine_for
from trustworks.ingest import parse
from trustworks.signals import default_catalogue


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    rows = list(conversations(args.utterances, args.seed))
    calls = [
        parse(str(r["text"]), str(r["id"]), "plain").with_seller([str(r["seller"])]) for r in rows
    ]
    turns = [(t.text, t.role) for c in calls for t in c.turns]
    print(
        f"{len(turns):,} utterances ({len(set(t for t, _ in turns)):,} distinct), "
        f"{sum(len(t.split()) for t, _ in turns) / len(turns):.1f} words each, {len(calls):,} calls"
    )

    catalogue = default_catalogue()
    engine = engine_for(catalogue)
    analyze(calls[0])  # compile and load outside the timing
    engine.forget()
    started = time.perf_counter()
    hits = [engine.match(text, role)[0] for text, role in turns]
    matching = time.perf_counter() - started

    engine.forget()
    started = time.perf_counter()
    analyses = [analyze(c) for c in calls]
    full = time.perf_counter() - started

    vader = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    scores = [vader.polarity_scores(text)["compound"] for text, _ in turns]
    sentiment = time.perf_counter() - started

    n = len(turns)
    print(f"Trustworks matching:      {n / matching:>9,.0f} utterances/s")
    print(f"Trustworks full analysis: {n / full:>9,.0f} utterances/s")
    print(f"VADER polarity_scores:    {n / sentiment:>9,.0f} utterances/s")
    print(f"ratio, Trustworks matching / VADER:      {sentiment / matching:.2f}x")
    print(f"ratio, Trustworks full analysis / VADER: {sentiment / full:.2f}x")

    # What each detects on the same utterances.
    by_id = {s.id: s for s in catalogue.signals}
    negative, positive, spends_but_positive = 0, 0, Counter[str]()
    for found, compound in zip(hits, scores, strict=True):
        signals = [by_id[m.rule] for m in found if m.rule in by_id]
        if any(s.polarity < 0 for s in signals):
            negative += 1
            if compound >= 0.05:
                for s in signals:
                    if s.polarity < 0:
                        spends_but_positive[s.id] += 1
        if any(s.polarity > 0 for s in signals):
            positive += 1
    vader_pos = sum(c >= 0.05 for c in scores)
    vader_neg = sum(c <= -0.05 for c in scores)
    findings = sum(len(a.findings) for a in analyses)
    print(f"VADER: {vader_pos / n:.0%} of utterances positive, {vader_neg / n:.0%} negative")
    print(
        f"Trustworks: {negative / n:.0%} of utterances match a trust-spending phrase, "
        f"{positive / n:.0%} a trust-building one; {findings:,} findings in the full analysis "
        f"(with pouncing, price answers, commitments)"
    )
    total = sum(spends_but_positive.values())
    print(f"utterances VADER calls positive that spend trust: {total:,}; most often:")
    for signal, count in spends_but_positive.most_common(5):
        print(f"  {signal}: {count:,}")


if __name__ == "__main__":
    main()
