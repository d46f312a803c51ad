"""What several command modules share: reading a date option and printing JSON."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from typing import Any

from trustworks.errors import FieldError


def parse_date(value: str | None, option: str) -> dt.date | None:
    """An ISO date from a command-line option (None when not given); a bad one names the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FieldError(option, f"{value!r} is not a date (use YYYY-MM-DD)") from None


def plain(value: Any) -> Any:
    """Dataclasses, mappings, sequences and dates as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return value


def print_json(value: Any) -> None:
    """Write `value` to standard output as indented JSON."""
    sys.stdout.write(json.dumps(plain(value), indent=2, ensure_ascii=False) + "\n")
