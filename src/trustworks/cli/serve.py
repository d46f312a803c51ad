"""`trustworks serve`: the web app on this machine (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import DEFAULT_MAX_REQUEST_BYTES
from trustworks.cli.db import DbOption, open_db

# Uvicorn, the web app and the ledger are imported inside the command: `--help` needs none.


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    max_request_bytes: Annotated[
        int, typer.Option(min=1024, help="Refuse request bodies larger than this.")
    ] = DEFAULT_MAX_REQUEST_BYTES,
    secure_cookies: Annotated[
        bool, typer.Option(help="Mark cookies Secure (when served behind HTTPS).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Start the web app: analyse, live meter, ledger pages and the JSON API (/api/docs)."""
    import uvicorn

    from trustworks.ledger.database import ENV_VAR, database_url
    from trustworks.web.app import MAX_BYTES_ENV, SECURE_ENV

    open_db(db).close()  # create or upgrade the schema once, before the workers start
    os.environ[ENV_VAR] = database_url(db)
    os.environ[MAX_BYTES_ENV] = str(max_request_bytes)
    os.environ[SECURE_ENV] = "1" if secure_cookies else "0"
    typer.echo(f"Trustworks on http://{host}:{port}/ (API docs at /api/docs)")
    uvicorn.run(
        "trustworks.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )
