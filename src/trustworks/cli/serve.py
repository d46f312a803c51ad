"""`trustworks serve`: the web app on this machine (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Annotated

import typer

from trustworks.cli.app import app
from trustworks.cli.choices import DEFAULT_MAX_REQUEST_BYTES
from trustworks.cli.db import DbOption, open_db

# Uvicorn, the web app and the ledger are imported inside the command: `--help` needs none.

_DURATION = re.compile(r"^\s*(\d{1,7})\s*([smhd])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def duration(text: str) -> dt.timedelta:
    """A duration written as a number and a unit: 90s, 30m, 8h, 7d."""
    found = _DURATION.fullmatch(text.lower())
    if found is None:
        raise typer.BadParameter(f"{text!r}: expected a number and s, m, h or d (8h, 7d)")
    value = dt.timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    if value < dt.timedelta(minutes=1) or value > dt.timedelta(days=365):
        raise typer.BadParameter(f"{text!r}: between 1 minute and 365 days")
    return value


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    worker_timeout: Annotated[
        int,
        typer.Option(
            min=1,
            max=600,
            help="With --workers 2 and more: replace a worker that does not answer a health "
            "check within this many seconds (said as a warning).",
        ),
    ] = 10,  # trustworks.web.serving.WORKER_TIMEOUT (not imported: --help stays quick)
    max_request_bytes: Annotated[
        int, typer.Option(min=1024, help="Refuse request bodies larger than this.")
    ] = DEFAULT_MAX_REQUEST_BYTES,
    public_url: Annotated[
        str | None,
        typer.Option(
            help="Where users reach the app (https://trust.example.com): links for clients are "
            "built from it, never from a request's Host header; https turns on Secure cookies "
            "and HSTS."
        ),
    ] = None,
    secure_cookies: Annotated[
        bool | None,
        typer.Option(
            "--secure-cookies/--no-secure-cookies",
            help="Mark cookies Secure (default: on when --public-url is https).",
            show_default=False,
        ),
    ] = None,
    hsts: Annotated[
        bool | None,
        typer.Option(
            "--hsts/--no-hsts",
            help="Send Strict-Transport-Security (default: on when --public-url is https).",
            show_default=False,
        ),
    ] = None,
    session_lifetime: Annotated[
        str, typer.Option(help="A session ends this long after sign-in (30m, 8h, 7d).")
    ] = "7d",
    idle_timeout: Annotated[
        str, typer.Option(help="A session ends after this long without a request.")
    ] = "8h",
    db: DbOption = None,
) -> None:
    """Start the web app: analyse, live meter, ledger pages and the JSON API (/api/docs)."""
    from trustworks.ledger.database import ENV_VAR, database_url
    from trustworks.web.settings import (
        WebSettings,
        environment_for,
        public_url_of,
        smtp_from_environment,
    )

    try:
        public = public_url_of(public_url) if public_url is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--public-url") from None
    try:  # checked here, once, rather than by each worker as it starts
        smtp = smtp_from_environment()
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="$TRUSTWORKS_SMTP_*") from None
    settings = WebSettings(
        max_request_bytes=max_request_bytes,
        session_lifetime=duration(session_lifetime),
        session_idle=duration(idle_timeout),
        public_url=public,
        secure_cookies=secure_cookies,
        hsts=hsts,
        # Two argon2 at once in all (64 MiB each), however many workers share the machine.
        hash_slots=max(1, 2 // workers),
    )
    open_db(db).close()  # create or upgrade the schema once, before the workers start
    os.environ[ENV_VAR] = database_url(db)
    os.environ.update(environment_for(settings))
    typer.echo(f"Trustworks on http://{host}:{port}/ (API docs at /api/docs)")
    if smtp is not None:
        typer.echo(f"notifications are e-mailed through {smtp.host}:{smtp.port}")
    if public is not None:
        typer.echo(f"links for clients start with {public}/")
    else:
        typer.echo(
            "warning: serving without --public-url: links for clients are built from the "
            "address this server is bound to (never from a request's Host header); give "
            "--public-url with the address clients reach it at",
            err=True,
        )
    from trustworks.web.serving import serve

    serve(host, port, workers, worker_timeout=worker_timeout)
