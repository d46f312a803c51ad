"""The `trustworks` command line: Typer commands that parse input, call the library, render."""

from __future__ import annotations

from trustworks.cli import analyze as _analyze  # noqa: F401  (registers its commands)
from trustworks.cli import assess as _assess  # noqa: F401
from trustworks.cli import batch as _batch  # noqa: F401
from trustworks.cli import catalogue as _catalogue  # noqa: F401
from trustworks.cli import db as _db  # noqa: F401
from trustworks.cli import evaluate as _evaluate  # noqa: F401
from trustworks.cli import learn as _learn  # noqa: F401
from trustworks.cli import ledger as _ledger  # noqa: F401
from trustworks.cli import review as _review  # noqa: F401
from trustworks.cli import serve as _serve  # noqa: F401
from trustworks.cli import stories as _stories  # noqa: F401
from trustworks.cli import transfer as _transfer  # noqa: F401
from trustworks.cli import users as _users  # noqa: F401
from trustworks.cli import views as _views  # noqa: F401
from trustworks.cli.app import EXIT_BAD_INPUT, app

__all__ = ["EXIT_BAD_INPUT", "app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
