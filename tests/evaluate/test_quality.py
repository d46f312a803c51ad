"""`trustworks eval quality`: trust against AnnoMI's expert grades of counselling sessions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.errors import InputError
from trustworks.evaluate.quality import (
    DEFAULT_DATA_DIR,
    MEASURES,
    PARTS,
    POOLED,
    auc,
    auc_interval,
    evaluate_quality,
    load_sessions,
    part_of,
)

runner = CliRunner()

# Synthetic sessions written for these tests (not AnnoMI's text). A warm therapist reflects,
# asks and names feelings; a curt one lectures, presses and scolds.
WARM = [
    "Hi, thanks for coming in today. What would you like to talk about?",
    "It sounds like you've been really worried about how much you drink lately.",
    "That must have been a real shock. What do you think you'd like to do about it?",
]
CURT = [
    "You need to quit drinking. I'm telling you, stop making excuses.",
    "I'm tired of repeating myself. Nobody said it would be easy.",
    "That sounds like a lot of excuses. So you're going to quit then?",
]
CLIENT = [
    "My doctor said I should come.",
    "I guess I've been having a few too many on weekends.",
    "I don't know, maybe cut back a little.",
]
# Part by id: annomi-81 (high) and annomi-102 (low) are in the outside set's annotations.toml;
# of the made-up ids, synthetic-2, -3 and -8 fall in the heads' held-out 20 % (a hash of the
# id), synthetic-0, -1 and -4 in the 80 % they train on.
SESSIONS = {
    "annomi-81": "high",
    "annomi-102": "low",
    "synthetic-2": "high",
    "synthetic-3": "low",
    "synthetic-8": "high",
    "synthetic-0": "high",
    "synthetic-1": "low",
    "synthetic-4": "high",
}


def _rows(dialogue: str, quality: str) -> list[dict[str, object]]:
    therapist = WARM if quality == "high" else CURT
    rows: list[dict[str, object]] = []
    for mine, theirs in zip(therapist, CLIENT, strict=True):
        for speaker, text in (("therapist", mine), ("client", theirs)):
            rows.append(
                {
                    "dialogue": dialogue,
                    "turn": len(rows),
                    "speaker": speaker,
                    "text": text,
                    "labels": [],
                    "mi_quality": quality,
                    "topic": "synthetic",
                }
            )
    return rows


def _write(folder: Path, rows: list[dict[str, object]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(row) + "\n" for row in rows)
    (folder / "annomi.jsonl").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def annomi(tmp_path: Path) -> Path:
    rows = [row for d, q in SESSIONS.items() for row in _rows(d, q)]
    return _write(tmp_path / "annomi", rows)


@pytest.mark.parametrize(
    ("high", "low", "expected"),
    [
        ([3, 2], [1, 2], 0.875),  # 3>1, 3>2, 2>1 and one tie: 3.5 of 4 pairs
        ([5, 6], [1, 2, 3], 1.0),
        ([1], [2], 0.0),
        ([2, 2], [2], 0.5),  # ties count half
        ([1, 4], [2, 3], 0.5),
        ([], [1], None),
        ([1], [], None),
    ],
)
def test_quality_auc_counts_pairs_with_ties_half(
    high: list[float], low: list[float], expected: float | None
) -> None:
    assert auc(high, low) == expected


def test_quality_auc_interval_brackets_the_estimate_and_repeats() -> None:
    high, low = [0.9, 0.8, 0.4, 0.7, 0.6, 0.3], [0.5, 0.2, 0.65]
    interval = auc_interval(high, low)
    assert interval is not None
    area = auc(high, low)
    assert area is not None and interval[0] <= area <= interval[1]
    assert 0.0 <= interval[0] < interval[1] <= 1.0
    assert auc_interval(high, low) == interval  # a fixed seed: the same figures every run
    assert auc_interval([2.0, 3.0], [1.0]) == (1.0, 1.0)  # every resample separates them
    assert auc_interval([], [1.0]) is None


def test_quality_auc_interval_is_the_percentiles_of_resampled_aucs() -> None:
    # The same draws, each resample's AUC counted pair by pair: the vectorised sum must agree.
    import numpy as np

    high, low = [0.9, 0.8, 0.4, 0.7, 0.6, 0.3, 0.5], [0.5, 0.2, 0.65, 0.1]
    rng = np.random.default_rng(7)
    rows = rng.integers(0, len(high), size=(300, len(high)))
    cols = rng.integers(0, len(low), size=(300, len(low)))
    naive = [
        auc([high[i] for i in r], [low[j] for j in c]) for r, c in zip(rows, cols, strict=True)
    ]
    expected = np.percentile(np.array(naive, dtype=float), [2.5, 97.5])
    assert auc_interval(high, low, resamples=300, seed=7) == (
        round(float(expected[0]), 3),
        round(float(expected[1]), 3),
    )


def test_quality_sessions_join_one_speakers_utterances_in_turn_order(tmp_path: Path) -> None:
    rows = _rows("synthetic-0", "high")
    rows.insert(1, {**rows[0], "turn": 1, "text": "  Take your   time."})
    for number, row in enumerate(rows):
        row["turn"] = number
    rows.reverse()  # the file's order is not the transcript's: turn numbers decide
    [session] = load_sessions(_write(tmp_path, rows))
    assert session.dialogue == "synthetic-0" and session.quality == "high"
    assert session.turns[0] == ("Therapist", f"{WARM[0]} Take your time.")
    assert [speaker for speaker, _ in session.turns] == ["Therapist", "Client"] * 3


def test_quality_parts_follow_the_outside_set_and_the_heads_split() -> None:
    parts = part_of(list(SESSIONS))
    assert dict(zip(SESSIONS, parts, strict=True)) == {
        "annomi-81": "outside set",
        "annomi-102": "outside set",
        "synthetic-2": "held out",
        "synthetic-3": "held out",
        "synthetic-8": "held out",
        "synthetic-0": "trained on",
        "synthetic-1": "trained on",
        "synthetic-4": "trained on",
    }


def test_quality_warm_sessions_score_above_curt_ones_in_every_part(annomi: Path) -> None:
    report = evaluate_quality(annomi, resamples=200)
    assert [p.part for p in report.parts] == [*PARTS, POOLED]
    counts = {p.part: (p.high, p.low) for p in report.parts}
    assert counts == {
        "outside set": (1, 1),
        "held out": (2, 1),
        "trained on": (2, 1),
        POOLED: (4, 2),
    }
    assert report.parts[1].dialogues == ("synthetic-2", "synthetic-3", "synthetic-8")
    for part in report.parts:
        assert [m.measure for m in part.measures] == list(MEASURES)
        trust = part.measure("trust")
        assert trust.auc == 1.0 and trust.n == part.high + part.low
    pooled = report.parts[-1].measure("trust")
    assert pooled.rho is not None and pooled.rho > 0.8 and pooled.p_value is not None


def test_quality_self_orientation_is_flipped_so_higher_is_better(annomi: Path) -> None:
    # The curt therapist talks about their own agenda: the raw score is higher for them, the
    # reported order puts the warm sessions first.
    pooled = evaluate_quality(annomi, resamples=50).parts[-1].measure("self_orientation")
    assert pooled.auc is not None and pooled.auc > 0.5


def test_quality_cli_prints_every_part_and_json(annomi: Path) -> None:
    result = runner.invoke(app, ["eval", "quality", "--data", str(annomi)])
    assert result.exit_code == 0, result.output
    for text in ("outside set", "held out", "trained on", "1 high / 1 low", "self-orientation"):
        assert text in result.output
    as_json = runner.invoke(app, ["eval", "quality", "--data", str(annomi), "--json"])
    assert as_json.exit_code == 0, as_json.output
    report = json.loads(as_json.stdout)
    assert set(report) == {"data", "seconds", "resamples", "parts"}
    assert report["data"] == str(annomi) and report["resamples"] == 2000
    first = report["parts"][0]
    assert set(first) == {"part", "high", "low", "dialogues", "measures"}
    assert first["dialogues"] == ["annomi-81", "annomi-102"]
    assert set(first["measures"][0]) == {
        "measure",
        "auc",
        "auc_low",
        "auc_high",
        "rho",
        "p_value",
        "n",
    }


def test_quality_cli_missing_data_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "quality", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "annomi.jsonl: file not found" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


_GOOD = _rows("synthetic-0", "high")[0]


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        (["{"], "annomi.jsonl:1: not valid JSON"),
        (["[1, 2]"], "annomi.jsonl:1: not an utterance"),
        ([json.dumps(_GOOD), json.dumps({"dialogue": "x"})], "annomi.jsonl:2: lacks turn"),
        ([json.dumps({**_GOOD, "turn": "3"})], "annomi.jsonl:1: turn '3' is not a whole"),
        ([json.dumps({**_GOOD, "speaker": "coach"})], "speaker 'coach' is not therapist"),
        ([json.dumps({**_GOOD, "mi_quality": "medium"})], "mi_quality 'medium' is not high"),
        (
            [json.dumps(_GOOD), json.dumps({**_GOOD, "turn": 1, "mi_quality": "low"})],
            "annomi.jsonl:2: synthetic-0 is graded both high and low",
        ),
        ([json.dumps({**_GOOD, "speaker": "client"})], "no graded transcript"),
        ([""], "no graded transcript"),
    ],
)
def test_quality_cli_malformed_data_is_one_line_and_exit_2(
    tmp_path: Path, lines: list[str], said: str
) -> None:
    (tmp_path / "annomi.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "quality", "--data", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_quality_bad_bytes_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "annomi.jsonl").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(InputError, match=r"annomi\.jsonl: cannot read"):
        load_sessions(tmp_path)


def test_quality_help_loads_no_heavy_module() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['trustworks', 'eval', 'quality', '--help']\n"
        "from trustworks.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert exc.code in (0, None), exc.code\n"
        "heavy = ('numpy', 'scipy', 'sklearn', 'tokenizers')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


@pytest.mark.skipif(
    not (DEFAULT_DATA_DIR / "annomi.jsonl").is_file(), reason="AnnoMI data not present"
)
def test_quality_on_annomi_every_transcript_is_in_one_part() -> None:
    report = evaluate_quality(DEFAULT_DATA_DIR, resamples=200)
    counts = {p.part: (p.high, p.low) for p in report.parts}
    # 133 transcripts, 110 high and 23 low; the outside set took 10 high and 13 low.
    assert counts == {
        "outside set": (10, 13),
        "held out": (15, 3),
        "trained on": (85, 7),
        POOLED: (100, 10),
    }
    trust = report.parts[-1].measure("trust")
    assert trust.auc is not None and trust.auc > 0.5  # 0.73 when first measured
