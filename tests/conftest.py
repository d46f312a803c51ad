"""Shared fixtures: ledger databases on SQLite and, when TRUSTWORKS_TEST_POSTGRES_URL is set
(CI always sets it), on PostgreSQL: one database per test worker, emptied between tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from trustworks.ledger.database import Ledger, open_ledger
from trustworks.ledger.tables import Base

POSTGRES_ENV = "TRUSTWORKS_TEST_POSTGRES_URL"

# Hypothesis' per-example deadline is a timing assertion, and fails on a busy 2-core machine:
# speed is measured in bench/, never asserted by a test.
settings.register_profile("trustworks", deadline=None)
settings.load_profile("trustworks")


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    """A database of this worker's own on the test server, created afresh."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set (CI sets it; see .ci/run)")
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
