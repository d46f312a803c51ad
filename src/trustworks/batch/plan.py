"""Find an archive's inputs and cut them into partitions of about the same volume.

Transcript files are packed together, in path order, until a partition holds about
`partition_bytes`; a JSONL file is cut at line boundaries and a Parquet file at row groups,
so one big table becomes many partitions. A partition's key is a hash of what it reads
(paths, sizes, modification times, byte or row-group ranges) and of the run's settings, so
the same inputs always give the same keys and a re-run can skip what is already written.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from trustworks.errors import BatchError

DEFAULT_PARTITION_BYTES = 4 * 1024 * 1024
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
# What a directory walk picks up as transcripts (a glob or a named file may be anything).
TRANSCRIPT_SUFFIXES = frozenset({".vtt", ".srt", ".txt", ".json", ".eml", ".mbox"})
_SCAN_CHUNK = 1 << 20

Kind = Literal["file", "jsonl", "parquet"]


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of input read by one task: a whole file, JSONL bytes, or Parquet row groups.

    For "jsonl", `start`/`stop` are byte offsets (lines that begin in the range) and
    `first_line` the 1-based number of the first; for "parquet", row-group indexes and
    `first_line` the 1-based number of the first row.
    """

    kind: Kind
    path: str
    size: int
    mtime_ns: int
    start: int = 0
    stop: int = 0
    first_line: int = 1
    weight: int = 0  # bytes, for sizing partitions


@dataclass(frozen=True, slots=True)
class Partition:
    """The units one task reads, and the stable key its output is named by."""

    key: str
    units: tuple[Unit, ...]

    @property
    def weight(self) -> int:
        """Bytes of input, as planned."""
        return sum(u.weight for u in self.units)


def _kind(path: Path) -> Kind:
    return TABLE_SUFFIXES.get(path.suffix.lower(), "file")  # type: ignore[return-value]


def discover(inputs: Sequence[str | Path], exclude: Path | None = None) -> list[Path]:
    """The files named by `inputs` (files, directories walked recursively, or globs), sorted.

    Hidden files and, in directories, files of unknown type are left out, and so is
    everything under `exclude` (the batch's own output, when it sits inside an input).
    """
    found: dict[str, Path] = {}
    for item in inputs:
        text = str(item)
        path = Path(text)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in child.relative_to(path).parts)
                known = child.suffix.lower() in TRANSCRIPT_SUFFIXES | set(TABLE_SUFFIXES)
                if child.is_file() and known and not hidden:
                    found.setdefault(str(child), child)
        elif path.is_file():
            found.setdefault(text, path)
        elif glob.has_magic(text):
            matches = [Path(m) for m in sorted(glob.glob(text, recursive=True))]  # noqa: PTH207
            for match in matches:
                if match.is_file():
                    found.setdefault(str(match), match)
            if not matches:
                raise BatchError(f"{text}: no files match")
        else:
            raise BatchError(f"{text}: no such file or directory")
    if exclude is not None:
        skip = exclude.resolve()
        found = {k: p for k, p in found.items() if not p.resolve().is_relative_to(skip)}
    if not found:
        raise BatchError("no input files found in " + ", ".join(str(i) for i in inputs))
    return sorted(found.values(), key=str)


def _line_end(handle: BinaryIO, pos: int, size: int) -> int:
    """The offset just after the first newline at or after `pos` (or `size` if none).

    Read in chunks, not with readline, so one enormous line is never held in memory here.
    """
    handle.seek(pos)
    while pos < size:
        chunk = handle.read(_SCAN_CHUNK)
        if not chunk:
            break
        found = chunk.find(b"\n")
        if found >= 0:
            return pos + found + 1
        pos += len(chunk)
    return size


def _jsonl_units(path: Path, size: int, mtime: int, target: int) -> list[Unit]:
    """Cut a JSONL file into byte ranges of about `target`, each ending after a newline."""
    units: list[Unit] = []
    start, line = 0, 1
    with path.open("rb") as handle:
        while start < size:
            stop = _line_end(handle, start + target, size) if start + target < size else size
            handle.seek(start)
            lines, left = 0, stop - start
            while left > 0:
                chunk = handle.read(min(_SCAN_CHUNK, left))
                if not chunk:
                    break
                lines += chunk.count(b"\n")
                left -= len(chunk)
            units.append(Unit("jsonl", str(path), size, mtime, start, stop, line, stop - start))
            start, line = stop, line + lines
    return units


def _parquet_units(path: Path, size: int, mtime: int, target: int) -> list[Unit]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # pyarrow raises several types for a file that is not Parquet
        # One unit: the task reading it fails, and quarantines the file with the reason.
        return [Unit("parquet", str(path), size, mtime, 0, 1, 1, size)]
    units: list[Unit] = []
    group, row = 0, 1
    while group < meta.num_row_groups:
        first, first_row, weight = group, row, 0
        while group < meta.num_row_groups and (weight < target or group == first):
            rg = meta.row_group(group)
            weight += rg.total_byte_size
            row += rg.num_rows
            group += 1
        units.append(Unit("parquet", str(path), size, mtime, first, group, first_row, weight))
    return units


def units_of(files: Iterable[Path], partition_bytes: int) -> list[Unit]:
    """Every file as units: transcripts whole, tables cut to about `partition_bytes`."""
    units: list[Unit] = []
    for path in files:
        info = path.stat()
        kind = _kind(path)
        if kind == "jsonl":
            units += _jsonl_units(path, info.st_size, info.st_mtime_ns, partition_bytes)
        elif kind == "parquet":
            units += _parquet_units(path, info.st_size, info.st_mtime_ns, partition_bytes)
        else:
            units.append(
                Unit("file", str(path), info.st_size, info.st_mtime_ns, weight=info.st_size)
            )
    return units


def _key(units: Sequence[Unit], settings_token: str) -> str:
    described = [
        [u.kind, str(Path(u.path).resolve()), u.size, u.mtime_ns, u.start, u.stop] for u in units
    ]
    blob = json.dumps([settings_token, described], separators=(",", ":")).encode()
    return hashlib.sha256(blob).hexdigest()[:24]


def plan(
    inputs: Sequence[str | Path],
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    token: str = "",
    exclude: Path | None = None,
) -> list[Partition]:
    """Partitions of about `partition_bytes` each over every input; `token` goes into keys."""
    if partition_bytes < 1:
        raise BatchError(f"partition size must be at least 1 byte, not {partition_bytes}")
    partitions: list[Partition] = []
    current: list[Unit] = []
    weight = 0
    for unit in units_of(discover(inputs, exclude), partition_bytes):
        if current and weight + unit.weight > partition_bytes:
            partitions.append(Partition(_key(current, token), tuple(current)))
            current, weight = [], 0
        current.append(unit)
        weight += unit.weight
    if current:
        partitions.append(Partition(_key(current, token), tuple(current)))
    return partitions


def fingerprint(partitions: Sequence[Partition]) -> str:
    """One hash of every input a plan reads (paths, sizes, modification times)."""
    seen = sorted(
        {(str(Path(u.path).resolve()), u.size, u.mtime_ns) for p in partitions for u in p.units}
    )
    return hashlib.sha256(json.dumps(seen).encode()).hexdigest()[:24]
