from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from trustworks.errors import DatabaseError, SchemaTooNewError
from trustworks.ledger import repository as repo
from trustworks.ledger.database import (
    ENV_VAR,
    database_url,
    default_path,
    head_revision,
    open_ledger,
    schema_revision,
)


def test_database_url_prefers_explicit_then_environment_then_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(ENV_VAR, "postgresql+psycopg://u@h/db")
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    assert database_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == tmp_path / "trustworks" / "ledger.sqlite3"
    assert database_url() == f"sqlite:///{tmp_path / 'trustworks' / 'ledger.sqlite3'}"
    assert database_url("rel.sqlite3").startswith("sqlite:////")  # a plain path is made absolute


def test_first_use_creates_the_folder_and_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "ledger.sqlite3"
    ledger = open_ledger(str(path))
    assert path.exists()
    assert schema_revision(ledger.engine) == head_revision()
    ledger.close()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    ledger = open_ledger(str(tmp_path / "l.sqlite3"))
    with ledger.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    ledger.close()


@pytest.mark.parametrize("content", [b"hello, I am a text file\n", b"\x00\x01binary" * 100])
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_ledger(str(path))
    assert path.read_bytes() == content


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a directory"):
        open_ledger(str(tmp_path))


def test_a_database_of_something_else_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseError, match=r"has tables \(invoices\) but no Trustworks schema"):
        open_ledger(str(path))


def test_a_database_from_a_newer_trustworks_is_refused_unchanged(db_url: str) -> None:
    ledger = open_ledger(db_url)
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        s.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    ledger.close()
    with pytest.raises(SchemaTooNewError, match=r"schema revision 9999.*upgrade Trustworks"):
        open_ledger(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
        assert conn.execute(text("SELECT name FROM accounts")).scalars().all() == ["Acme"]
    engine.dispose()


def test_unreachable_server_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="cannot open the database"):
        open_ledger("postgresql+psycopg://nobody:x@127.0.0.1:1/none?connect_timeout=2")


def test_open_is_idempotent_and_keeps_data(db_url: str) -> None:
    first = open_ledger(db_url)
    with first.session() as s:
        repo.add(s, "account", {"name": "Acme"})
    first.close()
    second = open_ledger(db_url)
    with second.session() as s:
        assert [a.name for a in repo.rows(s, "accounts")] == ["Acme"]
    second.close()


def test_a_refused_database_file_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE foo (x INTEGER)")
    before = path.read_bytes()
    with pytest.raises(DatabaseError):
        open_ledger(str(path))
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.parametrize("url", ["mysql://x/y", "foo://x", "http://example.com/x"])
def test_unsupported_database_urls_are_a_clear_error(url: str) -> None:
    with pytest.raises(DatabaseError, match=r"unsupported database|not a database URL"):
        open_ledger(url)
