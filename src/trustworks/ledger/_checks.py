"""Checking the values a story exchange write is given, before anything is stored, and the
names people are filed under.

It imports nothing of the analysis (assessments did, for scores): every write that checks a
name passes through here, and a command that only adds a row should not load the analysis.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, InvalidOperation

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from trustworks.errors import ConflictError, FieldError
from trustworks.ledger import repository
from trustworks.ledger import tables as t
from trustworks.ledger.money import parse_amount_text, to_amount

TEXT_LENGTH = 5000
NAME_LENGTH = 200


def clean_name(value: str, field: str) -> str:
    """A name with its spacing folded; empty or over-long names are refused for `field`."""
    cleaned = " ".join(value.split())
    if not cleaned:
        raise FieldError(field, "must not be empty")
    if len(cleaned) > NAME_LENGTH:
        raise FieldError(field, f"longer than {NAME_LENGTH} characters")
    return cleaned


def row_id(number: int) -> int | None:
    """`number` when some row could have it as its id; None when none can (no query needed,
    and SQLite cannot even be asked about a number beyond 64 bits)."""
    return number if 0 < number <= repository.MAX_ID else None


def name(value: object, field: str) -> str:
    """A required short name, with its spacing tidied (folded and limited as assessment names)."""
    if not isinstance(value, str) or not value.split():
        raise FieldError(field, "is required")
    return clean_name(storable(value, field), field)


def text(value: object, field: str, *, required: bool = True) -> str:
    """A required (or optional, then '' when missing) free text, trimmed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldError(field, "is required")
        return ""
    if not isinstance(value, str):
        raise FieldError(field, "must be text")
    cleaned = storable(value, field).strip()
    if len(cleaned) > TEXT_LENGTH:
        raise FieldError(field, f"longer than {TEXT_LENGTH} characters")
    return cleaned


def storable(value: str, field: str) -> str:
    """`value` when both databases can store it, as the ledger kinds check their text.

    PostgreSQL refuses NUL in text, and a lone surrogate (a JSON "\\ud800" escape) cannot be
    written as UTF-8 at all: refused here with the field's name, not a 500 at the flush.
    """
    if "\x00" in value:
        raise FieldError(field, "contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FieldError(
            field, f"contains a lone surrogate (\\u{ord(value[exc.start]):04x})"
        ) from None
    return value


def date(value: object, field: str) -> dt.date:
    """A date, or an ISO date string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise FieldError(field, f"{value!r} is not a date (use YYYY-MM-DD)") from None
    raise FieldError(field, "is required")


def number(value: object, field: str, *, low: float = 0.0, high: float | None = None) -> float:
    """A finite number within low..high; numeric strings are accepted, nothing else."""
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError(field, "is required" if value in (None, "") else "must be a number")
    try:
        parsed = float(Decimal(value.strip()) if isinstance(value, str) else value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise FieldError(field, f"{value!r} is not a number") from None
    if not math.isfinite(parsed):
        raise FieldError(field, f"{value!r} is not a finite number")
    if parsed < low:
        raise FieldError(field, f"{parsed:g} is below {low:g}")
    if high is not None and parsed > high:
        raise FieldError(field, f"{parsed:g} is above {high:g}")
    return parsed


def amount(value: object, field: str) -> Decimal:
    """An amount of money of zero or more, exactly (see trustworks.ledger.money)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FieldError(field, "is required")
    written = parse_amount_text(value) if isinstance(value, str) else value
    try:
        exact = to_amount(written)
    except ValueError as exc:
        raise FieldError(field, str(exc)) from None
    if exact < 0:
        raise FieldError(field, f"{value if isinstance(value, str) else exact} is below 0")
    return exact


def insert(session: Session, row: t.Base, clash: str) -> None:
    """Add a row; a duplicate that slipped past the checks (a concurrent write) is a conflict."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ConflictError(clash) from exc
