"""How often the analysis reads what other people labelled: AnnoMI's and CaSiNo's own labels.

A yardstick that does not rest on the project's coach annotations. Each labelled utterance a
seller said on its own (a turn of one utterance) is *covered* when the analysis gives that turn
a finding of the kind the label names. The talk is read from ../shared/data/, without any
dialogue that an evaluation set under src/trustworks/evaluate/ holds:

- AnnoMI (the therapist as the seller): reflections (covered by a reflection, a restatement, a
  named feeling or an acknowledgement), and open and closed questions (a listening credit).
  The same credits on utterances labelled neither reflection nor question are counted too:
  each label is one main behaviour, so some of those are right (a reflection said inside a
  question), but a rise there is where to look for misreadings.
- CaSiNo (train and valid splits, each side as the seller in turn): each strategy label is
  covered by a finding of its family and direction (``elicit-pref`` a listening credit,
  ``showing-empathy`` an intimacy credit, ``self-need`` honest self-interest, ``uv-part``
  self-orientation spent, ...). The test split is never read: the outside sets and the blind
  holdouts draw their negotiations from it.

    python scripts/label_coverage.py            # a table
    python scripts/label_coverage.py --json     # the same, as data
"""

from __future__ import annotations

import argparse
import json
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from trustworks.analysis import Finding, analyze
from trustworks.conversation import Conversation, Turn

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SETS = Path(__file__).resolve().parents[1] / "src" / "trustworks" / "evaluate"
_DEAL_MOVES = {"Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"}
# What covers an AnnoMI reflection: a finding that gives back or names what they said.
REFLECTION_SIGNALS = frozenset(
    {
        "reflects_back_understanding",
        "restates_their_words",
        "reflects_their_words",
        "recalls_client_earlier_words",
        "names_the_emotion",
        "asks_if_understood_right",
        "acknowledges_their_position",
        "shows_sympathy",
    }
)
# Each CaSiNo strategy and the family and direction of the finding that reads it.
CASINO_LABELS: dict[str, tuple[str, int]] = {
    "elicit-pref": ("listening", 1),
    "showing-empathy": ("intimacy", 1),
    "small-talk": ("intimacy", 1),
    "self-need": ("honest_self_interest", 1),
    "other-need": ("honest_self_interest", 1),
    "no-need": ("honest_self_interest", 1),
    "promote-coordination": ("honest_self_interest", 1),
    "uv-part": ("self_orientation", -1),
}


@dataclass
class Tally:
    """Labelled utterances of one kind, and how many the analysis covered."""

    covered: int = 0
    labelled: int = 0

    def add(self, hit: bool) -> None:
        self.labelled += 1
        self.covered += hit

    def as_dict(self) -> dict[str, float | int]:
        share = self.covered / self.labelled if self.labelled else 0.0
        return {"covered": self.covered, "labelled": self.labelled, "share": round(share, 3)}


def held_by_sets() -> frozenset[str]:
    """The dialogue ids any evaluation set holds ("annomi-81", "casino-938")."""
    ids = set()
    for path in sorted(SETS.glob("*/annotations.toml")):
        for conversation in tomllib.loads(path.read_text(encoding="utf-8")).get("conversation", []):
            ids.add(str(conversation["id"]))
    return frozenset(ids)


def _merged(rows: list[tuple[str, str, object]]) -> list[tuple[str, str, list[object]]]:
    """Consecutive utterances by one speaker joined into a turn, as every reader joins them."""
    turns: list[tuple[str, str, list[object]]] = []
    for speaker, text, label in rows:
        if turns and turns[-1][0] == speaker:
            last = turns[-1]
            turns[-1] = (speaker, f"{last[1]} {text}", [*last[2], label])
        else:
            turns.append((speaker, text, [label]))
    return turns


def _findings(turns: list[tuple[str, str, list[object]]], seller: str) -> dict[int, list[Finding]]:
    conversation = Conversation(turns=tuple(Turn(speaker=s, text=t) for s, t, _ in turns))
    by_turn: dict[int, list[Finding]] = defaultdict(list)
    for finding in analyze(conversation, [seller]).findings:
        by_turn[finding.turn].append(finding)
    return by_turn


def annomi(held: frozenset[str]) -> dict[str, Tally]:
    """AnnoMI's therapist reflections and questions, and the credits given elsewhere."""
    sessions: dict[str, list[tuple[str, str, object]]] = defaultdict(list)
    with (DATA / "annomi" / "annomi.jsonl").open(encoding="utf-8") as file:
        for line in file:
            row = json.loads(line)
            sessions[str(row["dialogue"])].append((row["speaker"], row["text"], row["labels"]))
    tallies: dict[str, Tally] = defaultdict(Tally)
    for key, rows in sessions.items():
        if key in held:
            continue
        turns = _merged(rows)
        found = _findings(turns, "therapist")
        for index, (speaker, _, labels) in enumerate(turns):
            if speaker != "therapist" or len(labels) != 1:
                continue
            tags = set(labels[0]) if isinstance(labels[0], list) else set()
            reflection = bool(REFLECTION_SIGNALS & {f.signal for f in found[index]})
            listening = any(f.family == "listening" and f.polarity > 0 for f in found[index])
            if "main_therapist_behaviour=reflection" in tags:
                tallies["reflection"].add(reflection)
            else:
                tallies["reflection credit, not labelled one"].add(reflection)
            for kind in ("open", "closed"):
                if f"question_subtype={kind}" in tags:
                    tallies[f"{kind} question"].add(listening)
    return tallies


def _casino_sides(held: frozenset[str]) -> Iterator[tuple[list[tuple[str, str, object]], str]]:
    for split in ("train", "valid"):
        with (DATA / "casino" / f"casino_{split}.json").open(encoding="utf-8") as file:
            dialogues = json.load(file)
        for dialogue in dialogues:
            annotations = dialogue.get("annotations") or []
            if not annotations or f"casino-{dialogue['dialogue_id']}" in held:
                continue
            labels = {text: set(tags.split(",")) for text, tags, *_ in annotations}
            rows: list[tuple[str, str, object]] = [
                (t["id"], t["text"], labels.get(t["text"], set()))
                for t in dialogue["chat_logs"]
                if t["text"] not in _DEAL_MOVES and t["text"].strip()
            ]
            for seller in ("mturk_agent_1", "mturk_agent_2"):
                yield rows, seller


def casino(held: frozenset[str]) -> dict[str, Tally]:
    """CaSiNo's strategy labels, each against the family and direction that reads it."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for rows, seller in _casino_sides(held):
        turns = _merged(rows)
        found = _findings(turns, seller)
        for index, (speaker, _, labels) in enumerate(turns):
            if speaker != seller or len(labels) != 1 or not isinstance(labels[0], set):
                continue
            read = {(f.family, f.polarity) for f in found[index]}
            for label in sorted(labels[0] & CASINO_LABELS.keys()):
                family, polarity = CASINO_LABELS[label]
                tallies[label].add((family, 1 if polarity > 0 else -1) in read)
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    held = held_by_sets()
    report = {
        "annomi": {k: v.as_dict() for k, v in sorted(annomi(held).items())},
        "casino": {k: v.as_dict() for k, v in sorted(casino(held).items())},
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for corpus, tallies in report.items():
        print(corpus)
        for label, figures in tallies.items():
            print(
                f"  {label:38s} {figures['covered']:5d} / {figures['labelled']:5d}"
                f"  {float(figures['share']):.0%}"
            )


if __name__ == "__main__":
    main()
