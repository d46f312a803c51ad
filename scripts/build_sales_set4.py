"""Build the fourth sales set's conversation files from a clone of premAI-io/sales-calls-analysis.

The source is the public repository premAI-io/sales-calls-analysis ("Sales Conversation
Analyzer", a demo of fine-tuning a model to analyse sales calls; its package.json states the
MIT licence): the file data/training_data_500_clean.jsonl at the pinned commit UPSTREAM, 500
lines, each a fine-tuning example of three messages (system, user, assistant). The user message
is one line of instruction followed by a phone-call transcript, one utterance a line, each line
labelled "Customer:" or "Sales Rep:". Only the transcript is used: the instruction, the system
message and the assistant's analysis are not read. This script reads the file with `git show`
from a local clone (a bare one does, and so does the git directory `fetch` brings) and writes
one JSON file per picked call, with the coach's annotations and SOURCES.md
(scripts/sales_set4/), to a folder of your choice:

    python scripts/build_sales_set4.py --clone /path/to/clone --out /tmp/sales_set4
    trustworks eval conversations --annotations /tmp/sales_set4/annotations.toml

A transcript is read so:
- every line of the user message that starts with a speaker label ("Customer:" or
  "Sales Rep:") is that speaker's utterance; other lines (the instruction) are dropped;
- consecutive utterances by one speaker are then joined with a space and whitespace runs
  become one space (build_outside_set.merged, as every Trustworks reader does), so the 0-based
  turn indices in annotations.toml match the analyzer's. The words are otherwise the source's.

The picking rule, fixed before any transcript was read (from labels and turn counts only),
keeps a line of the file when
- exactly the two speaker labels occur in its transcript, and
- it has at least MIN_TURNS turns after joining;
then takes every STEP-th kept line in file order, starting with the first, skipping any that
is near-identical to one already taken (difflib ratio of their lower-cased word sequences,
labels included, at least NEAR_IDENTICAL), up to MAX_ITEMS. The judged speaker is the one
labelled "Sales Rep" (`SELLER`).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_outside_set import clone_main, copy_set_files, git_show, merged, near_copy, write

REPO = "premAI-io/sales-calls-analysis"
UPSTREAM = "13113e1a0d7791ddb0e142bb96790490be15e83d"
DATA = "data/training_data_500_clean.jsonl"
SALES_SET4 = Path(__file__).parent / "sales_set4"
SELLER = "Sales Rep"
LABELS = ("Customer", SELLER)
MAX_ITEMS = 16
STEP = 20
MIN_TURNS = 10
NEAR_IDENTICAL = 0.8
LINE = re.compile(r"^\s*(Customer|Sales Rep):(.*)$")

Turns = list[dict[str, str]]


def rows(clone: Path) -> list[str]:
    """The user message of every line of the data file, in file order."""
    out = []
    for line in git_show(clone, DATA, UPSTREAM).splitlines():
        if line.strip():
            messages = json.loads(line)["messages"]
            out.append(next(m["content"] for m in messages if m["role"] == "user"))
    return out


def turns(text: str) -> Turns | None:
    """One transcript's joined speaker turns; None unless both labels occur in it."""
    said = [(m.group(1), m.group(2)) for m in map(LINE.match, text.splitlines()) if m]
    if {speaker for speaker, _ in said} != set(LABELS):
        return None
    return merged(said)


def words(spoken: Turns) -> list[str]:
    return " ".join(f"{t['speaker']}: {t['text']}" for t in spoken).lower().split()


def pick(every: list[str]) -> list[tuple[int, Turns]]:
    """The picked lines' 1-based numbers and turns, by the rule in the module docstring."""
    kept = []
    for number, text in enumerate(every, start=1):
        spoken = turns(text)
        if spoken is not None and len(spoken) >= MIN_TURNS:
            kept.append((number, spoken))
    taken: list[tuple[int, Turns]] = []
    for number, spoken in kept[::STEP]:
        if len(taken) == MAX_ITEMS:
            break
        if near_copy(words(spoken), (words(other) for _, other in taken), NEAR_IDENTICAL):
            continue
        taken.append((number, spoken))
    return taken


def build(clone: Path, out: Path) -> list[str]:
    """Write out/conversations/*.json, annotations.toml and SOURCES.md; return the file names."""
    folder = out / "conversations"
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for number, spoken in pick(rows(clone)):
        meta = {
            "title": f"premAI-io sales-calls-analysis call {number} (synthetic sales phone call)",
            "source": REPO,
            "licence": "MIT",
            "url": f"https://github.com/{REPO}",
        }
        name = f"pm-call-{number:03d}"
        write(name, meta, spoken, folder)
        names.append(f"{name}.json")
    copy_set_files(SALES_SET4, out)
    return names


def main() -> None:
    clone_main(__doc__, REPO, build)


if __name__ == "__main__":
    main()
