"""JSON turns: a list of {"speaker", "text", "start", "end"} objects, or {"turns": [...]}.

The list is read one element at a time with json.JSONDecoder.raw_decode, which gives each
turn's position, so schema errors and turns can name the line where the element begins.
"""

from __future__ import annotations

import json
import math
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StrictStr, ValidationError

from trustworks.conversation import Conversation
from trustworks.errors import FormatError
from trustworks.ingest._text import LineIndex, Segment, make_conversation

_WS = re.compile(r"[ \t\n\r]*")
_CLOCK = re.compile(r"(?:([0-9]{1,9}):)?([0-9]{1,2}):([0-9]{1,2})(?:[.,]([0-9]{1,9}))?")
_DECODER = json.JSONDecoder()
_EXPECTED = "expected a JSON list of turns, or an object with a 'turns' list"


def _seconds(value: Any) -> float | None:
    """Read a time: seconds as a number or numeric string, or "hh:mm:ss(.mmm)" / "mm:ss"."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("must be seconds or 'hh:mm:ss.mmm'")
    if isinstance(value, str):
        text = value.strip()
        clock = _CLOCK.fullmatch(text)
        if clock is not None:
            hours, minutes, secs, fraction = clock.groups()
            if int(minutes) > 59 or int(secs) > 59:
                raise ValueError(f"is not a valid time: {value!r}")
            whole = (int(hours or 0) * 60 + int(minutes)) * 60 + int(secs)
            return whole + (float("0." + fraction) if fraction else 0.0)
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"must be seconds or 'hh:mm:ss.mmm', got {value[:40]!r}") from None
    else:
        try:
            number = float(value)
        except OverflowError:  # an integer too big for a float
            raise ValueError("is too large") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"must be a finite number of seconds, zero or more, got {value!r}")
    return number


Seconds = Annotated[float | None, BeforeValidator(_seconds)]


class TurnRecord(BaseModel):
    """One element of a JSON turns file; unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")

    speaker: StrictStr
    text: StrictStr
    start: Seconds = None
    end: Seconds = None


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _schema_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "turn"
    kind = error["type"]
    if kind == "missing":
        return f"'{field}' is missing"
    if kind == "string_type":
        return f"'{field}' must be a string, got {_json_type(error['input'])}"
    if kind == "value_error":
        return f"'{field}' {error['ctx']['error']}"
    return f"'{field}': {error['msg']}"


class _Reader:
    """Walks the JSON text by hand around raw_decode, keeping offsets for line numbers."""

    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self.lines = LineIndex(text)

    def fail(self, problem: str, offset: int) -> FormatError:
        return FormatError(self.source, problem, self.lines.line(offset))

    def skip(self, pos: int) -> int:
        match = _WS.match(self.text, pos)
        return pos if match is None else match.end()

    def value(self, pos: int) -> tuple[Any, int]:
        try:
            return _DECODER.raw_decode(self.text, pos)
        except json.JSONDecodeError as exc:
            raise FormatError(
                self.source, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno
            ) from None
        except RecursionError:
            raise self.fail("invalid JSON: nested too deeply", pos) from None

    def punctuation(self, pos: int, allowed: str, what: str) -> str:
        if pos >= len(self.text):
            raise self.fail(f"invalid JSON: unexpected end of input, expected {what}", pos)
        char = self.text[pos]
        if char not in allowed:
            raise self.fail(f"invalid JSON: expected {what}, got {char!r}", pos)
        return char

    def array(self, pos: int) -> tuple[list[tuple[Any, int]], int]:
        """Read the array at `pos` ("["): its elements with their offsets, and the end."""
        items: list[tuple[Any, int]] = []
        pos = self.skip(pos + 1)
        if self.text.startswith("]", pos):
            return items, pos + 1
        while True:
            item, end = self.value(pos)
            items.append((item, pos))
            pos = self.skip(end)
            if self.punctuation(pos, ",]", "',' or ']'") == "]":
                return items, pos + 1
            pos = self.skip(pos + 1)

    def obj(self, pos: int) -> tuple[dict[str, Any], int | None, int]:
        """Read the object at `pos` ("{"): its members, where "turns" starts, and the end."""
        members: dict[str, Any] = {}
        turns_at: int | None = None
        pos = self.skip(pos + 1)
        if self.text.startswith("}", pos):
            return members, None, pos + 1
        while True:
            self.punctuation(pos, '"', "a quoted key")
            key, pos = self.value(pos)
            pos = self.skip(pos)
            self.punctuation(pos, ":", "':'")
            pos = self.skip(pos + 1)
            if key == "turns" and self.text.startswith("[", pos):
                members[key], end = self.array(pos)
                turns_at = pos
            else:
                members[key], end = self.value(pos)
            pos = self.skip(end)
            if self.punctuation(pos, ",}", "',' or '}'") == "}":
                return members, turns_at, pos + 1
            pos = self.skip(pos + 1)


def _segments(reader: _Reader, items: list[tuple[Any, int]]) -> list[Segment]:
    segments: list[Segment] = []
    for number, (item, offset) in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise reader.fail(
                f"turn {number}: expected an object with 'speaker' and 'text', "
                f"got {_json_type(item)}",
                offset,
            )
        try:
            record = TurnRecord.model_validate(item)
        except ValidationError as exc:
            raise reader.fail(f"turn {number}: {_schema_problem(exc)}", offset) from None
        if not record.speaker.strip():
            raise reader.fail(f"turn {number}: 'speaker' is empty", offset)
        if record.start is not None and record.end is not None and record.end < record.start:
            raise reader.fail(f"turn {number}: 'end' is before 'start'", offset)
        segments.append(
            Segment(
                record.speaker, record.text, reader.lines.line(offset), record.start, record.end
            )
        )
    return segments


def parse_json(text: str, source: str, *, merge_consecutive: bool = True) -> Conversation:
    """Parse JSON turns into a Conversation; errors name the turn, the field and the line."""
    reader = _Reader(text, source)
    pos = reader.skip(0)
    if text.startswith("\ufeff", pos):
        pos = reader.skip(pos + 1)
    subject = ""
    metadata: dict[str, str] = {}
    if text.startswith("[", pos):
        items, end = reader.array(pos)
    elif text.startswith("{", pos):
        members, turns_at, end = reader.obj(pos)
        if turns_at is None:
            raise reader.fail(f"{_EXPECTED}: this object has no 'turns' list", pos)
        items = members.pop("turns")
        for key, value in members.items():
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                metadata[key] = str(value)
        subject = metadata.pop("subject", "") or metadata.pop("title", "")
    else:
        raise reader.fail(_EXPECTED, pos)
    rest = reader.skip(end)
    if rest < len(text):
        raise reader.fail("invalid JSON: extra data after the end of the turns", rest)
    return make_conversation(
        _segments(reader, items),
        source=source,
        fmt="json",
        merge=merge_consecutive,
        what="turns",
        subject=subject,
        metadata=metadata,
    )
