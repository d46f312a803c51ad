"""A small in-process Dask cluster shared by the runner tests, and archive builders."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One worker thread in this process: cheap to start, and the runner code is the same."""
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    """Rows as JSON lines (a str row is written as it is, to make broken lines)."""
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def call(seller: str, client_name: str, need: str, reply: str) -> str:
    """A short 'Name: text' call in which the client reveals a need and the seller replies."""
    return (
        f"{seller}: Hi {client_name}, what would you like to get out of today?\n"
        f"{client_name}: {need}\n"
        f"{seller}: {reply}\n"
        f"{client_name}: Okay, that is good to know.\n"
    )
