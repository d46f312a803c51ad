from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from trustworks.errors import FieldError
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger
from trustworks.ledger.review import QUESTIONS, finish_review, parse_yes_no, to_review

TODAY = dt.date(2026, 12, 1)


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


def _count(ledger: Ledger, table: type[tables.Base]) -> int:
    with ledger.session() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0


@pytest.fixture
def calls(ledger: Ledger) -> dict[str, int]:
    """Dana's calls of today and last week, and one of Sam's."""
    with ledger.session() as s:
        add(s, "account", name="Acme", owner="Dana")
        add(s, "account", name="Beta", owner="Sam")
        ids = {
            "today": add(s, "interaction", account="Acme", occurred_on=TODAY).id,
            "last_week": add(
                s, "interaction", account="Acme", occurred_on=TODAY - dt.timedelta(days=6)
            ).id,
            "sams": add(s, "interaction", account="Beta", occurred_on=TODAY).id,
        }
    return ids


def test_the_review_asks_about_each_waiting_conversation_oldest_first(
    ledger: Ledger, calls: dict[str, int]
) -> None:
    with ledger.session() as s:
        waiting = to_review(s, "dana", TODAY)
    assert [i.id for i in waiting] == [calls["last_week"], calls["today"]]
    assert {q.field for q in QUESTIONS} <= set(tables.Reflection.__table__.columns.keys())


def test_finishing_records_reflections_marks_the_day_and_counts_the_streak(
    ledger: Ledger, calls: dict[str, int]
) -> None:
    with ledger.session() as s:
        add(s, "review", seller="Dana", reviewed_on=TODAY - dt.timedelta(days=1))
    answers = {
        calls["today"]: {"good_use_of_time": "yes", "felt_respected": "n", "gave_value": "",
                         "learned_about_goals": " They want to cut onboarding to a week. "},
        calls["last_week"]: {"good_use_of_time": "", "notes": "  "},  # nothing said: stays
    }  # fmt: skip
    with ledger.session() as s:
        done = finish_review(s, "Dana", TODAY, answers, notes="Ask more, pitch less.")
    assert done.reflected == (calls["today"],)
    assert done.streak == 2 and done.mark.created and done.mark.notes == "Ask more, pitch less."
    with ledger.session() as s:
        (row,) = s.scalars(select(tables.Reflection)).all()
        assert (row.interaction_id, row.good_use_of_time, row.felt_respected) == (
            calls["today"],
            True,
            False,
        )
        assert row.gave_value is None and row.written_on == TODAY
        assert row.learned_about_goals == "They want to cut onboarding to a week."
        assert [i.id for i in to_review(s, "Dana", TODAY)] == [calls["last_week"]]


def test_finishing_again_keeps_one_mark_and_adds_only_new_reflections(
    ledger: Ledger, calls: dict[str, int]
) -> None:
    with ledger.session() as s:
        finish_review(s, "Dana", TODAY, {calls["today"]: {"gave_value": "yes"}})
    with ledger.session() as s:
        again = finish_review(s, "Dana", TODAY, {calls["last_week"]: {"world_better": "no"}})
    assert not again.mark.created and again.streak == 1
    assert _count(ledger, tables.DailyReview) == 1
    assert _count(ledger, tables.Reflection) == 2


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ({"gave_value": "maybe"}, "interaction {today}: gave_value: 'maybe' is not yes or no"),
        ({"mood": "good"}, "interaction {today}: mood: not a review question"),
        ({"notes": "x" * 10_001}, "interaction {today}: notes: longer than 10000 characters"),
    ],
)
def test_a_bad_answer_records_nothing_at_all(
    ledger: Ledger, calls: dict[str, int], answers: dict[str, object], problem: str
) -> None:
    given = {calls["last_week"]: {"gave_value": "yes"}, calls["today"]: answers}
    with pytest.raises(FieldError, match=problem.format(**calls)), ledger.session() as s:
        finish_review(s, "Dana", TODAY, given)
    assert _count(ledger, tables.Reflection) == 0
    assert _count(ledger, tables.DailyReview) == 0


def test_another_sellers_or_a_reflected_conversation_is_refused(
    ledger: Ledger, calls: dict[str, int]
) -> None:
    with (
        pytest.raises(FieldError, match=f"{calls['sams']}: not one of Dana's"),
        ledger.session() as s,
    ):
        finish_review(s, "Dana", TODAY, {calls["sams"]: {"gave_value": "yes"}})
    with ledger.session() as s:
        finish_review(s, "Dana", TODAY, {calls["today"]: {"gave_value": "yes"}})
    with pytest.raises(FieldError, match="not one of"), ledger.session() as s:
        finish_review(s, "Dana", TODAY, {calls["today"]: {"gave_value": "no"}})
    assert _count(ledger, tables.Reflection) == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Y", True), ("yes", True), (True, True), ("0", False), ("No", False), ("", None),
     ("skip", None), (None, None)],
)  # fmt: skip
def test_parse_yes_no(value: object, expected: bool | None) -> None:
    assert parse_yes_no(value, "f") is expected
