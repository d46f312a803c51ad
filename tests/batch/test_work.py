"""One partition's work, without a cluster: records analysed, bad ones quarantined, parts atomic."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.batch.conftest import call, write_jsonl
from trustworks.analysis.context import Emission, TurnContext
from trustworks.analysis.splits import SplitsDetector
from trustworks.batch.manifest import BatchSettings
from trustworks.batch.plan import plan
from trustworks.batch.work import make_dirs, read_marker, run_partition

POUNCE = "Our platform fixes exactly that, let me show you the dashboard."
ASK = "Can you tell me more about what happens when a driver leaves?"


def _run(inputs: list[Path], out: Path, settings: BatchSettings | None = None) -> list[object]:
    settings = settings or BatchSettings()
    make_dirs(out)
    return [run_partition(p, settings, str(out)) for p in plan(inputs, token=settings.token())]


def test_run_partition_writes_rows_and_quarantines_bad_lines(tmp_path: Path) -> None:
    rows = [
        {
            "id": "c1",
            "text": call("Dana", "Marcus", "We keep losing drivers.", POUNCE),
            "seller": "Dana",
            "team": "North",
            "date": "2026-03-02",
        },
        "{broken json",
        {
            "id": "c2",
            "turns": [{"speaker": "Dana", "text": ASK}, {"speaker": "Lee", "text": "Sure."}],
            "seller": "Dana",
        },
        {"id": "c3", "text": ""},
        [1, 2, 3],
    ]
    path = write_jsonl(tmp_path / "calls.jsonl", rows)
    out = tmp_path / "out"
    (result,) = _run([path], out, BatchSettings(team="Default"))
    assert (result.conversations, result.quarantined) == (2, 3)  # type: ignore[attr-defined]
    key = result.key  # type: ignore[attr-defined]
    conv = pd.read_parquet(out / "conversations" / f"{key}.parquet")
    assert list(conv["id"]) == ["c1", "c2"]
    assert list(conv["team"]) == ["North", "Default"]
    assert list(conv["pounces"]) == [1, 0]
    assert conv["date"].iloc[0].isoformat() == "2026-03-02"
    findings = pd.read_parquet(out / "findings" / f"{key}.parquet")
    assert "pounces_on_need" in set(findings[findings["conversation_id"] == "c1"]["signal"])
    quarantine = [
        json.loads(x) for x in (out / "quarantine" / f"{key}.jsonl").read_text().splitlines()
    ]
    assert [q["line"] for q in quarantine] == [2, 4, 5]
    assert all(q["source"] == str(path) for q in quarantine)
    assert "invalid JSON" in quarantine[0]["reason"]
    assert "empty input" in quarantine[1]["reason"]
    assert "must be an object" in quarantine[2]["reason"]
    assert read_marker(out, key) is not None
    assert not [p for p in out.rglob(".*")]  # no temporary files left behind


def test_run_partition_reads_parquet_rows_and_quarantines_bad_ones(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["p1", "p2", "p3"],
            "text": [call("Sam", "Ada", "Renewal is up.", ASK), None, "   "],
            "turns": [
                None,
                [{"speaker": "Sam", "text": "Hello"}, {"speaker": "Ada", "text": "Hi"}],
                None,
            ],
            "seller": [["Sam"], ["Sam"], None],
        }
    )
    path = tmp_path / "calls.parquet"
    pq.write_table(table, path, row_group_size=2)
    out = tmp_path / "out"
    results = _run([path], out)
    assert sum(r.conversations for r in results) == 2  # type: ignore[attr-defined]
    conv = pd.read_parquet(out / "conversations")
    assert sorted(conv["id"]) == ["p1", "p2"]
    assert set(conv["seller"]) == {"Sam"}
    bad = [
        json.loads(x) for f in (out / "quarantine").iterdir() for x in f.read_text().splitlines()
    ]
    assert [(q["row"], q["line"]) for q in bad] == [(3, None)]


def test_run_partition_quarantines_a_file_that_is_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    out = tmp_path / "out"
    (result,) = _run([path], out)
    assert result.quarantined == 1  # type: ignore[attr-defined]
    (line,) = (out / "quarantine" / f"{result.key}.jsonl").read_text().splitlines()  # type: ignore[attr-defined]
    assert "not readable as Parquet" in json.loads(line)["reason"]


def test_run_partition_quarantines_unreadable_transcripts(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(call("Dana", "Marcus", "We need help.", ASK))
    (tmp_path / "binary.vtt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "2026-05-01-bad.srt").write_text("1\nnot a time\nhello\n")
    out = tmp_path / "out"
    results = _run([tmp_path], out)
    conv = pd.read_parquet(out / "conversations")
    assert list(conv["source"]) == [str(tmp_path / "good.txt")]
    assert sum(r.quarantined for r in results) == 2  # type: ignore[attr-defined]


def test_run_partition_quarantines_only_the_record_its_analysis_fails_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Records are analysed several at a time (`analyze_each`): one that makes a detector fail
    # is quarantined as an error, in its place among the others, which are analysed as alone.
    boom = "This sentence makes the split reader fail."
    rows: list[object] = [
        {"id": f"c{k}", "text": call("Dana", "Marcus", "We keep losing drivers.", POUNCE)}
        for k in range(70)
    ]
    rows[3] = {"id": "c3", "text": call("Dana", "Marcus", "We need help.", boom)}
    rows[5] = "{broken json"
    rows[66] = {"id": "c66", "text": call("Dana", "Marcus", "Hello.", boom)}
    path = write_jsonl(tmp_path / "calls.jsonl", rows)
    observe = SplitsDetector.observe

    def failing(self: SplitsDetector, ctx: TurnContext) -> list[Emission]:
        if ctx.turn.text == boom:
            raise ValueError("the split reader failed")
        return observe(self, ctx)

    monkeypatch.setattr(SplitsDetector, "observe", failing)
    out = tmp_path / "out"
    (result,) = _run([path], out, BatchSettings(seller=("Dana",)))
    key = result.key  # type: ignore[attr-defined]
    assert (result.conversations, result.quarantined) == (67, 3)  # type: ignore[attr-defined]
    quarantine = [
        json.loads(x) for x in (out / "quarantine" / f"{key}.jsonl").read_text().splitlines()
    ]
    assert [(q["line"], q["kind"]) for q in quarantine] == [
        (4, "error"),
        (6, "input"),
        (67, "error"),
    ]
    assert "analysis failed: ValueError: the split reader failed" in quarantine[0]["reason"]
    conv = pd.read_parquet(out / "conversations" / f"{key}.parquet")
    assert list(conv["id"]) == [f"c{k}" for k in range(70) if k not in (3, 5, 66)]
    assert list(conv["pounces"]) == [1] * 67


def test_run_partition_with_no_record_left_to_analyse(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "calls.jsonl", ["{broken json", {"id": "c1", "text": ""}])
    out = tmp_path / "out"
    (result,) = _run([path], out)
    key = result.key  # type: ignore[attr-defined]
    assert (result.conversations, result.quarantined) == (0, 2)  # type: ignore[attr-defined]
    assert len(pd.read_parquet(out / "conversations" / f"{key}.parquet")) == 0
    assert len(pd.read_parquet(out / "findings" / f"{key}.parquet")) == 0
