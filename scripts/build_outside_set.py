"""Rebuild the outside evaluation set's conversation files from their public sources.

The files in src/trustworks/evaluate/outside/conversations/ were written by this script;
it is kept so anyone can check that every turn is the sources' text, unchanged. It needs
the shared copies of AnnoMI and CaSiNo (../shared/data/) and local clones of
asappresearch/abcd google-research-datasets/Taskmaster and wyim/aci-bench (paths below).

    python scripts/build_outside_set.py --shared ../shared/data \
        --abcd /path/to/abcd --taskmaster /path/to/Taskmaster --aci-bench /path/to/aci-bench

Consecutive utterances by one speaker are joined with a space (as every Trustworks reader
does by default), so the 0-based turn indices in annotations.toml match the analyzer's.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/outside/conversations"

ANNOMI_HIGH = [81, 40, 24, 114, 93, 73, 87, 48, 8, 120]
ANNOMI_LOW = [102, 57, 118, 15, 130, 106, 27, 90, 123, 9, 17, 72, 74]
CASINO_TEST = [19, 97, 133, 423, 479, 183, 600, 497]
ACI_VALID = ["D2N069", "D2N072", "D2N079"]
DEAL_EVENTS = {"Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"}


def merged(turns: list[tuple[str, str]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for speaker, text in turns:
        text = " ".join(text.split())
        if not text:
            continue
        if out and out[-1]["speaker"] == speaker:
            out[-1]["text"] += " " + text
        else:
            out.append({"speaker": speaker, "text": text})
    return out


def write(name: str, meta: dict[str, str], turns: list[dict[str, str]], out: Path = OUT) -> None:
    body = {**meta, "turns": turns}
    text = json.dumps(body, indent=1, ensure_ascii=False) + "\n"
    (out / f"{name}.json").write_text(text, encoding="utf-8")


def near_copy(words: list[str], kept: Iterable[list[str]], ratio: float) -> bool:
    """Whether a conversation's words are at least ``ratio`` alike to any of those ``kept``
    (difflib's ratio, no junk heuristic): a near-copy of one picked already."""
    return any(
        difflib.SequenceMatcher(None, words, other, autojunk=False).ratio() >= ratio
        for other in kept
    )


def copy_set_files(source: Path, out: Path) -> None:
    """Copy a set's annotations.toml and SOURCES.md beside the conversations built for it."""
    for name in ("annotations.toml", "SOURCES.md"):
        if (source / name).exists():
            shutil.copyfile(source / name, out / name)


def clone_main(doc: str | None, repo: str, build: Callable[[Path, Path], list[str]]) -> None:
    """The command line of a builder that reads a clone of ``repo``: --clone and --out."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clone", type=Path, required=True, help=f"clone of {repo}")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the set to")
    args = parser.parse_args()
    for name in build(args.clone, args.out):
        print(args.out / "conversations" / name)


def write_aci(row: dict[str, str], out: Path = OUT) -> None:
    """One ACI-BENCH encounter (a row of its challenge CSVs) as a conversation file."""
    write(
        f"aci-{row['encounter_id'].lower()}",
        {
            "title": f"ACI-BENCH encounter {row['encounter_id']} (role-played clinic visit)",
            "source": "ACI-BENCH",
            "licence": "CC BY 4.0",
            "url": "https://github.com/wyim/aci-bench",
        },
        aci_turns(row["dialogue"]),
        out,
    )


def aci_turns(dialogue: str) -> list[dict[str, str]]:
    """An ACI-BENCH encounter's "[doctor] ..." / "[patient] ..." lines as turns."""
    return merged(
        [
            (m.group(1).capitalize(), m.group(2))
            for m in re.finditer(r"\[(doctor|patient)\] ([^\n]*)", dialogue)
        ]
    )


def annomi(shared: Path) -> None:
    rows = [json.loads(line) for line in (shared / "annomi/annomi.jsonl").open()]
    wanted = {f"annomi-{n}" for n in ANNOMI_HIGH + ANNOMI_LOW}
    by: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        if row["dialogue"] in wanted:
            by.setdefault(str(row["dialogue"]), []).append(row)
    for name, utts in by.items():
        utts.sort(key=lambda r: int(str(r["turn"])))
        quality, topic = utts[0]["mi_quality"], utts[0]["topic"]
        turns = merged([(str(r["speaker"]).capitalize(), str(r["text"])) for r in utts])
        write(
            name,
            {
                "title": f"AnnoMI transcript {name[7:]} ({quality}-quality MI; {topic})",
                "source": "AnnoMI",
                "licence": "Public Domain (authors' statement; see SOURCES.md)",
                "url": "https://github.com/uccollab/AnnoMI",
            },
            turns,
        )


def casino(shared: Path) -> None:
    dialogues = json.loads((shared / "casino/casino_test.json").read_text())
    names = {"mturk_agent_1": "Participant 1", "mturk_agent_2": "Participant 2"}
    for d in dialogues:
        if d["dialogue_id"] not in CASINO_TEST:
            continue
        logs = [(names[c["id"]], c["text"]) for c in d["chat_logs"] if c["text"] not in DEAL_EVENTS]
        write(
            f"casino-{d['dialogue_id']}",
            {
                "title": f"CaSiNo test dialogue {d['dialogue_id']} (campsite negotiation)",
                "source": "CaSiNo",
                "licence": "CC BY 4.0",
                "url": "https://github.com/kushalchawla/CaSiNo",
            },
            merged(logs),
        )


def git_show(repo: Path, path: str, commit: str = "HEAD") -> str:
    """A file of ``repo`` as it stood at ``commit``."""
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def abcd(repo: Path) -> None:
    for convo in json.loads(git_show(repo, "data/abcd_sample.json")):
        flow, subflow = convo["scenario"]["flow"], convo["scenario"]["subflow"]
        # "action" rows are the agent's button clicks in the tool, not speech.
        logs = [(s.capitalize(), t) for s, t in convo["original"] if s in ("agent", "customer")]
        write(
            f"abcd-{convo['convo_id']}",
            {
                "title": f"ABCD sample {convo['convo_id']} ({flow}, {subflow})",
                "source": "ABCD",
                "licence": "MIT",
                "url": "https://github.com/asappresearch/abcd",
            },
            merged(logs),
        )


def taskmaster(repo: Path) -> None:
    convo = json.loads(git_show(repo, "TM-1-2019/sample.json"))
    logs = [(u["speaker"].capitalize(), u["text"]) for u in convo["utterances"]]
    write(
        "taskmaster-" + convo["conversation_id"].removeprefix("dlg-")[:8],
        {
            "title": f"Taskmaster-1 sample {convo['conversation_id']} ({convo['instruction_id']})",
            "source": "Taskmaster-1",
            "licence": "CC BY 4.0",
            "url": "https://github.com/google-research-datasets/Taskmaster",
        },
        merged(logs),
    )


def aci_bench(repo: Path) -> None:
    import csv
    import io

    rows = csv.DictReader(io.StringIO(git_show(repo, "data/challenge_data/valid.csv")))
    for row in rows:
        if row["encounter_id"] not in ACI_VALID:
            continue
        write_aci(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument("--abcd", type=Path, required=True)
    parser.add_argument("--taskmaster", type=Path, required=True)
    parser.add_argument("--aci-bench", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    annomi(args.shared)
    casino(args.shared)
    abcd(args.abcd)
    taskmaster(args.taskmaster)
    aci_bench(args.aci_bench)


if __name__ == "__main__":
    main()
