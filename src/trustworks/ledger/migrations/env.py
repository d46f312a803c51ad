"""Alembic environment: run migrations on the connection Trustworks hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from trustworks.ledger.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the `alembic` command line, for writing new revisions: -x url=...
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///ledger-dev.sqlite3")
    with create_engine(url).connect() as conn:
        _run(conn)
        conn.commit()
