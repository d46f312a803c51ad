"""One conversation of an archive: a transcript file, or a row of a JSONL or Parquet table.

A row names the conversation's text in one of two ways, and may carry who and when:

| column   | type                              | meaning                                        |
|----------|-----------------------------------|------------------------------------------------|
| `id`     | string or integer, optional       | the conversation's id (default `FILE#row N`)   |
| `text`   | string                            | a transcript in any ingest format              |
| `turns`  | list of {speaker, text, start?, end?}, or that list as a JSON string | the turns |
| `format` | string, optional                  | the ingest format of `text` (detected if absent) |
| `seller` | string or list of strings, optional | the seller(s); inferred when absent          |
| `team`   | string, optional                  | the seller's team                              |
| `date`   | ISO date or datetime, optional    | when the conversation happened                 |

Exactly one of `text` and `turns`; other columns are ignored.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from trustworks.conversation import Conversation
from trustworks.errors import FormatError, InputError
from trustworks.ingest import FORMATS, parse

# Larger than this, a row's text is refused rather than analysed (as `trustworks analyze`
# refuses files over its --max-bytes).
MAX_ROW_CHARS = 50 * 1024 * 1024
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")


@dataclass(frozen=True, slots=True)
class Record:
    """A conversation to analyse and what the archive says about it."""

    id: str
    source: str  # the file it came from
    location: str  # "" for a whole file, "line N" (JSONL) or "row N" (Parquet)
    conversation: Conversation
    seller: tuple[str, ...] = ()
    team: str | None = None
    date: dt.date | None = None
    line: int | None = None  # the JSONL line (1-based)
    row: int | None = None  # the Parquet row (1-based)


def parse_date(value: Any) -> dt.date | None:
    """A date from an ISO string, a date or a datetime; None for None or ""; ValueError else.

    >>> parse_date("2026-03-02T10:00:00Z")
    datetime.date(2026, 3, 2)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"'date' must be an ISO date string, not {type(value).__name__}")
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"'date' is not an ISO date: {text[:40]!r}") from None


def date_from_name(name: str) -> dt.date | None:
    """The first valid YYYY-MM-DD in a file name (`2026-03-02-acme.vtt`), if any."""
    for match in _ISO_DATE.finditer(name):
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            continue
    return None


def date_from_metadata(metadata: Mapping[str, str]) -> dt.date | None:
    """A conversation's own date (an e-mail's Date header, a JSON file's "date"), if readable."""
    value = metadata.get("date")
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _optional_str(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"{key!r} must be a string, not {type(value).__name__}")
    text = str(value).strip()
    return text or None


def _sellers(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    # pyarrow hands list columns over as numpy arrays
    tolist = getattr(value, "tolist", None)
    if tolist is not None:
        return _sellers(tolist())
    raise ValueError("'seller' must be a string or a list of strings")


def _plain(value: Any) -> Any:
    """Parquet list and struct values (numpy arrays inside) as plain lists and dicts."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    tolist = getattr(value, "tolist", None)
    if tolist is not None and not isinstance(value, str | bytes):
        return _plain(tolist())
    return value


def _turns_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    try:
        return json.dumps(_plain(value), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"'turns' is not a list of turns: {exc}") from None


def record_from_row(
    row: Any, source: str, number: int, kind: Literal["line", "row"] = "line"
) -> Record:
    """Validate row `number` (a JSONL line or a Parquet row) and parse its conversation.

    InputError names the source, the line or row, and the problem.

    >>> record_from_row({"text": "Jane: Hi\\nBob: Hello"}, "a.jsonl", 3).id
    'a.jsonl:3'
    """
    location = f"{kind} {number}"
    where = f"{source} ({location})"
    if not isinstance(row, Mapping):
        raise FormatError(where, f"a row must be an object, not {type(row).__name__}")
    text, turns = row.get("text"), row.get("turns")
    if (text is None) == (turns is None):
        raise FormatError(where, "a row needs exactly one of 'text' and 'turns'")
    try:
        rid = _optional_str(row, "id") or f"{source}:{number}"
        fmt = _optional_str(row, "format")
        team = _optional_str(row, "team")
        sellers = _sellers(row.get("seller"))
        date = parse_date(row.get("date"))
        if text is not None:
            if not isinstance(text, str):
                raise ValueError(f"'text' must be a string, not {type(text).__name__}")
            body = text
        else:
            body = _turns_text(turns)
            if fmt not in (None, "json"):
                raise ValueError("'turns' are JSON turns: leave 'format' out or set it to 'json'")
            fmt = "json"
    except ValueError as exc:
        raise FormatError(where, str(exc)) from None
    if fmt is not None and fmt not in FORMATS:
        raise FormatError(where, f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if len(body) > MAX_ROW_CHARS:
        raise InputError(
            where, f"the text is {len(body):,} characters; the limit is {MAX_ROW_CHARS:,}"
        )
    conversation = parse(body, where, fmt)
    line, row_number = (number, None) if kind == "line" else (None, number)
    return Record(rid, source, location, conversation, sellers, team, date, line, row_number)
