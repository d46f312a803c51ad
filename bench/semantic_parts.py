"""Where the semantic layer's time goes, step by step, on one core.

    taskset -c 1 .venv/bin/python bench/semantic_parts.py [--utterances 10000] [--seed 0]

The same distinct utterances as `bench/semantic.py` (AnnoMI and CaSiNo, shuffled, each used
once), cut into 40-turn conversations. First the default analysis of half of them, with the
semantic layer's own work (`SemanticDetector.prepare` and `observe`) timed inside it; then the
layer alone (`prepare` on each conversation, as `analyze` calls it) on the same conversations,
each of its steps timed by wrapping the functions it calls. A step's time includes the steps
under it; the encoder is called twice a conversation, for the seller's sentences and for the
client turns they may answer. Reading a CPU clock costs about 0.5 us, so each timed step
counts about 1 us a call more than it costs; and the word table has met every word by the
second pass, so word pieces cost a little less than inside a first analysis. The Rust
tokenizer's `encode_batch` on the same sentences is timed last, beside the word table.
Process CPU time throughout.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import trustworks.analysis.semantic as layer
import trustworks.semantic.features as features
import trustworks.semantic.tone as tone
from semantic import conversations, warmed_texts
from trustworks.analysis import Settings, analyze
from trustworks.analysis.engine import engine_for
from trustworks.conversation import Role
from trustworks.semantic.encoder import StaticEncoder, default_encoder
from trustworks.sentences import sentence_spans
from trustworks.signals import default_catalogue

# (owner, attribute, label): each call is timed under the labels of the calls around it.
STEPS: tuple[tuple[Any, str, str], ...] = (
    (layer.SemanticDetector, "prepare", "prepare: the layer's work for a conversation"),
    (layer, "sentence_spans", "sentence spans of the seller's turns"),
    (layer.SemanticDetector, "_judge", "judging the seller's turns"),
    (StaticEncoder, "encode", "encoder"),
    (StaticEncoder, "_packed", "word pieces"),
    (features, "turn_shapes", "shape features (sentences and turns)"),
    (layer.SemanticDetector, "_tones", "tone model"),
    (layer, "reads_as_english", "English check"),
    (layer, "_turn_sums", "turn sums"),
    (tone, "marker_counts", "politeness markers"),
    (layer.SemanticDetector, "_probabilities", "heads"),
    (layer.SemanticDetector, "_echo", "echo of the client's words"),
    (layer.SemanticDetector, "_emissions", "findings and their shape checks"),
)


class Timer:
    """CPU time spent in each wrapped call, by the path of labels it was called under."""

    def __init__(self) -> None:
        self.spent: dict[tuple[str, ...], float] = {}
        self.calls: dict[tuple[str, ...], int] = {}
        self._stack: list[str] = []

    def wrap(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        clock = time.thread_time

        def timed(*args: Any, **kwargs: Any) -> Any:
            self._stack.append(label)
            path = tuple(self._stack)
            self.spent.setdefault(path, 0.0)  # listed in the order first entered
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[path] += clock() - start
                self.calls[path] = self.calls.get(path, 0) + 1
                self._stack.pop()

        return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    texts = warmed_texts(args.utterances, args.seed)
    texts = texts[len(texts) // 2 :]  # the half bench/semantic.py analyses with the layer
    engine = engine_for(default_catalogue())
    calls = conversations(texts)

    # The layer inside the default analysis (CPU time).
    engine.forget()
    inside = {"prepare": 0.0, "observe": 0.0}
    real = {name: getattr(layer.SemanticDetector, name) for name in inside}

    def clocked(name: str) -> Callable[..., Any]:
        function = real[name]

        def timed(*args: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args)
            finally:
                inside[name] += time.process_time() - start

        return timed

    for name in inside:
        setattr(layer.SemanticDetector, name, clocked(name))
    start = time.process_time()
    for call in calls:
        analyze(call, ["Seller"], settings=Settings(semantic=True))
    total = time.process_time() - start
    for name, function in real.items():
        setattr(layer.SemanticDetector, name, function)
    n = len(texts)
    print(f"{n} distinct utterances, 40-turn conversations (one core)")
    print(f"  default analysis: {total / n * 1e6:6.1f} us an utterance (CPU time), of which")
    for name, spent in inside.items():
        print(f"    SemanticDetector.{name}: {spent / n * 1e6:6.1f} us")

    # The layer alone: as a whole, then step by step.
    work = [
        [
            (k, Role.SELLER if k % 2 == 0 else Role.CLIENT, turn.text)
            for k, turn in enumerate(call.turns)
        ]
        for call in calls
    ]
    start = time.process_time()
    for turns in work:
        layer.SemanticDetector().prepare(turns)
    alone = time.process_time() - start
    print(f"  the layer alone (prepare): {alone / n * 1e6:6.1f} us an utterance")
    timer = Timer()
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in STEPS]
    for owner, name, label in STEPS:
        setattr(owner, name, timer.wrap(getattr(owner, name), label))
    try:
        for turns in work:
            layer.SemanticDetector().prepare(turns)
    finally:
        for owner, name, function in originals:
            setattr(owner, name, function)
    print("  ... each step with the steps under it (CPU time, about 1 us a timed call more):")
    for path, spent in timer.spent.items():
        label = f"{'  ' * len(path)}{path[-1]}"
        per_call = spent / timer.calls[path] * 1e6
        print(f"  {label:<58} {spent / n * 1e6:6.2f} us an utterance ({per_call:.0f} us a call)")

    # The Rust tokenizer on the same sentences, a conversation's seller sentences at a time.
    encoder = default_encoder()
    batches = [
        [text[a:b] for k, _, text in turns if k % 2 == 0 for a, b in sentence_spans(text)]
        for turns in work
    ]
    start = time.process_time()
    for batch in batches:
        for sentence in batch:
            encoder.pieces(sentence)
    table = time.process_time() - start
    start = time.process_time()
    for batch in batches:
        encoder.tokenizer.encode_batch(batch, add_special_tokens=False)
    rust = time.process_time() - start
    print(
        f"  word pieces of the seller's sentences: the word table {table / n * 1e6:.2f} us an "
        f"utterance, tokenizers' encode_batch {rust / n * 1e6:.2f} us"
    )


if __name__ == "__main__":
    main()
