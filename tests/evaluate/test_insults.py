"""`trustworks eval insults`: the insult signals against ConvAbuse's annotated abuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.errors import InputError
from trustworks.evaluate.insults import (
    DEFAULT_DATA_DIR,
    FILE,
    evaluate_insults,
    flags_insult,
    load_messages,
)

runner = CliRunner()

# Messages written for these tests (not ConvAbuse's text), labelled as the corpus labels them.
ROWS = [
    ("You're a complete idiot.", ["abusive", "intellectual", "explicit"]),
    ("Fuck you, seriously.", ["abusive", "explicit"]),
    ("are you single tonight", ["abusive", "sex_harassment", "implicit"]),
    ("What time do you open tomorrow?", ["not_abusive"]),
    ("I felt like an idiot when I missed the bus.", ["not_abusive"]),
    ("whatever", ["ambiguous"]),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    lines = [
        json.dumps({"text": text, "split": split, "labels": labels})
        for split in ("train", "valid", "test")
        for text, labels in ROWS
    ]
    (tmp_path / FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_insults_are_flagged_and_a_self_deprecating_word_is_not() -> None:
    assert flags_insult("You're a complete idiot.")
    assert flags_insult("Fuck you, seriously.")
    assert not flags_insult("I felt like an idiot when I missed the bus.")
    assert not flags_insult("What time do you open tomorrow?")


def test_precision_and_recall_per_part_and_kind(corpus: Path) -> None:
    report = evaluate_insults(corpus)
    development, test = report.parts
    assert development.splits == ("train",) and test.splits == ("valid", "test")
    assert development.messages == 6 and test.messages == 12
    # Two of three abusive messages are insults; the harassment is no sales signal's to find.
    assert (test.flagged_abusive, test.abusive) == (4, 6)
    assert test.flagged_not_abusive == 0 and test.precision == 1.0
    intellectual = next(k for k in test.kinds if k.kind == "intellectual")
    assert (intellectual.found, intellectual.total) == (2, 2)
    harassment = next(k for k in test.kinds if k.kind == "sex_harassment")
    assert harassment.recall == 0.0


def test_a_broken_line_is_named_with_its_number(tmp_path: Path) -> None:
    (tmp_path / FILE).write_text('{"text": "hi", "split": "train", "labels": []}\n{', "utf-8")
    with pytest.raises(InputError, match=r"convabuse\.jsonl:2"):
        load_messages(tmp_path / FILE)


def test_cli_prints_both_parts_and_json(corpus: Path) -> None:
    result = runner.invoke(app, ["eval", "insults", "--data", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "development" in result.output and "test (valid+test" in result.output
    as_json = runner.invoke(app, ["eval", "insults", "--data", str(corpus), "--json"])
    parts = json.loads(as_json.stdout)["parts"]
    assert [p["recall"] for p in parts] == pytest.approx([2 / 3, 2 / 3])


def test_cli_missing_data_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "insults", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "convabuse.jsonl: file not found" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not (DEFAULT_DATA_DIR / FILE).is_file(), reason="ConvAbuse not present")
def test_on_convabuse_insults_are_found_precisely() -> None:
    test = evaluate_insults(DEFAULT_DATA_DIR).parts[1]
    assert test.messages > 1500
    assert test.precision is not None and test.precision >= 0.85  # 0.93 when written
    assert test.recall is not None and test.recall >= 0.25  # 0.34 when written


def test_the_file_itself_is_taken_for_its_folder(corpus: Path) -> None:
    assert evaluate_insults(corpus / FILE).parts[1].messages == 12
