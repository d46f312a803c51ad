"""The end-of-day review: the servant-selling questions asked of each conversation still
waiting for a reflection, the answers kept as reflections, and the day marked reviewed.

Everything is recorded in one transaction: a bad answer anywhere leaves every conversation
unreflected and the day unmarked, so the seller can fix it and send it again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from trustworks.errors import FieldError
from trustworks.ledger import repository
from trustworks.ledger.today import (
    InteractionItem,
    ReviewMark,
    record_review,
    review_streak,
    waiting_for_reflection,
)

__all__ = [
    "QUESTIONS",
    "ReviewDone",
    "ReviewQuestion",
    "finish_review",
    "parse_yes_no",
    "to_review",
]


@dataclass(frozen=True)
class ReviewQuestion:
    """One servant-selling question and the reflection field its answer fills."""

    field: str
    prompt: str
    kind: Literal["yes_no", "text"]


QUESTIONS: tuple[ReviewQuestion, ...] = (
    ReviewQuestion("good_use_of_time", "Was it a good use of the client's time?", "yes_no"),
    ReviewQuestion("felt_respected", "Did the client feel respected?", "yes_no"),
    ReviewQuestion(
        "gave_value", "Did I give something of value, whether or not they buy?", "yes_no"
    ),
    ReviewQuestion("world_better", "Is the client better off for the conversation?", "yes_no"),
    ReviewQuestion("learned_about_goals", "What did I learn about their goals?", "text"),
    ReviewQuestion("notes", "Anything else to remember?", "text"),
)
FIELDS = {q.field: q for q in QUESTIONS}
TEXT_LIMIT = 10_000
_YES = {"y", "yes", "true", "1"}
_NO = {"n", "no", "false", "0"}


def parse_yes_no(value: object, field: str) -> bool | None:
    """yes/no (also y/n, true/false, 1/0) as a bool; empty or "skip" as None (not answered)."""
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "skip", "-", "unsure"):
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise FieldError(field, f"{value!r} is not yes or no (or empty to skip)")


def to_review(session: Session, seller: str, day: dt.date) -> tuple[InteractionItem, ...]:
    """The seller's conversations still waiting for a reflection on `day`, oldest first."""
    return waiting_for_reflection(session, day, seller)


@dataclass(frozen=True)
class ReviewDone:
    """What the review recorded, and the streak it makes."""

    mark: ReviewMark
    reflected: tuple[int, ...]  # interaction ids given a reflection
    streak: int


def _reflection(
    interaction_id: int, answers: Mapping[str, object], day: dt.date
) -> dict[str, object]:
    values: dict[str, object] = {"interaction": interaction_id, "written_on": day}
    for name, value in answers.items():
        question = FIELDS.get(name)
        where = f"interaction {interaction_id}: {name}"
        if question is None:
            raise FieldError(where, f"not a review question (one of {', '.join(FIELDS)})")
        if question.kind == "yes_no":
            values[name] = parse_yes_no(value, where)
        else:
            text = "" if value is None else str(value).strip()
            if len(text) > TEXT_LIMIT:
                raise FieldError(where, f"longer than {TEXT_LIMIT} characters")
            values[name] = text or None
    return values


def finish_review(
    session: Session,
    seller: str,
    day: dt.date,
    answers: Mapping[int, Mapping[str, object]],
    notes: str | None = None,
) -> ReviewDone:
    """Record a reflection per answered conversation and mark the day reviewed.

    `answers` maps interaction ids (of the seller's conversations waiting for a reflection)
    to question field -> answer; a conversation left out, or with nothing answered, stays
    waiting. Any id that is not one of them is refused, and nothing is recorded.
    """
    waiting = {item.id for item in to_review(session, seller, day)}
    unknown = sorted(set(answers) - waiting)
    if unknown:
        raise FieldError(
            "interaction",
            f"{', '.join(map(str, unknown))}: not one of {seller}'s conversations waiting "
            "for a reflection",
        )
    reflected = []
    for interaction_id, given in answers.items():
        values = _reflection(interaction_id, given, day)
        if all(values.get(q.field) is None for q in QUESTIONS):
            continue  # nothing said about this one: it stays on the list
        repository.add(session, "reflection", values)
        reflected.append(interaction_id)
    mark = record_review(session, seller, day, notes.strip() if notes and notes.strip() else None)
    session.flush()
    _, streak = review_streak(session, seller, day)
    return ReviewDone(mark, tuple(reflected), streak)
