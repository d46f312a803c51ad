"""The runner on a small in-process cluster: results, quarantine, resume and its refusal."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from distributed import Client

from tests.batch.conftest import EXAMPLES, call, write_jsonl
from trustworks.analysis import analyze
from trustworks.batch import BatchSettings, read_quarantine, run_batch
from trustworks.batch.plan import plan
from trustworks.errors import BatchError, InputError
from trustworks.ingest import load

SMALL = BatchSettings(partition_bytes=12_000)  # the examples in several partitions


def _examples(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    shutil.copytree(EXAMPLES, archive)
    return archive


def _by_id(output: Path, table: str, key: str) -> pd.DataFrame:
    frame = pd.read_parquet(output / table)
    columns = [key, "turn", "start", "signal"] if table == "findings" else [key]
    return frame.sort_values(columns).reset_index(drop=True)


def test_run_batch_matches_analyze_on_every_example(tmp_path: Path, client: Client) -> None:
    archive = _examples(tmp_path)
    summary = run_batch([archive], tmp_path / "out", SMALL, client=client)
    conv = _by_id(tmp_path / "out", "conversations", "id").set_index("id")
    findings = pd.read_parquet(tmp_path / "out" / "findings")
    analysed = 0
    for path in sorted(archive.iterdir()):
        try:
            expected = analyze(load(path))
        except InputError:
            continue
        analysed += 1
        row = conv.loc[str(path)]
        for name, value in dataclasses.asdict(expected.trust).items():
            assert row[name] == value, (path.name, name)
        for name, value in dataclasses.asdict(expected.metrics).items():
            assert row[name] == value or (value is None and pd.isna(row[name])), (path.name, name)
        assert row["seller"] == expected.conversation.seller[0]
        assert bool(row["seller_inferred"]) == expected.conversation.seller_inferred
        assert bool(row["seller_uncertain"]) == expected.conversation.seller_uncertain
        assert row["seller_confidence"] == expected.conversation.seller_confidence
        got = findings[findings["conversation_id"] == str(path)]
        assert [tuple(r) for r in got[["turn", "signal", "evidence", "start", "end"]].values] == [
            (f.turn, f.signal, f.evidence, f.start, f.end) for f in expected.findings
        ]
        assert row["findings"] == len(expected.findings)
    assert summary.conversations == analysed == 7
    assert summary.partitions > 2 and summary.computed == summary.partitions


def test_run_batch_quarantines_a_bad_file_and_keeps_going(tmp_path: Path, client: Client) -> None:
    archive = _examples(tmp_path)
    (archive / "zz-binary.vtt").write_bytes(b"\x00\xff" * 100)
    summary = run_batch([archive], tmp_path / "out", SMALL, client=client)
    assert summary.quarantined == 2  # draft-email.txt has no speakers, and the binary file
    quarantined = read_quarantine(tmp_path / "out")
    assert [Path(q["source"]).name for q in quarantined] == ["draft-email.txt", "zz-binary.vtt"]
    assert "one written message (a draft?), not a conversation" in quarantined[0]["reason"]
    assert quarantined[0]["line"] is None  # no line is wrong: the whole file has no speaker
    written = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert written["quarantined"] == 2 and written["conversations"] == 7


def test_run_batch_resumes_only_the_missing_partitions(tmp_path: Path, client: Client) -> None:
    archive, out = _examples(tmp_path), tmp_path / "out"
    first = run_batch([archive], out, SMALL, client=client)
    before = _by_id(out, "conversations", "id")
    keys = [p.key for p in plan([archive], SMALL.partition_bytes, SMALL.token())]
    lost, unfinished, *kept = keys
    # Interrupted: one partition never got written, one wrote its tables but not its marker.
    for table, suffix in (("conversations", "parquet"), ("findings", "parquet"), ("parts", "json")):
        (out / table / f"{lost}.{suffix}").unlink()
    (out / "parts" / f"{unfinished}.json").unlink()
    (out / "conversations" / f".{lost}.parquet.123.tmp").write_bytes(b"half a file")
    stamps = {k: (out / "conversations" / f"{k}.parquet").stat().st_mtime_ns for k in kept}

    second = run_batch([archive], out, SMALL, client=client)
    assert (second.computed, second.skipped) == (2, len(keys) - 2)
    assert {k: (out / "conversations" / f"{k}.parquet").stat().st_mtime_ns for k in kept} == stamps
    pd.testing.assert_frame_equal(_by_id(out, "conversations", "id"), before)
    assert (second.conversations, second.findings) == (first.conversations, first.findings)
    third = run_batch([archive], out, SMALL, client=client)
    assert (third.computed, third.skipped, third.conversations) == (0, len(keys), 7)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("settings", "seller"),
        ("new file", "the inputs"),
        ("edited file", "the inputs"),
    ],
)
def test_run_batch_refuses_to_resume_with_other_inputs(
    tmp_path: Path, client: Client, change: str, said: str
) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    archive.mkdir()
    (archive / "a.txt").write_text(call("Dana", "Marcus", "We need help.", "Tell me more?"))
    run_batch([archive], out, client=client)
    settings = BatchSettings()
    if change == "settings":
        settings = BatchSettings(seller=("Dana",))
    elif change == "new file":
        (archive / "b.txt").write_text(call("Dana", "Lee", "Costs are up.", "How so?"))
    else:
        (archive / "a.txt").write_text(call("Dana", "Marcus", "We need more help.", "Why?"))
    with pytest.raises(BatchError, match=said):
        run_batch([archive], out, settings, client=client)


def test_run_batch_reads_jsonl_and_parquet_tables(tmp_path: Path, client: Client) -> None:
    rows = []
    for i in range(30):
        reply = (
            "Our platform fixes exactly that, let me show you the dashboard."
            if i % 3 == 0
            else (f"What have you tried so far for site {i}?")
        )
        rows.append(
            {
                "id": f"j{i}",
                "text": call(
                    "Dana" if i % 2 else "Ryan",
                    f"Client{i}",
                    f"We keep losing drivers to the competition at site {i}.",
                    reply,
                ),
                "seller": "Dana" if i % 2 else "Ryan",
                "team": "North" if i < 15 else "South",
                "date": f"2026-{1 + i % 3:02d}-10",
            }
        )
    jsonl = write_jsonl(tmp_path / "calls.jsonl", [*rows[:20], "not json", {"text": 1}])
    pd.DataFrame(rows[20:]).to_parquet(tmp_path / "more.parquet", row_group_size=3)
    out = tmp_path / "out"
    summary = run_batch(
        [jsonl, tmp_path / "more.parquet"], out, BatchSettings(partition_bytes=2_000), client=client
    )
    assert (summary.conversations, summary.quarantined) == (30, 2)
    assert summary.partitions >= 4
    conv = pd.read_parquet(out / "conversations")
    assert sorted(conv["id"]) == sorted(r["id"] for r in rows)
    assert conv.set_index("id").loc["j0", "pounces"] == 1
    assert conv.set_index("id").loc["j1", "pounces"] == 0
    assert [q["line"] for q in read_quarantine(out)] == [21, 22]


def test_run_batch_reports_a_failed_partition_and_retries_it_next_time(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trustworks.batch.runner as runner_module
    from trustworks.batch.work import run_partition

    archive, out = _examples(tmp_path), tmp_path / "out"
    doomed = plan([archive], SMALL.partition_bytes, SMALL.token())[0].key

    def flaky(partition, settings, output):  # type: ignore[no-untyped-def]
        if partition.key == doomed:
            raise MemoryError("worker ran out of memory")
        return run_partition(partition, settings, output)

    monkeypatch.setattr(runner_module, "run_partition", flaky)
    first = run_batch([archive], out, SMALL, client=client)
    assert len(first.failed) == 1 and first.failed[0].startswith(doomed)
    assert "MemoryError" in first.failed[0]
    assert not (out / "parts" / f"{doomed}.json").exists()
    monkeypatch.undo()
    second = run_batch([archive], out, SMALL, client=client)
    assert (second.computed, second.failed, second.conversations) == (1, [], 7)
