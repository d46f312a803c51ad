"""What several command modules share: reading a date option, printing JSON, a console."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from trustworks.errors import FieldError

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["console", "parse_date", "plain", "print_json"]


def console() -> Console:
    """A Rich console for standard output; when it is not a terminal, lines are never wrapped.

    Piped or redirected output (`trustworks check ... | less`) is then plain full-width text
    that tools can read, rather than lines broken at 80 columns.
    """
    from rich.console import Console

    out = Console(highlight=False)
    out.soft_wrap = not out.is_terminal
    return out


def plain(value: Any) -> Any:
    """`value` as JSON-ready data (dataclasses, dates, Decimals); see trustworks.report.plain."""
    # Imported here: trustworks.report loads pydantic models no `--help` needs.
    from trustworks.report.plain import plain as to_plain

    return to_plain(value)


def parse_date(value: str | None, option: str) -> dt.date | None:
    """An ISO date from a command-line option (None when not given); a bad one names the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(option, f"{value!r} is not a date (use YYYY-MM-DD)") from None


def print_json(value: Any) -> None:
    """Write `value` to standard output as indented JSON."""
    sys.stdout.write(json.dumps(plain(value), indent=2, ensure_ascii=False) + "\n")
