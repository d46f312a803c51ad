"""Sample the analyzer's shown findings on talk nobody here annotated, for a precision audit.

The audit measures how often each rule signal is right on conversations from outside the
project, so that a rule finding's confidence can say so (``calibrate.py``). The sample:

- conversations from five openly licensed corpora, none in any evaluation set or blind
  holdout (their ids are read from every ``annotations.toml`` and left out): CaSiNo's train
  split from row 600 of its file on (both negotiators judged in turn; the first 600 rows
  were read while writing rules), AnnoMI (the therapist), ACI-BENCH train and MTS-Dialog
  train (the doctor), and STAR (the wizard, who serves the user);
- with ``--sales-clone``, the sales calls of hiring-hackathon/team (the salesperson; AGPL-3.0,
  so read from a clone and never shipped): the only openly licensed sales talk found. The
  sales set's 20 are among them: judging findings there measures the rules, not the set; the
  blind second sales set's 4 (``scripts/sales_set2/annotations.toml``) are left out;
- every shown finding (confidence at least 0.5) on the judged speaker's turns;
- per signal, up to PER_SIGNAL findings, drawn in turn from each corpus that has one (a
  seeded shuffle), so a signal's sample spans the kinds of talk it fires on.

Writes a JSON lines file of items (id, corpus, dialogue, turn, signal, the turn and the one
before it) for the auditors, who write a verdict per id (``verdicts.toml``):

    python scripts/rule_audit/sample.py --aci-bench /path/to/aci-bench \
        --mts-dialog /path/to/MTS-Dialog --star /path/to/STAR --out /tmp/audit.jsonl
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from trustworks import conversation_from_pairs
from trustworks.analysis import analyze
from trustworks.analysis.live import SHOWN_FROM

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # the set builders' readers of the same clones
DATA = ROOT.parent / "shared" / "data"
EVALUATE = ROOT / "src" / "trustworks" / "evaluate"
SALES_SET2 = ROOT / "scripts" / "sales_set2"  # a blind set: its calls are never sampled
PER_SIGNAL = 12
SEED = 13
CASINO_FROM = 600
STAR_LIMIT = 2000  # STAR dialogues read (of about 6,600): the wizard says little a rule finds

Pairs = list[tuple[str, str]]
Dialogue = tuple[str, str, Pairs, str]  # corpus, dialogue id, (speaker, text) turns, judged


def evaluated_ids() -> frozenset[str]:
    """Every conversation id of a shipped evaluation set or holdout (never sampled)."""
    ids: set[str] = set()
    for path in EVALUATE.glob("*/annotations.toml"):
        for conversation in tomllib.loads(path.read_text(encoding="utf-8"))["conversation"]:
            ids.add(conversation["id"])
    return frozenset(ids)


def joined(pairs: Pairs) -> Pairs:
    out: Pairs = []
    for speaker, text in pairs:
        text = " ".join(text.split())
        if not text:
            continue
        if out and out[-1][0] == speaker:
            out[-1] = (speaker, out[-1][1] + " " + text)
        else:
            out.append((speaker, text))
    return out


def casino(skip: frozenset[str]) -> Iterator[Dialogue]:
    deal = {"Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"}
    rows = json.loads((DATA / "casino" / "casino_train.json").read_text(encoding="utf-8"))
    for row in rows[CASINO_FROM:]:
        ident = f"casino-train-{row['dialogue_id']}"
        if ident in skip:
            continue
        pairs = joined([(t["id"], t["text"]) for t in row["chat_logs"] if t["text"] not in deal])
        for side in ("mturk_agent_1", "mturk_agent_2"):
            yield "casino", ident, pairs, side


def annomi(skip: frozenset[str]) -> Iterator[Dialogue]:
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line in (DATA / "annomi" / "annomi.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["dialogue"]].append(row)
    for ident, turns in rows.items():
        if ident not in skip:
            pairs = [("T" if t["speaker"] == "therapist" else "C", t["text"]) for t in turns]
            yield "annomi", ident, joined(pairs), "T"


def show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, text=True, check=True
    ).stdout


def aci(repo: Path, skip: frozenset[str]) -> Iterator[Dialogue]:
    for row in csv.DictReader(io.StringIO(show(repo, "data/challenge_data/train.csv"))):
        ident = f"aci-{row['encounter_id']}"
        if ident in skip:
            continue
        pairs = []
        for line in row["dialogue"].split("\n"):
            m = re.match(r"\[(\w+)\]\s*(.*)", line)
            if m:
                pairs.append(("D" if m.group(1) == "doctor" else "P", m.group(2)))
        yield "aci", ident, joined(pairs), "D"


def mts(repo: Path, skip: frozenset[str]) -> Iterator[Dialogue]:
    text = show(repo, "Main-Dataset/MTS-Dialog-TrainingSet.csv")
    for index, row in enumerate(csv.DictReader(io.StringIO(text))):
        ident = f"mts-train-{index}"
        if ident in skip:
            continue
        pairs = []
        for line in row["dialogue"].split("\n"):
            m = re.match(r"(Doctor|Patient|Guest_family|Guest_clinician)\s*:\s*(.*)", line.strip())
            if m:
                doctor = m.group(1) in ("Doctor", "Guest_clinician")
                pairs.append(("D" if doctor else "P", m.group(2)))
        pairs = joined(pairs)
        if len(pairs) >= 6:
            yield "mts", ident, pairs, "D"


_STAR_SPEECH = {("User", "utter"), ("Wizard", "utter"), ("Wizard", "pick_suggestion")}


def star(repo: Path, skip: frozenset[str]) -> Iterator[Dialogue]:
    from build_outside2 import star_numbers

    for number in star_numbers(repo)[:STAR_LIMIT]:
        ident = f"star-{number}"
        if ident in skip:
            continue
        dialogue = json.loads(show(repo, f"dialogues/{number}.json"))
        # What the user saw: the wizard's own words and the suggestions it picked, as the
        # evaluation sets read STAR (build_holdout3.STAR_SPEECH); until the seventeenth
        # session the picks were left out, and with them most of what the wizard said.
        pairs = [
            ("U" if e["Agent"] == "User" else "W", str(e["Text"]))
            for e in dialogue["Events"]
            if (e.get("Agent"), e.get("Action")) in _STAR_SPEECH and e.get("Text")
        ]
        pairs = joined(pairs)
        if len(pairs) >= 6:
            yield "star", ident, pairs, "W"


def sales(clone: Path) -> Iterator[Dialogue]:
    import build_sales_set

    blind = tomllib.loads((SALES_SET2 / "annotations.toml").read_text(encoding="utf-8"))
    skip = {conversation["id"] for conversation in blind["conversation"]}
    every = build_sales_set.items(clone)
    build_sales_set.MAX_ITEMS = len(every)  # every distinct two-speaker call, not the first 20
    for transcript_id, spoken in build_sales_set.pick(every):
        if f"sales-{transcript_id}" in skip:
            continue
        pairs = [(t["speaker"], t["text"]) for t in spoken]
        yield "sales", f"sales-{transcript_id}", pairs, build_sales_set.rule_seller(spoken)


def findings(dialogues: Iterator[Dialogue]) -> dict[str, dict[str, list[dict[str, object]]]]:
    """Shown findings on the judged speaker's turns: signal -> corpus -> items."""
    out: dict[str, dict[str, list[dict[str, object]]]] = defaultdict(lambda: defaultdict(list))
    for corpus, ident, pairs, judged in dialogues:
        analysis = analyze(conversation_from_pairs(pairs, seller=judged))
        for f in analysis.findings:
            if f.speaker != judged or f.confidence < SHOWN_FROM:
                continue
            out[f.signal][corpus].append(
                {
                    "corpus": corpus,
                    "dialogue": ident,
                    "judged": judged,
                    "turn": f.turn,
                    "signal": f.signal,
                    "family": f.family,
                    "polarity": f.polarity,
                    "source": f.source,
                    "evidence": f.evidence,
                    "description": f.description,
                    "before": pairs[f.turn - 1][1] if f.turn else "",
                    "text": pairs[f.turn][1],
                }
            )
    return out


def sample(
    found: dict[str, dict[str, list[dict[str, object]]]], seed: int = SEED
) -> list[dict[str, object]]:
    rng = random.Random(seed)
    items: list[dict[str, object]] = []
    for signal in sorted(found):
        pools = {corpus: list(found[signal][corpus]) for corpus in sorted(found[signal])}
        for pool in pools.values():
            rng.shuffle(pool)
        picked: list[dict[str, object]] = []
        while len(picked) < PER_SIGNAL and any(pools.values()):
            for corpus in sorted(pools):
                if pools[corpus] and len(picked) < PER_SIGNAL:
                    picked.append(pools[corpus].pop())
        fired = sum(len(v) for v in found[signal].values())
        for item in picked:
            item["fired"] = fired
        items.extend(picked)
    for number, item in enumerate(items):
        item["id"] = f"a{number:04d}"
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aci-bench", type=Path, required=True)
    parser.add_argument("--mts-dialog", type=Path, required=True)
    parser.add_argument("--star", type=Path, required=True)
    parser.add_argument("--sales-clone", type=Path, help="a clone of hiring-hackathon/team")
    parser.add_argument("--seed", type=int, default=SEED, help="another seed, another sample")
    parser.add_argument("--round", default="a", help="the letter item ids start with")
    parser.add_argument(
        "--signals",
        help="only these signals (comma-separated): a supplementary round for new ones",
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    skip = evaluated_ids()

    def every() -> Iterator[Dialogue]:
        yield from casino(skip)
        yield from annomi(skip)
        yield from aci(args.aci_bench, skip)
        yield from mts(args.mts_dialog, skip)
        yield from star(args.star, skip)
        if args.sales_clone is not None:
            yield from sales(args.sales_clone)

    found = findings(every())
    if args.signals:
        wanted = set(args.signals.split(","))
        found = {signal: pools for signal, pools in found.items() if signal in wanted}
    items = sample(found, args.seed)
    for item in items:
        item["id"] = f"{args.round}{str(item['id'])[1:]}"
    with args.out.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(items)} findings of {len({i['signal'] for i in items})} signals -> {args.out}")


if __name__ == "__main__":
    main()
