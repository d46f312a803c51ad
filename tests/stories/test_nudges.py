from __future__ import annotations

import datetime as dt

import pytest

from trustworks.ledger.database import Ledger
from trustworks.stories import (
    add_programme,
    add_story,
    attribute,
    attribution_due,
    nudges,
    prompt_of_the_week,
    without_story,
)

from .conftest import END, LESSONS, story


def test_without_story_waits_the_given_days_then_names_the_silent(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
        assert without_story(session, programme, END + dt.timedelta(days=13)) == []
        due = without_story(session, programme, END + dt.timedelta(days=14))
    assert [(d.participant, d.days) for d in due] == [("Kim Osei", 14), ("Lee Park", 14)]


def test_attribution_due_counts_from_the_end_or_the_last_attribution(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        attribute(
            session,
            programme,
            "Lee Park",
            client="Acme",
            amount=10,
            share=50,
            sold_on=END,
            reason="r",
            today=END + dt.timedelta(days=20),
        )
        assert attribution_due(session, programme, END + dt.timedelta(days=29)) == []
        due = attribution_due(session, programme, END + dt.timedelta(days=30))
        assert [(d.participant, d.days) for d in due] == [("Dana Whitfield", 30), ("Kim Osei", 30)]
        later = attribution_due(session, programme, END + dt.timedelta(days=50))
        assert [(d.participant, d.days) for d in later] == [
            ("Dana Whitfield", 50),
            ("Kim Osei", 50),
            ("Lee Park", 30),
        ]


def test_prompt_of_the_week_is_the_same_all_week_and_rotates_through_every_lesson(
    ledger: Ledger, programme: int
) -> None:
    monday = dt.date(2026, 6, 1)
    with ledger.session() as session:
        week = {
            prompt_of_the_week(session, programme, monday + dt.timedelta(days=d)) for d in range(7)
        }
        assert len(week) == 1
        lessons = [
            prompt_of_the_week(session, programme, monday + dt.timedelta(weeks=w)) for w in range(3)
        ]
    assert {p.lesson for p in lessons if p} == set(LESSONS)
    (prompt,) = week
    assert prompt is not None
    assert (prompt.iso_year, prompt.iso_week) == (2026, 23)
    assert prompt.lesson in prompt.text


def test_prompt_of_the_week_is_none_without_lessons(ledger: Ledger) -> None:
    with ledger.session() as session:
        empty = add_programme(session, "Empty", END)
        assert prompt_of_the_week(session, empty.id, END) is None


@pytest.mark.parametrize("days", [0, 14])
def test_nudges_gather_prompt_silent_due_and_open_questions(
    ledger: Ledger, programme: int, days: int
) -> None:
    with ledger.session() as session:
        found = nudges(session, programme, END + dt.timedelta(days=days))
    assert found.prompt is not None
    assert len(found.without_story) == (3 if days else 0)
    assert found.attribution_due == ()
