"""Nudges: who has not shared a story yet, who is due an attribution request, and the prompt of
the week (a lesson chosen by ISO week, the same all week for everyone)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.ledger import tables as t
from trustworks.ledger.programmes import find_programme, lessons_of, participants_of
from trustworks.ledger.stories import QuestionRecord, open_questions

__all__ = [
    "ATTRIBUTION_EVERY_DAYS",
    "SILENT_AFTER_DAYS",
    "Due",
    "Nudges",
    "Prompt",
    "attribution_due",
    "nudges",
    "prompt_of_the_week",
    "without_story",
]

SILENT_AFTER_DAYS = 14
ATTRIBUTION_EVERY_DAYS = 30


@dataclass(frozen=True)
class Due:
    """A participant to nudge, and how many days it has been (since the programme ended, or
    since their last attribution)."""

    participant_id: int
    participant: str
    days: int


@dataclass(frozen=True)
class Prompt:
    """The prompt of the week: one lesson and a question about applying it."""

    iso_year: int
    iso_week: int
    lesson_id: int
    lesson: str
    text: str


@dataclass(frozen=True)
class Nudges:
    """Everything an admin might nudge about in a programme today."""

    programme: str
    today: dt.date
    prompt: Prompt | None
    without_story: tuple[Due, ...]
    attribution_due: tuple[Due, ...]
    open_questions: tuple[QuestionRecord, ...]


def without_story(
    session: Session, programme: int | str, today: dt.date, after_days: int = SILENT_AFTER_DAYS
) -> list[Due]:
    """Participants with no story `after_days` or more after the programme ended."""
    owner = find_programme(session, programme)
    since = (today - owner.ended_on).days
    if since < after_days:
        return []
    tellers = set(
        session.scalars(select(t.Story.participant_id).where(t.Story.programme_id == owner.id))
    )
    return [
        Due(p.id, p.name, since) for p in participants_of(session, owner) if p.id not in tellers
    ]


def attribution_due(
    session: Session,
    programme: int | str,
    today: dt.date,
    every_days: int = ATTRIBUTION_EVERY_DAYS,
) -> list[Due]:
    """Participants to ask for a sale attribution: `every_days` or more since the programme
    ended and since they last recorded one."""
    owner = find_programme(session, programme)
    last = dict(
        session.execute(
            select(t.Attribution.participant_id, func.max(t.Attribution.recorded_on))
            .where(t.Attribution.programme_id == owner.id)
            .group_by(t.Attribution.participant_id)
        ).all()
    )
    due = []
    for p in participants_of(session, owner):
        since = max(owner.ended_on, last.get(p.id, owner.ended_on))
        days = (today - since).days
        if days >= every_days:
            due.append(Due(p.id, p.name, days))
    return due


def prompt_of_the_week(session: Session, programme: int | str, day: dt.date) -> Prompt | None:
    """The lesson to prompt stories about in `day`'s ISO week (None without lessons).

    Consecutive weeks take the lessons in turn, so every lesson comes round."""
    owner = find_programme(session, programme)
    lessons = lessons_of(session, owner)
    if not lessons:
        return None
    year, week, _ = day.isocalendar()
    monday = dt.date.fromisocalendar(year, week, 1)
    lesson = lessons[(monday.toordinal() // 7) % len(lessons)]
    text = (
        f"This week: {lesson.title}. When did you last use it with a client? "
        "Tell us the situation, what you did and what happened, even if it did not work."
    )
    return Prompt(year, week, lesson.id, lesson.title, text)


def nudges(
    session: Session,
    programme: int | str,
    today: dt.date,
    *,
    after_days: int = SILENT_AFTER_DAYS,
    every_days: int = ATTRIBUTION_EVERY_DAYS,
) -> Nudges:
    """The prompt of the week, the silent participants, the attribution requests due and the
    open follow-up questions of a programme."""
    owner = find_programme(session, programme)
    return Nudges(
        owner.name,
        today,
        prompt_of_the_week(session, owner.id, today),
        tuple(without_story(session, owner.id, today, after_days)),
        tuple(attribution_due(session, owner.id, today, every_days)),
        tuple(open_questions(session, owner.id)),
    )
