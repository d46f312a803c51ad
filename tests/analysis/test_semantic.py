"""The semantic layer reads the words a sentence answers only where they could matter."""

from __future__ import annotations

from pathlib import Path

import pytest

import trustworks.evaluate.outside as outside
from trustworks.analysis import analyze
from trustworks.ingest import load

# Calls nobody on the project wrote, on which the heads find reflections and stated needs.
OUTSIDE = sorted((Path(outside.__file__).parent / "conversations").glob("*.json"))


def test_semantic_echo_is_skipped_only_where_no_head_could_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from trustworks.analysis import semantic

    calls = [load(path) for path in OUTSIDE]
    usual = [analyze(call) for call in calls]
    assert sum(f.learned for a in usual for f in a.findings) >= 10  # the heads do speak here
    monkeypatch.setattr(semantic, "_MARGIN", 1e9)  # every sentence near enough: all read
    assert [analyze(call) for call in calls] == usual
