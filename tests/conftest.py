"""Shared fixtures: ledger databases on SQLite and, when TRUSTWORKS_TEST_POSTGRES_URL is set
(CI always sets it), on PostgreSQL: one database per test worker, emptied between tests."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.tables import Base

POSTGRES_ENV = "TRUSTWORKS_TEST_POSTGRES_URL"
# What .ci/run and the README's steps create; used when the variable is unset and it answers.
LOCAL_POSTGRES = "postgresql+psycopg://tw:tw@127.0.0.1:5432/trustworks_test"

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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty ledger database on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return url


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    """An open, empty, migrated ledger on each backend."""
    opened = open_ledger(db_url)
    yield opened
    opened.close()
