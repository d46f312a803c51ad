from __future__ import annotations

import datetime as dt

import pytest

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger.database import Ledger
from trustworks.ledger.programmes import (
    add_lesson,
    add_programme,
    enrol,
    list_programmes,
    programme_info,
)
from trustworks.ledger.users import add_user

from .conftest import END, LESSONS, PEOPLE, count


def test_programme_info_lists_lessons_in_order_and_participants_by_name(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        add_lesson(session, "trusted  advisor 2026", "Trust first")
        info = programme_info(session, programme)
    assert info.name == "Trusted Advisor 2026"
    assert info.ended_on == END
    assert [x.title for x in info.lessons] == [*LESSONS, "Trust first"]
    assert [x.position for x in info.lessons] == [1, 2, 3, 4]
    assert [p.name for p in info.participants] == sorted(PEOPLE, key=str.casefold)


BAD_PROGRAMMES: list[tuple[dict[str, object], type[Exception]]] = [
    ({"name": "TRUSTED advisor 2026", "ended_on": END}, ConflictError),
    ({"name": "  ", "ended_on": END}, FieldError),
    ({"name": "New", "ended_on": "31/03/2026"}, FieldError),
    ({"name": "New", "ended_on": END, "started_on": dt.date(2026, 4, 1)}, FieldError),
    ({"name": "New", "ended_on": END, "lessons": ["A", "a"]}, ConflictError),
    ({"name": "New", "ended_on": END, "lessons": ["A", ""]}, FieldError),
]


def test_add_programme_refuses_bad_input_and_stores_nothing(ledger: Ledger, programme: int) -> None:
    before = (count(ledger, t.Programme), count(ledger, t.Lesson))
    for kwargs, error in BAD_PROGRAMMES:
        with pytest.raises(error), ledger.session() as session:
            add_programme(session, **kwargs)  # type: ignore[arg-type]
    assert (count(ledger, t.Programme), count(ledger, t.Lesson)) == before


def test_add_lesson_refuses_a_title_the_programme_already_has(
    ledger: Ledger, programme: int
) -> None:
    with pytest.raises(ConflictError, match="already has a lesson"), ledger.session() as s:
        add_lesson(s, programme, "listen BEFORE pitching")
    assert count(ledger, t.Lesson) == len(LESSONS)


def test_enrol_refuses_a_second_enrolment_and_unknown_programmes(
    ledger: Ledger, programme: int
) -> None:
    with pytest.raises(ConflictError, match="already enrolled"), ledger.session() as s:
        enrol(s, programme, "dana  whitfield")
    with pytest.raises(NotFoundError, match="no programme"), ledger.session() as s:
        enrol(s, "Nope", "Sam")
    with pytest.raises(NotFoundError, match="no user"), ledger.session() as s:
        enrol(s, programme, "Sam", username="ghost")
    assert count(ledger, t.Participant) == len(PEOPLE)


def test_enrol_links_the_one_user_who_goes_by_that_name(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        add_user(session, "sam", "correct horse battery", "seller", seller="Sam Reyes")
        add_programme(session, "Second", END)
        enrol(session, "Second", "sam reyes")
        info = programme_info(session, "second")
    assert [(p.name, p.username) for p in info.participants] == [("sam reyes", "sam")]
    with ledger.session() as session:
        assert [p.name for p in list_programmes(session)] == ["Trusted Advisor 2026", "Second"]
