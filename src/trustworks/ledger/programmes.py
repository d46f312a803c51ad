"""Programmes, their lessons and their participants.

A programme is found by id or name (case and spacing do not matter), a lesson or participant
by id or name within its programme; anything else is a NotFoundError naming what was asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import _checks as check
from trustworks.ledger import tables as t

__all__ = [
    "LessonInfo",
    "ParticipantInfo",
    "ProgrammeInfo",
    "add_lesson",
    "add_programme",
    "enrol",
    "find_lesson",
    "find_participant",
    "find_programme",
    "lessons_of",
    "list_programmes",
    "participant_for_user",
    "participants_of",
    "programme_info",
    "programmes_of_user",
]

Row = TypeVar("Row", t.Lesson, t.Participant)


@dataclass(frozen=True)
class LessonInfo:
    """One lesson of a programme."""

    id: int
    position: int
    title: str
    description: str


@dataclass(frozen=True)
class ParticipantInfo:
    """Someone enrolled in a programme (`username` when a web user posts as them)."""

    id: int
    name: str
    enrolled_on: dt.date
    username: str | None


@dataclass(frozen=True)
class ProgrammeInfo:
    """A programme with its lessons and participants."""

    id: int
    name: str
    started_on: dt.date | None
    ended_on: dt.date
    description: str
    lessons: tuple[LessonInfo, ...]
    participants: tuple[ParticipantInfo, ...]


def _folded(column: Any, value: str) -> ColumnElement[bool]:
    """A case-insensitive match of a name column (the value already has tidy spacing)."""
    return func.lower(column) == value.lower()


def _id(ref: int | str) -> int | None:
    """The id `ref` gives, or None when it can be no row's (a name, or beyond any id)."""
    if isinstance(ref, int):
        return check.row_id(ref)
    stripped = ref.strip()
    # isdigit() alone takes "²" and other digits int() refuses.
    return check.row_id(int(stripped)) if stripped.isascii() and stripped.isdigit() else None


def find_programme(session: Session, ref: int | str) -> t.Programme:
    """The programme with this id or name."""
    number = _id(ref)
    row = session.get(t.Programme, number) if number is not None else None
    if row is None and isinstance(ref, str) and ref.strip():
        cleaned = " ".join(ref.split())
        row = session.scalar(select(t.Programme).where(_folded(t.Programme.name, cleaned)))
    if row is None:
        raise NotFoundError(f"no programme {ref!r}")
    return row


def _within(
    session: Session, programme: t.Programme, model: type[Row], column: Any, ref: int | str
) -> Row | None:
    """The `model` row of `programme` with this id, or else with this name in `column`."""
    number = _id(ref)
    row = session.get(model, number) if number is not None else None
    if row is not None and row.programme_id != programme.id:
        row = None
    if row is None and isinstance(ref, str) and ref.strip():
        cleaned = " ".join(ref.split())
        row = session.scalar(
            select(model).where(model.programme_id == programme.id, _folded(column, cleaned))
        )
    return row


def find_lesson(session: Session, programme: t.Programme, ref: int | str) -> t.Lesson:
    """The lesson of `programme` with this id or title."""
    row = _within(session, programme, t.Lesson, t.Lesson.title, ref)
    if row is None:
        raise NotFoundError(f"no lesson {ref!r} in programme {programme.name!r}")
    return row


def find_participant(session: Session, programme: t.Programme, ref: int | str) -> t.Participant:
    """The participant of `programme` with this id or name."""
    row = _within(session, programme, t.Participant, t.Participant.name, ref)
    if row is None:
        raise NotFoundError(f"{ref!r} is not a participant of programme {programme.name!r}")
    return row


def participant_for_user(
    session: Session, programme: t.Programme, user_id: int
) -> t.Participant | None:
    """The participant a signed-in user posts as in `programme`, if they are enrolled."""
    return session.scalar(
        select(t.Participant).where(
            t.Participant.programme_id == programme.id, t.Participant.user_id == user_id
        )
    )


def add_programme(
    session: Session,
    name: str,
    ended_on: dt.date | str,
    *,
    started_on: dt.date | str | None = None,
    description: str | None = None,
    lessons: list[str] | tuple[str, ...] = (),
) -> t.Programme:
    """Store a programme (names are unique regardless of case) with its lessons in order."""
    cleaned = check.name(name, "name")
    end = check.date(ended_on, "ended_on")
    start = check.date(started_on, "started_on") if started_on not in (None, "") else None
    if start is not None and start > end:
        raise FieldError("started_on", "is after ended_on")
    titles = [check.name(title, "lesson") for title in lessons]
    folded = [title.casefold() for title in titles]
    if len(set(folded)) != len(folded):
        raise ConflictError("the same lesson is named twice")
    if session.scalar(select(t.Programme.id).where(_folded(t.Programme.name, cleaned))):
        raise ConflictError(f"a programme named {cleaned!r} already exists")
    row = t.Programme(
        name=cleaned,
        started_on=start,
        ended_on=end,
        description=check.text(description, "description", required=False) or None,
    )
    check.insert(session, row, f"a programme named {cleaned!r} already exists")
    for title in titles:
        add_lesson(session, row.id, title)
    return row


def add_lesson(
    session: Session, programme: int | str, title: str, description: str | None = None
) -> t.Lesson:
    """Add a lesson at the end of the programme's list (titles unique within the programme)."""
    owner = find_programme(session, programme)
    cleaned = check.name(title, "title")
    clash = f"programme {owner.name!r} already has a lesson {cleaned!r}"
    exists = session.scalar(
        select(t.Lesson.id).where(
            t.Lesson.programme_id == owner.id,
            _folded(t.Lesson.title, cleaned),
        )
    )
    if exists is not None:
        raise ConflictError(clash)
    last = session.scalar(
        select(func.max(t.Lesson.position)).where(t.Lesson.programme_id == owner.id)
    )
    row = t.Lesson(
        programme_id=owner.id,
        position=(last or 0) + 1,
        title=cleaned,
        description=check.text(description, "description", required=False) or None,
    )
    check.insert(session, row, clash)
    return row


def enrol(
    session: Session,
    programme: int | str,
    name: str,
    *,
    username: str | None = None,
    on: dt.date | None = None,
) -> t.Participant:
    """Enrol a participant; `username` links the web user who will post as them (by default
    the one user whose ledger name is `name`, if there is exactly one)."""
    owner = find_programme(session, programme)
    cleaned = check.name(name, "name")
    clash = f"{cleaned} is already enrolled in {owner.name!r}"
    exists = session.scalar(
        select(t.Participant.id).where(
            t.Participant.programme_id == owner.id,
            _folded(t.Participant.name, cleaned),
        )
    )
    if exists is not None:
        raise ConflictError(clash)
    if username is not None:
        user = session.scalar(select(t.User).where(t.User.username == username.strip()))
        if user is None:
            raise NotFoundError(f"no user {username!r}")
        user_id: int | None = user.id
    else:
        matches = session.scalars(select(t.User.id).where(_folded(t.User.seller, cleaned))).all()
        user_id = matches[0] if len(matches) == 1 else None
    if user_id is not None and participant_for_user(session, owner, user_id) is not None:
        raise ConflictError(f"that user already posts as someone else in {owner.name!r}")
    row = t.Participant(
        programme_id=owner.id, name=cleaned, user_id=user_id, enrolled_on=on or dt.date.today()
    )
    check.insert(session, row, clash)
    return row


def lessons_of(session: Session, programme: t.Programme) -> list[t.Lesson]:
    """The programme's lessons in order."""
    return list(
        session.scalars(
            select(t.Lesson)
            .where(t.Lesson.programme_id == programme.id)
            .order_by(t.Lesson.position, t.Lesson.id)
        )
    )


def participants_of(session: Session, programme: t.Programme) -> list[t.Participant]:
    """The programme's participants by name."""
    return list(
        session.scalars(
            select(t.Participant)
            .where(t.Participant.programme_id == programme.id)
            .order_by(func.lower(t.Participant.name), t.Participant.id)
        )
    )


def programme_info(session: Session, ref: int | str) -> ProgrammeInfo:
    """A programme with its lessons and participants."""
    row = find_programme(session, ref)
    users = dict(session.execute(select(t.User.id, t.User.username)).all())
    return ProgrammeInfo(
        row.id,
        row.name,
        row.started_on,
        row.ended_on,
        row.description or "",
        tuple(
            LessonInfo(x.id, x.position, x.title, x.description or "")
            for x in lessons_of(session, row)
        ),
        tuple(
            ParticipantInfo(
                p.id, p.name, p.enrolled_on, users.get(p.user_id) if p.user_id else None
            )
            for p in participants_of(session, row)
        ),
    )


def list_programmes(session: Session) -> list[ProgrammeInfo]:
    """Every programme, newest end first."""
    ids = session.scalars(
        select(t.Programme.id).order_by(t.Programme.ended_on.desc(), t.Programme.id)
    ).all()
    return [programme_info(session, i) for i in ids]


def programmes_of_user(session: Session, user_id: int) -> list[ProgrammeInfo]:
    """The programmes a web user is enrolled in, newest end first."""
    ids = session.scalars(
        select(t.Programme.id)
        .join(t.Participant, t.Participant.programme_id == t.Programme.id)
        .where(t.Participant.user_id == user_id)
        .order_by(t.Programme.ended_on.desc(), t.Programme.id)
    ).all()
    return [programme_info(session, i) for i in ids]
