"""The pickers' choices: found by a few letters, in words, only on the accounts given."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session

from trustworks.ledger import repository as repo
from trustworks.ledger.choices import find_choices, label_of, labels_of
from trustworks.ledger.database import Ledger

CONTOSO_CALL = "Contoso: call with Mara North on 2026-11-09 (follow up)"
NORTHWIND_CALL = "Northwind: call with Marcus Lee on 2026-11-09 (follow up)"


def add(s: Session, kind_name: str, /, **values: Any) -> Any:
    return repo.add(s, kind_name, values)


@pytest.fixture
def book(ledger: Ledger) -> dict[str, int]:
    """Two sellers' accounts, with people, a call and a deal on each."""
    ids: dict[str, int] = {}
    with ledger.session() as s:
        for account, owner, person in (
            ("Northwind", "Dana", "Marcus Lee"),
            ("Contoso", "Sam", "Mara North"),
        ):
            ids[account] = add(s, "account", name=account, owner=owner).id
            ids[person] = add(s, "person", account=account, name=person, title="COO").id
            ids[f"{account} call"] = add(
                s,
                "interaction",
                account=account,
                person=person,
                occurred_on=dt.date(2026, 11, 9),
                purpose="follow_up",
            ).id
            ids[f"{account} deal"] = add(s, "deal", account=account, name=f"{account} pilot").id
        ids["100%"] = add(s, "account", name="100% Growth_Co", owner="Dana").id
    return ids


@pytest.mark.parametrize(
    ("what", "query", "expected"),
    [
        ("account", "NORTH", ["Northwind"]),
        ("account", "", ["100% Growth_Co", "Contoso", "Northwind"]),
        ("account", "%", ["100% Growth_Co"]),  # a wildcard is a letter like any other
        ("account", "_", ["100% Growth_Co"]),
        ("person", "mar", ["Mara North (Contoso)", "Marcus Lee (Northwind)"]),
        ("person", "northwind", ["Marcus Lee (Northwind)"]),  # by the account's name too
        ("deal", "pilot", ["Contoso pilot (Contoso)", "Northwind pilot (Northwind)"]),
        ("interaction", "marcus", ["Northwind: call with Marcus Lee on 2026-11-09 (follow up)"]),
        (
            "interaction",
            "2026-11",
            [
                "Contoso: call with Mara North on 2026-11-09 (follow up)",
                "Northwind: call with Marcus Lee on 2026-11-09 (follow up)",
            ],
        ),
        ("account", "\x00north\ud800", ["Northwind"]),  # what no column holds is dropped
        ("interaction", "2026", [CONTOSO_CALL, NORTHWIND_CALL]),  # a year, a month, a day
        ("interaction", "2026-11-09", [CONTOSO_CALL, NORTHWIND_CALL]),
        ("interaction", "2026-11-10", []),
        ("interaction", "2026-13", []),  # no such month: nothing, not an error
        ("interaction", "follow up", [CONTOSO_CALL, NORTHWIND_CALL]),  # a purpose in words
        ("interaction", "CALL", [CONTOSO_CALL, NORTHWIND_CALL]),  # a channel
        ("interaction", "nothing like it", []),
    ],
)
def test_find_choices_matches_words_in_any_case(
    ledger: Ledger, book: dict[str, int], what: str, query: str, expected: list[str]
) -> None:
    with ledger.session() as s:
        found = find_choices(s, what, query, None)
    assert sorted(c.label for c in found) == expected


def test_find_choices_offers_only_the_visible_accounts(
    ledger: Ledger, book: dict[str, int]
) -> None:
    visible = {book["Northwind"]}
    with ledger.session() as s:
        for what in ("account", "person", "interaction", "deal"):
            found = find_choices(s, what, "", visible)
            assert found, what
            assert all("Contoso" not in c.label for c in found), what
        assert find_choices(s, "person", "mara", visible) == []
        assert find_choices(s, "account", "", set()) == []  # sees no account at all


def test_find_choices_narrows_to_one_account(ledger: Ledger, book: dict[str, int]) -> None:
    with ledger.session() as s:
        found = find_choices(s, "person", "", None, account=book["Contoso"])
    assert [c.id for c in found] == [book["Mara North"]]


def test_find_choices_caps_the_number_offered(ledger: Ledger) -> None:
    with ledger.session() as s:
        for n in range(60):
            add(s, "account", name=f"Acme {n:02}")
        assert len(find_choices(s, "account", "acme", None)) == 20
        assert len(find_choices(s, "account", "acme", None, limit=500)) == 50


def test_label_of_names_an_entry_only_when_visible(ledger: Ledger, book: dict[str, int]) -> None:
    with ledger.session() as s:
        call = book["Contoso call"]
        assert label_of(s, "interaction", str(call), None) == (
            "Contoso: call with Mara North on 2026-11-09 (follow up)"
        )
        assert label_of(s, "interaction", call, {book["Northwind"]}) is None
        assert label_of(s, "account", "not a number", None) is None
        assert label_of(s, "account", 2**40, None) is None
        assert labels_of(s, "deal", {book["Northwind deal"], 2**40}) == {
            book["Northwind deal"]: "Northwind pilot (Northwind)"
        }


def test_find_choices_refuses_an_unknown_kind(ledger: Ledger) -> None:
    with ledger.session() as s, pytest.raises(ValueError, match="risk"):
        find_choices(s, "risk", "", None)
