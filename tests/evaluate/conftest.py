"""Fixtures: a tiny CaSiNo-shaped data folder in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.evaluate.synthetic import write_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small, well-formed CaSiNo-shaped data folder."""
    return write_corpus(tmp_path / "casino")
