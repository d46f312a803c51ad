"""Write a new migration by comparing `tables.py` with a scratch database at the current head.

python -m trustworks.ledger.migrations.new "add deal source"
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from trustworks.ledger import database


def main(message: str) -> None:
    """Autogenerate a numbered revision; review it before committing."""
    cfg = database._config()
    # Package data may be installed read-only; write into the source tree this file is in.
    cfg.set_main_option("script_location", str(Path(__file__).parent))
    script = ScriptDirectory.from_config(cfg)
    number = len(list(script.walk_revisions())) + 1
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{scratch}/scratch.sqlite3")
        if number > 1:
            database.upgrade_schema(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.revision(cfg, message, autogenerate=True, rev_id=f"{number:04d}")
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "change")
