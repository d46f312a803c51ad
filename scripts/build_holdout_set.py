"""Rebuild the blind holdout set's conversation files from their public sources.

The files in src/trustworks/evaluate/holdout/conversations/ were written by this script; it
is kept so anyone can check that every turn is the sources' text, unchanged. It needs local
clones (or bare git directories) of wyim/aci-bench and abachaa/MTS-Dialog:

    python scripts/build_holdout_set.py \
        --aci-bench /path/to/aci-bench --mts-dialog /path/to/MTS-Dialog

Consecutive utterances by one speaker are joined with a space (as every Trustworks reader
does by default), so the 0-based turn indices in annotations.toml match the analyzer's.
The conversations were chosen by length (20-40 joined turns, two speakers only) from the
sources' test splits before any of them was read; none is in the outside set.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
from pathlib import Path

# The same joining of one speaker's consecutive utterances as the outside set (run from
# scripts/, so the neighbouring builder imports).
from build_outside_set import merged

OUT = Path(__file__).resolve().parents[1] / "src/trustworks/evaluate/holdout/conversations"

# ACI-BENCH encounters: (split file, encounter id).
ACI = [
    ("clef_taskC_test3", "D2N180"),
    ("clef_taskC_test3", "D2N187"),
    ("clef_taskC_test3", "D2N204"),
    ("clef_taskC_test3", "D2N205"),
    ("clinicalnlp_taskC_test2", "D2N143"),
    ("clinicalnlp_taskC_test2", "D2N155"),
]
# MTS-Dialog conversations: (file under Main-Dataset/, ID, short name).
MTS = [
    ("MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv", "31", "test1"),
    ("MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv", "38", "test1"),
    ("MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv", "66", "test1"),
    ("MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv", "177", "test1"),
    ("MTS-Dialog-TestSet-1-MEDIQA-Chat-2023.csv", "179", "test1"),
    ("MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv", "2", "test2"),
    ("MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv", "92", "test2"),
    ("MTS-Dialog-TestSet-2-MEDIQA-Sum-2023.csv", "107", "test2"),
]


def write(name: str, meta: dict[str, str], turns: list[dict[str, str]]) -> None:
    body = {**meta, "turns": turns}
    (OUT / f"{name}.json").write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n")


def git_show(repo: Path, path: str) -> str:
    # --git-dir works for a bare mirror and for the .git of a clone alike.
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def aci_bench(repo: Path) -> None:
    for split in sorted({s for s, _ in ACI}):
        wanted = {e for s, e in ACI if s == split}
        rows = csv.DictReader(io.StringIO(git_show(repo, f"data/challenge_data/{split}.csv")))
        for row in rows:
            if row["encounter_id"] not in wanted:
                continue
            logs = [
                (m.group(1).capitalize(), m.group(2))
                for m in re.finditer(r"\[(doctor|patient)\] ([^\n]*)", row["dialogue"])
            ]
            write(
                f"aci-{row['encounter_id'].lower()}",
                {
                    "title": f"ACI-BENCH encounter {row['encounter_id']} "
                    f"({row['dataset']}, {split}; role-played clinic visit)",
                    "source": "ACI-BENCH",
                    "licence": "CC BY 4.0",
                    "url": "https://github.com/wyim/aci-bench",
                },
                merged(logs),
            )


def mts_dialog(repo: Path) -> None:
    for file in sorted({f for f, _, _ in MTS}):
        wanted = {i: short for f, i, short in MTS if f == file}
        rows = csv.DictReader(io.StringIO(git_show(repo, f"Main-Dataset/{file}")))
        for row in rows:
            if row["ID"] not in wanted:
                continue
            # One utterance a line, "Doctor: ..." or "Patient: ...".
            logs = [
                (m.group(1), m.group(2))
                for m in re.finditer(r"^\s*(Doctor|Patient):\s*(.*)$", row["dialogue"], re.M)
            ]
            short = wanted[row["ID"]]
            write(
                f"mts-{short}-{row['ID']}",
                {
                    "title": f"MTS-Dialog {short} conversation {row['ID']} "
                    f"({row['section_header']}; written doctor-patient dialogue)",
                    "source": "MTS-Dialog",
                    "licence": "CC BY 4.0",
                    "url": "https://github.com/abachaa/MTS-Dialog",
                },
                merged(logs),
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aci-bench", type=Path, required=True)
    parser.add_argument("--mts-dialog", type=Path, required=True)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    aci_bench(args.aci_bench)
    mts_dialog(args.mts_dialog)


if __name__ == "__main__":
    main()
