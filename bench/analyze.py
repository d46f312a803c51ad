"""Benchmark the analyzer: utterances/s on one core, live per-turn latency, peak RSS.

    .venv/bin/python bench/analyze.py [--utterances 200000] [--seed 7]

Builds a synthetic corpus of 40-turn conversations from the catalogue's own examples and
near-misses mixed with ordinary filler, so that signals fire at a realistic rate.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import time

from trustworks.analysis import LiveAnalyzer, analyze
from trustworks.conversation import Conversation, Turn
from trustworks.signals import default_catalogue

FILLER = [
    "Okay.",
    "Right, that makes sense.",
    "We moved the warehouse to Leeds last spring and it has been a bit of a ride.",
    "The team is about forty people across three sites, mostly in operations.",
    "Can you say more about how the handover works between sales and onboarding?",
    "I think the board meeting is on the twelfth, but let me double-check that.",
    "Yeah, we looked at a couple of vendors last year and none of them really stuck.",
    "Sure, I can share the numbers once finance signs off on them.",
    "Mm-hm.",
    "That's interesting, I hadn't thought about it that way.",
]
TURNS_PER_CONVERSATION = 40


DISTINCT = 1000  # distinct conversations; longer corpora cycle through them to keep RSS honest


def corpus(utterances: int, seed: int) -> list[Conversation]:
    """Synthetic two-party conversations totalling ``utterances`` turns."""
    rng = random.Random(seed)
    catalogue = default_catalogue()
    phrases = [e for s in catalogue for e in (*s.examples, *s.near_misses) if "\n" not in e]
    phrases += [e for c in catalogue.cues for e in (*c.examples, *c.near_misses)]
    conversations = []
    wanted = utterances // TURNS_PER_CONVERSATION
    for _ in range(min(wanted, DISTINCT)):
        turns = []
        for i in range(TURNS_PER_CONVERSATION):
            speaker = "Seller" if i % 2 else "Client"
            parts = [
                rng.choice(FILLER if rng.random() < 0.5 else phrases)
                for _ in range(rng.randint(1, 3))
            ]
            turns.append(Turn(speaker, " ".join(parts), start=i * 6.0, end=i * 6.0 + 5.5))
        conversations.append(Conversation(tuple(turns)).with_seller(["Seller"]))
    return [conversations[i % len(conversations)] for i in range(wanted)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    conversations = corpus(args.utterances, args.seed)
    total = sum(len(c.turns) for c in conversations)
    words = sum(len(t.text.split()) for c in conversations for t in c.turns)
    analyze(conversations[0])  # load the catalogue and compile matchers outside the timing

    started = time.perf_counter()
    findings = sum(len(analyze(c).findings) for c in conversations)
    elapsed = time.perf_counter() - started

    latencies = []
    for conversation in conversations[: max(1, len(conversations) // 10)]:
        live = LiveAnalyzer(seller=["Seller"])
        for turn in conversation.turns:
            t0 = time.perf_counter_ns()
            live.add_turn(turn)
            latencies.append(time.perf_counter_ns() - t0)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] / 1e6
    p99 = latencies[int(len(latencies) * 0.99)] / 1e6
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"corpus: {len(conversations):,} conversations, {total:,} utterances, {words:,} words")
    print(
        f"full analysis, one core: {total / elapsed:,.0f} utterances/s "
        f"({len(conversations) / elapsed:,.0f} conversations/s, {findings:,} findings)"
    )
    print(
        f"live analyzer per turn: p50 {p50:.3f} ms, p99 {p99:.3f} ms "
        f"({len(latencies):,} turns; {statistics.mean(latencies) / 1e6:.3f} ms mean)"
    )
    print(f"peak RSS: {rss_mb:,.0f} MB")


if __name__ == "__main__":
    main()
