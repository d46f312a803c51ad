"""One partition's work, as a Dask task runs it: read, analyse, write the parts atomically.

A record that cannot be read goes to the partition's quarantine with the reason, and the
rest of the partition carries on. The parts are written under temporary names and renamed;
the partition's marker (`parts/KEY.json`, with its counts) is renamed last, so a partition
is done exactly when its marker exists.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from trustworks.analysis import WRITTEN_FORMATS, Analysis, Settings, analyze_each
from trustworks.batch.manifest import BatchSettings
from trustworks.batch.plan import Partition, Unit
from trustworks.batch.records import Record, date_from_metadata, date_from_name, record_from_row
from trustworks.batch.tables import (
    CONVERSATIONS,
    FINDINGS,
    conversation_row,
    finding_rows,
    to_table,
)
from trustworks.errors import InputError
from trustworks.files import atomic_path, remove_stale_temps, write_atomic
from trustworks.ingest import load

PARTS = "parts"
TABLES = ("conversations", "findings")
QUARANTINE = "quarantine"
# Records read before they are analysed together (`analyze_each` groups the short ones a few
# at a time): enough for several of its groups, few enough to take little memory.
_ANALYSED_TOGETHER = 64


@dataclass(frozen=True, slots=True)
class Quarantined:
    """A record that was not analysed, and why."""

    source: str
    line: int | None
    row: int | None
    reason: str
    kind: str = "input"  # "input": it could not be read; "error": the analysis failed on it


@dataclass(slots=True)
class PartResult:
    """What one partition produced (read back from its marker when it was already done)."""

    key: str
    conversations: int = 0
    utterances: int = 0
    findings: int = 0
    quarantined: int = 0
    bytes: int = 0
    seconds: float = 0.0
    skipped: bool = False
    worker_pid: int = field(default_factory=os.getpid)


def _records(unit: Unit, settings: BatchSettings) -> Iterator[Record | Quarantined]:
    if unit.kind == "file":
        yield from _file_record(unit, settings)
    elif unit.kind == "jsonl":
        yield from _jsonl_records(unit, settings.max_bytes)
    else:
        yield from _parquet_records(unit)


def _file_record(unit: Unit, settings: BatchSettings) -> Iterator[Record | Quarantined]:
    try:
        conversation = load(unit.path, settings.input_format, settings.encoding, settings.max_bytes)
    except InputError as exc:
        yield Quarantined(unit.path, exc.line, None, str(exc))
        return
    date = date_from_name(Path(unit.path).name) or date_from_metadata(conversation.metadata)
    yield Record(unit.path, unit.path, "", conversation, (), None, date)


def _jsonl_records(unit: Unit, max_bytes: int) -> Iterator[Record | Quarantined]:
    try:
        with Path(unit.path).open("rb") as handle:
            handle.seek(unit.start)
            data = handle.read(unit.stop - unit.start)
    except OSError as exc:
        yield Quarantined(unit.path, unit.first_line, None, f"cannot read: {exc}")
        return
    for number, raw in enumerate(io.BytesIO(data), start=unit.first_line):
        if not raw.strip():
            continue
        where = f"line {number}"
        if len(raw) > max_bytes:
            problem = f"the line is {len(raw):,} bytes; the limit is {max_bytes:,} (--max-bytes)"
            yield Quarantined(unit.path, number, None, f"{unit.path} ({where}): {problem}")
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Quarantined(unit.path, number, None, f"{unit.path} ({where}): not UTF-8 ({exc})")
            continue
        try:
            row = json.loads(text)
        except (ValueError, RecursionError) as exc:
            problem = f"invalid JSON: {exc}" if isinstance(exc, ValueError) else "nested too deep"
            yield Quarantined(unit.path, number, None, f"{unit.path} ({where}): {problem}")
            continue
        try:
            yield record_from_row(row, unit.path, number, "line")
        except InputError as exc:
            yield Quarantined(unit.path, number, None, str(exc))


def _parquet_records(unit: Unit) -> Iterator[Record | Quarantined]:
    try:
        table = pq.ParquetFile(unit.path).read_row_groups(list(range(unit.start, unit.stop)))
        rows: list[dict[str, Any]] = table.to_pylist()
    except Exception as exc:  # pyarrow's errors for a damaged or foreign file vary
        yield Quarantined(
            unit.path, None, unit.first_line, f"{unit.path}: not readable as Parquet ({exc})"
        )
        return
    for number, row in enumerate(rows, start=unit.first_line):
        try:
            yield record_from_row(row, unit.path, number, "row")
        except InputError as exc:
            yield Quarantined(unit.path, None, number, str(exc))


def _analysed(
    items: Iterator[Record | Quarantined], settings: BatchSettings
) -> Iterator[tuple[Record, Analysis] | Quarantined]:
    """Each record with its analysis, or quarantined, in order: a record the analysis fails
    on is quarantined with the reason, and the rest carry on.

    Records are analysed `_ANALYSED_TOGETHER` at a time (`analyze_each`: the same analyses
    as one by one, a tenth sooner).
    """
    waiting: list[Record | Quarantined] = []
    for item in items:
        waiting.append(item)
        if len(waiting) >= _ANALYSED_TOGETHER:
            yield from _analyse(waiting, settings)
            waiting = []
    yield from _analyse(waiting, settings)


def _analyse(
    items: list[Record | Quarantined], settings: BatchSettings
) -> Iterator[tuple[Record, Analysis] | Quarantined]:
    records = [item for item in items if isinstance(item, Record)]
    jobs = [
        (
            record.conversation,
            record.seller or settings.seller or None,
            Settings(written=record.conversation.format in WRITTEN_FORMATS),
        )
        for record in records
    ]
    analyses = iter(analyze_each(jobs))
    for item in items:
        if isinstance(item, Quarantined):
            yield item
            continue
        analysis = next(analyses)
        if isinstance(analysis, InputError):
            yield Quarantined(item.source, item.line, item.row, str(analysis))
        elif isinstance(analysis, Exception):  # one odd record must not cost the archive its run
            name = type(analysis).__name__
            reason = f"{item.conversation.source}: analysis failed: {name}: {analysis}"
            yield Quarantined(item.source, item.line, item.row, reason, "error")
        else:
            yield item, analysis


def run_partition(partition: Partition, settings: BatchSettings, output: str) -> PartResult:
    """Analyse every record of `partition` and write its parts under `output`."""
    started = time.perf_counter()
    out = Path(output)
    result = PartResult(partition.key, bytes=partition.weight)
    conversations: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    quarantined: list[Quarantined] = []
    for unit in partition.units:
        for item in _analysed(_records(unit, settings), settings):
            if isinstance(item, Quarantined):
                quarantined.append(item)
                continue
            record, analysis = item
            if record.team is None and settings.team is not None:
                record = replace(record, team=settings.team)
            conversations.append(conversation_row(record, analysis))
            findings.extend(finding_rows(record, analysis))
            result.utterances += len(analysis.conversation.turns)
    result.conversations = len(conversations)
    result.findings = len(findings)
    result.quarantined = len(quarantined)
    _write_table(out / "conversations" / f"{partition.key}.parquet", conversations, CONVERSATIONS)
    _write_table(out / "findings" / f"{partition.key}.parquet", findings, FINDINGS)
    lines = "".join(json.dumps(asdict(q), ensure_ascii=False) + "\n" for q in quarantined)
    write_atomic(out / QUARANTINE / f"{partition.key}.jsonl", lines.encode())
    result.seconds = time.perf_counter() - started
    write_atomic(out / PARTS / f"{partition.key}.json", json.dumps(asdict(result)).encode())
    return result


def _write_table(path: Path, rows: list[dict[str, Any]], schema: Any) -> None:
    # Hidden temporary names: Arrow's dataset readers skip files starting with ".".
    with atomic_path(path) as tmp:
        pq.write_table(to_table(rows, schema), tmp)


def read_marker(output: Path, key: str) -> PartResult | None:
    """The result recorded for a finished partition, or None when it is not done."""
    path = output / PARTS / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data["skipped"] = True
    return PartResult(**data)


def make_dirs(output: Path) -> None:
    """The output's part directories, cleared of temporary files a killed run left there."""
    remove_stale_temps(output)
    for name in (*TABLES, QUARANTINE, PARTS):
        (output / name).mkdir(parents=True, exist_ok=True)
        remove_stale_temps(output / name)
