"""HTML form fields for any ledger kind, derived from its schema (the same one that validates)."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from starlette.requests import HTTPConnection

from trustworks.errors import FieldError
from trustworks.ledger.choices import PICKABLE
from trustworks.ledger.entities import Kind

_LONG_TEXT = {
    "notes",
    "description",
    "what",
    "evidence",
    "learned_about_goals",
    "told_how",
    "note",
}


# What each field asks, in the words of the person filling the form in (the schema's names
# are for programs). Keyed by (kind, field), then by field alone.
_LABELS: dict[tuple[str, str] | str, str] = {
    ("reflection", "interaction"): "The call or meeting",
    ("reflection", "good_use_of_time"): "Was this a good use of their time?",
    ("reflection", "felt_respected"): "Did they feel respected?",
    ("reflection", "gave_value"): "Did I give them something of value?",
    ("reflection", "world_better"): "Is their world better than before?",
    ("reflection", "learned_about_goals"): "What did I learn about their goals?",
    ("reflection", "written_on"): "Written on",
    ("commitment", "side"): "Whose promise",
    ("commitment", "by"): "Made by",
    ("commitment", "to"): "Made to",
    ("commitment", "what"): "What was promised",
    ("commitment", "due"): "Due on",
    ("commitment", "resolved_on"): "Kept or missed on",
    ("commitment", "source"): "Where it came from",
    ("commitment", "evidence"): "The words it was heard in",
    ("risk", "taken_by"): "Who took the risk",
    ("risk", "kind"): "What kind of risk",
    ("risk", "reciprocated"): "Did the other side take one in return?",
    ("risk", "reciprocated_on"): "Returned on",
    ("screening", "willing"): "Are we willing to treat them as a potential client?",
    ("screening", "review_on"): "When do we review that decision?",
    ("screening", "outcome"): "How it ended",
    ("screening", "told_how"): "How they were told",
    ("screening", "told_on"): "Told on",
    ("screening", "decided_on"): "Decided on",
    ("evidence", "stage"): "The stage it shows",
    ("transaction", "client_outcome"): "What the client got out of it",
    ("review", "seller"): "Whose day",
    "account": "Account",
    "interaction": "The call or meeting it came from",
    "person": "With whom",
    "deal": "Deal",
    "occurred_on": "Date",
    "noted_on": "Noted on",
    "made_on": "Made on",
    "received_on": "Received on",
    "taken_on": "Taken on",
    "expected_close": "Expected to close on",
    "closed_on": "Closed on",
    "discount_pct": "Discount (%)",
    "external_id": "Id in your CRM",
    "stage_on": "In this stage since",
    "introduced_to": "Introduced to",
    "reviewed_on": "Reviewed on",
}
# The words for a choice where the stored value's own words are not enough.
_CHOICES: dict[str, str] = {
    "us": "ours (our side)",
    "client": "theirs (the client)",
    "can_help_agree": "we can help and they agree (a sale)",
    "can_help_disagree": "we can help but they disagree (we failed to explain)",
    "cannot_help_agree": "we cannot help and they agree (part well)",
    "cannot_help_not_yet_agree": "we cannot help and they do not agree yet (we owe them a reason)",
    "manual": "typed in",
    "analysis": "heard in an analysed call",
    "gain": "a gain",
    "loss": "a loss",
}


def field_label(kind_name: str, name: str) -> str:
    """What a form or a table calls a field, in words."""
    words = _LABELS.get((kind_name, name)) or _LABELS.get(name) or name.replace("_", " ")
    return words[:1].upper() + words[1:]


def choice_label(value: str) -> str:
    """A fixed choice (a Literal value) in words: `follow_up` reads "follow up"."""
    return _CHOICES.get(value, value.replace("_", " "))


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    widget: str  # text, textarea, date, number, select, yesno (radios), picker
    required: bool
    value: str
    choices: tuple[tuple[str, str], ...] = ()
    blank: bool = True  # may be left empty (a select then offers an empty choice)
    picker: str = ""  # for a picker: the kind it chooses among (account, person, ...)
    display: str = ""  # for a picker: the chosen entry in words


# (kind, id) -> the entry in words, or None when the user may not see it.
Describe = Callable[[str, str], "str | None"]


def form_fields(
    kind_: Kind,
    values: dict[str, Any] | None = None,
    *,
    describe: Describe | None = None,
) -> list[FormField]:
    """The fields of a form for `kind_`, filled with `values` (as the user typed them).

    Fields that point at another entry are pickers: the form sends the entry's id, and shows
    its words (from `describe`), never the id itself."""
    values = values or {}
    refs = dict(kind_.refs)
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
        picker = display = ""
        if refs.get(name) in PICKABLE:
            widget, picker = "picker", refs[name]
            if value.isascii() and value.isdigit():
                display = (describe(picker, value) if describe else None) or ""
                value = value if display else ""
            else:  # a name typed where JavaScript was off: kept as typed, resolved on save
                display, value = value, ""
        elif get_origin(annotation) is Literal:
            widget = "select"
            choices = tuple((str(c), choice_label(str(c))) for c in get_args(annotation))
        elif annotation is bool:
            widget = "yesno"
            choices = (("yes", "Yes"), ("no", "No"))
        elif annotation is dt.date:
            widget = "date"
        elif annotation in (int, float):
            widget = "number"
        elif name in _LONG_TEXT:
            widget = "textarea"
        else:
            widget = "text"
        fields.append(
            FormField(
                name,
                field_label(kind_.name, name),
                widget,
                required,
                value,
                choices,
                blank,
                picker,
                display,
            )
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


def no_nul_in_query(request: HTTPConnection) -> None:
    """Refuse a query parameter holding a NUL character, by its name (422).

    No stored text holds one (PostgreSQL refuses NUL in text), so it can match nothing; let
    through, it reaches the database as a filter and comes back as a 503 on PostgreSQL.
    Every route depends on this (see ``create_app``).
    """
    for name, value in request.query_params.multi_items():
        if "\x00" in value or "\x00" in name:
            raise FieldError(name.replace("\x00", "\\0"), "contains a NUL character")
