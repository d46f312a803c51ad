"""Benchmark `trustworks batch`: throughput with 1 and 2 Dask workers, scaling, peak memory.

    .venv/bin/python bench/batch.py [--utterances 1000000] [--workers 1 2] [--archive DIR]

Writes (or reuses) a synthetic archive of about ``--utterances`` distinct utterances
(bench/archive.py: sales calls from templates, 8 JSONL shards, one call per row), then runs
the batch over it on a LocalCluster of N single-threaded worker processes for each N, into a
fresh output each time. Workers are started and warmed (catalogue loaded, matcher compiled)
before the clock starts; the time is run_batch's wall time: planning, reading, parsing,
analysing, writing the Parquet parts and collecting the quarantine.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from distributed import Client, LocalCluster

from archive import write_archive
from trustworks.batch import BatchSettings, PartResult, run_batch


class _Collect:
    """Keeps every partition's result, to see how the work spread over the workers."""

    def __init__(self) -> None:
        self.results: list[PartResult] = []

    def planned(self, total: int, done: int) -> None:
        pass

    def finished(self, result: PartResult) -> None:
        self.results.append(result)


def _warm() -> None:
    from trustworks.analysis import analyze
    from trustworks.ingest import parse

    analyze(parse("Dana: What brings you here?\nMarcus: We keep losing drivers."))


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(paths: list[Path], workers: int, settings: BatchSettings, scratch: Path) -> float:
    """Run the batch on `workers` processes; print and return utterances per second."""
    out = scratch / f"out-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(_warm)
        load_before = os.getloadavg()[0]
        collect = _Collect()
        cpu_before = client.run(_cpu_seconds)
        driver_before = _cpu_seconds()
        started = time.perf_counter()
        summary = run_batch(paths, out, settings, client=client, progress=collect)
        elapsed = time.perf_counter() - started
        driver_cpu = _cpu_seconds() - driver_before
        cpu = {w: c - cpu_before[w] for w, c in client.run(_cpu_seconds).items()}
        peaks = sorted(client.run(_peak_rss_mb).values())
    busy: dict[int, list[float]] = {}
    for result in collect.results:
        busy.setdefault(result.worker_pid, []).append(result.seconds)
    spread = "; ".join(
        f"{len(times)} partitions, {sum(times):.1f} s busy" for times in busy.values()
    )
    print(
        f"[{workers} worker(s)] {summary.utterances:,} utterances, {summary.conversations:,} "
        f"conversations, {summary.findings:,} findings, {summary.partitions} partitions, "
        f"{summary.quarantined} quarantined in {elapsed:.1f} s: "
        f"{summary.utterances / elapsed:,.0f} utterances/s, "
        f"{summary.conversations / elapsed:,.0f} conversations/s; "
        f"peak RSS per worker {', '.join(f'{p:,.0f}' for p in peaks)} MB"
    )
    print(
        f"[{workers} worker(s)] per worker: {spread}; load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after"
    )
    # On a busy machine wall time measures the neighbours too; CPU time is what the run cost.
    print(
        f"[{workers} worker(s)] CPU seconds per worker "
        f"{', '.join(f'{c:.1f}' for c in sorted(cpu.values()))} (driver and scheduler "
        f"{driver_cpu:.1f}): {summary.utterances / max(cpu.values()):,.0f} utterances per "
        f"second of the busiest worker's CPU"
    )
    return summary.utterances / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--partition-mb", type=float, default=4.0)
    parser.add_argument("--archive", type=Path, default=None, help="Where the archive is kept.")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    scratch = Path(tempfile.mkdtemp(prefix="tw-bench-batch-"))
    archive = args.archive or scratch / "archive"
    started = time.perf_counter()
    paths = write_archive(archive, args.utterances, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(
        f"archive: {len(paths)} JSONL files, {size / 2**20:,.0f} MB "
        f"({time.perf_counter() - started:.1f} s to write or find)"
    )
    settings = BatchSettings(partition_bytes=int(args.partition_mb * 2**20))
    rates = {n: measure(paths, n, settings, scratch) for n in args.workers}
    if 1 in rates and len(rates) > 1:
        for n, rate in rates.items():
            if n != 1:
                print(f"scaling: {n} workers / 1 worker = {rate / rates[1]:.2f}x")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
