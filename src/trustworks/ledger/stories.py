"""Stories of applying a lesson, comments on them, and follow-up questions that tease more out.

A story names its programme, lesson and participant (who must be enrolled in it), the
situation, what they did, what happened and when; a missing part, an unknown name or the same
story posted twice by the same participant is refused and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from trustworks.conversation import fold_name
from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import _checks as check
from trustworks.ledger import tables as t
from trustworks.ledger.programmes import find_lesson, find_participant, find_programme

__all__ = [
    "CommentRecord",
    "QuestionRecord",
    "StoryRecord",
    "add_comment",
    "add_story",
    "answer_question",
    "ask_question",
    "find_story",
    "list_stories",
    "open_questions",
    "story_record",
]


@dataclass(frozen=True)
class CommentRecord:
    """A comment on a story."""

    id: int
    author: str
    body: str
    written_on: dt.date


@dataclass(frozen=True)
class QuestionRecord:
    """A follow-up question on a story; `answer` is None while it is open."""

    id: int
    story_id: int
    participant: str
    asked_by: str
    question: str
    asked_on: dt.date
    answer: str | None
    answered_on: dt.date | None


@dataclass(frozen=True)
class StoryRecord:
    """A story with its lesson, teller, comments and follow-up questions."""

    id: int
    programme_id: int
    programme: str
    lesson_id: int
    lesson: str
    participant_id: int
    participant: str
    situation: str
    action: str
    outcome: str
    success: bool
    happened_on: dt.date
    comments: tuple[CommentRecord, ...]
    questions: tuple[QuestionRecord, ...]


def _fingerprint(situation: str, action: str, outcome: str, happened_on: dt.date) -> str:
    # Case and spacing do not make a story new.
    parts = [fold_name(situation), fold_name(action), fold_name(outcome), happened_on.isoformat()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def add_story(
    session: Session,
    programme: int | str,
    participant: int | str,
    lesson: int | str,
    *,
    situation: object,
    action: object,
    outcome: object,
    happened_on: object,
    success: bool = False,
    today: dt.date | None = None,
) -> t.Story:
    """Store a participant's story of applying a lesson of their programme."""
    owner = find_programme(session, programme)
    teller = find_participant(session, owner, participant)
    about = find_lesson(session, owner, lesson)
    parts = {
        "situation": check.text(situation, "situation"),
        "action": check.text(action, "action"),
        "outcome": check.text(outcome, "outcome"),
    }
    day = check.date(happened_on, "happened_on")
    if day > (today or dt.date.today()):
        raise FieldError("happened_on", f"{day.isoformat()} is in the future")
    fingerprint = _fingerprint(parts["situation"], parts["action"], parts["outcome"], day)
    clash = f"{teller.name} already shared this story (dated {day.isoformat()})"
    exists = session.scalar(
        select(t.Story.id).where(
            t.Story.participant_id == teller.id, t.Story.fingerprint == fingerprint
        )
    )
    if exists is not None:
        raise ConflictError(f"{clash}: story {exists}")
    row = t.Story(
        programme_id=owner.id,
        lesson_id=about.id,
        participant_id=teller.id,
        success=bool(success),
        happened_on=day,
        fingerprint=fingerprint,
        **parts,
    )
    check.insert(session, row, clash)
    return row


def find_story(session: Session, story_id: int) -> t.Story:
    """The story with this id."""
    number = check.row_id(story_id)
    row = session.get(t.Story, number) if number is not None else None
    if row is None:
        raise NotFoundError(f"no story {story_id}")
    return row


def _question(row: t.FollowUp, participant: str) -> QuestionRecord:
    return QuestionRecord(
        row.id,
        row.story_id,
        participant,
        row.asked_by,
        row.question,
        row.asked_on,
        row.answer,
        row.answered_on,
    )


def story_record(session: Session, row: t.Story) -> StoryRecord:
    """A stored story with everything hung on it."""
    programme = session.get_one(t.Programme, row.programme_id)
    lesson = session.get_one(t.Lesson, row.lesson_id)
    teller = session.get_one(t.Participant, row.participant_id)
    comments = session.scalars(
        select(t.StoryComment).where(t.StoryComment.story_id == row.id).order_by(t.StoryComment.id)
    )
    questions = session.scalars(
        select(t.FollowUp).where(t.FollowUp.story_id == row.id).order_by(t.FollowUp.id)
    )
    return StoryRecord(
        row.id,
        programme.id,
        programme.name,
        lesson.id,
        lesson.title,
        teller.id,
        teller.name,
        row.situation,
        row.action,
        row.outcome,
        row.success,
        row.happened_on,
        tuple(CommentRecord(c.id, c.author, c.body, c.written_on) for c in comments),
        tuple(_question(q, teller.name) for q in questions),
    )


def list_stories(
    session: Session,
    programme: int | str,
    *,
    lesson: int | str | None = None,
    participant: int | str | None = None,
) -> list[StoryRecord]:
    """A programme's stories, newest first, perhaps of one lesson or one participant."""
    owner = find_programme(session, programme)
    query = select(t.Story).where(t.Story.programme_id == owner.id)
    if lesson is not None:
        query = query.where(t.Story.lesson_id == find_lesson(session, owner, lesson).id)
    if participant is not None:
        who = find_participant(session, owner, participant)
        query = query.where(t.Story.participant_id == who.id)
    rows = session.scalars(query.order_by(t.Story.happened_on.desc(), t.Story.id.desc()))
    return [story_record(session, r) for r in rows]


def add_comment(
    session: Session, story_id: int, author: str, body: object, on: dt.date | None = None
) -> t.StoryComment:
    """Comment on a story."""
    story = find_story(session, story_id)
    row = t.StoryComment(
        story_id=story.id,
        author=check.name(author, "author"),
        body=check.text(body, "body"),
        written_on=on or dt.date.today(),
    )
    check.insert(session, row, "comment refused")
    return row


def ask_question(
    session: Session, story_id: int, asked_by: str, question: object, on: dt.date | None = None
) -> t.FollowUp:
    """Ask the story's teller a follow-up question (the same open question twice is refused)."""
    story = find_story(session, story_id)
    text = check.text(question, "question")
    for open_one in session.scalars(
        select(t.FollowUp.question).where(
            t.FollowUp.story_id == story.id, t.FollowUp.answer.is_(None)
        )
    ):
        if fold_name(open_one) == fold_name(text):
            raise ConflictError(f"story {story.id} already has this question open")
    row = t.FollowUp(
        story_id=story.id,
        asked_by=check.name(asked_by, "asked_by"),
        question=text,
        asked_on=on or dt.date.today(),
    )
    check.insert(session, row, "question refused")
    return row


def answer_question(
    session: Session, question_id: int, answer: object, on: dt.date | None = None
) -> t.FollowUp:
    """The teller's answer to a follow-up question (answered once)."""
    number = check.row_id(question_id)
    row = session.get(t.FollowUp, number) if number is not None else None
    if row is None:
        raise NotFoundError(f"no question {question_id}")
    if row.answer is not None:
        raise ConflictError(f"question {question_id} is already answered")
    row.answer = check.text(answer, "answer")
    row.answered_on = on or dt.date.today()
    session.flush()
    return row


def open_questions(
    session: Session, programme: int | str, *, participant_id: int | None = None
) -> list[QuestionRecord]:
    """The programme's unanswered follow-up questions, oldest first (perhaps one teller's)."""
    owner = find_programme(session, programme)
    query = (
        select(t.FollowUp, t.Participant.name)
        .join(t.Story, t.Story.id == t.FollowUp.story_id)
        .join(t.Participant, t.Participant.id == t.Story.participant_id)
        .where(t.Story.programme_id == owner.id, t.FollowUp.answer.is_(None))
    )
    if participant_id is not None:
        query = query.where(t.Story.participant_id == participant_id)
    rows = session.execute(query.order_by(t.FollowUp.asked_on, t.FollowUp.id))
    return [_question(row, name) for row, name in rows]
