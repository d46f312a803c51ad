"""The root Typer app; each command group lives in its own module and registers here."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from trustworks.errors import TrustworksError

EXIT_BAD_INPUT = 2


def _readable(arg: str) -> str:
    """An argument with any lone surrogate (a byte the shell could not decode) as U+FFFD.

    Python hands undecodable bytes of argv over as lone surrogates, which no database, file
    or terminal accepts; read as a replacement mark, they fail where any bad value fails.
    """
    if arg.isascii():
        return arg
    return arg.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


class _Group(TyperGroup):
    """Turns Trustworks' own errors into one line on stderr and exit code 2, no traceback."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        return super().make_context(info_name, [_readable(a) for a in args], parent, **extra)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TrustworksError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(EXIT_BAD_INPUT) from exc
        except Exception as exc:
            # A database error outside `Ledger.session()` (which translates its own) is said
            # the same way. SQLAlchemy is only loaded here when it raised, so this costs
            # nothing at start-up.
            if not type(exc).__module__.startswith("sqlalchemy"):
                raise
            from sqlalchemy import exc as sa_exc

            from trustworks.ledger.database import database_error

            if not isinstance(exc, sa_exc.DBAPIError):
                raise
            typer.echo(f"error: {database_error(exc, None)}", err=True)
            raise typer.Exit(EXIT_BAD_INPUT) from exc


app = typer.Typer(
    name="trustworks",
    cls=_Group,
    help="See, turn by turn, where trust was built or spent in a sales conversation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
