"""HTML form fields for any ledger kind, derived from its schema (the same one that validates)."""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from trustworks.errors import FieldError
from trustworks.ledger.entities import Kind

_LONG_TEXT = {"notes", "description", "what", "evidence", "learned_about_goals", "told_how", "note"}


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    widget: str  # text, textarea, date, number, select
    required: bool
    value: str
    choices: tuple[tuple[str, str], ...] = ()
    blank: bool = True  # may be left empty (a select then offers an empty choice)


def form_fields(
    kind_: Kind,
    values: dict[str, Any] | None = None,
    *,
    accounts: list[tuple[int, str]] | None = None,
) -> list[FormField]:
    """The fields of a form for `kind_`, filled with `values` (as the user typed them)."""
    values = values or {}
    fields = []
    for name, info in kind_.fields().items():
        annotation = _strip_optional(info.annotation)
        required = info.is_required()
        given = values.get(name)
        if given is None or given == "":
            given = None if required or info.default_factory else info.default
        value = _as_text(given)
        blank = not required and info.default is None and info.default_factory is None
        choices: tuple[tuple[str, str], ...] = ()
        if name == "account" and accounts is not None:
            widget = "select"
            choices = tuple((str(i), label) for i, label in accounts)
        elif get_origin(annotation) is Literal:
            widget = "select"
            choices = tuple((str(c), str(c).replace("_", " ")) for c in get_args(annotation))
        elif annotation is bool:
            widget = "select"
            choices = (("yes", "yes"), ("no", "no"))
        elif annotation is dt.date:
            widget = "date"
        elif annotation in (int, float):
            widget = "number"
        elif name in _LONG_TEXT:
            widget = "textarea"
        else:
            widget = "text"
        fields.append(
            FormField(name, name.replace("_", " "), widget, required, value, choices, blank)
        )
    return fields


def _strip_optional(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip_optional(args[0])
    if hasattr(annotation, "__metadata__"):  # Annotated[...]
        return _strip_optional(get_args(annotation)[0])
    return annotation


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_day(value: str | None, field: str = "date") -> dt.date:
    """A form's ISO date (today when left empty); a bad one names the field."""
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldError(field, f"{value!r} is not a date (use YYYY-MM-DD)") from None
