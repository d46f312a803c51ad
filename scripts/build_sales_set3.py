"""Build the third sales set's conversation files from a clone of a Snowflake-Labs quickstart.

The source is the public repository
Snowflake-Labs/sfguide-building-ai-assistant-using-snowflake-cortex-snowflake-notebooks
(Apache-2.0, copyright Snowflake Inc.): its file notebooks/data/CALLS_TRANSCRIPT.csv at the
pinned commit UPSTREAM, 70 rows of (call id, transcript, date), each transcript one line of
inline "Name: text" utterances; call titles come from notebooks/data/CALLS.csv (call id, URL,
title, ...). This script reads them with `git show` from a local clone (a bare one does, and so
does the git directory `fetch` brings) and writes one JSON file per picked call, with the
coach's annotations and SOURCES.md (scripts/sales_set3/), to a folder of your choice:

    python scripts/build_sales_set3.py --clone /path/to/clone --out /tmp/sales_set3
    trustworks eval conversations --annotations /tmp/sales_set3/annotations.toml

A transcript is read so:
- a speaker label is a capitalised word (letters, digits, apostrophes, hyphens) followed
  directly by a colon and whitespace, at the start of the text or after whitespace;
- a transcript is usable only when exactly two distinct labels occur in it;
- the text from one label to the next is that label's utterance;
- the text before the first label (the opening line, which the source leaves unlabelled) is
  said by the other of the two speakers, the one who is not the first label's;
- consecutive utterances by one speaker are then joined with a space and whitespace runs
  become one space (build_outside_set.merged, as every Trustworks reader does), so the 0-based
  turn indices in annotations.toml match the analyzer's. The words are otherwise the source's
  (its occasional missing labels are kept as they are: the words stay in the turn before).

The picking rule, fixed before any transcript was read (from labels and turn counts only),
keeps a row when
- exactly two speaker labels occur in it,
- it has at least MIN_TURNS turns after joining, and
- it is not near-identical to a row kept before it (difflib ratio of their lower-cased word
  sequences, labels included, at least NEAR_IDENTICAL);
then takes every STEP-th kept row in file order, starting with the first, up to MAX_ITEMS
(spreading the picks over the file, whose rows were written in batches). The judged speaker is
the one who says the opening line (`rule_seller`).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_outside_set import clone_main, copy_set_files, git_show, merged, near_copy, write

REPO = "Snowflake-Labs/sfguide-building-ai-assistant-using-snowflake-cortex-snowflake-notebooks"
UPSTREAM = "53ce3fc912614560a5caff4a657d1ff6c1357ec1"
TRANSCRIPTS = "notebooks/data/CALLS_TRANSCRIPT.csv"
CALLS = "notebooks/data/CALLS.csv"
SALES_SET3 = Path(__file__).parent / "sales_set3"
MAX_ITEMS = 20
STEP = 3
MIN_TURNS = 8
NEAR_IDENTICAL = 0.8
LABEL = re.compile(r"(?:(?<=\s)|^)([A-Z][\w'’-]*):(?=\s)")

Turns = list[dict[str, str]]


def rows(clone: Path) -> list[tuple[str, str]]:
    """(call id, transcript) of every row of the transcripts file, in file order."""
    return [
        (row[0], row[1])
        for row in csv.reader(io.StringIO(git_show(clone, TRANSCRIPTS, UPSTREAM)))
        if row
    ]


def titles(clone: Path) -> dict[str, str]:
    """Call id -> call title, from the calls file."""
    return {
        row[0].strip(): row[2].strip()
        for row in csv.reader(io.StringIO(git_show(clone, CALLS, UPSTREAM)))
        if len(row) > 2
    }


def turns(text: str) -> Turns | None:
    """One transcript's joined speaker turns, read as the module docstring says; None when it
    does not have exactly two speaker labels."""
    found = list(LABEL.finditer(text))
    labels = sorted({m.group(1) for m in found})
    if len(labels) != 2:
        return None
    first = found[0].group(1)
    opener = labels[1] if first == labels[0] else labels[0]
    said = [(opener, text[: found[0].start()])]
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        said.append((m.group(1), text[m.end() : end]))
    return merged(said)


def words(spoken: Turns) -> list[str]:
    return " ".join(f"{t['speaker']}: {t['text']}" for t in spoken).lower().split()


def pick(every: list[tuple[str, str]]) -> list[tuple[str, Turns]]:
    """The picked rows' call ids and turns, by the rule in the module docstring."""
    kept: list[tuple[str, Turns]] = []
    for call_id, text in every:
        spoken = turns(text)
        if spoken is None or len(spoken) < MIN_TURNS:
            continue
        if near_copy(words(spoken), (words(other) for _, other in kept), NEAR_IDENTICAL):
            continue
        kept.append((call_id, spoken))
    return kept[::STEP][:MAX_ITEMS]


def rule_seller(spoken: Turns) -> str:
    """The judged speaker: the one who says the opening line."""
    return spoken[0]["speaker"]


def build(clone: Path, out: Path) -> list[str]:
    """Write out/conversations/*.json, annotations.toml and SOURCES.md; return the file names."""
    folder = out / "conversations"
    folder.mkdir(parents=True, exist_ok=True)
    named = titles(clone)
    names = []
    for call_id, spoken in pick(rows(clone)):
        meta = {
            "title": f"Snowflake-Labs AI-assistant quickstart call {call_id}: "
            f"{named.get(call_id, 'untitled')} (synthetic sales call)",
            "source": REPO,
            "licence": "Apache-2.0",
            "url": f"https://github.com/{REPO}",
        }
        name = f"sf-call-{int(call_id):02d}"
        write(name, meta, spoken, folder)
        names.append(f"{name}.json")
    copy_set_files(SALES_SET3, out)
    return names


def main() -> None:
    clone_main(__doc__, REPO, build)


if __name__ == "__main__":
    main()
