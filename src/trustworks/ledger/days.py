"""Day arithmetic that stays within the calendar: a review of 9999-12-31 or 0001-01-01 is a
question with an answer ("nothing due after the end of time"), not an OverflowError."""

from __future__ import annotations

import datetime as dt

__all__ = ["shifted"]


def shifted(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the first or last day a date can hold.

    >>> shifted(dt.date(9999, 12, 31), 1)
    datetime.date(9999, 12, 31)
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
