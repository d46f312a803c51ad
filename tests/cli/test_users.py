from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from trustworks.cli import app

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


def test_user_add_prompts_twice_and_lists(db: str) -> None:
    result = runner.invoke(
        app,
        ["user", "add", "root", "--role", "admin", "--db", db],
        input="long enough\nlong enough\n",
    )
    assert result.exit_code == 0, result.output
    assert "added admin root" in result.output
    result = runner.invoke(
        app,
        [
            "user",
            "add",
            "dana",
            "--seller",
            "Dana Whitfield",
            "--manager",
            "root",
            "--password-stdin",
            "--db",
            db,
        ],
        input="another secret\n",
    )
    assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["user", "list", "--db", db]).output
    assert "Dana Whitfield" in listed
    assert "root" in listed


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["user", "add", "x", "--password-stdin"], "short\n", "password: at least 8"),
        (["user", "add", "x", "--role", "king", "--password-stdin"], "long enough\n", "role:"),
        (
            ["user", "add", "x", "--manager", "ghost", "--password-stdin"],
            "long enough\n",
            "no user 'ghost'",
        ),
        (["user", "passwd", "ghost", "--password-stdin"], "long enough\n", "no user 'ghost'"),
    ],
)
def test_user_bad_input_exits_2(db: str, args: list[str], stdin: str, message: str) -> None:
    result = runner.invoke(app, [*args, "--db", db], input=stdin)
    assert result.exit_code == 2
    assert message in result.output


def test_user_passwd_changes_the_password(db: str) -> None:
    runner.invoke(
        app, ["user", "add", "dana", "--password-stdin", "--db", db], input="long enough\n"
    )
    result = runner.invoke(
        app, ["user", "passwd", "dana", "--password-stdin", "--db", db], input="brand new one\n"
    )
    assert result.exit_code == 0
    assert "password changed for dana" in result.output
