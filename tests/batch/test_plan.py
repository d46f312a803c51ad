"""Planning: which files an archive holds, and partitions cut by volume with stable keys."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.batch.conftest import EXAMPLES
from trustworks.batch.plan import discover, fingerprint, plan, units_of
from trustworks.errors import BatchError


def test_discover_walks_directories_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    for name in ("a/one.vtt", "a/two.txt", "b.jsonl", ".hidden.vtt", "a/notes.docx", "c.parquet"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a/one.vtt", "a/two.txt", "b.jsonl", "c.parquet"]


def test_discover_reads_globs_and_named_files_once(tmp_path: Path) -> None:
    for name in ("x.vtt", "y.vtt", "z.weird"):
        (tmp_path / name).write_text("x")
    found = discover([str(tmp_path / "*.vtt"), tmp_path / "z.weird", tmp_path / "x.vtt"])
    assert [p.name for p in found] == ["x.vtt", "y.vtt", "z.weird"]


@pytest.mark.parametrize(
    ("inputs", "problem"),
    [(["missing.vtt"], "no such file"), (["*.nothing-matches"], "no files match")],
)
def test_discover_refuses_missing_inputs(inputs: list[str], problem: str) -> None:
    with pytest.raises(BatchError, match=problem):
        discover(inputs)


def test_discover_refuses_an_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="no input files"):
        discover([tmp_path])


def test_plan_packs_files_by_volume_with_stable_keys() -> None:
    files = discover([EXAMPLES])
    total = sum(p.stat().st_size for p in files)
    parts = plan([EXAMPLES], partition_bytes=12_000, token="t")
    assert 2 < len(parts) < len(files)
    assert [u.path for p in parts for u in p.units] == [str(p) for p in files]
    assert sum(p.weight for p in parts) == total
    for p in parts:
        assert len(p.units) == 1 or p.weight <= 12_000
    again = plan([EXAMPLES], partition_bytes=12_000, token="t")
    assert [p.key for p in again] == [p.key for p in parts]
    other = plan([EXAMPLES], partition_bytes=12_000, token="other settings")
    assert not {p.key for p in other} & {p.key for p in parts}


def test_plan_refuses_a_partition_size_below_one() -> None:
    with pytest.raises(BatchError, match="at least 1 byte"):
        plan([EXAMPLES], partition_bytes=0)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(st.text(alphabet='ab{}"é', max_size=30), min_size=1, max_size=40),
    target=st.integers(min_value=1, max_value=200),
    trailing_newline=st.booleans(),
)
def test_jsonl_ranges_cover_every_line_once_with_its_number(
    tmp_path: Path, lines: list[str], target: int, trailing_newline: bool
) -> None:
    path = tmp_path / "rows.jsonl"
    data = "\n".join(lines).encode() + (b"\n" if trailing_newline else b"")
    path.write_bytes(data)
    units = units_of([path], target)
    if not data:
        assert units == []  # an empty table has nothing to read
        return
    assert units[0].start == 0 and units[-1].stop == len(data)
    seen: list[tuple[int, bytes]] = []
    for unit, following in zip(units, [*units[1:], None], strict=True):
        if following is not None:
            assert unit.stop == following.start
        chunk = data[unit.start : unit.stop]
        assert unit.start == 0 or data[unit.start - 1 : unit.start] == b"\n"
        seen += list(enumerate(chunk.splitlines(), start=unit.first_line))
    assert seen == list(enumerate(data.splitlines(), start=1))


def test_parquet_is_cut_at_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "calls.parquet"
    table = pa.table({"text": [f"A: hello {i}\nB: hi" for i in range(100)]})
    pq.write_table(table, path, row_group_size=10)
    one_group = pq.ParquetFile(path).metadata.row_group(0).total_byte_size
    units = units_of([path], one_group * 3)
    assert [(u.start, u.stop) for u in units][:2] == [(0, 3), (3, 6)]
    assert units[-1].stop == 10
    assert [u.first_line for u in units] == [1 + 10 * u.start for u in units]


def test_fingerprint_changes_when_an_input_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A: hi\nB: hello\n")
    before = fingerprint(plan([tmp_path]))
    assert fingerprint(plan([tmp_path])) == before
    path.write_text("A: hi\nB: hello there\n")
    os.utime(path, ns=(1, 1))
    assert fingerprint(plan([tmp_path])) != before
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "A: x"}) + "\n")
    assert len(plan([tmp_path])[0].units) == 2


def test_discover_leaves_out_the_batch_output_inside_an_input(tmp_path: Path) -> None:
    (tmp_path / "a.vtt").write_text("x")
    (tmp_path / "out" / "parts").mkdir(parents=True)
    (tmp_path / "out" / "manifest.json").write_text("{}")
    (tmp_path / "out" / "parts" / "k.json").write_text("{}")
    assert [p.name for p in discover([tmp_path], exclude=tmp_path / "out")] == ["a.vtt"]
    assert len(discover([tmp_path])) == 3
