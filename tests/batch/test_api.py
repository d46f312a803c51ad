"""trustworks.batch's curated API stays complete; the core never imports it."""

from __future__ import annotations

import inspect
from pathlib import Path

import trustworks.batch as batch

SRC = Path(__file__).parents[2] / "src" / "trustworks"


def test_batch_all_names_exist_and_are_complete() -> None:
    public = {
        name
        for name, value in vars(batch).items()
        if not name.startswith("_")
        and (inspect.isclass(value) or inspect.isfunction(value))
        and getattr(value, "__module__", "").startswith("trustworks.batch")
    }
    assert all(hasattr(batch, name) for name in batch.__all__)
    assert public <= set(batch.__all__)


def test_batch_core_packages_do_not_import_it() -> None:
    for package in ("conversation.py", "signals", "analysis", "ingest"):
        root = SRC / package
        for path in [root] if root.is_file() else root.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "trustworks.batch" not in text and "import dask" not in text, path
