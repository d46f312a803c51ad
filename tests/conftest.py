"""Shared fixtures: ledger databases on SQLite and, when TRUSTWORKS_TEST_POSTGRES_URL is set
(CI always sets it), on PostgreSQL: one database per test worker, emptied between tests, or
put back as the migrations left it for a test that wants a ledger (tests/databases.py)."""

from __future__ import annotations

import os
import signal
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.testing
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.databases import (
    PostgresTemplate,
    empty_postgres,
    make_sqlite_template,
    migrated_sqlite_url,
    reset_postgres,
)
from trustworks.ledger.database import Ledger, open_ledger

POSTGRES_ENV = "TRUSTWORKS_TEST_POSTGRES_URL"
# What .ci/run and the README's steps create; used when the variable is unset and it answers.
LOCAL_POSTGRES = "postgresql+psycopg://tw:tw@127.0.0.1:5432/trustworks_test"

# Typer turns the app into a Click command on every CliRunner.invoke: 60 ms each (2,880
# signatures read), two thirds of a quick command, paid some 2,000 times a run. A real run
# does it once a process; the tests do it once an app. The cache holds each app weakly (the
# one-command copies `app_for` makes come and go, and a new one may take a dead one's id)
# and is built again for an app given another command since.
_typer_command = typer.testing._get_command
_typer_commands: weakref.WeakKeyDictionary[typer.Typer, tuple[int, Any]] = (
    weakref.WeakKeyDictionary()
)


def _shape(app: typer.Typer) -> int:
    return len(app.registered_commands) + sum(
        1 + _shape(group.typer_instance)
        for group in app.registered_groups
        if group.typer_instance is not None
    )


def _cached_command(app: typer.Typer) -> Any:
    shape = _shape(app)
    known = _typer_commands.get(app)
    if known is None or known[0] != shape:
        known = _typer_commands[app] = (shape, _typer_command(app))
    return known[1]


typer.testing._get_command = _cached_command

# Hypothesis' per-example deadline is a timing assertion, and fails on a busy 2-core machine:
# speed is measured in bench/, never asserted by a test.
settings.register_profile("trustworks", deadline=None)
settings.load_profile("trustworks")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker whose results are in ignores SIGINT while it finishes.

    Once a worker reports, the controller tells it to stop, and execnet sends the worker a
    SIGINT if it is still busy five seconds later: on a loaded machine its last garbage
    collections take that long. The KeyboardInterrupt then lands in whatever Python code runs
    inside the collection, which is Hypothesis' gc callback, and a green run ended with an
    "Exception ignored in ... gc_callback ... KeyboardInterrupt" warning. The controller
    still stops a worker that hangs (execnet kills it after ten seconds).
    """
    if (
        os.environ.get("PYTEST_XDIST_WORKER")
        and threading.current_thread() is threading.main_thread()
    ):
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A database of this worker's own on the test server, created afresh."""
    base = os.environ.get(POSTGRES_ENV) or _local_postgres()
    if not base:
        pytest.skip(
            f"no PostgreSQL: set {POSTGRES_ENV}, or create the local test database "
            "(README, 'Set up')"
        )
    url = make_url(base)
    # The process id keeps two test runs on one server (two checkouts, say) apart.
    name = f"{url.database}_{worker_id}_{os.getpid()}".replace("-", "_")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _local_postgres() -> str | None:
    """The local test database of the README's steps, when it answers within a second."""
    engine = create_engine(LOCAL_POSTGRES, connect_args={"connect_timeout": 1})
    try:
        with engine.connect():
            return LOCAL_POSTGRES
    except Exception:  # no server, no such role or database: the PostgreSQL tests skip
        return None
    finally:
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite ledger this test process copies fresh ledgers from (tests/databases.py)."""
    return make_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_template() -> list[PostgresTemplate]:
    """This worker's database as its migrations left it, once known (tests/databases.py)."""
    return []


@pytest.fixture
def migrated() -> None:
    """Asked for (directly, or through `ledger` or `any_site`) by a test that opens `db_url`
    as a ledger at once: `db_url` then comes already migrated, from the template, instead of
    empty for the migrations to build (the same database, sooner)."""


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database on each backend (an empty ledger's, with `migrated`)."""
    migrate = "migrated" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "ledger.sqlite3"
        return migrated_sqlite_url(path) if migrate else f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    if migrate:
        known: list[PostgresTemplate] = request.getfixturevalue("postgres_template")
        known[:] = [reset_postgres(url, known[0] if known else None)]
    else:
        empty_postgres(url)
    return url


@pytest.fixture
def ledger(db_url: str, migrated: None) -> Iterator[Ledger]:
    """An open, empty, migrated ledger on each backend."""
    opened = open_ledger(db_url)
    yield opened
    opened.close()
