"""Snippets: who keeps them, who consents, and what a lesson uses, on both databases."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from tests.ledger.test_calls import DAY, add_call
from trustworks.errors import ConflictError, FieldError, NotAllowedError, NotFoundError
from trustworks.ledger import tables as t
from trustworks.ledger import users
from trustworks.ledger.access import scope_for
from trustworks.ledger.database import Ledger
from trustworks.ledger.programmes import add_programme
from trustworks.ledger.snippets import (
    lesson_snippets,
    list_snippets,
    save_snippet,
    set_consent,
    use_in_lesson,
)


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))


@pytest.fixture
def setup(ledger: Ledger) -> dict[str, int]:
    """maria manages dana; ryan is on no team; dana has a call with two findings."""
    with ledger.session() as s:
        made = {
            "maria": users.add_user(s, "maria", "a long enough password", "manager", seller="M"),
            "ryan": users.add_user(s, "ryan", "a long enough password", "manager", seller="R"),
        }
        made["dana"] = users.add_user(
            s, "dana", "a long enough password", "seller", seller="Dana", manager="maria"
        )
        account = t.Account(name="Northwind", owner="Dana")
        s.add(account)
        s.flush()
        call = add_call(
            s,
            account,
            made["dana"],
            DAY,
            1.5,
            (("dodges_price_question", "price", -1), ("pounces_on_need", "listening", -1)),
        )
        lesson = add_programme(s, "Discovery", DAY, lessons=("Ask first",))
        lesson_id = s.scalar(select(t.Lesson.id).where(t.Lesson.programme_id == lesson.id))
        assert lesson_id is not None
        return {**{k: u.id for k, u in made.items()}, "call": call, "lesson": lesson_id}


def test_snippet_needs_consent_before_a_lesson_and_leaves_it_when_withdrawn(
    ledger: Ledger, setup: dict[str, int]
) -> None:
    with ledger.session() as s:
        maria, dana, ryan = (
            scope_for(s, s.get(t.User, setup[n]))  # type: ignore[arg-type]
            for n in ("maria", "dana", "ryan")
        )
        with pytest.raises(NotAllowedError):
            save_snippet(s, dana, setup["call"], turn=0, finding=0)
        with pytest.raises(NotFoundError):
            save_snippet(s, ryan, setup["call"], turn=0, finding=0)  # another team's call
        with pytest.raises(FieldError):
            save_snippet(s, maria, setup["call"], turn=0, finding=5)
        kept = save_snippet(s, maria, setup["call"], turn=0, finding=1, note="ask first")
        assert (kept.signal, kept.consent, kept.seller) == ("pounces_on_need", False, "Dana")
        with pytest.raises(ConflictError):
            use_in_lesson(s, maria, kept.id, setup["lesson"])
        with pytest.raises(NotAllowedError):
            set_consent(s, maria, kept.id, True)  # only the call's seller
        assert set_consent(s, dana, kept.id, True, today=dt.date(2026, 12, 1)).consent
        used = use_in_lesson(s, maria, kept.id, setup["lesson"])
        assert used.lessons == ("Discovery: Ask first",)
        assert [x.id for x in lesson_snippets(s, setup["lesson"])] == [kept.id]
        set_consent(s, dana, kept.id, False)
        assert lesson_snippets(s, setup["lesson"]) == []
        assert [x.id for x in list_snippets(s, dana)] == [kept.id]
        assert list_snippets(s, ryan) == []
