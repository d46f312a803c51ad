"""The tests' fresh ledgers (tests/databases.py) are what running every migration gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from tests.databases import (
    PostgresTemplate,
    empty_postgres,
    migrate_postgres,
    migrated_sqlite_url,
    reset_postgres,
)
from trustworks.ledger import repository
from trustworks.ledger import tables as t
from trustworks.ledger.database import head_revision, open_ledger, schema_revision


def _tables_and_rows(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: conn.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
                for name in inspect(conn).get_table_names()
                if not name.startswith(("sqlite_", "search_fts"))
            }
    finally:
        engine.dispose()


def _add_account(url: str, name: str) -> int:
    ledger = open_ledger(url)
    try:
        with ledger.session() as s:
            account = repository.add(s, "account", {"name": name})
            repository.add(s, "person", {"account": name, "name": f"{name} Person"})
            return account.id  # type: ignore[attr-defined]
    finally:
        ledger.close()


def test_a_sqlite_copy_is_a_migrated_empty_ledger(tmp_path: Path) -> None:
    fresh = _tables_and_rows(open_ledger(f"sqlite:///{tmp_path / 'm.sqlite3'}").url)
    copied = migrated_sqlite_url(tmp_path / "c.sqlite3")
    engine = create_engine(copied)
    assert schema_revision(engine) == head_revision()
    engine.dispose()
    assert _tables_and_rows(copied) == fresh
    assert _add_account(copied, "Northwind") == 1


def test_a_sqlite_copy_is_its_own_file(tmp_path: Path) -> None:
    first = migrated_sqlite_url(tmp_path / "a.sqlite3")
    _add_account(first, "Northwind")
    second = migrated_sqlite_url(tmp_path / "b.sqlite3")
    assert _tables_and_rows(second)["accounts"] == 0
    assert _add_account(second, "Contoso") == 1


@pytest.fixture
def template(postgres_url: str) -> PostgresTemplate:
    return migrate_postgres(postgres_url)


def test_a_reset_postgres_database_is_as_the_migrations_left_it(
    postgres_url: str, template: PostgresTemplate
) -> None:
    fresh = _tables_and_rows(postgres_url)
    assert _add_account(postgres_url, "Northwind") == 1
    assert _add_account(postgres_url, "Contoso") == 2
    assert reset_postgres(postgres_url, template) is template  # the schema was left as it was
    assert _tables_and_rows(postgres_url) == fresh
    assert fresh["alembic_version"] == 1
    engine = create_engine(postgres_url)
    assert schema_revision(engine) == head_revision()
    engine.dispose()
    assert _add_account(postgres_url, "Globex") == 1  # the ids start again at 1
    ledger = open_ledger(postgres_url)
    with ledger.session() as s:
        assert s.scalar(select(func.count()).select_from(t.Person)) == 1
    ledger.close()


def test_a_sequence_moved_without_a_row_is_rewound_too(
    postgres_url: str, template: PostgresTemplate
) -> None:
    # As a restore does: the next id set, not yet taken, which pg_sequences does not show.
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('accounts', 'id'), 7, false)"))
    engine.dispose()
    reset_postgres(postgres_url, template)
    assert _add_account(postgres_url, "Northwind") == 1


def test_a_changed_postgres_schema_is_rebuilt_by_the_migrations(
    postgres_url: str, template: PostgresTemplate
) -> None:
    _add_account(postgres_url, "Northwind")
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE accounts DROP COLUMN notes"))
        conn.execute(text("CREATE TABLE leftover (id integer)"))
    engine.dispose()
    rebuilt = reset_postgres(postgres_url, template)
    assert rebuilt.fingerprint == template.fingerprint
    columns = {c["name"] for c in inspect(create_engine(postgres_url)).get_columns("accounts")}
    assert "notes" in columns
    assert "leftover" not in _tables_and_rows(postgres_url)
    assert _tables_and_rows(postgres_url)["accounts"] == 0


def test_an_emptied_postgres_database_holds_no_ledger(
    postgres_url: str, template: PostgresTemplate
) -> None:
    empty_postgres(postgres_url)
    assert _tables_and_rows(postgres_url) == {}
    assert reset_postgres(postgres_url, template).fingerprint == template.fingerprint


def test_a_reset_without_superuser_empties_the_tables_all_the_same(
    postgres_url: str, template: PostgresTemplate
) -> None:
    # Without a superuser the foreign keys cannot be set aside: the rows go by TRUNCATE.
    url = make_url(postgres_url)
    role = f"tw_plain_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        conn.execute(text(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'plain' NOSUPERUSER"))
        conn.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    try:
        _add_account(postgres_url, "Northwind")
        plain = url.set(username=role, password="plain").render_as_string(hide_password=False)
        reset_postgres(plain, template)
        assert _tables_and_rows(postgres_url) == {
            name: int(name == "alembic_version") for name in _tables_and_rows(postgres_url)
        }
        assert _add_account(postgres_url, "Contoso") == 1
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"'))
            conn.execute(text(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()
