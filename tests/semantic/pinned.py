"""Run a training function in a fresh process on the pinned floating-point kernels."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from trustworks.semantic.train import PINNED_KERNELS, kernels_pinnable

NEEDS_PINNABLE = pytest.mark.skipif(
    not kernels_pinnable(), reason="the training's kernels are pinned for x86-64 processors only"
)


def train_pinned(function: str, output: Path) -> None:
    """``trustworks.semantic.train.<function>(output=output)``, as the training command runs
    it: in a process whose numerical libraries loaded the pinned kernels."""
    code = (
        "import sys; from pathlib import Path; "
        f"from trustworks.semantic.train import {function}; {function}(output=Path(sys.argv[1]))"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(output)],
        env={**os.environ, **PINNED_KERNELS},
        check=True,
        capture_output=True,
    )
