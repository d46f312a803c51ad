"""Imports link the CRM's owner column to users (by ledger name, username/e-mail or an owners
table), and list owners that match no user before anything is written. Both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from trustworks.errors import FieldError, FormatError, ImportFileError, TrustworksError
from trustworks.ledger import tables
from trustworks.ledger.access import scope_of
from trustworks.ledger.database import Ledger
from trustworks.ledger.imports import import_text
from trustworks.ledger.owners import Owners, give_account, read_owners_table, unowned_accounts
from trustworks.ledger.users import add_user

PASSWORD = "a long enough password"
HUBSPOT = "Record ID,Company name,Company owner\n"


@pytest.fixture
def team(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    """Dana (username dana@x.com) and Ryan, sellers; Maria, Dana's manager."""
    return _add_team(ledger, monkeypatch)


def _add_team(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> Ledger:
    from argon2 import PasswordHasher

    from trustworks.ledger import users

    monkeypatch.setattr(users, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024))
    with ledger.session() as s:
        add_user(s, "maria", PASSWORD, "manager", seller="Maria Gomez")
        add_user(s, "dana@x.com", PASSWORD, "seller", seller="Dana Whitfield", manager="maria")
        add_user(s, "ryan", PASSWORD, "seller", seller="Ryan Cole")
    return ledger


def _owners(ledger: Ledger) -> dict[str, str | None]:
    with ledger.session() as s:
        return {a.name: a.owner for a in s.scalars(select(tables.Account))}


def _accounts(ledger: Ledger) -> int:
    with ledger.session() as s:
        return s.scalar(select(func.count()).select_from(tables.Account)) or 0


def _seen_by(ledger: Ledger, username: str) -> set[str]:
    with ledger.session() as s:
        user = s.scalars(select(tables.User).where(tables.User.username == username)).one()
        scope = scope_of(s, user.id, user.username, user.role, user.seller)
        return {a.name for a in s.scalars(select(tables.Account)) if scope.sees(a.owner)}


def test_import_links_owner_by_ledger_name_in_any_case_and_by_e_mail(team: Ledger) -> None:
    text = HUBSPOT + "1,Acme,dana  WHITFIELD\n2,Globex,DANA@X.COM\n3,Initech,ryan\n"
    report = import_text(team, "accounts", text, "companies.csv", "hubspot")
    assert report.created == 3 and report.unowned == ()
    assert report.owners_linked == (
        ("DANA@X.COM", "Dana Whitfield", 1),
        ("dana  WHITFIELD", "Dana Whitfield", 1),
        ("ryan", "Ryan Cole", 1),
    )
    assert _owners(team) == {
        "Acme": "Dana Whitfield",
        "Globex": "Dana Whitfield",
        "Initech": "Ryan Cole",
    }
    assert _seen_by(team, "dana@x.com") == {"Acme", "Globex"}
    assert _seen_by(team, "ryan") == {"Initech"}
    assert _seen_by(team, "maria") == {"Acme", "Globex"}


def test_import_links_owner_by_the_address_a_user_gave_for_notifications(team: Ledger) -> None:
    from trustworks.ledger.notifications import set_email

    with team.session() as s:
        ryan = s.scalars(select(tables.User).where(tables.User.username == "ryan")).one()
        set_email(s, ryan.id, "ryan.cole@example.com")
    text = HUBSPOT + "1,Acme,Ryan.Cole@Example.com\n"
    report = import_text(team, "accounts", text, "companies.csv", "hubspot")
    assert report.unowned == ()
    assert _owners(team) == {"Acme": "Ryan Cole"}
    assert _seen_by(team, "ryan") == {"Acme"}


def test_import_an_address_two_users_gave_links_nobody(team: Ledger) -> None:
    from trustworks.ledger.notifications import set_email

    with team.session() as s:
        for username in ("ryan", "maria"):
            user = s.scalars(select(tables.User).where(tables.User.username == username)).one()
            set_email(s, user.id, "sales@example.com")
    with pytest.raises(TrustworksError, match=r"sales@example\.com"):
        import_text(team, "accounts", HUBSPOT + "1,Acme,sales@example.com\n", "c.csv", "hubspot")
    assert _accounts(team) == 0


def test_import_refuses_unmatched_owners_listing_them_and_writes_nothing(team: Ledger) -> None:
    text = HUBSPOT + "1,Acme,Dana W.\n2,Globex,Dana Whitfield\n3,Initech,someone@else.com\n"
    with pytest.raises(ImportFileError) as info:
        import_text(team, "accounts", text, "companies.csv", "hubspot")
    assert [line for line, _ in info.value.problems] == [2, 4]
    assert "'Dana W.' matches no user" in str(info.value)
    assert "--unmatched-owners nobody" in str(info.value)
    assert _accounts(team) == 0


def test_import_unmatched_owners_nobody_imports_them_owned_by_nobody(team: Ledger) -> None:
    text = HUBSPOT + "1,Acme,Dana W.\n2,Globex,Dana Whitfield\n3,Initech,\n"
    report = import_text(
        team, "accounts", text, "companies.csv", "hubspot", owners=Owners(unmatched="nobody")
    )
    assert report.unmatched_owners == ((2, "Dana W."),)
    assert report.unowned == ((2, "Acme"), (4, "Initech"))
    assert _owners(team) == {"Acme": None, "Globex": "Dana Whitfield", "Initech": None}
    assert _seen_by(team, "dana@x.com") == {"Globex"}
    assert _seen_by(team, "ryan") == set()


def test_import_owners_table_links_other_spellings(team: Ledger, tmp_path: Path) -> None:
    table_file = tmp_path / "owners.csv"
    table_file.write_text(
        "owner,user\nDana W.,dana@x.com\nR. Cole,Ryan Cole\nOld Rep,\n", encoding="utf-8"
    )
    table, lines, source = read_owners_table(table_file)
    text = HUBSPOT + "1,Acme,dana w.\n2,Globex,R. Cole\n3,Initech,Old Rep\n"
    report = import_text(
        team, "accounts", text, "c.csv", "hubspot", owners=Owners(table, source, lines)
    )
    assert report.unmatched_owners == ()  # "Old Rep" is nobody's on purpose
    assert _owners(team) == {"Acme": "Dana Whitfield", "Globex": "Ryan Cole", "Initech": None}


def test_import_owners_table_naming_no_user_fails_before_any_row(
    team: Ledger, tmp_path: Path
) -> None:
    table_file = tmp_path / "owners.csv"
    table_file.write_text("owner,user\nDana W.,Dana Whitfeld\n", encoding="utf-8")
    table, lines, source = read_owners_table(table_file)
    with pytest.raises(FormatError, match=r"owners.csv: line 2: 'Dana Whitfeld' is not a user"):
        import_text(
            team, "accounts", HUBSPOT + "1,Acme,Dana W.\n", "c.csv", "hubspot",
            owners=Owners(table, source, lines),
        )  # fmt: skip
    assert _accounts(team) == 0


def test_import_default_owner_fills_rows_without_one_but_never_replaces(team: Ledger) -> None:
    import_text(team, "accounts", HUBSPOT + "1,Acme,Ryan Cole\n", "a.csv", "hubspot")
    text = HUBSPOT + "1,Acme,\n2,Globex,\n"
    dana = Owners(default="dana@x.com")
    report = import_text(team, "accounts", text, "b.csv", "hubspot", owners=dana)
    assert report.unowned == ()
    assert _owners(team) == {"Acme": "Ryan Cole", "Globex": "Dana Whitfield"}
    with pytest.raises(FieldError, match="owner: 'nobody here'"):
        import_text(
            team, "accounts", HUBSPOT + "3,X,\n", "c.csv", "hubspot",
            owners=Owners(default="nobody here"),
        )  # fmt: skip


def test_import_deals_link_their_owner_and_give_it_the_accounts_they_create(
    team: Ledger,
) -> None:
    text = (
        "Record ID,Deal Name,Deal Stage,Associated Company,Deal owner\n"
        "10,Rollout,qualifiedtobuy,Acme,dana@x.com\n"
    )
    report = import_text(team, "deals", text, "deals.csv", "hubspot")
    assert report.accounts_created == 1 and report.unowned == ()
    with team.session() as s:
        deal = s.scalars(select(tables.Deal)).one()
        account = s.get(tables.Account, deal.account_id)
        assert account is not None
        assert (deal.owner, account.owner) == ("Dana Whitfield", "Dana Whitfield")


def test_import_people_creating_an_account_report_it_unowned(team: Ledger) -> None:
    text = "account,name\nNewco,Priya Shah\n"
    report = import_text(team, "people", text, "p.csv", "trustworks")
    assert report.unowned == ((2, "Newco"),)
    owned = import_text(
        team, "people", "account,name\nOtherco,Lee\n", "q.csv", "trustworks",
        owners=Owners(default="Ryan Cole"),
    )  # fmt: skip
    assert owned.unowned == ()
    assert _owners(team)["Otherco"] == "Ryan Cole"


def test_import_without_users_keeps_owners_as_written(ledger: Ledger) -> None:
    report = import_text(ledger, "accounts", HUBSPOT + "1,Acme,Dana W.\n", "a.csv", "hubspot")
    assert report.unmatched_owners == ()
    assert _owners(ledger) == {"Acme": "Dana W."}


def test_import_inactive_user_is_not_an_owner(team: Ledger) -> None:
    with team.session() as s:
        s.scalars(select(tables.User).where(tables.User.username == "ryan")).one().active = False
    with pytest.raises(ImportFileError, match="'Ryan Cole' matches no user"):
        import_text(team, "accounts", HUBSPOT + "1,Acme,Ryan Cole\n", "a.csv", "hubspot")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("owner,user\nA,b,c\n", "line 2: expected 2 values"),
        ("owner,user\n,dana\n", "line 2: the owner text is empty"),
        ("owner,user\nA,dana\na,ryan\n", "line 3: 'a' is given twice, differently"),
        ("", "empty file"),
    ],
)
def test_read_owners_table_problems_name_the_file_and_line(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "owners.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TrustworksError) as info:
        read_owners_table(path)
    assert "owners.csv" in str(info.value) and problem in str(info.value)


def test_an_owner_text_no_user_has_is_listed_unowned_and_given_by_a_manager(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Imported before anyone could sign in, "Dana W." was kept as written; no user has that
    # ledger name, so no seller sees the account: it is nobody's, to be given by hand.
    import_text(ledger, "accounts", HUBSPOT + "1,Acme,Dana W.\n2,Globex,\n", "a.csv", "hubspot")
    _add_team(ledger, monkeypatch)
    with ledger.session() as s:
        maria = s.scalars(select(tables.User).where(tables.User.username == "maria")).one()
        scope = scope_of(s, maria.id, maria.username, maria.role, maria.seller)
        assert [a.name for a in unowned_accounts(s, scope)] == ["Acme", "Globex"]
        acme = next(a for a in unowned_accounts(s, scope) if a.name == "Acme")
        give_account(s, scope, acme.id, "dana@x.com")
    assert _owners(ledger)["Acme"] == "Dana Whitfield"
    assert _seen_by(ledger, "dana@x.com") == {"Acme"}
