from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app

# Each test's ledger comes migrated (tests/conftest.py, `migrated`): none is about creating one.
pytestmark = pytest.mark.usefixtures("migrated")

runner = CliRunner()


def run(db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db])
    return result.exit_code, result.output


STORY = ("--situation", "S", "--did", "D", "--happened", "H", "--on", "2026-04-04")


def _setup(db_url: str) -> str:
    """A ledger with one programme (two lessons) and two participants."""
    for args in (
        (
            "programme",
            "add",
            "Trusted Advisor",
            "--ends",
            "2026-03-31",
            "--lesson",
            "Listen first",
            "--lesson",
            "Price plainly",
        ),
        ("programme", "enrol", "trusted advisor", "Dana", "Lee", "--on", "2026-03-01"),
    ):
        code, out = run(db_url, *args)
        assert code == 0, out
    return db_url


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A SQLite ledger with one programme (two lessons) and two participants: the commands are
    shells, and the library's tests run on both backends."""
    return _setup(f"sqlite:///{tmp_path / 'cli.sqlite3'}")


def test_commands_run_on_each_backend(db_url: str) -> None:
    db = _setup(db_url)
    assert run(db, "story", "add", "1", "--participant", "Dana", "--lesson", "1", *STORY)[0] == 0
    code, out = run(db, "report", "programme", "1", "--json")
    assert code == 0 and json.loads(out)["stories"] == 1


def test_programme_show_and_list(db: str) -> None:
    code, out = run(db, "programme", "show", "Trusted Advisor", "--json")
    info = json.loads(out)
    assert [x["title"] for x in info["lessons"]] == ["Listen first", "Price plainly"]
    assert [p["name"] for p in info["participants"]] == ["Dana", "Lee"]
    code, out = run(db, "programme", "lesson", "1", "Dated commitments")
    assert (code, out) == (0, "added lesson 3 (number 3)\n")
    code, out = run(db, "programme", "list")
    assert code == 0 and "Trusted Advisor" in out and "3" in out


def test_story_add_list_comment_ask_answer(db: str) -> None:
    code, out = run(
        db,
        "story",
        "add",
        "1",
        "--participant",
        "dana",
        "--lesson",
        "Listen first",
        *STORY,
        "--success",
    )
    assert (code, out) == (0, "recorded story 1\n")
    assert run(db, "story", "comment", "1", "Nice", "--author", "Lee") == (0, "added comment 1\n")
    assert run(db, "story", "ask", "1", "What next?", "--by", "Coach") == (0, "asked question 1\n")
    code, out = run(db, "story", "questions", "1", "--json")
    assert [q["question"] for q in json.loads(out)] == ["What next?"]
    assert run(db, "story", "answer", "1", "A proposal.") == (0, "answered question 1\n")
    code, out = run(db, "story", "list", "1", "--json")
    (story,) = json.loads(out)
    assert story["success"] is True
    assert story["comments"][0]["body"] == "Nice"
    assert story["questions"][0]["answer"] == "A proposal."
    code, out = run(db, "story", "list", "1")
    assert code == 0 and "Listen first" in out and "A proposal." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--participant", "Nobody", "--lesson", "Listen first", *STORY), "not a participant"),
        (("--participant", "Dana", "--lesson", "Golf", *STORY), "no lesson"),
        (
            (
                "--participant",
                "Dana",
                "--lesson",
                "1",
                "--situation",
                " ",
                "--did",
                "D",
                "--happened",
                "H",
                "--on",
                "2026-04-04",
            ),
            "situation: is required",
        ),
        (("--participant", "Dana", "--lesson", "1", *STORY[:-1], "April"), "--on"),
    ],
)
def test_story_add_bad_input_is_one_line_and_exit_2(
    db: str, args: tuple[str, ...], message: str
) -> None:
    code, out = run(db, "story", "add", "1", *args)
    assert code == 2 and message in out and "Traceback" not in out
    assert json.loads(run(db, "story", "list", "1", "--json")[1]) == []


def test_story_add_twice_is_refused(db: str) -> None:
    args = ("story", "add", "1", "--participant", "Dana", "--lesson", "1", *STORY)
    assert run(db, *args)[0] == 0
    code, out = run(db, *args)
    assert code == 2 and "already shared" in out


def test_attribute_and_report_json(db: str) -> None:
    run(db, "story", "add", "1", "--participant", "Dana", "--lesson", "1", *STORY, "--success")
    code, out = run(
        db,
        "attribute",
        "1",
        "--participant",
        "Lee",
        "--client",
        "Acme",
        "--amount",
        "2000",
        "--share",
        "25",
        "--sold-on",
        "2026-04-10",
        "--reason",
        "asked first",
    )
    assert (code, out) == (0, "recorded attribution 1: 500.00 attributed to the training\n")
    code, out = run(db, "report", "programme", "1", "--json")
    report = json.loads(out)
    assert report["revenue"] == "500.00"  # amounts are exact text in JSON
    assert report["working"] == ["Listen first"] and report["not_working"] == ["Price plainly"]
    assert report["median_days_to_first"] == 4 and report["without_story"] == ["Lee"]
    assert report["attributions"][0]["attributed"] == "500.00"
    code, out = run(db, "report", "programme", "Trusted Advisor")
    assert code == 0 and "rethink" in out and "500.00" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--share", "101", "share: 101 is above 100"),
        ("--amount", "-3", "amount: -3 is below 0"),
        ("--amount", "lots", "amount: 'lots' is not a number"),
    ],
)
def test_attribute_bad_values_exit_2(db: str, option: str, value: str, message: str) -> None:
    values = {"--amount": "10", "--share": "10"} | {option: value}
    code, out = run(
        db,
        "attribute",
        "1",
        "--participant",
        "Lee",
        "--client",
        "Acme",
        "--sold-on",
        "2026-04-10",
        "--reason",
        "r",
        *[x for kv in values.items() for x in kv],
    )
    assert code == 2 and message in out
    assert json.loads(run(db, "report", "programme", "1", "--json")[1])["attributions"] == []


def test_nudges_names_the_silent_and_the_due(db: str) -> None:
    code, out = run(db, "nudges", "1", "--today", "2026-05-15", "--json")
    found = json.loads(out)
    assert [d["participant"] for d in found["without_story"]] == ["Dana", "Lee"]
    assert [d["days"] for d in found["attribution_due"]] == [45, 45]
    assert found["prompt"]["lesson"] in ("Listen first", "Price plainly")
    code, out = run(db, "nudges", "1", "--today", "2026-04-01")
    assert code == 0 and "No story yet: nobody" in out


def test_report_writes_html_pdf_and_charts(db: str, tmp_path: Path) -> None:
    html, pdf, png, svg = (tmp_path / n for n in ("r.html", "r.pdf", "c.png", "c.svg"))
    code, out = run(db, "report", "programme", "1", "--html", str(html), "--pdf", str(pdf))
    assert code == 0, out
    assert html.read_text().count("<svg") == 2 and pdf.read_bytes().startswith(b"%PDF")
    assert run(db, "report", "chart", "1", "lessons", str(png))[0] == 0
    assert run(db, "report", "chart", "1", "revenue", str(svg))[0] == 0
    assert png.read_bytes().startswith(b"\x89PNG") and b"<svg" in svg.read_bytes()
    code, out = run(db, "report", "chart", "1", "pie", str(png))
    assert code == 2 and "chart" in out
