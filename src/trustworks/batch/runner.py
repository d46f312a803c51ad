"""Run a batch: plan the partitions, skip the finished ones, analyse the rest on Dask.

>>> summary = run_batch(["examples/"], "out/")            # doctest: +SKIP
>>> summary.conversations, summary.quarantined            # doctest: +SKIP
(8, 0)

Without a scheduler address or a client, a LocalCluster of one single-threaded worker
process per core runs the partitions (the analysis is pure Python, so threads would share
one core). Inputs and the output directory must be paths every worker can read and write.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any, Protocol

from trustworks.batch.manifest import (
    BatchSettings,
    Manifest,
    catalogue_fingerprint,
    check_or_write,
)
from trustworks.batch.plan import Partition, fingerprint, plan
from trustworks.batch.work import QUARANTINE, PartResult, make_dirs, read_marker, run_partition
from trustworks.files import write_atomic
from trustworks.signals import default_catalogue

SUMMARY_FILE = "summary.json"
QUARANTINE_FILE = "quarantine.jsonl"


class Progress(Protocol):
    """What the runner tells a progress display."""

    def planned(self, total: int, done: int) -> None:
        """`total` partitions, of which `done` were already written."""

    def finished(self, result: PartResult) -> None:
        """One more partition is written."""


@dataclass(slots=True)
class BatchSummary:
    """What a run did, counting partitions written by earlier runs into the same output."""

    output: str
    partitions: int = 0
    computed: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)  # partition keys, with the reason
    conversations: int = 0
    utterances: int = 0
    findings: int = 0
    quarantined: int = 0
    input_bytes: int = 0
    seconds: float = 0.0
    workers: int = 0
    computed_utterances: int = 0  # by this run (not counting skipped partitions)
    computed_conversations: int = 0

    @property
    def utterances_per_second(self) -> float:
        """Utterances analysed by this run per second of wall time (skipped ones excluded)."""
        return self.computed_utterances / self.seconds if self.seconds else 0.0

    def to_json(self) -> str:
        """The summary as indented JSON."""
        data = dataclasses.asdict(self)
        data["utterances_per_second"] = round(self.utterances_per_second, 1)
        return json.dumps(data, indent=2) + "\n"


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A Dask client: to the scheduler at `scheduler`, or to a new LocalCluster of processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    n = workers or os.cpu_count() or 1
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: None still takes 8787 and warns if it is busy
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def _add(summary: BatchSummary, result: PartResult) -> None:
    summary.conversations += result.conversations
    summary.utterances += result.utterances
    summary.findings += result.findings
    summary.quarantined += result.quarantined
    summary.input_bytes += result.bytes
    if result.skipped:
        summary.skipped += 1
    else:
        summary.computed += 1
        summary.computed_utterances += result.utterances
        summary.computed_conversations += result.conversations


def prepare(
    inputs: Sequence[str | Path], output: str | Path, settings: BatchSettings
) -> tuple[list[Partition], bool]:
    """Plan the partitions and check or write the manifest; (partitions, resuming)."""
    out = Path(output)
    partitions = plan(inputs, settings.partition_bytes, settings.token(), exclude=out)
    manifest = Manifest(
        settings=settings,
        inputs=[str(i) for i in inputs],
        inputs_fingerprint=fingerprint(partitions),
        catalogue=catalogue_fingerprint(default_catalogue()),
        partitions=len(partitions),
        trustworks=version("trustworks"),
    )
    resuming = check_or_write(out, manifest)
    make_dirs(out)
    return partitions, resuming


def run_batch(
    inputs: Sequence[str | Path],
    output: str | Path,
    settings: BatchSettings | None = None,
    *,
    client: Any = None,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> BatchSummary:
    """Analyse every conversation in `inputs` into Parquet tables under `output`.

    Partitions already written there (by an interrupted or earlier run with the same inputs
    and settings) are skipped. `client` is an existing distributed.Client; otherwise one is
    made for `scheduler`, or for a LocalCluster of `workers` processes (default: all cores).
    """
    settings = settings or BatchSettings()
    started = time.perf_counter()
    out = Path(output)
    partitions, _ = prepare(inputs, out, settings)
    summary = BatchSummary(output=str(out), partitions=len(partitions))
    todo = []
    for partition in partitions:
        done = read_marker(out, partition.key)
        if done is None:
            todo.append(partition)
        else:
            _add(summary, done)
    if progress is not None:
        progress.planned(len(partitions), summary.skipped)
    if todo:
        if client is None:
            with connect(scheduler, workers) as own:
                _compute(own, todo, settings, out, summary, progress)
        else:
            _compute(client, todo, settings, out, summary, progress)
    summary.seconds = time.perf_counter() - started
    _collect_quarantine(out, partitions)
    write_atomic(out / SUMMARY_FILE, summary.to_json().encode())
    return summary


def _compute(
    client: Any,
    todo: list[Partition],
    settings: BatchSettings,
    out: Path,
    summary: BatchSummary,
    progress: Progress | None,
) -> None:
    from distributed import as_completed

    summary.workers = len(client.scheduler_info().get("workers", {}))
    # Largest first, so the last partitions to finish are small ones and workers end together.
    ordered = sorted(todo, key=lambda p: -p.weight)
    futures = [
        client.submit(run_partition, p, settings, str(out.resolve()), pure=False) for p in ordered
    ]
    keys = {f.key: p.key for f, p in zip(futures, ordered, strict=True)}
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        try:
            result: PartResult = future.result()
        except Exception as exc:  # a worker died or the task broke: the partition is retried
            summary.failed.append(f"{keys[future.key]}: {type(exc).__name__}: {exc}")
            continue
        finally:
            future.release()
        _add(summary, result)
        if progress is not None:
            progress.finished(result)


def _collect_quarantine(out: Path, partitions: Sequence[Partition]) -> None:
    """Every partition's quarantine, in plan order, in one file at the top of the output."""
    chunks = []
    for partition in partitions:
        path = out / QUARANTINE / f"{partition.key}.jsonl"
        if path.is_file():
            chunks.append(path.read_bytes())
    write_atomic(out / QUARANTINE_FILE, b"".join(chunks))


def read_quarantine(output: str | Path) -> list[dict[str, Any]]:
    """The quarantined records of a batch output, as written."""
    path = Path(output) / QUARANTINE_FILE
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
