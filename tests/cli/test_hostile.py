"""Never a traceback from a command: hostile values in every argument, on both databases.

The web app has its own sweep (tests/web/test_hostile.py); this one sends the same kinds of
values (NUL, lone surrogates, huge and negative numbers, the calendar's edges, very long and
empty text) through the commands people type. Whatever the value, a command ends with a
message and exit 0, 1 (check found trust being spent) or 2, never an uncaught exception.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from trustworks.cli import app

# Each test's ledger comes migrated (tests/conftest.py, `migrated`): none is about creating one.
pytestmark = pytest.mark.usefixtures("migrated")

runner = CliRunner()

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\udcff",
            "9" * 30,
            "-1",
            "0",
            "2147483648",
            "18446744073709551616",
            "1e999",
            "NaN",
            "9999-12-31",
            "0001-01-01",
            "2026-02-30",
            "x" * 5_000,
            "Robert'); DROP TABLE accounts;--",
            "<script>alert(1)</script>",
        ]
    ),
    st.text(max_size=40),
)

# Each command with {v} where a hostile value goes; {db} is the ledger under test.
COMMANDS = [
    ["ledger", "add", "account", "name={v}", "industry={v}"],
    ["ledger", "add", "commitment", "account={v}", "side=us", "by={v}", "what={v}", "due={v}"],
    ["ledger", "edit", "account", "{v}", "name={v}"],
    ["ledger", "show", "account", "{v}"],
    ["ledger", "list", "commitments", "--account", "{v}"],
    ["ledger", "remove", "account", "{v}"],
    ["ledger", "history", "commitment", "{v}"],
    ["today", "--seller", "{v}", "--date", "{v}"],
    ["alerts", "--seller", "{v}"],
    ["client", "{v}"],
]


def _runs_cleanly(args: list[str]) -> None:
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{args!r} raised {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output, (args, result.output)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:3]))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(value=HOSTILE)
def test_commands_take_hostile_values_without_a_traceback(
    db_url: str, command: list[str], value: str
) -> None:
    # A known account first, so edits and commitments reach the ledger's own checks too.
    runner.invoke(app, ["ledger", "add", "account", "name=Acme", "--db", db_url])
    _runs_cleanly([part.replace("{v}", value) for part in command] + ["--db", db_url])


@settings(max_examples=40, deadline=None)
@given(value=HOSTILE)
def test_check_takes_hostile_text_without_a_traceback(value: str) -> None:
    _runs_cleanly(["check", value])
