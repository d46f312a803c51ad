from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.assess import audit_questionnaire, self_questionnaire
from trustworks.cli import app

# Each test's ledger comes migrated (tests/conftest.py, `migrated`): none is about creating one.
pytestmark = pytest.mark.usefixtures("migrated")

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


TODAY = dt.date(2026, 3, 5)
TEAM = ("dana", "lee", "kim", "sam", "ana")


@pytest.fixture
def team(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """maria (manager) and five sellers of hers; root (admin); ryan (no team); today fixed."""
    from argon2 import PasswordHasher

    from trustworks.cli import assess
    from trustworks.ledger import users
    from trustworks.ledger.database import open_ledger

    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    monkeypatch.setattr(assess, "_today", lambda: TODAY)
    monkeypatch.setenv("TRUSTWORKS_PASSWORD", PASSWORD)
    ledger = open_ledger(db_url)
    with ledger.session() as s:
        users.add_user(s, "root", PASSWORD, "admin", seller="Root Admin")
        users.add_user(s, "maria", PASSWORD, "manager", seller="Maria Gomez")
        users.add_user(s, "ryan", PASSWORD, "seller", seller="Ryan Cole")
        for name in TEAM:
            users.add_user(s, name, PASSWORD, "seller", seller=name.title(), manager="maria")
    ledger.close()
    return db_url


PASSWORD = "a long enough password"


def _start(db: str, *invite: str, by: str = "maria") -> tuple[int, str]:
    args = ["audit", "start", "--org", "Acme", "--audience", "the sales team", "--user", by,
            "--opens", TODAY.isoformat(), "--closes", TODAY.isoformat()]  # fmt: skip
    for name in invite or TEAM:
        args += ["--invite", name]
    return run(db, *args)


def _closed_campaign(team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Campaign 1, answered by all five and closed."""
    from trustworks.cli import assess

    assert _start(team)[0] == 0
    for name in TEAM:
        code, out = run(team, "audit", "answer", "--campaign", "1", "--user", name,
                        "--answers", _audit_file(tmp_path, 1, f"{name}.toml"))  # fmt: skip
        assert code == 0, out
    monkeypatch.setattr(assess, "_today", lambda: TODAY + dt.timedelta(days=1))


def test_audit_start_answer_change_and_report_after_the_close(
    team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trustworks.cli import assess

    assert _start(team) == (0, "started trust audit campaign 1 for Acme (5 invitations)\n")
    for n, name in enumerate(TEAM):
        code, out = run(
            team, "audit", "answer", "--campaign", "1", "--user", name,
            "--answers", _audit_file(tmp_path, -1 if n else 0, f"{name}.toml"),
        )  # fmt: skip
        assert code == 0, out
        assert "only you can read them" in out
    code, out = run(
        team, "audit", "answer", "--campaign", "1", "--user", "dana",
        "--answers", _audit_file(tmp_path, -1, "again.toml", ndas="before_first_meeting"),
    )  # fmt: skip
    assert code == 0, out  # changed, not added
    code, out = run(team, "audit", "report", "--campaign", "1")
    assert (code, "opens when the campaign closes on 2026-03-05" in out) == (0, True)
    monkeypatch.setattr(assess, "_today", lambda: TODAY + dt.timedelta(days=1))
    code, out = run(team, "audit", "report", "--campaign", "1")
    assert code == 0, out
    flat = " ".join(out.split())
    assert "Acme, 2026-03-05: trusting score" in flat and "from 5 anonymous answers" in flat
    assert "ndas" in out  # the one item that still costs
    doc = json.loads(run(team, "audit", "report", "--campaign", "1", "--json")[1])
    assert doc["report"]["latest"]["respondents"] == 5
    assert doc["report"]["latest"]["score"]["mean"] == pytest.approx(100 - 100 / 15 / 5)
    for name in ("Dana", "dana", "Lee", "Kim", "Sam", "Ana"):
        assert name not in out + json.dumps(doc)
    code, out = run(
        team, "audit", "answer", "--campaign", "1", "--user", "lee",
        "--answers", _audit_file(tmp_path, 0, "late.toml"),
    )  # fmt: skip
    assert code == 2 and "can no longer change" in out
    listing = json.loads(run(team, "audit", "campaigns", "--json")[1])
    assert [(c["answered"], c["invited"], c["state"]) for c in listing] == [(5, 5, "closed")]


def test_audit_my_answers_are_read_by_their_author_only(
    team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(team)
    run(team, "audit", "answer", "--campaign", "1", "--user", "dana",
        "--answers", _audit_file(tmp_path, 0))  # fmt: skip
    code, out = run(team, "audit", "my-answers", "--campaign", "1", "--user", "dana", "--json")
    assert code == 0 and json.loads(out)["answers"]["ndas"] == "before_first_meeting"
    for reader in ("maria", "root", "lee"):
        code, out = run(team, "audit", "my-answers", "--campaign", "1", "--user", reader)
        assert (code, out) == (0, "you have not answered trust audit campaign 1\n"), reader
    code, out = run(team, "audit", "my-answers", "--campaign", "1", "--user", "ryan")
    assert code == 2 and "no audit campaign 1" in out
    monkeypatch.setenv("TRUSTWORKS_PASSWORD", "not her password")
    code, out = run(team, "audit", "my-answers", "--campaign", "1", "--user", "dana")
    assert code == 2 and "wrong username or password for 'dana'" in out
    assert "before_first_meeting" not in out and "Traceback" not in out


def test_audit_answer_interactively(team: str) -> None:
    _start(team)
    replies = "".join("3\n" for _ in audit_questionnaire().items)
    code, out = run(
        team, "audit", "answer", "--campaign", "1", "--user", "dana", input="9\n" + replies
    )
    assert code == 0, out
    assert "give a number from 1 to 3" in out


def test_audit_bad_answers_and_wrong_runs_exit_2_and_change_nothing(
    team: str, tmp_path: Path
) -> None:
    assert run(team, "audit", "campaigns")[1].startswith("no trust audit campaign yet")
    code, out = _start(team, by="dana")
    assert code == 2 and "only a manager or an admin" in out
    code, out = _start(team, "ryan")
    assert code == 2 and "'ryan' is not you or someone on your team" in out
    assert _start(team)[0] == 0
    incomplete = tmp_path / "part.toml"
    incomplete.write_text('ndas = "before_details"\ncolour = "red"\n', encoding="utf-8")
    args = ("audit", "answer", "--campaign", "1", "--user", "dana")
    code, out = run(team, *args, "--answers", str(incomplete))
    assert code == 2
    assert "[colour]: not an item of this questionnaire" in out
    assert "[fine_print]: not answered" in out
    assert "Traceback" not in out
    code, out = run(team, "audit", "my-answers", "--campaign", "1", "--user", "dana")
    assert out == "you have not answered trust audit campaign 1\n"
    code, out = run(team, "audit", "answer", "--campaign", "1", "--user", "ryan",
                    "--answers", _audit_file(tmp_path, 0))  # fmt: skip
    assert code == 2 and "no audit campaign 1" in out


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
def test_reports_export_charts(
    team: str, tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = team
    _closed_campaign(team, tmp_path, monkeypatch)
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
        ["audit", "report", "--campaign", "1", "--chart-kind", "rounds"],
        ["audit", "report", "--campaign", "1"],
        ["self-assess", "report", "--person", "Ryan"],
        ["self-assess", "report", "--person", "Ryan", "--chart-kind", "trend"],
    ):
        target = tmp_path / f"chart.{suffix}"
        code, out = run(db_url, *args, "--chart", str(target))
        assert code == 0, out
        assert target.read_bytes().startswith(magic)
        target.unlink()


def test_reports_refuse_a_bad_chart_and_write_nothing(
    team: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_url = team
    _closed_campaign(team, tmp_path, monkeypatch)
    report = ("audit", "report", "--campaign", "1")
    code, out = run(db_url, *report, "--chart", str(tmp_path / "c.gif"))
    assert code == 2 and "c.gif: the suffix must be one of .png, .svg, .pdf" in out
    code, out = run(db_url, *report, "--chart-kind", "pie",
                    "--chart", str(tmp_path / "c.png"))  # fmt: skip
    assert code == 2 and "chart: 'pie' is not one of items, rounds" in out
    assert list(tmp_path.glob("c.*")) == []
