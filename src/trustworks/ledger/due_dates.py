"""Turn the due phrase of a spoken promise ("by Thursday", "end of next week") into a date.

The analyzer keeps the words people said; the ledger needs a day to hold them to. Phrases
name a deadline, so a span ("next week") resolves to its last working day. Phrases that name
no day ("our next call") resolve to None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from collections.abc import Mapping

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
_MONTHS["sept"] = 9
_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "few": 3,
}
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_UNIT_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
)
_ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        [
            *_UNIT_ORDINALS,
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_ORDINAL_WORDS |= {
    f"{tens}{sep}{word}": base + _ORDINAL_WORDS[word]
    for tens, base in (("twenty", 20), ("thirty", 30))
    for sep in ("-", " ", "")
    for word in _UNIT_ORDINALS
    if base + _ORDINAL_WORDS[word] <= 31
}
_ORDINAL_WORDS |= {"thirtieth": 30}
# "Thursday the twelfth", "Monday, the 16th", "Thursday 12th": a weekday pinned to a day.
_DATED_WEEKDAY = re.compile(
    r"\b("
    + "|".join(_WEEKDAYS)
    + r"),? (?:the )?("
    + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
    + r"|\d{1,2}(?:st|nd|rd|th)\b)",
    re.IGNORECASE,
)


def resolve_due(
    phrase: str | None, said_on: dt.date, named: Mapping[int, dt.date] | None = None
) -> dt.date | None:
    """The deadline `phrase` names when said on `said_on`, or None when it names no day.

    `named` maps weekdays (0 = Monday) to the dates the same conversation pins them to
    ("Thursday the twelfth", see `named_days`): a bare "by Thursday" is that Thursday. Pass it
    when `said_on` is a guess (the file has no date), so a weekday is not counted from today.

    >>> resolve_due("by Thursday", dt.date(2026, 12, 1))
    datetime.date(2026, 12, 3)
    >>> resolve_due("by Thursday", dt.date(2026, 12, 5), {3: dt.date(2026, 11, 12)})
    datetime.date(2026, 11, 12)
    """
    if not phrase:
        return None
    dated = _DATED_WEEKDAY.fullmatch(" ".join(phrase.split()).removeprefix("by ").strip())
    if dated is not None:
        return _pinned(dated, said_on)
    text = " ".join(phrase.lower().replace(",", " ").split())
    text = re.sub(r"^(?:by|before|on|until|no later than|first thing)\s+", "", text)
    text = re.sub(r"^(?:the|in)\s+", "", text)
    text = re.sub(r"\ba few\b", "few", re.sub(r"\ba couple(?: of)?\b", "two", text))
    if named and (bare := re.fullmatch("|".join(_WEEKDAYS), text)) is not None:
        found = named.get(_WEEKDAYS.index(bare.group()))
        if found is not None:
            return found
    for resolver in (_same_day, _relative_span, _weekday, _counted, _calendar_date):
        try:
            found = resolver(text, said_on)
        except (OverflowError, ValueError):
            return None  # past the calendar's last day (said on 9999-12-30): no due date
        if found is not None:
            return found
    return None


def named_days(text: str, near: dt.date) -> dict[int, dt.date]:
    """Weekdays the text pins to a day of the month ("Thursday the twelfth"), as dates.

    Each is the date nearest `near` (within a year either way) whose day and weekday match;
    a weekday pinned to two different dates is left out.

    >>> named_days("by Thursday the twelfth, and Monday the 16th", dt.date(2026, 12, 5))
    {3: datetime.date(2026, 11, 12), 0: datetime.date(2026, 11, 16)}
    """
    found: dict[int, dt.date] = {}
    clashing: set[int] = set()
    for match in _DATED_WEEKDAY.finditer(text):
        day = _pinned(match, near, nearest=True)
        if day is None:
            continue
        weekday = day.weekday()
        if found.get(weekday, day) != day:
            clashing.add(weekday)
        found[weekday] = day
    return {weekday: day for weekday, day in found.items() if weekday not in clashing}


def call_date(metadata: Mapping[str, str]) -> dt.date | None:
    """The day a conversation took place, from its file's `date` (ISO 8601 or an e-mail
    Date header); None when the file does not say."""
    value = (metadata.get("date") or "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _pinned(match: re.Match[str], said_on: dt.date, *, nearest: bool = False) -> dt.date | None:
    """The date a "weekday the Nth" match names: on or after `said_on`, or nearest to it."""
    weekday = _WEEKDAYS.index(match.group(1).lower())
    number = match.group(2).lower()
    day = _ORDINAL_WORDS.get(number) or int(re.sub(r"\D", "", number))
    if not 1 <= day <= 31:
        return None  # "Thursday the 0th" names no day
    candidates = []
    for months in range(-12, 13):
        year, month = divmod(said_on.year * 12 + said_on.month - 1 + months, 12)
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            continue  # the calendar's edges: no year 0 or 10000 to look in
        if day <= calendar.monthrange(year, month + 1)[1]:
            candidate = dt.date(year, month + 1, day)
            if candidate.weekday() == weekday and (nearest or candidate >= said_on):
                candidates.append(candidate)
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - said_on).days))


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
    match = re.fullmatch(
        r"(?:(?:within|after|in|about|around|roughly|another|the next) )*(\w+)(?: \w+)? "
        r"(hours?|days?|weeks?|months?)(?: from (?:now|today)|'s time)?",
        text,
    )
    if match is None:
        return None
    word = match.group(1)
    count = int(word) if word.isdigit() else _COUNTS.get(word)
    if count is None:
        return None
    unit = match.group(2).rstrip("s")
    if unit == "hour":
        return said_on + dt.timedelta(days=(count + 23) // 24)
    if unit == "month":
        return _months_later(said_on, count)
    return said_on + dt.timedelta(days=count * (7 if unit == "week" else 1))


def _months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _month_end(year, month).day))


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
