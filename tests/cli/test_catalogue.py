from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from trustworks.cli import app
from trustworks.signals import default_catalogue

runner = CliRunner()
DOCS = Path(__file__).parents[2] / "docs"


def test_signals_lists_every_signal_as_json() -> None:
    result = runner.invoke(app, ["signals", "--json"])
    assert result.exit_code == 0
    ids = [s["id"] for s in json.loads(result.stdout)]
    assert ids == [s.id for s in default_catalogue()]


def test_signals_filters_by_family() -> None:
    result = runner.invoke(app, ["signals", "--family", "price", "--json"])
    assert {s["family"] for s in json.loads(result.stdout)} == {"price"}


def test_signals_unknown_family() -> None:
    result = runner.invoke(app, ["signals", "--family", "flattery"])
    assert result.exit_code == 2


def test_signals_markdown_matches_docs() -> None:
    result = runner.invoke(app, ["signals", "--markdown"])
    assert result.stdout == (DOCS / "signals.md").read_text(encoding="utf-8"), (
        "regenerate with: trustworks signals --markdown > docs/signals.md"
    )


def test_explain_shows_why_what_and_examples() -> None:
    result = runner.invoke(app, ["explain", "thanks_for_your_time"])
    assert result.exit_code == 0
    for part in ("Why it matters", "What to do", "Fires on", "Does not fire on", "Thanks so much"):
        assert part in result.stdout


def test_explain_shows_the_rewrite_and_its_fallback() -> None:
    result = runner.invoke(app, ["explain", "pounces_on_need"])
    assert result.exit_code == 0
    signal = default_catalogue().signal("pounces_on_need")
    assert signal.rewrite and signal.rewrite_fallback
    out = " ".join(result.stdout.split())
    assert "Say instead" in out and signal.rewrite_fallback in out


def test_explain_unknown_signal_exit_2() -> None:
    result = runner.invoke(app, ["explain", "nope"])
    assert result.exit_code == 2
    assert "no signal 'nope'" in result.stderr


def test_schema_prints_the_published_schema() -> None:
    result = runner.invoke(app, ["schema"])
    published = json.loads(
        (DOCS / "schema" / "analysis-v1.schema.json").read_text(encoding="utf-8")
    )
    assert json.loads(result.stdout) == published


def test_signals_piped_lists_whole_ids_one_per_line() -> None:
    # `trustworks signals | head`: ids are pasted into `explain`, so never cut short.
    result = runner.invoke(app, ["signals"], terminal_width=60)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "family", "component", "±", "weight", "found", "by"]
    assert [line.split()[0] for line in lines[1:]] == [s.id for s in default_catalogue()]
    assert "…" not in result.stdout


def test_explain_piped_output_is_not_wrapped() -> None:
    result = runner.invoke(app, ["explain", "thanks_for_your_time"], terminal_width=60)
    description = default_catalogue().signal("thanks_for_your_time").description
    assert description in result.stdout.splitlines()
