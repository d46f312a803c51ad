"""Benchmark the default analysis with the semantic layer on distinct utterances, on one core.

    .venv/bin/python bench/semantic.py [--utterances 20000]

Utterances are real, distinct texts (AnnoMI and CaSiNo from ../shared/data, shuffled, each
used once, so no remembered hit or cache of whole texts helps), cut into 40-turn
conversations between a seller and a client, in four quarters that share no text: with rules
only and with the semantic layer, each conversation analysed alone (`analyze`), and with rules
only and with the semantic layer a batch at a time (`analyze_many`, as the batch runner and
`trustworks analyze` on several files do). Prints utterances/s for each, the live analyzer's
per-turn latency (p50, p99) and peak RSS. Before each timed run the engine forgets its
remembered hits and the encoder's table of word pieces is put back as the warm-up left it.
Quarters of different texts read a little differently, so docs/performance.md measures the
batch's gain paired as well (the same conversations both ways, alternated).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import time
from pathlib import Path

from trustworks.analysis import LiveAnalyzer, Settings, analyze, analyze_many
from trustworks.analysis.engine import engine_for
from trustworks.conversation import Conversation, Turn
from trustworks.semantic.encoder import default_encoder
from trustworks.signals import default_catalogue

DATA = Path(__file__).parents[2] / "shared" / "data"


def distinct_texts(limit: int) -> list[str]:
    seen: set[str] = set()
    texts: list[str] = []
    for line in (DATA / "annomi" / "annomi.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"].strip()
        if text and text not in seen:
            seen.add(text)
            texts.append(text)
    for split in ("train", "valid", "test"):
        for dialogue in json.loads((DATA / "casino" / f"casino_{split}.json").read_text()):
            for turn in dialogue["chat_logs"]:
                text = turn["text"].strip()
                if text and text not in seen:
                    seen.add(text)
                    texts.append(text)
    return texts[:limit]


def conversations(texts: list[str]) -> list[Conversation]:
    out = []
    for i in range(0, len(texts), 40):
        turns = tuple(
            Turn("Seller" if j % 2 == 0 else "Client", t) for j, t in enumerate(texts[i : i + 40])
        )
        out.append(Conversation(turns))
    return out


# The encoder's table of word pieces as the warm-up left it (`warmed_texts`).
_WARM_WORDS: dict[str, bytes] = {}


def run(texts: list[str], semantic: bool, *, batched: bool = False) -> float:
    engine_for(default_catalogue()).forget()  # no remembered hits from the warm-up
    words = default_encoder()._words  # nor word pieces met in an earlier timed run
    words.clear()
    words.update(_WARM_WORDS)
    calls = conversations(texts)
    settings = Settings(semantic=semantic)
    start = time.process_time()
    if batched:
        analyze_many(calls, ["Seller"], settings=settings)
    else:
        for call in calls:
            analyze(call, ["Seller"], settings=settings)
    return len(texts) / (time.process_time() - start)


def live_latency(texts: list[str]) -> tuple[float, float, float, float]:
    """p50 and p99 per turn in ms, wall time and then the thread's CPU time.

    On a shared core the wall time includes waiting for the core; the CPU time does not.
    """
    engine_for(default_catalogue()).forget()
    live = LiveAnalyzer(["Seller"])
    wall, cpu = [], []
    for j, text in enumerate(texts):
        start, start_cpu = time.perf_counter(), time.thread_time()
        live.add("Seller" if j % 2 == 0 else "Client", text)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
        if j % 40 == 39:
            live = LiveAnalyzer(["Seller"])
    wall.sort()
    cpu.sort()
    p99 = int(len(wall) * 0.99)
    return (
        statistics.median(wall) * 1000,
        wall[p99] * 1000,
        statistics.median(cpu) * 1000,
        cpu[p99] * 1000,
    )


def warmed_texts(utterances: int, seed: int) -> list[str]:
    """The timed texts, after the analyzer was warmed up on 2,000 others, as a server is.

    Both halves come from the same mix of counselling and negotiation, each text used once. A
    server or batch worker compiles the catalogue at start and has seen other calls: the
    warm-up texts are then left out, so every timed text is new.
    """
    texts = distinct_texts(10**9)
    random.Random(seed).shuffle(texts)
    warm, texts = texts[:2_000], texts[2_000 : 2_000 + utterances]
    engine_for(default_catalogue()).compile_all()
    # ... and widens the encoder's matrix once (0.1 s), which the warm-up alone might not reach.
    default_encoder().widen()
    for call in conversations(warm):
        analyze(call, ["Seller"])
    _WARM_WORDS.update(default_encoder()._words)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=14_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    texts = warmed_texts(args.utterances, args.seed)
    q = len(texts) // 4
    quarters = [texts[k * q : (k + 1) * q] for k in range(4)]
    print(
        f"{len(texts)} distinct utterances after a warm-up on 2,000 others, a quarter of them "
        f"for each figure (one core, CPU time)"
    )
    print("  one conversation at a time (analyze):")
    print(f"    rules only:          {run(quarters[0], semantic=False):9,.0f} utterances/s")
    print(f"    with semantic layer: {run(quarters[1], semantic=True):9,.0f} utterances/s")
    print("  other conversations, batched (analyze_many):")
    rules = run(quarters[2], semantic=False, batched=True)
    print(f"    rules only:          {rules:9,.0f} utterances/s")
    default = run(quarters[3], semantic=True, batched=True)
    print(f"    with semantic layer: {default:9,.0f} utterances/s")
    p50, p99, cpu50, cpu99 = live_latency(quarters[0])
    print(f"  live per turn: p50 {p50:.3f} ms, p99 {p99:.3f} ms", end="")
    print(f" (CPU: p50 {cpu50:.3f} ms, p99 {cpu99:.3f} ms)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
