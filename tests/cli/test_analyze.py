from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import EXIT_BAD_INPUT, app

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


def test_analyze_json_for_a_shipped_example() -> None:
    result = runner.invoke(
        app,
        [
            "analyze",
            str(EXAMPLES / "discovery-pounce.srt"),
            "--seller",
            "Ryan Cole",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["seller"] == "Ryan Cole" and not doc["seller_inferred"]
    assert doc["format"] == "srt"
    assert {"pounces_on_need", "dodges_price_question"} <= {f["signal"] for f in doc["findings"]}


def test_analyze_infers_the_seller_and_says_so() -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "discovery-pounce.srt")])
    assert result.exit_code == 0, result.output
    assert "Seller: Ryan Cole (inferred, " in result.stdout and "% sure)" in result.stdout
    assert "Not sure who the seller is" not in result.stdout


def test_analyze_says_plainly_when_the_seller_is_uncertain(tmp_path: Path) -> None:
    call = tmp_path / "call.txt"
    call.write_text("Ana: Hello there.\nBen: Hi, good to see you.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(call)])
    assert result.exit_code == 0, result.output
    assert "Not sure who the seller is" in result.stdout
    assert "--seller" in result.stdout and "spoke first" in result.stdout
    given = runner.invoke(app, ["analyze", str(call), "--seller", "Ben"])
    assert "Seller: Ben (given)" in given.stdout and "Not sure" not in given.stdout


def test_analyze_json_reports_seller_confidence_and_warns_on_stderr(tmp_path: Path) -> None:
    call = tmp_path / "call.txt"
    call.write_text("Ana: Hello there.\nBen: Hi, good to see you.\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(call), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["seller_uncertain"] is True and doc["seller_confidence"] == 0.5
    assert doc["seller_inference_reasons"]
    assert "Not sure who the seller is" in result.stderr and "--seller" in result.stderr


def test_analyze_text_report_sections() -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "cut-short.txt"), "-s", "Sam Okafor"])
    assert result.exit_code == 0, result.output
    for part in ("Self-orientation", "Trust over the conversation", "Where trust was built"):
        assert part in result.stdout


def test_analyze_markdown_several_files() -> None:
    files = [str(EXAMPLES / "cut-short.txt"), str(EXAMPLES / "cut-short-rushed.txt")]
    result = runner.invoke(app, ["analyze", *files, "-s", "Sam Okafor", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("# Trust report") == 2


def test_analyze_reads_stdin() -> None:
    text = "Priya: How much does it cost?\nRyan: It's $40,000 a year for your team.\n"
    result = runner.invoke(
        app, ["analyze", "-", "--seller", "Ryan", "--format", "json"], input=text
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "<stdin>"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02\x03binary\x00\x00junk" * 10, "binary"),
        (b"WEBVTT\n\n00:00:01.000 --> garbage\nhello\n", "bad.vtt:3: malformed cue timing"),
        (b'[{"speaker": "A"}]', "text"),
    ],
)
def test_analyze_bad_input_one_line_exit_2(tmp_path: Path, content: bytes, problem: str) -> None:
    bad = tmp_path / "bad.vtt"
    bad.write_bytes(content)
    result = runner.invoke(app, ["analyze", str(bad)])
    assert result.exit_code == EXIT_BAD_INPUT
    assert result.stderr.startswith("error: ")
    assert str(bad) in result.stderr and problem in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


def test_analyze_missing_file_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.vtt")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "nope.vtt" in result.stderr


def test_analyze_too_large_exit_2(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Ana: hello\n" * 2000)
    result = runner.invoke(app, ["analyze", str(big), "--max-bytes", "1000"])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "limit" in result.stderr


def test_analyze_unknown_input_format_is_a_usage_error() -> None:
    result = runner.invoke(
        app, ["analyze", str(EXAMPLES / "cut-short.txt"), "--input-format", "docx"]
    )
    assert result.exit_code == 2
    assert "docx" not in result.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_analyze_numbers_turns_from_one_for_people_and_from_zero_in_json(fmt: str) -> None:
    # examples/README.md: Ryan pounces in T6 (the need comes up in T5), the company tour is T12.
    example = str(EXAMPLES / "discovery-pounce.srt")
    result = runner.invoke(app, ["analyze", example, "-s", "Ryan Cole", "--format", fmt])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        turns = {f["signal"]: f["turn"] for f in json.loads(result.stdout)["findings"]}
        assert turns["pounces_on_need"] == 5  # a 0-based index into "turns", as documented
        assert turns["long_self_description"] == 11
    elif fmt == "text":
        assert "pounces_on_need  turn 6 00:00:45" in result.stdout
        assert "long_self_description  turn 12 00:01:42" in result.stdout
    else:
        assert "**pounces_on_need** (turn 6," in result.stdout
        assert "**long_self_description** (turn 12," in result.stdout


def test_analyze_report_counts_agree_with_their_noun() -> None:
    result = runner.invoke(app, ["analyze", "-", "-s", "Ryan"], input="Ryan: Hello there.\n")
    assert result.exit_code == 0, result.output
    assert "· 1 turn ─" in result.stdout or "· 1 turn" in result.stdout
    assert "1 turns" not in result.stdout
    assert "2 words" in result.stdout


def test_analyze_a_draft_says_in_one_line_to_use_check() -> None:
    result = runner.invoke(app, ["analyze", str(EXAMPLES / "draft-email.txt")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert len(result.stderr.strip().splitlines()) == 1
    assert "a draft" in result.stderr and "trustworks check --file" in result.stderr
    assert "Traceback" not in result.output
