from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trustworks.ledger.due_dates import call_date, named_days, resolve_due

TUESDAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by Thursday", dt.date(2026, 12, 3)),
        ("Tuesday", dt.date(2026, 12, 8)),  # said on a Tuesday: next week's
        ("next Monday", dt.date(2026, 12, 7)),
        ("Friday afternoon", dt.date(2026, 12, 4)),
        ("today", TUESDAY),
        ("EOD", TUESDAY),
        ("tomorrow morning", dt.date(2026, 12, 2)),
        ("end of the week", dt.date(2026, 12, 4)),
        ("end of next week", dt.date(2026, 12, 11)),
        ("next week", dt.date(2026, 12, 11)),
        ("end of the month", dt.date(2026, 12, 31)),
        ("next month", dt.date(2027, 1, 31)),
        ("end of the quarter", dt.date(2026, 12, 31)),
        ("next quarter", dt.date(2027, 3, 31)),
        ("the 3rd", dt.date(2026, 12, 3)),
        ("the 1st", TUESDAY),
        ("March 3rd", dt.date(2027, 3, 3)),
        ("3 March", dt.date(2027, 3, 3)),
        ("12/24", dt.date(2026, 12, 24)),
        ("2026-12-10", dt.date(2026, 12, 10)),
        ("within two days", dt.date(2026, 12, 3)),
        ("in a few days", dt.date(2026, 12, 4)),
        ("within 48 hours", dt.date(2026, 12, 3)),
        ("a couple of weeks", dt.date(2026, 12, 15)),
        ("in about a week", dt.date(2026, 12, 8)),
        ("in about a month", dt.date(2027, 1, 1)),
        ("about a month from now", dt.date(2027, 1, 1)),
        ("in two months", dt.date(2027, 2, 1)),
        ("in a couple of days", dt.date(2026, 12, 3)),
    ],
)
def test_resolve_due_phrases(phrase: str, expected: dt.date) -> None:
    assert resolve_due(phrase, TUESDAY) == expected


@pytest.mark.parametrize(
    "phrase", ["our next call", "the board meeting", "2026-02-30", "Feb 30", "", None]
)
def test_resolve_due_phrases_that_name_no_day(phrase: str | None) -> None:
    assert resolve_due(phrase, TUESDAY) is None


def test_resolve_due_a_month_later_keeps_to_the_shorter_month() -> None:
    assert resolve_due("in a month", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)


def test_resolve_due_said_on_friday_end_of_week_is_that_day() -> None:
    assert resolve_due("end of the week", dt.date(2026, 12, 4)) == dt.date(2026, 12, 4)


@given(st.text(max_size=60), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_resolve_due_any_text_gives_a_date_or_none(phrase: str, said_on: dt.date) -> None:
    found = resolve_due(phrase, said_on)
    assert found is None or isinstance(found, dt.date)


@given(
    st.sampled_from(
        ["Friday", "next week", "tomorrow", "the 15th", "May 2nd", "within three days"]
    ),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
)
def test_resolve_due_relative_phrases_are_never_in_the_past(phrase: str, said_on: dt.date) -> None:
    found = resolve_due(phrase, said_on)
    assert found is not None
    assert found >= said_on


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by Thursday the twelfth", dt.date(2027, 8, 12)),  # the next 12th that is a Thursday
        ("Thursday the 12th", dt.date(2027, 8, 12)),
        ("Tuesday, the first", TUESDAY),
        ("Monday the sixteenth", dt.date(2027, 8, 16)),
        ("Thursday the twenty-fourth", dt.date(2026, 12, 24)),
    ],
)
def test_resolve_due_weekday_pinned_to_a_day(phrase: str, expected: dt.date) -> None:
    assert resolve_due(phrase, TUESDAY) == expected


def test_named_days_pin_weekdays_near_the_day() -> None:
    # examples/qualifying-call-honest.vtt, logged on 2026-12-05 with no date: the recap names
    # Thursday the twelfth and Monday the sixteenth, i.e. 12 and 16 November 2026.
    recap = (
        "I send you the two examples by Thursday the twelfth. "
        "You come back to me by Monday the sixteenth."
    )
    named = named_days(recap, dt.date(2026, 12, 5))
    assert named == {3: dt.date(2026, 11, 12), 0: dt.date(2026, 11, 16)}
    assert resolve_due("by Thursday", dt.date(2026, 12, 5), named) == dt.date(2026, 11, 12)
    assert resolve_due("next Thursday", dt.date(2026, 12, 5), named) == dt.date(2026, 12, 10)
    assert resolve_due("by Friday", dt.date(2026, 12, 5), named) == dt.date(2026, 12, 11)


def test_named_days_leave_out_a_weekday_pinned_twice() -> None:
    named = named_days("Thursday the 12th or Thursday the 19th", dt.date(2026, 12, 5))
    assert 3 not in named


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-09", dt.date(2026, 11, 9)),
        ("2026-11-09T15:00:00Z", dt.date(2026, 11, 9)),
        ("Thu, 12 Nov 2026 08:47:13 -0600", dt.date(2026, 11, 12)),
        ("", None),
        ("next week", None),
    ],
)
def test_call_date_reads_iso_and_mail_dates(value: str, expected: dt.date | None) -> None:
    assert call_date({"date": value}) == expected


@pytest.mark.parametrize(
    "phrase", ["in two weeks", "next month", "next quarter", "end of next week", "tomorrow"]
)
def test_resolve_due_at_the_calendar_s_end_gives_none_not_an_error(phrase: str) -> None:
    assert resolve_due(phrase, dt.date(9999, 12, 30)) in (None, dt.date(9999, 12, 31))


def test_resolve_due_a_day_zero_names_no_day() -> None:
    assert resolve_due("by Thursday the 0th", dt.date(2026, 12, 1)) is None
    assert named_days("Thursday the 0th", dt.date(2026, 12, 1)) == {}


@pytest.mark.parametrize("near", [dt.date(1, 1, 5), dt.date(9999, 12, 5)])
def test_named_days_at_the_calendar_s_edges(near: dt.date) -> None:
    found = named_days("by Thursday the twelfth", near)
    assert all(day.weekday() == 3 and day.day == 12 for day in found.values())


@given(st.text(max_size=40), st.dates())
def test_resolve_due_any_text_on_any_day_gives_a_date_or_none(
    phrase: str, said_on: dt.date
) -> None:
    assert resolve_due(phrase, said_on) is None or isinstance(resolve_due(phrase, said_on), dt.date)
