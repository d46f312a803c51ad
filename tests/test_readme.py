"""The README's set-up stays two commands and says how to run every test locally."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import LOCAL_POSTGRES, POSTGRES_ENV

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    found = re.search(rf"^## {title}\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert found is not None, f"README has no '## {title}' section"
    return found.group(1)


def test_readme_set_up_is_two_commands() -> None:
    commands = re.findall(r"^    (\S.*)$", _section("Set up"), re.MULTILINE)
    assert [c.split("#")[0].strip() for c in commands] == ["./run example", "./run tests"]


def test_readme_says_how_to_run_the_postgresql_tests_locally() -> None:
    text = " ".join(_section("Set up").split())
    assert POSTGRES_ENV in text
    assert LOCAL_POSTGRES in text  # the database the tests look for when the variable is unset
    assert "createdb -O tw trustworks_test" in text
    assert "CREATE ROLE tw LOGIN PASSWORD 'tw'" in text
