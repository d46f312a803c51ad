"""What the eighth and later outside sets' builders share: each takes the next conversations of
the same five sources, by the seventh set's rules, after every conversation the sets before it
took.

A builder (scripts/build_outsideN.py) keeps its own docstring (its picking rule, written down
before any conversation was read), the record of what the set before it took
(``OUTSIDE<N-1>_<SOURCE>``), how many it takes of each source (``MORE``) and ``TAKEN``, what every
earlier set took; the picking and writing are here. Each picker checks that the first picks it
skips are exactly the earlier sets' own, so a builder whose record is wrong fails instead of
writing another set's conversations.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_outside2 import write_mts, write_star
from build_outside4 import ACI_TURNS, MTS_PATH, casino_pick, mts_pick, star_pick, write_casino
from build_outside5 import ANNOMI_TURNS, ANNOMI_USED, annomi_sessions, annomi_turns, write_annomi
from build_outside6 import ACI_USED, ANNOMI_LOW_TURNS
from build_outside7 import ACI_FALLBACK_PATH, OUTSIDE6_ACI
from build_outside_set import aci_turns, git_show, write_aci


@dataclass(frozen=True)
class Taken:
    """What the outside sets before one took from each source, in the order they took it."""

    star: tuple[int, ...]  # STAR dialogue numbers, from the fourth set on
    aci: tuple[str, ...]  # ACI-BENCH train encounters, from the seventh set on
    mts: tuple[str, ...]  # MTS-Dialog validation row ids, from the fourth set on
    casino: tuple[int, ...]  # CaSiNo train dialogues in file order, from the fourth set on
    annomi: tuple[int, ...]  # AnnoMI transcripts, from the fifth set on

    def then(
        self,
        star: tuple[int, ...],
        aci: tuple[str, ...],
        mts: tuple[str, ...],
        casino: tuple[int, ...],
        annomi: tuple[int, ...],
    ) -> Taken:
        """What was taken once one more set has taken these."""
        return Taken(
            self.star + star,
            self.aci + aci,
            self.mts + mts,
            self.casino + casino,
            self.annomi + annomi,
        )


@dataclass(frozen=True)
class More:
    """How many conversations a set takes from each source (AnnoMI: of each quality)."""

    star: int
    aci: int
    mts: int
    casino: int
    annomi: int


def star(repo: Path, taken: Taken, more: More, out: Path) -> None:
    """The next STAR dialogues, after the earlier sets' (the fourth set's rule continued)."""
    earlier = len(taken.star)
    picked = star_pick(repo, earlier + more.star)
    assert tuple(number for number, _ in picked[:earlier]) == taken.star
    assert len(picked) == earlier + more.star
    for number, dialogue in picked[earlier:]:
        write_star(number, dialogue, out)


def aci_next(fallback: list[dict[str, str]], taken: Taken, more: More) -> list[dict[str, str]]:
    """The next ACI-BENCH train encounters within the turn limits (the seventh set's fallback:
    valid.csv is used up)."""
    low, high = ACI_TURNS
    used = ACI_USED | set(OUTSIDE6_ACI)
    fitting = [
        row
        for row in fallback
        if row["encounter_id"] not in used and low <= len(aci_turns(row["dialogue"])) <= high
    ]
    assert tuple(row["encounter_id"] for row in fitting[: len(taken.aci)]) == taken.aci
    chosen = fitting[len(taken.aci) :]
    assert len(chosen) >= more.aci
    return chosen[: more.aci]


def aci_bench(repo: Path, taken: Taken, more: More, out: Path) -> None:
    fallback = list(csv.DictReader(io.StringIO(git_show(repo, ACI_FALLBACK_PATH))))
    for row in aci_next(fallback, taken, more):
        write_aci(row, out)


def mts_next(rows: list[dict[str, str]], taken: Taken, more: More) -> list[dict[str, str]]:
    """The next MTS-Dialog validation rows (the fourth set's rule continued)."""
    earlier = len(taken.mts)
    picked = mts_pick(rows, earlier + more.mts)
    assert tuple(row["ID"] for row in picked[:earlier]) == taken.mts
    assert len(picked) == earlier + more.mts
    return picked[earlier:]


def mts(repo: Path, taken: Taken, more: More, out: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(git_show(repo, MTS_PATH))))
    for row in mts_next(rows, taken, more):
        write_mts(row, "valid", out)


def casino(shared: Path, taken: Taken, more: More, out: Path) -> None:
    """The next CaSiNo train negotiations in file order (the fourth set's rule continued)."""
    dialogues = json.loads((shared / "casino/casino_train.json").read_text(encoding="utf-8"))
    by_id = {int(d["dialogue_id"]): d for d in dialogues}
    earlier = len(taken.casino)
    picked = casino_pick(dialogues, earlier + more.casino)
    assert tuple(number for number, _ in picked[:earlier]) == taken.casino
    assert len(picked) == earlier + more.casino
    for number, judged in picked[earlier:]:
        write_casino(number, judged, by_id[number], out)


def annomi_next(
    sessions: dict[int, list[dict[str, object]]], taken: Taken, more: More
) -> list[int]:
    """The next AnnoMI transcripts within the turn limits, lowest ids first for each quality
    label (high first, then low)."""
    used = ANNOMI_USED | set(taken.annomi)
    chosen: list[int] = []
    for quality, (low, high) in (("high", ANNOMI_TURNS), ("low", ANNOMI_LOW_TURNS)):
        fitting = [
            number
            for number, utts in sorted(sessions.items())
            if utts[0]["mi_quality"] == quality
            and number not in used
            and low <= len(annomi_turns(utts)) <= high
        ]
        chosen += fitting[: more.annomi]
    return chosen


def annomi(shared: Path, taken: Taken, more: More, out: Path) -> None:
    sessions = annomi_sessions(shared)
    for number in annomi_next(sessions, taken, more):
        write_annomi(number, sessions[number], out)


@dataclass(frozen=True)
class Continued:
    """One later set's build: what the sets before it took, how many more of each source it
    takes, and where its files go (a builder's ``BUILD``, whose parts the rebuild tests call
    one by one)."""

    taken: Taken
    more: More
    out: Path

    def star(self, repo: Path) -> None:
        star(repo, self.taken, self.more, self.out)

    def aci_bench(self, repo: Path) -> None:
        aci_bench(repo, self.taken, self.more, self.out)

    def mts(self, repo: Path) -> None:
        mts(repo, self.taken, self.more, self.out)

    def casino(self, shared: Path) -> None:
        casino(shared, self.taken, self.more, self.out)

    def annomi(self, shared: Path) -> None:
        annomi(shared, self.taken, self.more, self.out)

    def main(self, doc: str | None) -> None:
        """The builder's command line: its five parts written to ``out``."""
        parser = argparse.ArgumentParser(description=doc)
        parser.add_argument("--star", type=Path, required=True)
        parser.add_argument("--aci-bench", type=Path, required=True)
        parser.add_argument("--mts", type=Path, required=True)
        parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
        args = parser.parse_args()
        self.out.mkdir(parents=True, exist_ok=True)
        self.star(args.star)
        self.aci_bench(args.aci_bench)
        self.mts(args.mts)
        self.casino(args.shared)
        self.annomi(args.shared)
