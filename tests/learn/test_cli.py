"""`trustworks train` (the command lives in trustworks.cli.learn)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from trustworks.cli import app as root
from trustworks.learn.data import DEFAULT_DATA_DIR, LABELS
from trustworks.learn.model import LinearModel

runner = CliRunner()


@pytest.fixture
def app() -> Iterator[typer.Typer]:
    """The root app with `train` registered; left as it was found afterwards.

    Until trustworks.cli imports trustworks.cli.learn itself, importing it here must not
    leave `train` registered for the rest of the session (the README check would see it).
    """
    before = list(root.registered_commands)
    module = importlib.import_module("trustworks.cli.learn")
    if not any(c.name == "train" for c in root.registered_commands):
        root.command("train")(module.train_command)
    yield root
    root.registered_commands[:] = before


def test_train_bad_data_dir_exits_2_naming_the_file(app: typer.Typer, tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "error:" in result.output and "casino_test.json" in result.output
    assert not (tmp_path / "m").exists()


def test_train_malformed_data_exits_2_naming_the_file(app: typer.Typer, tmp_path: Path) -> None:
    (tmp_path / "casino_test.json").write_text("[{", encoding="utf-8")
    result = runner.invoke(app, ["train", "--data", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2
    assert "casino_test.json" in result.output and "not valid JSON" in result.output


@pytest.mark.skipif(
    not (DEFAULT_DATA_DIR / "casino_train.json").is_file(), reason="CaSiNo data not present"
)
def test_train_writes_a_model_and_prints_test_figures(app: typer.Typer, tmp_path: Path) -> None:
    # A small copy of the corpus keeps this quick: the first dialogues of each split.
    for split, keep in (("train", 60), ("valid", 4), ("test", 10)):
        dialogues = json.loads((DEFAULT_DATA_DIR / f"casino_{split}.json").read_text("utf-8"))
        annotated = [d for d in dialogues if d["annotations"]][:keep]
        (tmp_path / f"casino_{split}.json").write_text(json.dumps(annotated), encoding="utf-8")
    out = tmp_path / "model.npz"
    result = runner.invoke(app, ["train", "--data", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for label in (*LABELS, "macro"):
        assert label in result.stdout
    model = LinearModel.load(out)
    assert model.metadata["splits"] == ["train", "valid"]
    assert set(model.metadata["test_scores"]) == {"utterances", "macro_f1", *LABELS}
