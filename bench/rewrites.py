"""Every rewrite the analyzer shows on conversations nobody on the project wrote, checked.

    .venv/bin/python bench/rewrites.py [--limit N]

Analyses the outside evaluation set (src/trustworks/evaluate/outside), examples/, every
AnnoMI counselling transcript and CaSiNo negotiation in ../shared/data (the therapist, and
CaSiNo's first speaker, as the seller), and every Stanford politeness request and ConvAbuse
user turn as a draft. Each negative finding's rewrite is then put through `trustworks check`
(trustworks.analysis.draft.check_draft) and the sentence checks of trustworks.analysis.coach.
Prints how many rewrites were shown, how many keep the speaker's or the client's words, and
every one that spends trust, does not read as a sentence, or repeats the flagged words.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from trustworks.analysis import Analysis, analyze
from trustworks.analysis.coach import sentence_problems
from trustworks.analysis.draft import check_draft
from trustworks.conversation import Conversation, conversation_from_pairs
from trustworks.ingest import load
from trustworks.signals import default_catalogue

ROOT = Path(__file__).parents[1]
DATA = ROOT.parent / "shared" / "data"
OUTSIDE = ROOT / "src" / "trustworks" / "evaluate" / "outside" / "conversations"


def _jsonl_dialogues(path: Path, seller: str) -> Iterator[Conversation]:
    turns: dict[str, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            turns.setdefault(row["dialogue"], []).append((row["speaker"], row["text"]))
    for name, pairs in turns.items():
        yield conversation_from_pairs(pairs, seller=seller, source=name)


def _casino() -> Iterator[Conversation]:
    for split in ("train", "valid", "test"):
        path = DATA / "casino" / f"casino_{split}.json"
        if not path.is_file():
            continue
        for dialogue in json.loads(path.read_text(encoding="utf-8")):
            pairs = [
                (log["id"], log["text"])
                for log in dialogue["chat_logs"]
                if isinstance(log.get("text"), str) and not log["text"].startswith("Submit-Deal")
            ]
            source = f"casino-{dialogue['dialogue_id']}"
            yield conversation_from_pairs(pairs, seller="mturk_agent_1", source=source)


def _drafts(path: Path, speaker: str) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["speaker"] == speaker and row["text"].strip():
                yield row["text"]


def analyses(limit: int | None) -> Iterator[tuple[str, Analysis]]:
    """Every analysis of the run, named by its corpus."""
    for path in sorted(OUTSIDE.glob("*.json")):
        yield "outside", analyze(load(str(path)))
    for path in sorted((ROOT / "examples").iterdir()):
        if path.name.startswith("draft"):
            yield "examples", check_draft(path.read_text(encoding="utf-8"))
        elif path.suffix != ".md":
            yield "examples", analyze(load(str(path)))
    corpora: list[tuple[str, Iterator[Conversation]]] = [
        ("annomi", _jsonl_dialogues(DATA / "annomi" / "annomi.jsonl", "therapist")),
        ("casino", _casino()),
    ]
    for name, conversations in corpora:
        for i, conversation in enumerate(conversations):
            if limit is not None and i >= limit:
                break
            yield name, analyze(conversation)
    drafts = [
        (
            "politeness",
            _drafts(DATA / "stanford_politeness" / "stanford_politeness.jsonl", "requester"),
        ),
        ("convabuse", _drafts(DATA / "convabuse" / "convabuse.jsonl", "user")),
    ]
    for name, texts in drafts:
        for i, text in enumerate(texts):
            if limit is not None and i >= limit * 10:
                break
            yield name, check_draft(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="conversations per corpus")
    args = parser.parse_args()
    catalogue = default_catalogue()
    started = time.perf_counter()
    shown: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    seen: dict[str, tuple[str, str, str]] = {}
    for corpus, analysis in analyses(args.limit):
        for finding in analysis.negative_findings:
            if not finding.rewrite:
                continue
            shown[corpus] += 1
            signal = catalogue.signal(finding.signal)
            if finding.rewrite not in (signal.rewrite, signal.rewrite_fallback):
                kept[corpus] += 1
            seen.setdefault(finding.rewrite, (finding.signal, finding.evidence, corpus))
    bad = []
    for rewrite, (signal_id, evidence, corpus) in sorted(seen.items()):
        why = sentence_problems(rewrite)
        why += [f"spends trust: {f.signal}" for f in check_draft(rewrite).negative_findings]
        if " ".join(evidence.split()).lower() in rewrite.lower():
            why.append("repeats the flagged words")
        if why:
            bad.append((signal_id, corpus, rewrite, why))
    seconds = time.perf_counter() - started
    print(f"rewrites shown: {sum(shown.values())} ({dict(shown)})")
    print(f"keeping the speaker's or the client's words: {sum(kept.values())} ({dict(kept)})")
    print(f"distinct rewrites: {len(seen)}; failing a check: {len(bad)}  ({seconds:.0f} s)")
    for signal_id, corpus, rewrite, why in bad:
        print(f"  {signal_id} [{corpus}]: {rewrite!r}: {'; '.join(why)}")


if __name__ == "__main__":
    main()
