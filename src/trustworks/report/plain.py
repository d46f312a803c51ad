"""Library values (dataclasses, mappings, sequences, dates) as JSON-ready ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

__all__ = ["plain"]


def plain(value: Any) -> Any:
    """Dataclasses, mappings, sequences, dates and amounts (as text) as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, Decimal):  # money: as text, so no JSON reader rounds it to a float
        return str(value)
    return value
