from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger._checks import insert
from trustworks.ledger.attributions import attribute
from trustworks.ledger.database import Ledger
from trustworks.ledger.export import export_json, restore
from trustworks.ledger.programmes import add_programme, enrol
from trustworks.ledger.stories import (
    add_comment,
    add_story,
    answer_question,
    ask_question,
    list_stories,
    open_questions,
)
from trustworks.stories import programme_report

from .conftest import END, LESSONS, count, story


def test_add_story_stores_every_part_and_lists_it_with_comments(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        row = add_story(session, programme, "dana whitfield", LESSONS[0], **story())
        add_comment(session, row.id, "Lee Park", "Same happened to me.", on=dt.date(2026, 4, 11))
    with ledger.session() as session:
        (record,) = list_stories(session, programme)
    assert (record.participant, record.lesson, record.success) == (
        "Dana Whitfield",
        LESSONS[0],
        True,
    )
    assert record.situation.startswith("A COO")
    assert record.happened_on == dt.date(2026, 4, 10)
    assert [(c.author, c.body) for c in record.comments] == [("Lee Park", "Same happened to me.")]


def test_list_stories_filters_by_lesson_and_participant(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
        add_story(session, programme, "Lee Park", LESSONS[1], **story(outcome="They said no."))
    with ledger.session() as session:
        assert [s.participant for s in list_stories(session, programme, lesson=LESSONS[1])] == [
            "Lee Park"
        ]
        assert [
            s.lesson for s in list_stories(session, programme, participant="dana whitfield")
        ] == [LESSONS[0]]


def test_add_story_refuses_an_incomplete_story(ledger: Ledger, programme: int) -> None:
    for field in ("situation", "action", "outcome", "happened_on"):
        for missing in (None, "", "   "):
            with pytest.raises(FieldError, match=field), ledger.session() as session:
                add_story(
                    session, programme, "Dana Whitfield", LESSONS[0], **story(**{field: missing})
                )
    assert count(ledger, t.Story) == 0


UNKNOWN: list[tuple[str | None, str, str, str]] = [
    # programme (None: the fixture's), participant, lesson, what the error says
    ("No such programme", "Dana Whitfield", LESSONS[0], "no programme"),
    (None, "Nobody Here", LESSONS[0], "not a participant"),
    (None, "Dana Whitfield", "Cold calling", "no lesson"),
    (None, "Sam Other", LESSONS[0], "not a participant"),  # enrolled in another programme
    (None, "Dana Whitfield", "Elsewhere lesson", "no lesson"),  # another programme's lesson
]


def test_add_story_refuses_unknown_names_and_names_from_another_programme(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        other = add_programme(session, "Other", END, lessons=["Elsewhere lesson"])
        enrol(session, other.id, "Sam Other")
    for programme_ref, participant, lesson, message in UNKNOWN:
        with pytest.raises(NotFoundError, match=message), ledger.session() as session:
            add_story(session, programme_ref or programme, participant, lesson, **story())
    assert count(ledger, t.Story) == 0


def test_add_story_refuses_the_same_story_twice_whatever_its_spacing_and_case(
    ledger: Ledger, programme: int
) -> None:
    with ledger.session() as session:
        add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
    again = story(situation="a coo   asked for a DEMO in the first call.", success=False)
    with pytest.raises(ConflictError, match="already shared"), ledger.session() as session:
        add_story(session, programme, "Dana Whitfield", LESSONS[1], **again)
    assert count(ledger, t.Story) == 1
    with ledger.session() as session:  # another day, or another teller, is another story
        add_story(
            session, programme, "Dana Whitfield", LESSONS[0], **story(happened_on="2026-04-11")
        )
        add_story(session, programme, "Lee Park", LESSONS[0], **story())
    assert count(ledger, t.Story) == 3


def test_add_story_refuses_a_date_in_the_future(ledger: Ledger, programme: int) -> None:
    with pytest.raises(FieldError, match="future"), ledger.session() as session:
        add_story(
            session,
            programme,
            "Dana Whitfield",
            LESSONS[0],
            **story(happened_on=dt.date(2026, 6, 2)),
        )
    assert count(ledger, t.Story) == 0


def test_follow_up_questions_are_open_until_answered_once(ledger: Ledger, programme: int) -> None:
    with ledger.session() as session:
        first = add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
        q = ask_question(session, first.id, "Coach", "What did the COO say next?")
        question_id = q.id
        with pytest.raises(ConflictError, match="already has this question open"):
            ask_question(session, first.id, "Coach", "what did the COO say  next?")
    with ledger.session() as session:
        (open_one,) = open_questions(session, programme)
        assert (open_one.participant, open_one.answer) == ("Dana Whitfield", None)
        answer_question(session, question_id, "That she had not been asked that before.")
    with ledger.session() as session:
        assert open_questions(session, programme) == []
        (record,) = list_stories(session, programme)
        assert record.questions[0].answer == "That she had not been asked that before."
    with pytest.raises(ConflictError, match="already answered"), ledger.session() as session:
        answer_question(session, question_id, "Again")
    with pytest.raises(NotFoundError), ledger.session() as session:
        answer_question(session, 999, "Nothing")
    with pytest.raises(FieldError, match="body"), ledger.session() as session:
        add_comment(session, first.id, "Lee", "  ")
    with pytest.raises(NotFoundError, match="no story"), ledger.session() as session:
        add_comment(session, 999, "Lee", "Hello")
    assert (count(ledger, t.StoryComment), count(ledger, t.FollowUp)) == (0, 1)


def test_a_duplicate_that_slips_past_the_checks_is_a_conflict_and_rolled_back(
    ledger: Ledger, programme: int
) -> None:
    """Two writers at once both pass the look-up; the unique constraint stops the second."""
    with ledger.session() as session:
        first = add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
        columns = {
            c: getattr(first, c)
            for c in (
                "programme_id",
                "lesson_id",
                "participant_id",
                "situation",
                "action",
                "outcome",
                "happened_on",
                "fingerprint",
            )
        }
    with pytest.raises(ConflictError, match="already shared"), ledger.session() as session:
        add_comment(session, first.id, "Lee", "kept only if the story is")
        insert(session, t.Story(**columns), "Dana Whitfield already shared this story")
    assert (count(ledger, t.Story), count(ledger, t.StoryComment)) == (1, 0)


def test_the_story_exchange_survives_a_backup_and_restore(
    ledger: Ledger, programme: int, tmp_path: Path
) -> None:
    with ledger.session() as session:
        row = add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
        ask_question(session, row.id, "Coach", "And then?")
        attribute(
            session,
            programme,
            "Lee Park",
            client="Acme",
            amount=10,
            share=50,
            sold_on=END,
            reason="r",
            today=END,
        )
        before = list_stories(session, programme)
    path = tmp_path / "backup.json"
    export_json(ledger, path)
    restore(ledger, path, replace=True)
    with ledger.session() as session:
        assert list_stories(session, programme) == before
        assert programme_report(session, programme).revenue == 5


@pytest.mark.parametrize(
    ("text", "problem"),
    [("fine\x00then", "NUL character"), ("lone \ud800 half", "lone surrogate")],
)
def test_story_text_the_databases_cannot_store_is_refused_by_its_field(
    ledger: Ledger, programme: int, text: str, problem: str
) -> None:
    with ledger.session() as session:
        row = add_story(session, programme, "Dana Whitfield", LESSONS[0], **story())
        story_id = row.id
    writes = [
        lambda s: add_comment(s, story_id, "Lee Park", text),
        lambda s: add_comment(s, story_id, text, "A fine comment."),
        lambda s: ask_question(s, story_id, "Lee Park", text),
        lambda s: add_story(s, programme, "Lee Park", LESSONS[0], **story(situation=text)),
    ]
    for write in writes:
        with pytest.raises(FieldError, match=problem), ledger.session() as session:
            write(session)
    assert count(ledger, t.StoryComment) == 0
    assert count(ledger, t.FollowUp) == 0
