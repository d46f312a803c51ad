from __future__ import annotations

import re
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
        (["user", "add", "x", "--password-stdin"], "password1\n", "common and leaked"),
        (["user", "add", "x", "--password-stdin"], " " * 8 + "\n", "cannot be only spaces"),
        (["user", "add", "x", "--password-stdin"], "abcdefgh\n", "run of consecutive"),
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


def _add(db: str, name: str, *extra: str) -> None:
    result = runner.invoke(
        app, ["user", "add", name, *extra, "--password-stdin", "--db", db], input="long enough\n"
    )
    assert result.exit_code == 0, result.output


def test_user_set_changes_role_manager_and_switches_off(db: str) -> None:
    _add(db, "root", "--role", "admin")
    _add(db, "maria", "--role", "manager")
    _add(db, "dana")
    result = runner.invoke(
        app, ["user", "set", "dana", "--manager", "maria", "--seller", "Dana W", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert "dana: seller, ledger name 'Dana W', active" in result.output
    listed = runner.invoke(app, ["user", "list", "--db", db]).output
    assert re.search(r"dana\s+│\s+seller\s+│\s+Dana W\s+│\s+maria\s+│\s+yes", listed), listed
    result = runner.invoke(app, ["user", "set", "dana", "--inactive", "--db", db])
    assert "switched off" in result.output
    listed = runner.invoke(app, ["user", "list", "--db", db]).output
    assert re.search(r"dana\s+│.*│\s+no", listed), listed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["user", "set", "root", "--role", "seller"], "last active admin"),
        (["user", "set", "root", "--inactive"], "last active admin"),
        (["user", "set", "root", "--role", "king"], "role:"),
        (["user", "set", "root", "--manager", "root"], "cannot manage themselves"),
        (["user", "set", "root", "--manager", "ghost"], "no user 'ghost'"),
        (["user", "set", "ghost", "--role", "admin"], "no user 'ghost'"),
        (["user", "set", "root"], "nothing to change"),
    ],
)
def test_user_set_refuses_and_changes_nothing(db: str, args: list[str], message: str) -> None:
    _add(db, "root", "--role", "admin")
    before = runner.invoke(app, ["user", "list", "--db", db]).output
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert runner.invoke(app, ["user", "list", "--db", db]).output == before


def test_user_set_display_name_and_back_to_the_username(db: str) -> None:
    from trustworks.ledger.database import open_ledger
    from trustworks.ledger.users import find_user

    _add(db, "dana")
    result = runner.invoke(app, ["user", "set", "dana", "--display-name", " Dana  W. ", "--db", db])
    assert result.exit_code == 0, result.output
    ledger = open_ledger(db)
    with ledger.session() as session:
        assert find_user(session, "dana").display_name == "Dana W."
    too_long = runner.invoke(app, ["user", "set", "dana", "--display-name", "x" * 101, "--db", db])
    assert too_long.exit_code == 2 and "at most 100 characters" in too_long.output
    assert (
        runner.invoke(app, ["user", "set", "dana", "--display-name", "", "--db", db]).exit_code == 0
    )
    with ledger.session() as session:
        assert find_user(session, "dana").display_name is None
    ledger.close()
