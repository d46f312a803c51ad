"""Turn the precision audit's verdicts into each rule signal's confidence.

Two steps, both reproducible from files in this folder:

    # keep a round's verdicts with what they judged (ids, places and the matched words)
    python scripts/rule_audit/calibrate.py record --items /tmp/audit.jsonl \
        --verdicts /tmp/verdicts_A.jsonl /tmp/verdicts_B.jsonl ... --commit <sha> \
        --out scripts/rule_audit/verdicts-3.toml
    # write src/trustworks/signals/catalogue/confidence.toml from the latest round
    python scripts/rule_audit/calibrate.py write scripts/rule_audit/verdicts-3.toml
    # ...with a supplementary round that judged only signals added since (verdicts-4b.toml)
    python scripts/rule_audit/calibrate.py write scripts/rule_audit/verdicts-4.toml \
        scripts/rule_audit/verdicts-4b.toml

Only the latest round calibrates: an earlier one judged rules that were mended after it. A
supplementary round drawn later for signals added since speaks for the signals it judged, and
the round before it for the rest; the pooled precision that unaudited signals get stays the
round's, which judged every kind of rule.

A signal's confidence is its audited precision, drawn towards the precision of all audited
rules by PSEUDO_COUNT findings' worth (a Beta prior): a signal right 3 times of 3 is not
taken to be always right, and one wrong of 2 is not taken to be a coin toss. A rule the
audit never saw fire gets the pooled precision (``prior``). Unsure verdicts are left out.
"""

from __future__ import annotations

import argparse
import json
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).parent
OUT = HERE.parents[1] / "src" / "trustworks" / "signals" / "catalogue" / "confidence.toml"
PSEUDO_COUNT = 4.0
VERDICT_VALUES = ("right", "wrong", "unsure")
KEPT = ("id", "signal", "source", "corpus", "dialogue", "judged", "turn", "evidence")
# Corpora whose text may not be shipped (AGPL-3.0): their matched words and the auditors'
# notes, which quote them, are left out of the verdict files.
UNSHIPPED = frozenset({"sales"})


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def record(items: Path, verdict_files: list[Path], commit: str, out: Path) -> None:
    """Write a round's verdicts: every audited item with its verdict (not the turn's text)."""
    judged = {}
    for path in verdict_files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                if row.get("verdict") not in VERDICT_VALUES:
                    raise SystemExit(f"{path}:{number}: verdict must be one of {VERDICT_VALUES}")
                if row["id"] in judged:
                    raise SystemExit(f"{path}:{number}: a second verdict for {row['id']}")
                judged[row["id"]] = row
    rows = [json.loads(line) for line in items.read_text(encoding="utf-8").splitlines() if line]
    missing = [r["id"] for r in rows if r["id"] not in judged]
    if missing:
        raise SystemExit(f"{len(missing)} items have no verdict, e.g. {missing[:5]}")
    stray = sorted(judged.keys() - {r["id"] for r in rows})
    if stray:
        raise SystemExit(f"{len(stray)} verdicts name no item, e.g. {stray[:5]}")
    lines = [
        "# The precision audit's verdicts (scripts/rule_audit): one per sampled finding.",
        "# Written by calibrate.py record; the talk itself is in the corpora (sample.py).",
        f"audited = {_quote(commit)}",
        "",
    ]
    for row in rows:
        verdict = judged[row["id"]]
        quoted = row["corpus"] not in UNSHIPPED
        lines.append("[[verdict]]")
        for key in KEPT:
            value = row[key] if quoted or key != "evidence" else ""
            lines.append(f"{key} = {value if key == 'turn' else _quote(str(value))}")
        lines.append(f"verdict = {_quote(verdict['verdict'])}")
        lines.append(f"why = {_quote(str(verdict.get('why', '')) if quoted else '')}")
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(rows)} verdicts -> {out}")


Table = dict[str, tuple[float, int, int]]  # signal -> (confidence, right, wrong)


def confidences(doc: dict[str, object]) -> tuple[float, Table]:
    """The pooled precision of audited rules, and each signal's (confidence, right, wrong).

    The semantic model's signals are audited like the rules (their confidence can only fall,
    see the loader) but left out of the pooled precision, which is what unaudited rules get.
    """
    return confidences_of([doc])


def confidences_of(docs: list[dict[str, object]]) -> tuple[float, Table]:
    """`confidences` of a round (the first) with the supplementary rounds after it: a signal's
    verdicts are those of the last round that judged it; the pooled precision is the first's."""
    rows: list[dict[str, str]] = list(docs[0]["verdict"])  # type: ignore[call-overload]
    rules: Counter[str] = Counter(row["verdict"] for row in rows if row["source"] == "rule")
    if not rules["right"] + rules["wrong"]:
        raise SystemExit("no rule was judged right or wrong: nothing to calibrate")
    prior = rules["right"] / (rules["right"] + rules["wrong"])
    for doc in docs[1:]:
        later: list[dict[str, str]] = list(doc["verdict"])  # type: ignore[call-overload]
        judged = {row["signal"] for row in later}
        rows = [row for row in rows if row["signal"] not in judged] + later
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        counts.setdefault(row["signal"], Counter())[row["verdict"]] += 1
    out = {}
    for signal, c in sorted(counts.items()):
        if c["right"] + c["wrong"]:
            value = (c["right"] + PSEUDO_COUNT * prior) / (c["right"] + c["wrong"] + PSEUDO_COUNT)
            out[signal] = (round(value, 2), c["right"], c["wrong"])
    return round(prior, 2), out


def write(verdicts: list[Path]) -> None:
    docs = [tomllib.loads(path.read_text(encoding="utf-8")) for path in verdicts]
    prior, table = confidences_of(docs)
    names = " ".join(path.name for path in verdicts)
    lines = [
        "# How often each rule signal's findings were right, audited on talk nobody here wrote.",
        f"# Written by scripts/rule_audit/calibrate.py from {names} (scripts/rule_audit):",
        "# edit those, not this. `prior` is what a signal the audit never saw fire gets.",
        f"audited = {_quote(' '.join(str(doc['audited']) for doc in docs))}",
        f"verdicts = {_quote(names)}",
        f"prior = {prior}",
        "",
    ]
    for signal, (value, right, wrong) in table.items():
        lines += [f"[signal.{signal}]", f"confidence = {value}", f"right = {right}"]
        lines += [f"wrong = {wrong}", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(table)} signals (prior {prior}) -> {OUT}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="keep the verdicts (verdicts.toml)")
    rec.add_argument("--items", type=Path, required=True)
    rec.add_argument("--verdicts", type=Path, nargs="+", required=True)
    rec.add_argument("--commit", required=True, help="the commit the sample was drawn at")
    rec.add_argument("--out", type=Path, required=True, help="verdicts-<round>.toml")
    wri = commands.add_parser("write", help="write confidence.toml from a round's verdicts")
    wri.add_argument("verdicts", type=Path, nargs="+", help="a round, then any supplementary")
    args = parser.parse_args()
    if args.command == "record":
        record(args.items, args.verdicts, args.commit, args.out)
    else:
        write(args.verdicts)


if __name__ == "__main__":
    main()
