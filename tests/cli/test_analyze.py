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
    assert "Seller: Ryan Cole (inferred:" in result.stdout


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
