from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.assess import audit_questionnaire, self_questionnaire
from trustworks.cli import app

runner = CliRunner()


def run(db: str, *args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--db", db], input=input)
    return result.exit_code, result.output


def _audit_file(tmp_path: Path, position: int, name: str = "a.toml", **overrides: str) -> str:
    answers = {i.id: i.options[position].key for i in audit_questionnaire().items}
    answers.update(overrides)
    path = tmp_path / name
    path.write_text("\n".join(f'{k} = "{v}"' for k, v in answers.items()), encoding="utf-8")
    return str(path)


def _self_file(tmp_path: Path, key: str, name: str = "s.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps({i.id: key for i in self_questionnaire().items}), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("group", "first"), [("audit", "non_competes"), ("self-assess", "cred_expertise")]
)
def test_questions_lists_the_items(group: str, first: str) -> None:
    result = runner.invoke(app, [group, "questions"])
    assert result.exit_code == 0, result.output
    assert first in result.output
    doc = json.loads(runner.invoke(app, [group, "questions", "--json"]).output)
    assert doc["items"][0]["id"] == first
    assert doc["version"] == 1


def test_audit_answer_and_report_with_spread_and_comparison(db_url: str, tmp_path: Path) -> None:
    code, out = run(
        db_url, "audit", "answer", "--org", "Acme", "--respondent", "Dana",
        "--answers", _audit_file(tmp_path, 0), "--on", "2026-01-05",
    )  # fmt: skip
    assert (code, out) == (0, "recorded Dana's trust audit for Acme on 2026-01-05\n")
    run(
        db_url, "audit", "answer", "--org", "acme", "--respondent", "Lee",
        "--answers", _audit_file(tmp_path, 1, "b.toml"), "--on", "2026-01-05",
    )  # fmt: skip
    run(
        db_url, "audit", "answer", "--org", "Acme", "--respondent", "Dana",
        "--answers", _audit_file(tmp_path, -1, "c.toml", ndas="before_first_meeting"),
        "--on", "2026-04-05",
    )  # fmt: skip
    code, out = run(db_url, "audit", "report", "--org", "ACME")
    assert code == 0, out
    assert "Acme, 2026-04-05: trusting score" in out
    assert "since 2026-01-05" in out
    assert "Non-disclosure agreements" in out  # the one item that still costs
    assert "Hold back NDAs" in out
    code, out = run(db_url, "audit", "report", "--org", "Acme", "--json")
    doc = json.loads(out)
    assert doc["latest"]["score"]["mean"] == pytest.approx(1400 / 15)
    assert [c["item"] for c in doc["latest"]["costliest"]] == ["ndas"]
    first = doc["rounds"][0]
    assert (first["respondents"], first["score"]["min"], first["score"]["max"]) == (2, 0.0, 50.0)
    assert first["score"]["stdev"] == pytest.approx(25.0)
    assert doc["comparison"]["delta"] == pytest.approx(1400 / 15 - 25.0)
    assert [c["item"] for c in doc["comparison"]["worsened"]] == ["ndas"]  # 25 -> 0


def test_audit_answer_interactively(db_url: str) -> None:
    replies = "".join("3\n" for _ in audit_questionnaire().items)
    code, out = run(
        db_url, "audit", "answer", "--org", "Acme", "--respondent", "Dana", input="9\n" + replies
    )
    assert code == 0, out
    assert "give a number from 1 to 3" in out
    code, out = run(db_url, "audit", "report", "--org", "Acme", "--json")
    assert json.loads(out)["latest"]["score"]["mean"] == 100.0


def test_audit_bad_answers_duplicates_and_unknown_org_exit_2_and_change_nothing(
    db_url: str, tmp_path: Path
) -> None:
    good = _audit_file(tmp_path, 0)
    args = ("audit", "answer", "--org", "Acme", "--respondent", "Dana", "--on", "2026-01-05")
    incomplete = tmp_path / "part.toml"
    incomplete.write_text('ndas = "before_details"\ncolour = "red"\n', encoding="utf-8")
    code, out = run(db_url, *args, "--answers", str(incomplete))
    assert code == 2
    assert "[colour]: not an item of this questionnaire" in out
    assert "[fine_print]: not answered" in out
    assert "Traceback" not in out
    code, out = run(db_url, "audit", "report", "--org", "Acme")
    assert (code, "no trust audit answers for organisation 'Acme'" in out) == (2, True)
    assert run(db_url, *args, "--answers", good)[0] == 0
    code, out = run(db_url, *args, "--answers", _audit_file(tmp_path, -1, "d.toml"))
    assert code == 2
    assert "Dana already answered the trust audit for Acme on 2026-01-05" in out
    doc = json.loads(run(db_url, "audit", "report", "--org", "Acme", "--json")[1])
    assert doc["latest"]["score"]["mean"] == 0.0  # the first answers stand
    assert run(db_url, *args[:-1], "2026-02-30", "--answers", good)[0] == 2


def test_self_assess_answer_and_report(db_url: str, tmp_path: Path) -> None:
    args = ("self-assess", "answer", "--person", "Dana", "--answers")
    assert run(db_url, *args, _self_file(tmp_path, "sometimes"), "--on", "2026-01-05") == (
        0,
        "recorded Dana's self-assessment on 2026-01-05\n",
    )
    assert run(db_url, *args, _self_file(tmp_path, "often", "t.json"), "--on", "2026-02-05")[0] == 0
    code, out = run(db_url, "self-assess", "report", "--person", "dana")
    assert code == 0, out
    assert "No measured scores to compare with" in out
    assert "Over time" in out
    code, out = run(
        db_url, "self-assess", "report", "--person", "Dana",
        "--measured", "intimacy=2", "--measured", "credibility=6",
    )  # fmt: skip
    assert code == 0, out
    assert "Largest gap: intimacy" in out
    doc = json.loads(
        run(db_url, "self-assess", "report", "--person", "Dana", "--measured", "intimacy=2",
            "--json")[1]
    )  # fmt: skip
    assert doc["largest_gap"] == "intimacy"
    assert [r["taken_on"] for r in doc["records"]] == ["2026-01-05", "2026-02-05"]
    assert doc["gaps"][0]["difference"] == pytest.approx(
        doc["records"][-1]["scores"]["intimacy"] - 2
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["self-assess", "report", "--person", "Kim"], "no self-assessment for 'Kim'"),
        (["self-assess", "report", "--person", "Dana", "--measured", "warmth=3"], "warmth"),
        (
            ["self-assess", "report", "--person", "Dana", "--measured", "intimacy"],
            "COMPONENT=NUMBER",
        ),
        (["self-assess", "report", "--person", "Dana", "--measured", "intimacy=12"], "1-10"),
    ],
)
def test_self_assess_report_errors(
    db_url: str, tmp_path: Path, args: list[str], message: str
) -> None:
    run(
        db_url,
        "self-assess",
        "answer",
        "--person",
        "Dana",
        "--answers",
        _self_file(tmp_path, "often"),
    )
    code, out = run(db_url, *args)
    assert code == 2
    assert message in out


def test_self_assess_duplicate_day_is_refused(db_url: str, tmp_path: Path) -> None:
    path = _self_file(tmp_path, "often")
    args = ("self-assess", "answer", "--person", "Dana", "--answers", path, "--on", "2026-01-05")
    assert run(db_url, *args)[0] == 0
    code, out = run(db_url, *args)
    assert (code, "Dana already has a self-assessment on 2026-01-05" in out) == (2, True)


def test_self_assess_answer_interactively_by_key_or_number(db_url: str) -> None:
    items = self_questionnaire().items
    replies = "often\n" + "".join("3\n" for _ in items[1:])
    code, out = run(db_url, "self-assess", "answer", "--person", "Dana", input=replies)
    assert code == 0, out
    doc = json.loads(run(db_url, "self-assess", "report", "--person", "Dana", "--json")[1])
    credibility = [i for i in items if i.component == "credibility"]
    assert doc["records"][0]["scores"]["credibility"] > 5.5  # one "often", the rest neutral
    assert len(credibility) >= 3
    assert doc["largest_gap"] is None and doc["conversations"] == 0


def test_self_assess_invite_link_is_answered_and_shows_in_the_report(
    db_url: str, tmp_path: Path
) -> None:
    from trustworks.ledger.database import open_ledger
    from trustworks.ledger.ratings import record_rating

    run(
        db_url,
        "self-assess",
        "answer",
        "--person",
        "Ryan",
        "--answers",
        _self_file(tmp_path, "always"),
    )
    result = runner.invoke(
        app,
        ["self-assess", "invite", "--person", "Ryan", "--rater", "Dana", "--db", db_url,
         "--base-url", "https://tw.example/"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    link = result.stdout.strip()
    assert link.startswith("https://tw.example/rate/")
    code, out = run(db_url, "self-assess", "report", "--person", "Ryan")
    assert "No ratings by others yet (1 link not answered yet)" in out
    ledger = open_ledger(db_url)
    with ledger.session() as session:
        answers: dict[str, object] = {i.id: "sometimes" for i in self_questionnaire().items}
        record_rating(session, link.rsplit("/", 1)[1], answers, dt.date.today())
    ledger.close()
    code, out = run(db_url, "self-assess", "report", "--person", "Ryan")
    assert code == 0, out
    assert "Rated by others" in out and "Dana (client)" in out
    said = " ".join(out.split())  # Rich wraps at the terminal's width
    assert "credibility, where you see yourself better than others do (8.4 against 5.5)" in said
    doc = json.loads(run(db_url, "self-assess", "report", "--person", "Ryan", "--json")[1])
    assert doc["rated_by_others"]["others"]["credibility"] == pytest.approx(5.5)


def test_self_assess_invite_refuses_an_unknown_relation(db_url: str) -> None:
    code, out = run(db_url, "self-assess", "invite", "--person", "Ryan", "--rater", "D",
                    "--relation", "boss")  # fmt: skip
    assert code == 2 and "relation: 'boss' is not one of client, colleague" in out


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_reports_export_charts(db_url: str, tmp_path: Path, suffix: str) -> None:
    run(db_url, "audit", "answer", "--org", "Acme", "--respondent", "Dana",
        "--answers", _audit_file(tmp_path, 1))  # fmt: skip
    run(
        db_url,
        "self-assess",
        "answer",
        "--person",
        "Ryan",
        "--answers",
        _self_file(tmp_path, "often"),
    )
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix]
    for args in (
        ["audit", "report", "--org", "Acme", "--chart-kind", "rounds"],
        ["audit", "report", "--org", "Acme"],
        ["self-assess", "report", "--person", "Ryan"],
        ["self-assess", "report", "--person", "Ryan", "--chart-kind", "trend"],
    ):
        target = tmp_path / f"chart.{suffix}"
        code, out = run(db_url, *args, "--chart", str(target))
        assert code == 0, out
        assert target.read_bytes().startswith(magic)
        target.unlink()


def test_reports_refuse_a_bad_chart_and_write_nothing(db_url: str, tmp_path: Path) -> None:
    run(db_url, "audit", "answer", "--org", "Acme", "--respondent", "Dana",
        "--answers", _audit_file(tmp_path, 1))  # fmt: skip
    code, out = run(db_url, "audit", "report", "--org", "Acme", "--chart", str(tmp_path / "c.gif"))
    assert code == 2 and "c.gif: the suffix must be one of .png, .svg, .pdf" in out
    code, out = run(db_url, "audit", "report", "--org", "Acme", "--chart-kind", "pie",
                    "--chart", str(tmp_path / "c.png"))  # fmt: skip
    assert code == 2 and "chart: 'pie' is not one of items, rounds" in out
    assert list(tmp_path.glob("c.*")) == []
