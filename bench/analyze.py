"""Benchmark the analyzer: utterances/s on one core, live per-turn latency, peak RSS.

    .venv/bin/python bench/analyze.py [--utterances 200000] [--seed 7]

Two corpora, each of about ``--utterances`` turns, analysed as every analysis is (the
semantic layer included; bench/semantic.py times it on distinct utterances):
- dense: synthetic 40-turn conversations in which half the phrases are the catalogue's own
  examples and near-misses, so signals fire far more often than in real calls (a worst case);
- examples: the shipped example conversations (realistic sales calls), repeated.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import time
from pathlib import Path

from trustworks.analysis import LiveAnalyzer, Settings, analyze, assign_seller
from trustworks.analysis.engine import engine_for
from trustworks.conversation import Conversation, Turn
from trustworks.ingest import load
from trustworks.signals import default_catalogue

EXAMPLES = Path(__file__).parents[1] / "examples"

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


def example_corpus(utterances: int) -> list[Conversation]:
    """The shipped example conversations, roles assigned, repeated to about ``utterances``."""
    shipped = [
        assign_seller(load(p))
        for p in sorted(EXAMPLES.iterdir())
        if p.suffix in {".vtt", ".srt", ".json", ".eml"} or p.name.startswith("cut-short")
    ]
    per_round = sum(len(c.turns) for c in shipped)
    return shipped * max(1, utterances // per_round)


def measure(name: str, conversations: list[Conversation]) -> None:
    """Print throughput and live latency for one corpus."""
    settings = Settings()
    total = sum(len(c.turns) for c in conversations)
    words = sum(len(t.text.split()) for c in conversations for t in c.turns)
    analyze(conversations[0], settings=settings)  # compile and load outside the timing
    # The corpora repeat conversations, and the engine remembers recent utterances' hits:
    # forgetting them before each conversation measures matching as a new call meets it.
    engine = engine_for(default_catalogue())
    findings, elapsed = 0, 0.0
    for conversation in conversations:
        engine.forget()
        started = time.perf_counter()
        findings += len(analyze(conversation, settings=settings).findings)
        elapsed += time.perf_counter() - started

    latencies = []
    for conversation in conversations[: max(1, len(conversations) // 10)]:
        engine.forget()
        live = LiveAnalyzer(seller=conversation.seller, settings=settings)
        for turn in conversation.turns:
            t0 = time.perf_counter_ns()
            live.add_turn(turn)
            latencies.append(time.perf_counter_ns() - t0)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] / 1e6
    p99 = latencies[int(len(latencies) * 0.99)] / 1e6
    print(
        f"[{name}] {len(conversations):,} conversations, {total:,} utterances, "
        f"{words / total:.1f} words/utterance"
    )
    print(
        f"[{name}] full analysis, one core: {total / elapsed:,.0f} utterances/s "
        f"({len(conversations) / elapsed:,.0f} conversations/s, {findings:,} findings)"
    )
    print(
        f"[{name}] live analyzer per turn: p50 {p50:.3f} ms, p99 {p99:.3f} ms "
        f"({len(latencies):,} turns; {statistics.mean(latencies) / 1e6:.3f} ms mean)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    measure("examples", example_corpus(args.utterances))
    measure("dense", corpus(args.utterances, args.seed))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss_mb:,.0f} MB")


if __name__ == "__main__":
    main()
