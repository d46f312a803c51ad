"""What several command modules share: reading a date option and printing JSON."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from trustworks.errors import FieldError

__all__ = ["parse_date", "plain", "print_json"]


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
