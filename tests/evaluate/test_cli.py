from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.evaluate.synthetic import write_corpus
from trustworks.cli import app
from trustworks.evaluate import load_annotated

runner = CliRunner()
FAST = "rules,baseline"


def test_cli_eval_casino_json_has_every_protocol_predictor_and_label(corpus: Path) -> None:
    result = runner.invoke(
        app, ["eval", "casino", "--data", str(corpus), "--json", "--predictors", FAST]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["utterances"] == 19 * 7
    assert report["dialogues"] == 19
    assert [p["protocol"] for p in report["protocols"]] == ["split", "cv"]
    split, cv = report["protocols"]
    assert len(split["folds"]) == 1 and len(cv["folds"]) == 5
    for protocol in (split, cv):
        assert [p["predictor"] for p in protocol["predictors"]] == ["rules", "baseline"]
        for predictor in protocol["predictors"]:
            assert [s["label"] for s in predictor["labels"]] == report["labels"]
            assert 0.0 <= predictor["macro_f1"] <= 1.0
            assert isinstance(predictor["meets_aim"], bool)
            assert {row["gold"] for row in predictor["confusion"]} == {*report["labels"], "(none)"}
    # Every cross-validation utterance is scored once, so supports add up to the corpus's.
    support = {s["label"]: s["support"] for s in cv["predictors"][0]["labels"]}
    utterances = load_annotated(corpus)
    assert support == {
        label: sum(label in u.labels for u in utterances) for label in report["labels"]
    }


def test_cli_eval_casino_prints_tables(corpus: Path) -> None:
    result = runner.invoke(
        app,
        ["eval", "casino", "--data", str(corpus), "--protocol", "split"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    for part in ("split:", "macro-F1", "small-talk", "uv-part", "aim met", "top false positives"):
        assert part in result.stdout
    for part in ("rules", "learned", "semantic", "trustworks", "baseline"):
        assert part in result.stdout
    assert "cv:" not in result.stdout


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda root: root / "missing", "no such directory"),
        (lambda root: _only(root, "casino_train.json", "{"), "casino_train.json"),
        (lambda root: _only(root, "casino_train.json", '{"a": 1}'), "list of dialogues"),
        (lambda root: _without(root, "casino_test.json"), "casino_test.json"),
    ],
)
def test_cli_eval_casino_bad_data_dir_exits_2_with_one_line(
    tmp_path: Path, make: object, message: str
) -> None:
    data = make(tmp_path)  # type: ignore[operator]
    result = runner.invoke(app, ["eval", "casino", "--data", str(data), "--predictors", FAST])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def _only(root: Path, name: str, text: str) -> Path:
    write_corpus(root)
    (root / name).write_text(text, encoding="utf-8")
    return root


def _without(root: Path, name: str) -> Path:
    write_corpus(root)
    (root / name).unlink()
    return root


def test_cli_eval_casino_unknown_predictor_exits_2(corpus: Path) -> None:
    result = runner.invoke(
        app, ["eval", "casino", "--data", str(corpus), "--predictors", "rules,oracle"]
    )
    assert result.exit_code == 2
    assert "choose from" in result.output
