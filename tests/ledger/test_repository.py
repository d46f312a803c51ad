from __future__ import annotations

import datetime as dt

import pytest

from trustworks.errors import ConflictError, FieldError, NotFoundError
from trustworks.ledger import repository as repo
from trustworks.ledger import tables
from trustworks.ledger.database import Ledger


def test_add_account_and_person_then_find_them_by_name(ledger: Ledger) -> None:
    with ledger.session() as s:
        acc = repo.add(s, "account", {"name": "Acme Freight", "owner": "Dana"})
        repo.add(s, "person", {"account": "acme freight", "name": "Marcus Lee", "title": "COO"})
    with ledger.session() as s:
        found = repo.find_account(s, "ACME FREIGHT")
        assert found.id == acc.id
        assert [p.name for p in repo.rows(s, "people", account="Acme Freight")] == ["Marcus Lee"]


def test_duplicate_account_name_is_a_conflict_and_nothing_is_written(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
    with pytest.raises(ConflictError, match="already exists"), ledger.session() as s:
        repo.add(s, "account", {"name": "Beta"})
        repo.add(s, "account", {"name": "acme"})
    with ledger.session() as s:
        assert [a.name for a in repo.rows(s, "accounts")] == ["Acme"]


@pytest.mark.parametrize(
    ("values", "field", "problem"),
    [
        (
            {"account": "Acme", "side": "us", "by": "Dana", "what": "x", "due": "2026-13-01"},
            "due",
            "date",
        ),
        (
            {"account": "Acme", "side": "them", "by": "Dana", "what": "x"},
            "side",
            "'us' or 'client'",
        ),
        (
            {"account": "Acme", "side": "us", "by": "Dana", "what": "x", "colour": "red"},
            "colour",
            "not a field",
        ),
        ({"account": "Acme", "side": "us", "by": "Dana"}, "what", "required"),
    ],
)
def test_invalid_values_name_the_field(
    ledger: Ledger, values: dict[str, str], field: str, problem: str
) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
    with pytest.raises(FieldError) as info, ledger.session() as s:
        repo.add(s, "commitment", values)
    assert info.value.field == field
    assert problem in info.value.problem


def test_unknown_account_is_not_found(ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match="no account 'Nope'"), ledger.session() as s:
        repo.add(s, "goal", {"account": "Nope", "description": "grow"})


def test_edit_revalidates_the_whole_entry(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        c = repo.add(
            s,
            "commitment",
            {"account": "Acme", "side": "us", "by": "Dana", "what": "send the pricing"},
        )
        cid = c.id
    with ledger.session() as s:
        repo.edit(s, "commitment", cid, {"status": "kept"})
    with ledger.session() as s:
        row = repo.get(s, "commitment", cid)
        assert isinstance(row, tables.Commitment)
        assert (row.status, row.resolved_on) == ("kept", dt.date.today())
    with pytest.raises(FieldError, match="resolved_on is set"), ledger.session() as s:
        repo.edit(s, "commitment", cid, {"status": "open"})


def test_deal_stage_history_is_kept(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        d = repo.add(
            s,
            "deal",
            {
                "account": "Acme",
                "name": "Fleet",
                "stage": "discovery",
                "stage_on": "2026-10-01",
                "expected_close": "2026-12-31",
            },
        )
        repo.edit(s, "deal", d.id, {"stage": "proposal", "stage_on": "2026-11-02"})
        repo.edit(s, "deal", d.id, {"amount": "5000"})  # no stage or date change: no history
    with ledger.session() as s:
        history = [
            (h.stage, h.entered_on)
            for h in s.query(tables.StageChange).order_by(tables.StageChange.id)
        ]
    assert history == [("discovery", dt.date(2026, 10, 1)), ("proposal", dt.date(2026, 11, 2))]


def test_removing_an_account_removes_what_hangs_off_it(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        repo.add(s, "person", {"account": "Acme", "name": "Marcus"})
        repo.add(s, "goal", {"account": "Acme", "description": "cut churn"})
    with ledger.session() as s:
        repo.remove(s, "account", "Acme")
    with ledger.session() as s:
        assert repo.rows(s, "people") == []
        assert repo.rows(s, "goals") == []


def test_one_reflection_per_interaction(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        i = repo.add(s, "interaction", {"account": "Acme", "occurred_on": "2026-11-30"})
        repo.add(s, "reflection", {"interaction": str(i.id), "gave_value": "yes"})
        iid = i.id
    with pytest.raises(ConflictError, match="already has a reflection"), ledger.session() as s:
        repo.add(s, "reflection", {"interaction": str(iid), "gave_value": "no"})


def test_ids_beyond_any_database_id_are_simply_not_found(ledger: Ledger) -> None:
    huge = "99999999999999999999999"
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
    for call in (
        lambda s: repo.get(s, "commitment", huge),
        lambda s: repo.find_account(s, huge),
        lambda s: repo.add(s, "goal", {"account": huge, "description": "x"}),
    ):
        with pytest.raises(NotFoundError), ledger.session() as s:
            call(s)


def test_text_with_a_nul_character_is_refused(ledger: Ledger) -> None:
    with pytest.raises(FieldError, match="NUL"), ledger.session() as s:
        repo.add(s, "account", {"name": "N\x00UL"})
    with pytest.raises(NotFoundError), ledger.session() as s:
        repo.find_account(s, "a\x00b")


def test_links_must_stay_on_the_entrys_own_account(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        repo.add(s, "account", {"name": "Beta"})
        call = repo.add(s, "interaction", {"account": "Acme"})
        deal = repo.add(s, "deal", {"account": "Beta", "name": "Pilot"})
        ids = (call.id, deal.id)
    with pytest.raises(ConflictError, match="is not on account 'Beta'"), ledger.session() as s:
        repo.add(
            s,
            "commitment",
            {"account": "Beta", "side": "us", "by": "D", "what": "x", "interaction": str(ids[0])},
        )
    with pytest.raises(ConflictError, match="not on the account of deal"), ledger.session() as s:
        repo.add(
            s, "evidence", {"deal": str(ids[1]), "stage": "discovery", "interaction": str(ids[0])}
        )


def test_clearing_a_required_field_is_refused_not_ignored(ledger: Ledger) -> None:
    with ledger.session() as s:
        acc = repo.add(s, "account", {"name": "Acme"})
    with pytest.raises(FieldError, match="name"), ledger.session() as s:
        repo.edit(s, "account", acc.id, {"name": ""})


def test_a_day_is_reviewed_once_per_seller_whatever_the_case(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "review", {"seller": "Dana Whitfield", "reviewed_on": "2026-12-02"})
    with pytest.raises(ConflictError, match="already reviewed"), ledger.session() as s:
        repo.add(s, "review", {"seller": "dana whitfield", "reviewed_on": "2026-12-02"})


def test_references_may_be_given_as_numbers(ledger: Ledger) -> None:
    with ledger.session() as s:
        acc = repo.add(s, "account", {"name": "Acme"})
        goal = repo.add(s, "goal", {"account": acc.id, "description": "grow"})
        assert goal.account_id == acc.id


def test_deal_names_are_unique_within_an_account(ledger: Ledger) -> None:
    with ledger.session() as s:
        repo.add(s, "account", {"name": "Acme"})
        repo.add(s, "account", {"name": "Beta"})
        repo.add(s, "deal", {"account": "Acme", "name": "Pilot"})
        repo.add(s, "deal", {"account": "Beta", "name": "Pilot"})  # another account: fine
    with (
        pytest.raises(ConflictError, match="already exists at that account"),
        ledger.session() as s,
    ):
        repo.add(s, "deal", {"account": "Acme", "name": "pilot"})
