from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from trustworks.cli import app

EXAMPLES = Path(__file__).parents[2] / "examples"
runner = CliRunner()


def test_check_pushy_draft_exits_1_with_rewrites() -> None:
    result = runner.invoke(app, ["check", "--file", str(EXAMPLES / "draft-email.txt")])
    assert result.exit_code == 1, result.output
    assert "thanks_for_your_time" in result.stdout
    assert "Say:" in result.stdout


def test_check_clean_text_exits_0() -> None:
    result = runner.invoke(app, ["check", "What would a good outcome look like for your team?"])
    assert result.exit_code == 0, result.output
    assert "No trust-spending phrases found" in result.stdout


def test_check_json_output() -> None:
    result = runner.invoke(app, ["check", "Thanks so much for your time!", "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert [f["signal"] for f in doc["findings"]] == ["thanks_for_your_time"]
    assert doc["findings"][0]["rewrite"]


def test_check_prints_the_rewrite_whole() -> None:
    # A rewrite's "[day]" slot once vanished as Rich markup ("I'll have that to you by ;").
    draft = "I'll try to get the revised numbers over at some point next week."
    result = runner.invoke(app, ["check", draft], terminal_width=200)
    assert result.exit_code == 1
    assert "Say: I'll have that to you by [day];" in result.stdout


def test_check_needs_text_or_file() -> None:
    assert runner.invoke(app, ["check"]).exit_code == 2


def test_check_empty_text_is_an_error() -> None:
    result = runner.invoke(app, ["check", "   "])
    assert result.exit_code == 2
    assert "empty" in result.stderr


def test_check_piped_output_is_not_wrapped() -> None:
    # Piped (not a terminal): each finding's "Why:" is one whole line, indented like the rest.
    result = runner.invoke(app, ["check", "Thanks so much for your time!"], terminal_width=80)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    why = [line for line in lines if "Why:" in line]
    assert len(why) == 1 and why[0].startswith("    Why: ") and len(why[0]) > 80
    assert all(line.startswith(("−", "+", "    ")) for line in lines)
