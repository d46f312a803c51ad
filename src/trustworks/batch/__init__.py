"""Batch analysis of call archives on Dask: a laptop's cores or an existing cluster.

>>> from trustworks.batch import run_batch, aggregate   # doctest: +SKIP
>>> summary = run_batch(["calls/"], "out/", scheduler="tcp://10.0.0.5:8786")  # doctest: +SKIP
>>> aggregate("out/").by_seller                          # doctest: +SKIP
"""

from __future__ import annotations

from trustworks.batch.manifest import BatchSettings, Manifest
from trustworks.batch.plan import DEFAULT_PARTITION_BYTES, Partition, Unit, discover, plan
from trustworks.batch.records import Record, record_from_row
from trustworks.batch.runner import BatchSummary, Progress, connect, read_quarantine, run_batch
from trustworks.batch.work import PartResult, Quarantined, run_partition

__all__ = [
    "DEFAULT_PARTITION_BYTES",
    "BatchSettings",
    "BatchSummary",
    "Manifest",
    "PartResult",
    "Partition",
    "Progress",
    "Quarantined",
    "Record",
    "Unit",
    "connect",
    "discover",
    "plan",
    "read_quarantine",
    "record_from_row",
    "run_batch",
    "run_partition",
]
