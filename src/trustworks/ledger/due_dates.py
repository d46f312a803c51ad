"""Turn the due phrase of a spoken promise ("by Thursday", "end of next week") into a date.

The analyzer keeps the words people said; the ledger needs a day to hold them to. Phrases
name a deadline, so a span ("next week") resolves to its last working day. Phrases that name
no day ("our next call") resolve to None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
_MONTHS["sept"] = 9
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "few": 3}
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"


def resolve_due(phrase: str | None, said_on: dt.date) -> dt.date | None:
    """The deadline `phrase` names when said on `said_on`, or None when it names no day.

    >>> resolve_due("by Thursday", dt.date(2026, 12, 1))
    datetime.date(2026, 12, 3)
    """
    if not phrase:
        return None
    text = " ".join(phrase.lower().replace(",", " ").split())
    text = re.sub(r"^(?:by|before|on|until|no later than|first thing)\s+", "", text)
    text = re.sub(r"^(?:the|in)\s+", "", text)
    text = re.sub(r"\ba few\b", "few", re.sub(r"\ba couple(?: of)?\b", "two", text))
    for resolver in (_same_day, _relative_span, _weekday, _counted, _calendar_date):
        found = resolver(text, said_on)
        if found is not None:
            return found
    return None


def _same_day(text: str, said_on: dt.date) -> dt.date | None:
    if re.fullmatch(
        r"today|tonight|eod|cob|noon|midday|end of (?:the )?day|this (?:afternoon|evening)", text
    ):
        return said_on
    if text.startswith("tomorrow"):
        return said_on + dt.timedelta(days=1)
    return None


def _relative_span(text: str, said_on: dt.date) -> dt.date | None:
    if re.fullmatch(r"(?:end of (?:the |this )?week|eow|this week)", text):
        return _friday(said_on)
    if re.fullmatch(r"(?:end of )?next week", text):
        return _friday(said_on + dt.timedelta(days=7))
    if re.fullmatch(r"end of (?:the |this )?month|this month", text):
        return _month_end(said_on.year, said_on.month)
    if re.fullmatch(r"(?:end of )?next month", text):
        year, month = (
            (said_on.year + 1, 1) if said_on.month == 12 else (said_on.year, said_on.month + 1)
        )
        return _month_end(year, month)
    if re.fullmatch(r"end of (?:the |this )?quarter|this quarter", text):
        return _quarter_end(said_on)
    if re.fullmatch(r"(?:end of )?next quarter", text):
        return _quarter_end(_quarter_end(said_on) + dt.timedelta(days=1))
    if re.fullmatch(r"end of (?:the |this )?year", text):
        return dt.date(said_on.year, 12, 31)
    return None


def _weekday(text: str, said_on: dt.date) -> dt.date | None:
    match = re.fullmatch(
        r"(?:(next|this|coming|on) )?(" + "|".join(_WEEKDAYS) + r")(?: \w+)?", text
    )
    if match is None:
        return None
    wanted = _WEEKDAYS.index(match.group(2))
    ahead = (wanted - said_on.weekday()) % 7 or 7  # a weekday said on that day means next week's
    return said_on + dt.timedelta(days=ahead)


def _counted(text: str, said_on: dt.date) -> dt.date | None:
    match = re.fullmatch(r"(?:within )?(\w+)(?: \w+)? (hours|days|weeks)", text)
    if match is None:
        return None
    word = match.group(1)
    count = int(word) if word.isdigit() else _COUNTS.get(word)
    if count is None:
        return None
    unit = match.group(2)
    if unit == "hours":
        return said_on + dt.timedelta(days=(count + 23) // 24)
    return said_on + dt.timedelta(days=count * (7 if unit == "weeks" else 1))


def _calendar_date(text: str, said_on: dt.date) -> dt.date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", text):
        month, day = int(match.group(1)), int(match.group(2))  # US order, as in the cues
        year = int(match.group(3)) if match.group(3) else None
        if year is not None and year < 100:
            year += 2000
        return _upcoming(said_on, month, day, year)
    if match := re.fullmatch(r"([a-z]+) " + _ORDINAL, text):
        named = _MONTHS.get(match.group(1))
        return _upcoming(said_on, named, int(match.group(2))) if named else None
    if match := re.fullmatch(_ORDINAL + r" (?:of )?([a-z]+)", text):
        named = _MONTHS.get(match.group(2))
        return _upcoming(said_on, named, int(match.group(1))) if named else None
    if match := re.fullmatch(_ORDINAL, text):
        day = int(match.group(1))
        found = _upcoming(said_on, said_on.month, day)
        if found is None or found.month != said_on.month or found.year != said_on.year:
            following = said_on.replace(day=1) + dt.timedelta(days=32)
            return _upcoming(following.replace(day=1), following.month, day)
        return found
    return None


def _upcoming(said_on: dt.date, month: int, day: int, year: int | None = None) -> dt.date | None:
    """That day and month on or after `said_on` (this year or next), or None if no such day."""
    years = [year] if year is not None else [said_on.year, said_on.year + 1]
    for candidate_year in years:
        try:
            candidate = dt.date(candidate_year, month, day)
        except ValueError:
            return None
        if year is not None or candidate >= said_on:
            return candidate
    return None


def _friday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=max(0, 4 - day.weekday()))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(day: dt.date) -> dt.date:
    last_month = ((day.month - 1) // 3 + 1) * 3
    return _month_end(day.year, last_month)
